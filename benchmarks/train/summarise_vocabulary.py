#!/usr/bin/python3
"""Summarises benchmarks/train/vocabulary.sh: pairs/s per vocabulary size and side, median over rounds, as Markdown."""
import glob
import json
import os
import statistics
import sys


def main():
    folder = sys.argv[1]
    runs = {}
    features = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        side, copies, mode, _ = os.path.basename(path)[:-5].split("-")
        with open(path) as f:
            result = json.load(f)
        runs.setdefault((int(copies[1:]), mode, side), []).append(result)
        if side == "itm":
            features[int(copies[1:])] = result["textFeatures"]
    copies = sorted(features)
    print("| text features | itm sparse | PyTorch sparse (SparseAdam) | itm / PyTorch | itm dense | PyTorch dense | itm sparse / dense |")
    print("|---|---|---|---|---|---|---|")
    rate = lambda k, mode, side: statistics.median(r["pairsPerSecond"] for r in runs[(k, mode, side)]) if (k, mode, side) in runs else float("nan")
    for k in copies:
        s_itm, s_peer, d_itm, d_peer = rate(k, "sparse", "itm"), rate(k, "sparse", "pytorch"), rate(k, "dense", "itm"), rate(k, "dense", "pytorch")
        print(f"| {features[k]:,} (×{k}) | {s_itm:,.0f} | {s_peer:,.0f} | {s_itm / s_peer:.2f}× | {d_itm:,.0f} | {d_peer:,.0f} | {s_itm / d_itm:.2f}× |")
    if len(copies) > 1:
        first, last = copies[0], copies[-1]
        print()
        print(f"From ×{first} to ×{last} text features, pairs/s changes by: itm sparse {rate(last, 'sparse', 'itm') / rate(first, 'sparse', 'itm') - 1:+.0%}, "
              f"PyTorch sparse {rate(last, 'sparse', 'pytorch') / rate(first, 'sparse', 'pytorch') - 1:+.0%}, "
              f"itm dense {rate(last, 'dense', 'itm') / rate(first, 'dense', 'itm') - 1:+.0%}, "
              f"PyTorch dense {rate(last, 'dense', 'pytorch') / rate(first, 'dense', 'pytorch') - 1:+.0%}.")
    losses = [(k, mode, side, statistics.median(r["lastWindowMeanLoss"] for r in rs)) for (k, mode, side), rs in sorted(runs.items())]
    print()
    print("Last-window mean loss (the sides train the same thing): " + "; ".join(f"×{k} {mode} {side} {loss:.3f}" for k, mode, side, loss in losses) + ".")


if __name__ == "__main__":
    main()

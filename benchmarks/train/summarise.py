#!/usr/bin/python3
"""Summarises benchmarks/train/run.sh results: per text model, the median window of every round on each side, and their ratio."""
import glob
import json
import os
import statistics
import sys

ORDER = ["bow", "bigram", "trigram", "trigram-skip", "sse"]


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/work/train/results"
    runs = {}
    for path in glob.glob(os.path.join(folder, "*.json")):
        with open(path) as f:
            figures = json.load(f)
        runs.setdefault((figures["text"], figures["side"]), []).append(figures)
    print("| text model | itm pairs/s | PyTorch pairs/s | itm / PyTorch | itm train progress pairs/s | text features | last-window loss itm / PyTorch |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    notes = set()
    for text in [t for t in ORDER if (t, "itm") in runs or (t, "pytorch") in runs]:
        itm = runs.get((text, "itm"), [])
        peer = runs.get((text, "pytorch"), [])
        itm_rate = statistics.median(w for r in itm for w in r["windowPairsPerSecond"]) if itm else float("nan")
        peer_rate = statistics.median(w for r in peer for w in r["windowPairsPerSecond"]) if peer else float("nan")
        reported = statistics.median(r["trainerReportedPairsPerSecond"] for r in itm) if itm else float("nan")
        features = itm[0]["textFeatures"] if itm else ""
        itm_loss = statistics.median(r["lastWindowMeanLoss"] for r in itm) if itm else float("nan")
        peer_loss = statistics.median(r["lastWindowMeanLoss"] for r in peer) if peer else float("nan")
        print(f"| {text} | {itm_rate:.0f} | {peer_rate:.0f} | {itm_rate / peer_rate:.2f} | {reported:.0f} | {features} | {itm_loss:.2f} / {peer_loss:.2f} |")
        for r in itm + peer:
            notes.add(r["runtime"] + (f"; BLAS {r['blas']}" if "blas" in r else ""))
    print()
    for note in sorted(notes):
        print(f"- {note}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Summarises the search benchmark's results.jsonl (written by run.sh): medians over rounds per engine, the ratio
itm / FAISS (above 1 means itm is faster), HNSW recall/throughput curves, the fastest setting of each engine that
reaches recall@10 >= 0.95, build times, and index memory against the raw float32 size of the collection.

    report.py RESULTS.jsonl [--recall 0.95]
"""
import argparse
import json
import statistics
from collections import defaultdict


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=1):
    return "-" if value is None else f"{value:,.{digits}f}"


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results")
    parser.add_argument("--recall", type=float, default=0.95)
    args = parser.parse_args()
    runs = [json.loads(line) for line in open(args.results) if line.strip()]
    exact = defaultdict(list)
    hnsw = defaultdict(list)
    raw_bytes = None
    for run in runs:
        if run.get("rows") and run.get("dim"):
            raw_bytes = run["rows"] * run["dim"] * 4
        if run["phase"] == "exact":
            exact[run["engine"]].append(run)
        elif run["phase"] == "hnsw":
            hnsw[(run["engine"], run["precision"])].append(run)

    blas = sorted({lib for run in runs for lib in run.get("blas", [])})
    print(f"FAISS loaded BLAS: {', '.join(blas) or 'none seen'}")
    print(f"itm: 512-bit vectors: {any(run.get('vector512') for run in runs if run['engine'] == 'itm')}")
    print()
    print("## Exact top-10, queries/s (median of rounds)")
    print("| mode | itm | FAISS IndexFlatIP | itm / FAISS |")
    print("|---|---|---|---|")
    def exact_median(engine, pick):
        return median([pick(run) for run in exact.get(engine, [])])
    rows = [("one query at a time", lambda r: r["single_qps"])]
    sizes = sorted({size for runs_ in exact.values() for run in runs_ for size in run["batch_qps"]}, key=int)
    rows += [(f"batches of {size}", lambda r, s=size: r["batch_qps"].get(s)) for size in sizes]
    for label, pick in rows:
        a, b = exact_median("itm", pick), exact_median("faiss", pick)
        print(f"| {label} | {fmt(a)} | {fmt(b)} | {fmt(ratio(a, b), 2)} |")
    print()

    best = {}
    for (engine, precision), engine_runs in sorted(hnsw.items()):
        name = f"{engine} {precision}"
        builds = [run["build_s"] for run in engine_runs if "build_s" in run]
        print(f"## HNSW {name}: M {engine_runs[0]['connectivity']}, efConstruction {engine_runs[0]['ef_construction']}, "
              f"build {fmt(builds[0] if builds else None, 0)} s")
        print("| ef | re-score multiple | recall@10 | single q/s | batch q/s |")
        print("|---|---|---|---|---|")
        # A narrow graph's points are keyed by the re-scoring multiple too (none for FAISS and float32 graphs).
        points = defaultdict(list)
        for run in engine_runs:
            for point in run["curve"]:
                points[(point.get("rerank") or 0, point["ef"])].append(point)
        curve = []
        for rerank, ef in sorted(points):
            at = points[(rerank, ef)]
            recall = median([p["recall"] for p in at])
            single = median([p["single_qps"] for p in at])
            batch = median([p["batch_qps"] for p in at])
            setting = f"{ef} x{rerank}" if rerank else f"{ef}"
            curve.append((setting, recall, single, batch))
            print(f"| {ef} | {rerank or '-'} | {recall:.4f} | {fmt(single, 0)} | {fmt(batch, 0)} |")
        good = [point for point in curve if point[1] >= args.recall]
        best[name] = {
            "single": max(good, key=lambda p: p[2]) if good else None,
            "batch": max(good, key=lambda p: p[3]) if good else None,
            "build_s": builds[0] if builds else None,
        }
        memory = engine_runs[-1]["memory_kib"]
        disk = engine_runs[-1].get("vector_file_bytes", 0) + engine_runs[-1].get("graph_file_bytes", engine_runs[-1].get("index_file_bytes", 0))
        if raw_bytes:
            print(f"memory: on disk {disk / 1e6:,.0f} MB = {disk / raw_bytes:.2f}x raw; serving process RSS "
                  f"{memory['VmRssKiB'] * 1024 / 1e6:,.0f} MB = {memory['VmRssKiB'] * 1024 / raw_bytes:.2f}x raw "
                  f"(file-backed {memory['RssFileKiB'] * 1024 / 1e6:,.0f} MB, anonymous {memory['RssAnonKiB'] * 1024 / 1e6:,.0f} MB)")
        print()

    print(f"## HNSW at the fastest setting reaching recall@10 >= {args.recall}")
    print("| engine | build s | single: ef, recall, q/s | batch: ef, recall, q/s |")
    print("|---|---|---|---|")
    for name, b in best.items():
        def cell(point, column):
            return "not reached" if point is None else f"{point[0]}, {point[1]:.4f}, {point[column]:,.0f}"
        print(f"| {name} | {fmt(b['build_s'], 0)} | {cell(b['single'], 2)} | {cell(b['batch'], 3)} |")
    int8 = best.get("itm int8")
    for name, b in best.items():
        if name.startswith("itm") and name != "itm int8" and int8 and b["single"] and int8["single"]:
            print(f"{name} / itm int8: single {b['single'][2] / int8['single'][2]:.2f}x, "
                  f"batch {b['batch'][3] / int8['batch'][3]:.2f}x, build time {fmt(ratio(b['build_s'], int8['build_s']), 2)}x")
    faiss = best.get("faiss float32")
    for name, b in best.items():
        if name.startswith("itm") and faiss and b["single"] and faiss["single"]:
            print(f"{name} / faiss float32: single {b['single'][2] / faiss['single'][2]:.2f}x, "
                  f"batch {b['batch'][3] / faiss['batch'][3]:.2f}x, build time {fmt(ratio(b['build_s'], faiss['build_s']), 2)}x")


if __name__ == "__main__":
    main()

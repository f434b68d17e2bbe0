#!/usr/bin/python3
"""The FAISS side of the search benchmark: exact (IndexFlatIP) and HNSW (IndexHNSWFlat, inner product) top-k over
base.npy for the queries in queries.npy, timed the way the itm side is (benchmarks/Itm.Benchmarks/Search), printing one
JSON object of figures on stdout and progress on stderr.

    faiss_peer.py --phase exact|hnsw [--data DIR] [--work DIR] [--k 10] [--single 50] [--batch 100,1000]
                  [--ef 16,32,64] [--connectivity 16] [--ef-construction 128] [--threads 2] [--rebuild]

Recall is measured against FAISS's own exact top-k (IndexFlatIP), computed once and kept in WORK.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import faiss


def log(message):
    print(f"faiss_peer: {message}", file=sys.stderr, flush=True)


def memory_kib():
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssFile", "RssAnon"):
                fields[name] = int(value.split()[0])
    return {"VmRssKiB": fields.get("VmRSS", 0), "RssFileKiB": fields.get("RssFile", 0), "RssAnonKiB": fields.get("RssAnon", 0)}


def blas_in_use():
    """The BLAS library this process mapped (FAISS's sgemm goes through it)."""
    with open("/proc/self/maps") as maps:
        libraries = {line.split()[-1] for line in maps if "blas" in line.lower()}
    return sorted(os.path.realpath(path) for path in libraries)


def recall(truth, found):
    k = truth.shape[1]
    return float(np.mean([len(set(t) & set(f)) / k for t, f in zip(truth, found)]))


def exact_truth(base, queries, k, path):
    if os.path.exists(path):
        return np.load(path)
    index = faiss.IndexFlatIP(base.shape[1])
    index.add(base)
    _, truth = index.search(queries, k)
    np.save(path, truth)
    return truth


def time_single(index, queries, k, count):
    """Queries one at a time, with 1 OpenMP thread and with the run's thread count; the faster is FAISS's figure.

    FAISS opens an OpenMP parallel region per call even for one query, and waking the team costs more than a
    small search (an HNSW walk) takes, so one thread is often faster for single queries: the peer gets its best."""
    threads = faiss.omp_get_max_threads()
    best = None
    for team in sorted({1, threads}):
        faiss.omp_set_num_threads(team)
        found = []
        start = time.perf_counter()
        for q in range(count):
            _, rows = index.search(queries[q:q + 1], k)
            found.append(rows[0])
        rate = count / (time.perf_counter() - start)
        log(f"  single queries with {team} thread(s): {rate:.1f} q/s")
        if best is None or rate > best[0]:
            best = (rate, np.array(found))
    faiss.omp_set_num_threads(threads)
    return best


def time_batches(index, queries, k, size):
    found = []
    start = time.perf_counter()
    for first in range(0, len(queries), size):
        _, rows = index.search(queries[first:first + size], k)
        found.append(rows)
    return len(queries) / (time.perf_counter() - start), np.concatenate(found)


def run_exact(args, queries, truth):
    base = np.load(os.path.join(args.data, "base.npy"), mmap_mode="r")
    index = faiss.IndexFlatIP(base.shape[1])
    index.add(np.ascontiguousarray(base))
    del base
    index.search(queries[:2], args.k)  # untimed, as on the itm side
    single, found = time_single(index, queries, args.k, args.single)
    log(f"exact, {args.single} single queries: {single:.1f} q/s")
    figures = {"rows": index.ntotal, "dim": index.d, "k": args.k, "single_qps": single,
               "single_recall": recall(truth[:args.single], found), "batch_qps": {}}
    batch_recall = 1.0
    for size in args.batch:
        qps, found = time_batches(index, queries, args.k, size)
        batch_recall = min(batch_recall, recall(truth, found))
        log(f"exact, batches of {size}: {qps:.1f} q/s")
        figures["batch_qps"][str(size)] = qps
    figures["batch_recall"] = batch_recall
    figures["memory_kib"] = memory_kib()
    return figures


def run_hnsw(args, queries, truth):
    path = os.path.join(args.work, f"hnsw-m{args.connectivity}-efc{args.ef_construction}.faiss")
    figures = {"k": args.k, "connectivity": args.connectivity, "ef_construction": args.ef_construction, "precision": "float32"}
    if args.rebuild or not os.path.exists(path):
        base = np.load(os.path.join(args.data, "base.npy"))
        index = faiss.IndexHNSWFlat(base.shape[1], args.connectivity, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = args.ef_construction
        log(f"building the graph over {len(base)} rows with {args.threads} threads")
        start = time.perf_counter()
        index.add(base)
        figures["build_s"] = time.perf_counter() - start
        log(f"built in {figures['build_s']:.0f} s")
        faiss.write_index(index, path)
        del index, base
    # Served the way the itm side is: a fresh process state holding only the saved index and the queries.
    index = faiss.read_index(path)
    figures.update({"rows": index.ntotal, "dim": index.d, "curve": []})
    for ef in args.ef:
        index.hnsw.efSearch = ef
        index.search(queries[:20], args.k)
        single, found = time_single(index, queries, args.k, len(queries))
        batched, batch_found = time_batches(index, queries, args.k, len(queries))
        point = {"ef": ef, "recall": recall(truth, found), "batch_recall": recall(truth, batch_found),
                 "single_qps": single, "batch_qps": batched}
        log(f"hnsw ef {ef}: recall@{args.k} {point['recall']:.4f}, single {single:.0f} q/s, batch {batched:.0f} q/s")
        figures["curve"].append(point)
    figures["memory_kib"] = memory_kib()
    figures["index_file_bytes"] = os.path.getsize(path)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phase", choices=["exact", "hnsw"], required=True)
    parser.add_argument("--data", default="benchmarks/work/search")
    parser.add_argument("--work", default="benchmarks/work/search/faiss")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--single", type=int, default=50)
    parser.add_argument("--batch", type=lambda s: [int(x) for x in s.split(",")], default=[100, 1000])
    parser.add_argument("--ef", type=lambda s: [int(x) for x in s.split(",")], default=[16, 24, 32, 48, 64, 96, 128])
    parser.add_argument("--connectivity", type=int, default=16)
    parser.add_argument("--ef-construction", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    faiss.omp_set_num_threads(args.threads)
    queries = np.load(os.path.join(args.data, "queries.npy"))
    truth_path = os.path.join(args.work, f"truth-k{args.k}.npy")
    if not os.path.exists(truth_path):
        exact_truth(np.load(os.path.join(args.data, "base.npy")), queries, args.k, truth_path)
    truth = np.load(truth_path)
    figures = run_exact(args, queries, truth) if args.phase == "exact" else run_hnsw(args, queries, truth)
    figures.update({"engine": "faiss", "faiss": faiss.__version__, "phase": args.phase,
                    "threads": faiss.omp_get_max_threads(), "blas": blas_in_use()})
    print(json.dumps(figures))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the search benchmarks' collection and queries as .npy files (float32, unit rows).

Random Gaussian vectors are a poor stand-in for embeddings (every pair is nearly orthogonal, and graph indexes behave
unlike they do on real data), so the rows are drawn around cluster centres the way joint-space embeddings of
photographs bunch around concepts: a centre per cluster, Gaussian noise of a fixed norm around it, then L2-normalised.
The mean cosine to the own centre is ~0.7. Queries come from the same distribution and are not in the collection.

    make_vectors.py OUT_DIR [--rows 1000000] [--queries 1000] [--dim 256] [--clusters 4096] [--seed 7]
"""
import argparse
import os
import numpy as np


def unit(rows):
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def draw(rng, centres, count, spread, chunk=100_000):
    out = np.empty((count, centres.shape[1]), dtype=np.float32)
    for start in range(0, count, chunk):
        n = min(chunk, count - start)
        which = rng.integers(0, len(centres), size=n)
        noise = rng.standard_normal((n, centres.shape[1]), dtype=np.float32) * (spread / np.sqrt(centres.shape[1]))
        out[start:start + n] = unit(centres[which] + noise)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--dim", type=int, default=256)
    parser.add_argument("--clusters", type=int, default=4096)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    centres = unit(rng.standard_normal((args.clusters, args.dim), dtype=np.float32))
    spread = 1.0
    np.save(os.path.join(args.out, "base.npy"), draw(rng, centres, args.rows, spread))
    np.save(os.path.join(args.out, "queries.npy"), draw(rng, centres, args.queries, spread))
    print(f"{args.out}: base.npy {args.rows}x{args.dim}, queries.npy {args.queries}x{args.dim}")


if __name__ == "__main__":
    main()

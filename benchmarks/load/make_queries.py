#!/usr/bin/env python3
"""Writes the load test's queries: distinct captions of a dataset, URL-encoded, one per line, in a seeded random order.

    make_queries.py DATASET_JSON OUT_FILE [--count 2000] [--seed 1]
"""
import argparse
import json
import random
import urllib.parse


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset")
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with open(args.dataset, encoding="utf-8") as f:
        images = json.load(f)["images"]
    sentences = sorted({s["raw"].strip() for image in images for s in image["sentences"] if s["raw"].strip()})
    random.Random(args.seed).shuffle(sentences)
    with open(args.out, "w", encoding="ascii") as f:
        for sentence in sentences[: args.count]:
            f.write(urllib.parse.quote(sentence, safe="") + "\n")


if __name__ == "__main__":
    main()

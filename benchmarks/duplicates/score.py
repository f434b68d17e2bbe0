"""Pair precision and recall of `itm duplicates --json` on a half of the generated set (benchmarks/duplicates/run.sh).

The truth is in the file names: `fNNNN-KIND.ext` are the original and the copies of drawing NNNN (every two of them are
a duplicate pair), `dNNNN.png` are drawings that appear once. A predicted pair is any two images of one group.
Also prints, per kind of copy, the share of copies that are in their original's group.
Usage: score.py DUPLICATES_JSON IMAGES_DIR   (prints one JSON object)
"""
import itertools
import json
import os
import re
import sys
from collections import defaultdict

FAMILY = re.compile(r"^(f\d+)-([a-z-]+)\.")


def family_of(path):
    match = FAMILY.match(os.path.basename(path))
    return (match.group(1), match.group(2)) if match else (None, None)


def main():
    answer_path, images_dir = sys.argv[1], sys.argv[2]
    with open(answer_path, encoding="utf-8") as f:
        answer = json.load(f)
    families = defaultdict(list)
    for name in os.listdir(images_dir):
        family, _ = family_of(name)
        if family:
            families[family].append(name)
    truth = {frozenset(p) for members in families.values() for p in itertools.combinations(members, 2)}

    predicted = set()
    group_of = {}
    for number, group in enumerate(answer["groups"]):
        names = [os.path.basename(image["relativePath"]) for image in group["images"]]
        predicted.update(frozenset(p) for p in itertools.combinations(names, 2))
        group_of.update((name, number) for name in names)

    right = len(truth & predicted)
    kinds = defaultdict(lambda: [0, 0])
    for family, members in families.items():
        original = next(m for m in members if family_of(m)[1] == "original")
        for member in members:
            kind = family_of(member)[1]
            if kind != "original":
                kinds[kind][1] += 1
                kinds[kind][0] += original in group_of and group_of.get(member) == group_of[original]

    print(json.dumps({
        "threshold": answer["threshold"],
        "images": answer["images"],
        "groups": len(answer["groups"]),
        "truePairs": len(truth),
        "predictedPairs": len(predicted),
        "precision": round(right / len(predicted), 4) if predicted else 1.0,
        "recall": round(right / len(truth), 4) if truth else 1.0,
        "copiesFound": {kind: round(found / total, 4) for kind, (found, total) in sorted(kinds.items())},
    }))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The two halves of the chaos run (benchmarks/load/chaos.sh).

probe:  asks `itm serve` for the images most similar to indexed images (GET /api/similar/ID?k=K), one request after
        another for a given time, and writes every answer as a JSON line: when it was sent and answered, the status,
        the generation that answered (X-Itm-Generation), the ids and scores, or the error's text.
verify: checks every answer against an exact scan of the snapshot it was served from (the catalog and vector file
        copied after each index run): the same ids in the same order and the same scores (within a tolerance; ids
        whose scores tie at the cut-off may swap). Every other answer must be a 503 that names a Garnet node, sent
        while a node was down (from its kill until itm answered again after its restart). Writes the figures as JSON.
"""
import argparse
import glob
import http.client
import json
import os
import random
import re
import sqlite3
import sys
import time

import numpy as np

SCORE_TOLERANCE = 1e-4
HEADER_BYTES = 64   # the vector file's header (src/Itm.Index/Vectors/VectorFileHeader.cs)


def now_ms():
    return time.time() * 1000.0


def probe(args):
    ids = [int(line) for line in open(args.ids) if line.strip()]
    rng = random.Random(args.seed)
    host, port = args.url.split("//", 1)[1].rstrip("/").split(":")
    connection = None
    end = time.time() + args.seconds
    with open(args.out, "w") as out:
        while time.time() < end:
            image = rng.choice(ids)
            sent = now_ms()
            record = {"sent": sent, "id": image, "k": args.k}
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(host, int(port), timeout=10)
                connection.request("GET", f"/api/similar/{image}?k={args.k}")
                response = connection.getresponse()
                body = response.read()
                record["status"] = response.status
                record["generation"] = response.getheader("X-Itm-Generation")
                if response.status == 200:
                    record["results"] = [[r["id"], r["score"]] for r in json.loads(body)["results"]]
                else:
                    record["error"] = body.decode("utf-8", "replace")[:600]
            except (OSError, http.client.HTTPException) as error:
                record["status"] = 0
                record["error"] = f"{type(error).__name__}: {error}"
                connection = None
                time.sleep(0.05)
            record["answered"] = now_ms()
            out.write(json.dumps(record) + "\n")


def load_snapshot(folder):
    """The live image ids of a snapshot and their vectors: {id: row of the matrix}, matrix."""
    db = sqlite3.connect(f"file:{folder}/catalog.db?mode=ro", uri=True)
    meta = dict(db.execute("SELECT key, value FROM meta"))
    file_generation = int(meta["images.generation"])
    committed = int(meta["images.committed_rows"])
    dimension = int(meta["dimension"])
    rows = db.execute("SELECT id, vector_row FROM images WHERE vector_row IS NOT NULL ORDER BY vector_row").fetchall()
    db.close()
    data = np.fromfile(f"{folder}/images-{file_generation}.vectors", dtype="<f4", offset=HEADER_BYTES)
    vectors = data[: committed * dimension].reshape(committed, dimension)
    ids = np.array([image for image, _ in rows], dtype=np.int64)
    matrix = vectors[[row for _, row in rows]]
    return {int(image): i for i, image in enumerate(ids)}, ids, matrix


def exact_similar(snapshot, image, k):
    """Every live image's score against an indexed image (itself -inf), and the k best scores, best first."""
    position, _, matrix = snapshot
    scores = matrix @ matrix[position[image]]
    scores[position[image]] = -np.inf
    return scores, np.sort(scores)[::-1][:k]


def answer_is_exact(results, snapshot, scores, best):
    """Right when the answer has as many images as an exact scan, no image twice, each image's score is its exact
    score, and the scores rank by rank are the exact top k's: the same top k up to images whose scores tie."""
    position = snapshot[0]
    if len(results) != len(best):
        return False, f"{len(results)} results, an exact scan gives {len(best)}"
    if len({image for image, _ in results}) != len(results):
        return False, "an image appears twice"
    for rank, ((image, score), want) in enumerate(zip(results, best)):
        if image not in position or not np.isfinite(scores[position[image]]):
            return False, f"rank {rank + 1} is image {image}, which the snapshot does not hold (or the query itself)"
        if abs(scores[position[image]] - score) > SCORE_TOLERANCE:
            return False, f"rank {rank + 1} (image {image}) scored {score:.6f}, its exact score is {scores[position[image]]:.6f}"
        if abs(score - want) > SCORE_TOLERANCE:
            return False, f"rank {rank + 1} scored {score:.6f}, the exact rank {rank + 1} scores {want:.6f}"
    return True, ""


def read_events(path):
    """kill / start / ready times per node (ms), in order."""
    events = []
    for line in open(path):
        parts = line.split()
        if len(parts) == 3:
            events.append((float(parts[0]), parts[1], parts[2]))
    return events


def outages(events, answers):
    """Each node outage: killed, restarted, answering PING, and itm answering 200 again (the first 200 sent after
    the node answered PING)."""
    spans = []
    open_spans = {}
    for at, what, node in events:
        if what == "kill":
            open_spans[node] = {"node": node, "killed": at}
        elif what in ("start", "ready") and node in open_spans:
            open_spans[node][what] = at
            if what == "ready":
                spans.append(open_spans.pop(node))
    spans.extend(open_spans.values())
    ok_times = sorted(a["sent"] for a in answers if a["status"] == 200)
    for span in spans:
        ready = span.get("ready")
        later = [t for t in ok_times if ready is not None and t >= ready]
        span["itm_ok"] = later[0] if later else None
    return spans


def verify(args):
    answers = [json.loads(line) for line in open(args.probes)]
    snapshots = {}
    for folder in sorted(glob.glob(os.path.join(args.snapshots, "gen-*"))):
        snapshots[int(folder.rsplit("-", 1)[1])] = load_snapshot(folder)
    spans = outages(read_events(args.events), answers)

    def down_at(t):
        return any(s["killed"] <= t <= (s.get("itm_ok") or float("inf")) for s in spans)

    counts = {"answers": len(answers), "ok": 0, "right": 0, "wrong": 0, "unverifiable": 0,
              "unavailable_503": 0, "unavailable_503_while_up": 0, "other_errors": 0}
    wrong, other, stray = [], [], []
    node_named = re.compile(r"Garnet node [0-9.]+:\d+|unreachable node")
    for answer in answers:
        status = answer["status"]
        if status == 200:
            counts["ok"] += 1
            generation = int(answer["generation"]) if answer.get("generation") else None
            if generation not in snapshots:
                counts["unverifiable"] += 1
                continue
            scores, best = exact_similar(snapshots[generation], answer["id"], answer["k"])
            right, why = answer_is_exact(answer["results"], snapshots[generation], scores, best)
            if right:
                counts["right"] += 1
            else:
                counts["wrong"] += 1
                wrong.append({"id": answer["id"], "generation": generation, "why": why})
        elif status == 503 and node_named.search(answer.get("error", "")):
            counts["unavailable_503"] += 1
            if not down_at(answer["sent"]) and not down_at(answer["answered"]):
                counts["unavailable_503_while_up"] += 1
                stray.append({"sent": answer["sent"], "error": answer["error"][:300]})
        else:
            counts["other_errors"] += 1
            other.append({"status": status, "sent": answer["sent"], "error": answer.get("error", "")[:300]})

    recoveries = [{"node": s["node"],
                   "node_start_s": round((s["ready"] - s["start"]) / 1000, 2) if "ready" in s and "start" in s else None,
                   "itm_after_node_s": round((s["itm_ok"] - s["ready"]) / 1000, 2) if s.get("itm_ok") and "ready" in s else None,
                   "down_s": round(((s.get("itm_ok") or s["killed"]) - s["killed"]) / 1000, 2)}
                  for s in spans]
    after_node = sorted(r["itm_after_node_s"] for r in recoveries if r["itm_after_node_s"] is not None)
    after_start = sorted(r["node_start_s"] + r["itm_after_node_s"] for r in recoveries
                         if r["itm_after_node_s"] is not None and r["node_start_s"] is not None)

    def median(values):
        return values[len(values) // 2] if values else None

    result = {"counts": counts, "generations_served": sorted({int(a["generation"]) for a in answers if a.get("generation")}),
              "snapshots": sorted(snapshots), "outages": len(spans), "recoveries": recoveries,
              "recovery_after_node_answers_s": {"median": median(after_node), "max": after_node[-1] if after_node else None},
              "recovery_after_restart_s": {"median": median(after_start), "max": after_start[-1] if after_start else None},
              "wrong_examples": wrong[:20], "other_error_examples": other[:20], "stray_503_examples": stray[:20]}
    json.dump(result, open(args.out, "w"), indent=2)
    print(json.dumps({key: result[key] for key in ("counts", "outages", "recovery_after_node_answers_s", "recovery_after_restart_s")}))
    if wrong:
        print("wrong answers, e.g.:", json.dumps(wrong[:3]), file=sys.stderr)
    if other:
        print("other errors, e.g.:", json.dumps(other[:3]), file=sys.stderr)
    if stray:
        print("503s while every node was up, e.g.:", json.dumps(stray[:3]), file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("probe")
    p.add_argument("--url", required=True)
    p.add_argument("--ids", required=True, help="a file of indexed image ids to ask about, one per line")
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True)
    v = commands.add_parser("verify")
    v.add_argument("--probes", required=True)
    v.add_argument("--snapshots", required=True, help="a folder of gen-N folders (catalog.db and the image vector file)")
    v.add_argument("--events", required=True, help="lines 'MS kill|start|ready HOST:PORT'")
    v.add_argument("--out", required=True)
    args = parser.parse_args()
    probe(args) if args.command == "probe" else verify(args)


if __name__ == "__main__":
    main()

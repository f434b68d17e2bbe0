#!/usr/bin/env bash
# Image featurisation, itm vs PyTorch + torchvision: file decode + resize + ResNet18 to the 512-d pooled features, on
# 2 threads, over the same PNG and JPEG files. Runs from a clean checkout (as root, for apt):
#
#   benchmarks/featurize/run.sh [IMAGES=512] [ROUNDS=3]
#
# Environment: PEER_WORKERS (default "0 1 2"), LIMIT (featurise only the first LIMIT files of each set: a quick check),
# PRECISIONS (default "float32 int8": each side runs its float network and its own int8 one).
#
# It prepares the Tux Paint and synthetic datasets if data/ lacks them, builds the input folders under
# benchmarks/work/featurize, then alternates itm and the peer ROUNDS times per folder, and prints each run, the
# medians and the ratio. Every JSON line is also appended to benchmarks/work/featurize/results.jsonl.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
count="${1:-512}"
rounds="${2:-3}"
work="benchmarks/work/featurize"
python=/usr/bin/python3
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need() { dpkg -s "$1" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1"; }; }
# The peer's packages; OpenBLAS so that nothing in the peer falls back to Debian's reference BLAS.
for pkg in python3-torch python3-torchvision python3-pil python3-numpy libopenblas0-openmp tuxpaint-stamps-default; do need "$pkg"; done

[ -d data/tuxpaint/images ] || ./itm data prepare tuxpaint --out data/tuxpaint
[ -d data/synthetic/images ] || ./itm data prepare synthetic --out data/synthetic
if [ "$(ls "$work/jpeg" 2>/dev/null | wc -l)" != "$count" ]; then
  "$python" benchmarks/featurize/make_inputs.py "$work" "$count" data/tuxpaint/images data/synthetic/images
fi

mkdir -p "$work"
dotnet build benchmarks/Itm.Benchmarks -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
limit="${LIMIT:-0}"
itm() { dotnet run -c Release --no-build --project benchmarks/Itm.Benchmarks -- featurize --images "$1" --limit "$limit" --precision "$2"; }

# The peer decodes in the main thread (0) or in DataLoader worker processes (1, 2); each is run and its best is the
# peer's figure. Eager mode: torch.jit freeze + optimize_for_inference measured no faster here (see BENCHMARKS.md).
peer_workers="${PEER_WORKERS:-0 1 2}"
peer() { "$python" benchmarks/featurize/featurize_peer.py "$1" --threads 2 --batch 16 --workers "$2" --limit "$limit" --variant "${PEER_VARIANT:-eager}" --precision "$3"; }
precisions="${PRECISIONS:-float32 int8}"

echo "peer BLAS: libblas.so.3 -> $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)" >&2
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" >&2
results="$work/results.jsonl"
: >"$results"
for set in jpeg png; do
  for round in $(seq "$rounds"); do
    for precision in $precisions; do
      echo "== $set $precision round $round/$rounds" >&2
      itm "$work/$set" "$precision" | sed "s/^{/{\"set\":\"$set\",/" >>"$results"
      for workers in $peer_workers; do
        peer "$work/$set" "$workers" "$precision" | sed "s/^{/{\"set\":\"$set\",/" >>"$results"
      done
    done
  done
done

"$python" - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
runs = lambda rs: ", ".join(f"{r['images_per_second']:.1f}" for r in rs)
precision = lambda r: r.get("precision", "float32").lower()
for name in ("jpeg", "png"):
    best_peer = {}
    itm_rate = {}
    for p in sorted({precision(r) for r in rows}):
        part = [r for r in rows if r["set"] == name and precision(r) == p]
        itm = [r for r in part if r["system"] == "itm"]
        mi = statistics.median(r["images_per_second"] for r in itm)
        ci = statistics.median(r["cpu_ms_per_image"] for r in itm)
        itm_rate[p] = mi
        print(f"{name} {p}: itm {mi:.1f} img/s (runs {runs(itm)}; {ci:.1f} CPU-ms/img)")
        best = None
        for workers in sorted({r["workers"] for r in part if r["system"] == "pytorch"}):
            peer = [r for r in part if r["system"] == "pytorch" and r["workers"] == workers]
            mp = statistics.median(r["images_per_second"] for r in peer)
            cp = statistics.median(r["cpu_ms_per_image"] for r in peer)
            print(f"{name} {p}: pytorch, {workers} DataLoader workers: {mp:.1f} img/s "
                  f"(runs {runs(peer)}; {cp:.1f} CPU-ms/img)")
            best = max(best or (mp, workers), (mp, workers))
        best_peer[p] = best[0]
        print(f"{name} {p}: ratio itm / best pytorch {p} ({best[1]} workers) = {mi / best[0]:.2f}x")
    for p in itm_rate:
        if p != "float32" and "float32" in best_peer:
            print(f"{name}: itm {p} / best pytorch float32 = {itm_rate[p] / best_peer['float32']:.2f}x")
peer = next(r for r in rows if r["system"] == "pytorch")
print(f"peer: torch {peer['torch']}, torchvision {peer['torchvision']}, oneDNN {peer['mkldnn']}, {peer['threads']} threads, "
      f"BLAS mapped: {', '.join(peer['blas_libraries']) or 'none'}")
PY

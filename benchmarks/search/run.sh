#!/bin/sh
# Exact and HNSW top-10 over 1,000,000 clustered 256-d unit vectors: itm against FAISS (IndexFlatIP, IndexHNSWFlat),
# 2 threads each, alternating engines over several rounds; prints each engine's median and the ratio itm / FAISS.
#
#   benchmarks/search/run.sh [ROUNDS]        (run from anywhere; as root, since it installs missing Debian packages)
#
# Environment: ROWS (1000000), QUERIES (1000), EF ("16,24,32,48,64,96,128"), SINGLE (50: single exact queries timed),
# PRECISIONS ("float32 int8 binary": itm graph precisions), RERANK (re-scoring multiples swept for narrow graphs, e.g.
# "4,16"; empty: each precision's default), WORK (benchmarks/work/search). Builds each HNSW graph once per
# run (the build is timed then); later rounds reuse the saved graphs. The figures of every phase are kept as JSON
# lines in $WORK/results.jsonl.
set -eu
ROUNDS=${1:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
ROWS=${ROWS:-1000000}
QUERIES=${QUERIES:-1000}
EF=${EF:-16,24,32,48,64,96,128}
SINGLE=${SINGLE:-50}
PRECISIONS=${PRECISIONS:-float32 int8 binary}
RERANK=${RERANK:-}
WORK=${WORK:-benchmarks/work/search}
PY=/usr/bin/python3

# The peer's packages. Debian's default BLAS is the slow reference one; installing OpenBLAS (OpenMP build) makes it the
# libblas.so.3 alternative (higher priority). The peer's output names the BLAS library it actually loaded.
need=""
for pkg in python3-numpy python3-faiss libopenblas0-openmp; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
if [ -n "$need" ]; then
  apt-get update && apt-get install -y $need
fi

mkdir -p "$WORK/itm" "$WORK/faiss"
if [ ! -f "$WORK/base.npy" ] || [ ! -f "$WORK/queries.npy" ]; then
  $PY benchmarks/search/make_vectors.py "$WORK" --rows "$ROWS" --queries "$QUERIES"
fi

dotnet build benchmarks/Itm.Benchmarks -c Release -nologo -v quiet >/dev/null
itm() { dotnet run -c Release --no-build --project benchmarks/Itm.Benchmarks -- search --data "$WORK" --work "$WORK/itm" "$@"; }
faiss() { $PY benchmarks/search/faiss_peer.py --data "$WORK" --work "$WORK/faiss" "$@"; }
RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
record() { tee -a "$RESULTS" >/dev/null; }

# Fresh graphs and ground truth for this run, so each build is timed once.
rm -f "$WORK"/itm/graph-*.usearch "$WORK"/faiss/hnsw-*.faiss "$WORK"/itm/truth-*.i64 "$WORK"/faiss/truth-*.npy
itm --phase prepare | record

round=1
while [ "$round" -le "$ROUNDS" ]; do
  echo "== round $round of $ROUNDS" >&2
  # Alternate which engine goes first, so neither always runs on a warmer (or busier) machine.
  if [ $((round % 2)) -eq 1 ]; then
    itm --phase exact --single "$SINGLE" | record
    faiss --phase exact --single "$SINGLE" | record
  else
    faiss --phase exact --single "$SINGLE" | record
    itm --phase exact --single "$SINGLE" | record
  fi
  if [ $((round % 2)) -eq 0 ]; then
    faiss --phase hnsw --ef "$EF" | record
  fi
  # The graphs alternate too: reversed order on even rounds.
  order=$PRECISIONS
  if [ $((round % 2)) -eq 0 ]; then
    order=$(echo "$PRECISIONS" | tr ' ' '\n' | tac | tr '\n' ' ')
  fi
  for precision in $order; do
    if [ -n "$RERANK" ] && [ "$precision" != float32 ]; then
      itm --phase hnsw --ef "$EF" --precision "$precision" --rerank "$RERANK" | record
    else
      itm --phase hnsw --ef "$EF" --precision "$precision" | record
    fi
  done
  if [ $((round % 2)) -eq 1 ]; then
    faiss --phase hnsw --ef "$EF" | record
  fi
  round=$((round + 1))
done

$PY benchmarks/search/report.py "$RESULTS"

#!/bin/sh
# An index bound to Garnet: insert rate, single-query latency, queries/s and recall@10 against an exact scan, for one
# node and for a cluster of 3 nodes on loopback (Garnet nodes run inside the benchmark process; the machine's 2 cores
# are shared by client and nodes, as they would be by separate processes).
#
#   benchmarks/garnet/run.sh [ROWS]          (run from anywhere; default 200000 rows)
#
# Environment: NODES ("1 3"), QUERIES (500), EF ("100,200,400": VSIM search list sizes), LINKS (DiskANN out-degree,
# the itm default), WORK (benchmarks/work/garnet). The vectors are the first ROWS of benchmarks/search's clustered
# 256-d unit vectors (made by make_vectors.py when missing). Figures go to $WORK/results.jsonl, one line per run.
set -eu
ROWS=${1:-200000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
NODES=${NODES:-1 3}
QUERIES=${QUERIES:-500}
EF=${EF:-100,200,400}
WORK=${WORK:-benchmarks/work/garnet}
DATA=benchmarks/work/search
mkdir -p "$WORK"
if [ ! -f "$DATA/base.npy" ] || [ ! -f "$DATA/queries.npy" ]; then
  dpkg -s python3-numpy >/dev/null 2>&1 || { apt-get update && apt-get install -y python3-numpy; }
  /usr/bin/python3 benchmarks/search/make_vectors.py "$DATA" --rows 1000000 --queries 1000
fi

dotnet build benchmarks/Itm.Benchmarks -c Release -nologo -v quiet >/dev/null
RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
for nodes in $NODES; do
  echo "== $nodes node(s), $ROWS vectors" >&2
  dotnet run -c Release --no-build --project benchmarks/Itm.Benchmarks -- garnet --data "$DATA" --work "$WORK" \
    --rows "$ROWS" --nodes "$nodes" --queries "$QUERIES" --ef "$EF" ${LINKS:+--links "$LINKS"} | tee -a "$RESULTS"
done

/usr/bin/python3 - "$RESULTS" <<'PY'
import json, sys
print(f"{'nodes':>5} {'shards':>6} {'rows':>9} {'insert/s':>9} {'ef':>5} {'recall@10':>9} {'p50 ms':>7} {'p99 ms':>7} {'q/s':>6}")
for line in open(sys.argv[1]):
    r = json.loads(line)
    for p in r["curve"]:
        print(f"{r['nodes']:>5} {r['shards']:>6} {r['rows']:>9} {r['insert_per_s']:>9.0f} {p['ef']:>5} {p['recall']:>9.4f} {p['p50_ms']:>7.2f} {p['p99_ms']:>7.2f} {p['single_qps']:>6.0f}")
PY

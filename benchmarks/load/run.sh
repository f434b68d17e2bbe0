#!/usr/bin/env bash
# Load test of `itm serve` with wrk: an index of IMAGES synthetic images (default 100,000), a real trained model
# (ConvNet from pixels, so that indexing 100,000 images takes minutes, not hours), then wrk runs:
#   search   CONNECTIONS_SEARCH (16) connections, text searches only          (issue row: HTTP search latency)
#   mixed    CONNECTIONS_MIXED (32) connections, 80% search + 20% similar     (the reliability load test)
# each for DURATION (60s) after a 10 s warm-up, sampling the server's resident memory every second.
# Prints a table and writes benchmarks/work/load/results-*.json; the collection and model are shared with the re-index
# benchmark (benchmarks/common/synthetic.sh, under benchmarks/work/synthetic).
#
#   live     CONNECTIONS_SEARCH connections, text searches, while three `itm index` runs add 1,000 images, delete
#            1,000 and compact, on a copy of the collection (benchmarks/load/live.sh; issue row: live index)
#
#   benchmarks/load/run.sh                                   # full size, ~25 min the first time (data, model, index), ~3 min after
#   IMAGES=2000 DURATION=5s benchmarks/load/run.sh           # a quick look
#   SCENARIOS=live IMAGES=20000 benchmarks/load/run.sh       # only the live index
#
#   chaos    CONNECTIONS_MIXED connections, the mixed load, on an index bound to a 3-node Garnet cluster while a
#            random node is killed and restarted every 20 s and index runs add, delete and compact; every probed
#            answer is checked against an exact scan of its snapshot (benchmarks/load/chaos.sh; issue row: chaos)
#   SCENARIOS=chaos IMAGES=20000 benchmarks/load/run.sh      # only the chaos run (CHAOS_SECONDS=300)
# Other knobs: SCENARIOS ("search mixed" by default; add live or chaos), QUERIES (distinct captions, 100000), TEXT (text model,
# default minilm — itm's default), TEXT_PRECISION (float32, or int8 for MiniLM run quantised), THREADS (wrk threads, 2),
# PORT (5127), ITM (the itm command).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
IMAGES="${IMAGES:-100000}"
TEXT="${TEXT:-minilm}"
TEXT_PRECISION="${TEXT_PRECISION:-float32}"
DURATION="${DURATION:-60s}"
CONNECTIONS_SEARCH="${CONNECTIONS_SEARCH:-16}"
CONNECTIONS_MIXED="${CONNECTIONS_MIXED:-32}"
SIMILAR_PERCENT="${SIMILAR_PERCENT:-20}"
# Distinct captions to query with: many, so that few queries repeat within a run and the server's cache of recent
# sentence vectors rarely answers (set QUERIES=1000 to see a workload of popular queries).
QUERIES="${QUERIES:-100000}"
THREADS="${THREADS:-2}"
PORT="${PORT:-5127}"
SCENARIOS="${SCENARIOS:-search mixed}"
ITM="${ITM:-$root/itm}"
work="$root/benchmarks/work/load"
mkdir -p "$work"
source "$root/benchmarks/common/synthetic.sh"
need_package wrk
need_package python3-minimal
need_package curl
collection="$(synthetic_collection "$IMAGES")"
model="$(synthetic_model "$TEXT" "$TEXT_PRECISION")"
cache="$synthetic_work/cache"

index="$work/index-$TEXT-$IMAGES"
[ "$TEXT_PRECISION" = float32 ] || index="$index-$TEXT_PRECISION"
if [[ " $SCENARIOS " == *" search "* || " $SCENARIOS " == *" mixed "* ]]; then
  echo "== indexing (incremental: a second run only checks the folder)" >&2
  start=$(date +%s%N)
  $ITM index --model "$model" --images "$collection/images" --db "$index" --cache "$cache" >&2
  echo "   index run: $(( ($(date +%s%N) - start) / 1000000 )) ms" >&2
fi

queries="$work/queries.txt"
/usr/bin/python3 "$root/benchmarks/load/make_queries.py" "$collection/dataset.json" "$queries" --count "$QUERIES"

# Starts `itm serve` on index $1, logging to $2; sets $server (./itm execs the CLI, so it is the server process itself).
start_server() {
  echo "== starting itm serve on 127.0.0.1:$PORT" >&2
  $ITM serve --db "$1" --cache "$cache" --urls "http://127.0.0.1:$PORT" --rate-limit 0 > "$2" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && return 0
    kill -0 $server 2>/dev/null || { cat "$2" >&2; exit 1; }
    sleep 1
  done
}

stop_server() {
  kill $server 2>/dev/null || true
  wait $server 2>/dev/null || true
}

if [[ " $SCENARIOS " == *" live "* ]]; then
  source "$root/benchmarks/load/live.sh"
  run_live
fi
if [[ " $SCENARIOS " == *" chaos "* ]]; then
  source "$root/benchmarks/load/chaos.sh"
  run_chaos
fi
[[ " $SCENARIOS " == *" search "* || " $SCENARIOS " == *" mixed "* ]] || exit 0

start_server "$index" "$work/serve.log"
pid=$server

# Resident memory (MB) of the server every second while wrk runs.
sample_memory() {
  local out="$1"
  : > "$out"
  while kill -0 "$pid" 2>/dev/null; do
    awk '/VmRSS/ {printf "%.1f\n", $2 / 1024}' "/proc/$pid/status" >> "$out" 2>/dev/null || true
    sleep 1
  done
}

run_wrk() {
  local name="$1" connections="$2" similar="$3" duration="$4"
  local memory="$work/memory-$name.txt"
  sample_memory "$memory" & local sampler=$!
  wrk -t"$THREADS" -c"$connections" -d"$duration" --timeout 10s -s "$root/benchmarks/load/mixed.lua" \
    "http://127.0.0.1:$PORT" -- "$queries" "$IMAGES" "$similar" > "$work/wrk-$name.txt"
  kill $sampler 2>/dev/null || true
  wait $sampler 2>/dev/null || true
  grep '^wrk-json ' "$work/wrk-$name.txt" | sed 's/^wrk-json //' > "$work/wrk-$name.json"
  /usr/bin/python3 - "$name" "$connections" "$similar" "$work/wrk-$name.json" "$memory" "$work/results-$name.json" "$IMAGES" "$TEXT" <<'PY'
import json, sys
name, connections, similar, wrk_file, memory_file, out, images, text = sys.argv[1:]
result = json.load(open(wrk_file))
rss = [float(line) for line in open(memory_file) if line.strip()]
half = max(1, len(rss) // 2)
result.update(scenario=name, images=int(images), text_model=text, connections=int(connections), similar_percent=int(similar),
              rss_mb={"first": rss[0], "last": rss[-1], "max": max(rss),
                      "first_half_median": sorted(rss[:half])[half // 2], "second_half_median": sorted(rss[half:])[len(rss[half:]) // 2]} if rss else None)
json.dump(result, open(out, "w"), indent=2)
lat = result["latency_ms"]
errors = sum(result["socket_errors"].values()) + result["non_200"]
mem = result["rss_mb"]
print(f"{name:7} {connections:>3} conns {similar:>3}% similar  {result['requests']:>8} requests  {result['requests_per_second']:8.1f} req/s  "
      f"p50 {lat['p50']:6.2f}  p90 {lat['p90']:6.2f}  p99 {lat['p99']:6.2f}  p99.9 {lat['p999']:6.2f} ms  errors {errors}  "
      f"RSS {mem['first']:.0f}→{mem['last']:.0f} MB (max {mem['max']:.0f})")
PY
}

echo "== warm-up (10 s)" >&2
wrk -t"$THREADS" -c"$CONNECTIONS_MIXED" -d10s -s "$root/benchmarks/load/mixed.lua" "http://127.0.0.1:$PORT" -- "$queries" "$IMAGES" "$SIMILAR_PERCENT" > /dev/null
echo "== measured runs, $DURATION each: $IMAGES images, text model $TEXT" >&2
if [[ " $SCENARIOS " == *" search "* ]]; then run_wrk search "$CONNECTIONS_SEARCH" 0 "$DURATION"; fi
if [[ " $SCENARIOS " == *" mixed "* ]]; then run_wrk mixed "$CONNECTIONS_MIXED" "$SIMILAR_PERCENT" "$DURATION"; fi

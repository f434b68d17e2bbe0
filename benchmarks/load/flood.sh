#!/usr/bin/env bash
# The bound on requests in flight, hit on purpose: `itm serve --max-in-flight 4` while wrk drives 32 connections that
# re-send the moment they are answered (wrk ignores Retry-After), and a probe client asks one search at a time beside
# them. Run once per refusal delay, on the same index, one after the other:
#   - wrk: answers, how many were 200 and how many refused, admitted searches per second;
#   - the probe (curl, one connection): the latency of its searches that were admitted (200), p50 / p90 / p99.
# Whether an admitted request's latency stays bounded while the server refuses is the probe's p99.
#
#   benchmarks/load/flood.sh INDEX_DIR [QUERIES_FILE]          # DELAYS="0 100" DURATION=15 PORT=5128 CONNECTIONS=32 MAX_IN_FLIGHT=4
# INDEX_DIR: an index built by benchmarks/load/run.sh (benchmarks/work/load/index-minilm-20000, say).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
index="$1"
queries="${2:-$root/benchmarks/work/load/queries.txt}"
DELAYS="${DELAYS:-0 100}"
DURATION="${DURATION:-15}"
PORT="${PORT:-5128}"
CONNECTIONS="${CONNECTIONS:-32}"
MAX_IN_FLIGHT="${MAX_IN_FLIGHT:-4}"
ITM="${ITM:-$root/itm}"
work="$root/benchmarks/work/load/flood"
mkdir -p "$work"

for delay in $DELAYS; do
  $ITM serve --db "$index" --urls "http://127.0.0.1:$PORT" --rate-limit 0 --max-in-flight "$MAX_IN_FLIGHT" --refusal-delay "$delay" \
    > "$work/serve-$delay.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break; sleep 1; done
  # Warm the model and the readers before measuring.
  wrk -t2 -c4 -d5s -s "$root/benchmarks/load/mixed.lua" "http://127.0.0.1:$PORT" -- "$queries" 1 0 >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$root/benchmarks/load/mixed.lua" \
    "http://127.0.0.1:$PORT" -- "$queries" 1 0 > "$work/wrk-$delay.txt" &
  flood=$!
  : > "$work/probe-$delay.txt"
  end=$(( $(date +%s) + DURATION - 1 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    q=$(shuf -n 1 "$queries")
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$PORT/api/search?k=10&q=$q" >> "$work/probe-$delay.txt" || true
  done
  wait $flood
  kill $server 2>/dev/null || true
  wait $server 2>/dev/null || true
  /usr/bin/python3 - "$delay" "$work/wrk-$delay.txt" "$work/probe-$delay.txt" "$DURATION" <<'PY'
import json, sys
delay, wrk_file, probe_file, duration = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
wrk = json.loads(next(l for l in open(wrk_file) if l.startswith("wrk-json ")).split(" ", 1)[1])
probes = [l.split() for l in open(probe_file) if l.strip()]
ok = sorted(float(t) * 1000 for code, t in probes if code == "200")
def pct(p): return ok[min(len(ok) - 1, max(0, int(round(p / 100 * len(ok) + 0.5)) - 1))] if ok else float("nan")
admitted = wrk["requests"] - wrk["non_200"]
errors = sum(v for k, v in wrk["socket_errors"].items() if k != "status")   # wrk counts every non-2xx answer as a "status" error too
print(f"refusal delay {delay:>4} ms: wrk {wrk['requests']:>7} answers, {admitted:>6} admitted ({admitted / wrk['seconds']:6.1f}/s), "
      f"{wrk['non_200']:>7} refused, {errors} socket errors | probe: {len(probes)} asked, {len(ok)} admitted, "
      f"p50 {pct(50):6.1f} ms, p90 {pct(90):6.1f} ms, p99 {pct(99):6.1f} ms, max {ok[-1] if ok else float('nan'):6.1f} ms")
PY
done

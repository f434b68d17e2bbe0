# Sourced by run.sh (SCENARIOS=live): the live index under load. A copy of the collection (hard links) is indexed
# into its own index and served; wrk sends text searches on CONNECTIONS_SEARCH connections for LIVE_DURATION (150s)
# while, after a 10 s start, three `itm index` runs change it: one adds 1,000 images (a second synthetic collection),
# one deletes 1,000 of the originals, one compacts (--compact-when-dead 0). For each run: how long it took, and how
# long after it exited the server answered from it (/api/health's generation), and for the add and delete runs,
# until an added image is found (/api/similar/ID answers 200) or a deleted one is gone (404). Writes
# benchmarks/work/load/results-live.json and prints a table; wrk's failed requests (non-200, socket errors) are the
# target (0).
# Uses from run.sh: root, work, ITM, model, cache, collection, queries, IMAGES, TEXT, PORT, THREADS, CONNECTIONS_SEARCH,
# start_server, stop_server, synthetic_collection.

run_live() {
  local live="$work/live" duration="${LIVE_DURATION:-150s}" changes=1000
  local added_collection
  added_collection="$(synthetic_collection "$changes")"
  rm -rf "$live"
  mkdir -p "$live"
  cp -al "$collection/images" "$live/images"
  echo "== live: indexing a copy of the $IMAGES images" >&2
  $ITM index --model "$model" --images "$live/images" --db "$live/index" --cache "$cache" >&2
  start_server "$live/index" "$live/serve.log"

  echo "== live: wrk for $duration ($CONNECTIONS_SEARCH connections, searches) while three index runs change the index" >&2
  wrk -t"$THREADS" -c"$CONNECTIONS_SEARCH" -d"$duration" --timeout 10s -s "$root/benchmarks/load/mixed.lua" \
    "http://127.0.0.1:$PORT" -- "$queries" "$IMAGES" 0 > "$live/wrk.txt" &
  local load=$!
  sleep 10
  : > "$live/runs.txt"

  cp -r "$added_collection/images" "$live/images/live-added"
  live_run added "$live" "" 200

  # The first $changes of the original images (sed, not head: head's early exit would be a failed pipe under pipefail).
  local deleted
  deleted="$(cd "$live/images" && ls | grep -E '^[0-9]+\.png$' | sed -n "1,${changes}p")"
  local deleted_id
  deleted_id="$(live_id "$live" "$(echo "$deleted" | sed -n 1p)")"
  (cd "$live/images" && echo "$deleted" | xargs rm -f)
  live_run deleted "$live" "$deleted_id" 404

  live_run compacted "$live" "" "" --compact-when-dead 0

  kill -0 $load 2>/dev/null || echo "   warning: wrk ended before the last run was served; raise LIVE_DURATION" >&2
  wait $load
  stop_server
  grep '^wrk-json ' "$live/wrk.txt" | sed 's/^wrk-json //' > "$live/wrk.json"
  /usr/bin/python3 - "$live/wrk.json" "$live/runs.txt" "$work/results-live.json" "$IMAGES" "$TEXT" "$CONNECTIONS_SEARCH" <<'PY'
import json, sys
wrk_file, runs_file, out, images, text, connections = sys.argv[1:]
result = json.load(open(wrk_file))
runs = [dict(zip(["run", "index_ms", "served_ms", "searchable_ms", "generation"], line.split())) for line in open(runs_file) if line.strip()]
failed = sum(result["socket_errors"].values()) + result["non_200"]
result.update(scenario="live", images=int(images), text_model=text, connections=int(connections), failed=failed, runs=runs)
json.dump(result, open(out, "w"), indent=2)
lat = result["latency_ms"]
print(f"live    {connections:>3} conns  {result['requests']:>8} requests  {result['requests_per_second']:8.1f} req/s  "
      f"p50 {lat['p50']:6.2f}  p99 {lat['p99']:6.2f} ms  failed {failed}")
for run in runs:
    print(f"  {run['run']:9}  index run {int(run['index_ms']) / 1000:6.1f} s  served {int(run['served_ms']) / 1000:5.2f} s after it ended"
          + ("" if run["searchable_ms"] == "-" else f"  image {'found' if run['run'] == 'added' else 'gone'} {int(run['searchable_ms']) / 1000:5.2f} s after")
          + f"  (generation {run['generation']})")
PY
}

# The id of an indexed image by its path in the live copy (read-only from the catalog).
live_id() {
  /usr/bin/python3 - "$1/index/catalog.db" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
row = db.execute("SELECT id FROM images WHERE path = ?", (sys.argv[2],)).fetchone()
print(row[0] if row else "")
PY
}

# live_run NAME LIVE_DIR ID STATUS [index options]: one index run; then the time until the server answers from its
# generation, and until /api/similar/ID answers STATUS (200: for an add, ID is the first added image's, looked up
# after the run; none for a compaction).
live_run() {
  local name="$1" live="$2" id="$3" want="$4"
  shift 4
  local before after start ended served="" searchable="-" generation
  before="$(curl -fs "http://127.0.0.1:$PORT/api/health" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["generation"])')"
  echo "== live: $name run (serving generation $before)" >&2
  start=$(date +%s%N)
  $ITM index --model "$model" --images "$live/images" --db "$live/index" --cache "$cache" "$@" >&2
  ended=$(date +%s%N)
  [ -n "$id" ] || { [ "$want" = 200 ] && id="$(live_id "$live" live-added/00000.png)"; }
  while true; do
    now=$(date +%s%N)
    if [ -z "$served" ]; then
      generation="$(curl -fs "http://127.0.0.1:$PORT/api/health" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["generation"])')"
      [ "$generation" -gt "$before" ] && served=$(( (now - ended) / 1000000 ))
    fi
    if [ -n "$id" ] && [ "$searchable" = "-" ] && \
       [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/similar/$id?k=1")" = "$want" ]; then
      searchable=$(( (now - ended) / 1000000 ))
    fi
    [ -n "$served" ] && { [ -z "$id" ] || [ "$searchable" != "-" ]; } && break
    [ $(( (now - ended) / 1000000000 )) -lt 60 ] || { echo "   not served within 60 s" >&2; served="${served:-60000}"; break; }
    sleep 0.05
  done
  echo "$name $(( (ended - start) / 1000000 )) $served $searchable $generation" >> "$live/runs.txt"
}

# Sourced by run.sh (SCENARIOS=chaos): itm serve on an index bound to a 3-node Garnet cluster (separate garnet-server
# processes, scripts/garnet/start-cluster.sh), under wrk load (the mixed scenario, CONNECTIONS_MIXED connections) for
# CHAOS_SECONDS (300), while
#   - a random node is killed (SIGKILL) every CHAOS_KILL_EVERY seconds (20) and started again CHAOS_DOWN seconds (5)
#     later, recovering its data from its append-only file;
#   - `itm index` runs change the index one after another: add CHAOS_CHANGES (500) images, delete them again, and
#     once compact (--compact-when-dead 0, which pushes the copy whole into new keys); a run that fails because a
#     node is down is run again until it succeeds;
#   - a probe (chaos_check.py) asks for the images similar to indexed images, one request after another, and
#     keeps every answer with the generation that served it.
# After each successful run the catalog and vector file are copied (the snapshot the server will answer from), and
# chaos_check.py verify checks every probe answer against an exact scan of its snapshot, that every error is a 503
# naming a Garnet node sent while a node was down, and how long itm takes to answer again after a restart.
# Writes benchmarks/work/load/results-chaos.json and prints the figures; wrk's statuses are in the same file.
# Uses from run.sh: root, work, ITM, model, cache, collection, queries, IMAGES, PORT, THREADS, CONNECTIONS_MIXED,
# SIMILAR_PERCENT, start_server, stop_server, synthetic_collection.

source "$root/scripts/garnet/answers.sh"

run_chaos() {
  local chaos="$work/chaos" seconds="${CHAOS_SECONDS:-300}" every="${CHAOS_KILL_EVERY:-20}" down="${CHAOS_DOWN:-5}"
  local changes="${CHAOS_CHANGES:-500}" garnet_port="${GARNET_PORT:-7100}" nodes=3
  local added_collection endpoints events="$chaos/events.txt"
  added_collection="$(synthetic_collection "$changes")"
  need_package python3-numpy
  scripts/garnet/stop-cluster.sh "$chaos/garnet" >/dev/null 2>&1 || true
  rm -rf "$chaos"
  mkdir -p "$chaos/snapshots"
  : > "$events"
  cp -al "$collection/images" "$chaos/images"

  echo "== chaos: a $nodes-node Garnet cluster on ports $garnet_port.." >&2
  scripts/garnet/start-cluster.sh "$nodes" "$garnet_port" "$chaos/garnet" >&2
  endpoints="$(seq -s, -f "127.0.0.1:%g" "$garnet_port" $((garnet_port + nodes - 1)))"
  echo "== chaos: indexing a copy of the $IMAGES images into Garnet" >&2
  $ITM index --model "$model" --images "$chaos/images" --db "$chaos/index" --cache "$cache" --backend garnet --garnet "$endpoints" >&2
  chaos_snapshot "$chaos"
  # The probe asks about images that stay indexed throughout (the originals); the runs add and delete others.
  /usr/bin/python3 - "$chaos/index/catalog.db" > "$chaos/probe-ids.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for (image,) in db.execute("SELECT id FROM images WHERE vector_row IS NOT NULL ORDER BY id"):
    print(image)
PY
  start_server "$chaos/index" "$chaos/serve.log"

  echo "== chaos: ${seconds}s of wrk ($CONNECTIONS_MIXED connections) and the probe; a node killed every ${every}s, index runs throughout" >&2
  wrk -t"$THREADS" -c"$CONNECTIONS_MIXED" -d"${seconds}s" --timeout 10s -s "$root/benchmarks/load/mixed.lua" \
    "http://127.0.0.1:$PORT" -- "$queries" "$chaos/probe-ids.txt" "$SIMILAR_PERCENT" > "$chaos/wrk.txt" &
  local load=$!
  /usr/bin/python3 "$root/benchmarks/load/chaos_check.py" probe --url "http://127.0.0.1:$PORT" --ids "$chaos/probe-ids.txt" \
    --seconds "$seconds" --out "$chaos/probes.jsonl" &
  local prober=$!
  chaos_killer "$chaos" "$garnet_port" "$nodes" "$every" "$down" "$seconds" &
  local killer=$!

  local end=$(( $(date +%s) + seconds - 15 )) round=0
  : > "$chaos/runs.txt"
  while [ "$(date +%s)" -lt "$end" ]; do
    round=$((round + 1))
    if [ $((round % 2)) = 1 ]; then
      cp -r "$added_collection/images" "$chaos/images/chaos-added"
      chaos_run "$chaos" added "$end"
    else
      rm -rf "$chaos/images/chaos-added"
      if [ "$round" = 4 ]; then chaos_run "$chaos" deleted+compacted "$end" --compact-when-dead 0
      else chaos_run "$chaos" deleted "$end"; fi
    fi
  done

  wait $prober $load
  wait $killer || true
  stop_server
  scripts/garnet/stop-cluster.sh "$chaos/garnet" >&2
  grep '^wrk-json ' "$chaos/wrk.txt" | sed 's/^wrk-json //' > "$chaos/wrk.json"
  /usr/bin/python3 "$root/benchmarks/load/chaos_check.py" verify --probes "$chaos/probes.jsonl" --snapshots "$chaos/snapshots" \
    --events "$events" --out "$chaos/verify.json"
  /usr/bin/python3 - "$chaos" "$work/results-chaos.json" "$IMAGES" "$CONNECTIONS_MIXED" "$seconds" "$every" "$down" <<'PY'
import json, sys
chaos, out, images, connections, seconds, every, down = sys.argv[1:]
wrk = json.load(open(f"{chaos}/wrk.json"))
verified = json.load(open(f"{chaos}/verify.json"))
runs = [dict(zip(["run", "attempts", "seconds", "generation"], line.split())) for line in open(f"{chaos}/runs.txt") if line.strip()]
result = {"scenario": "chaos", "images": int(images), "connections": int(connections), "seconds": int(seconds),
          "kill_every_s": int(every), "down_s": int(down), "wrk": wrk, "probe": verified, "index_runs": runs}
json.dump(result, open(out, "w"), indent=2)
c = verified["counts"]
print(f"chaos   {connections:>3} conns  wrk {wrk['requests']} requests ({wrk['requests_per_second']:.1f}/s): "
      f"{wrk['non_200']} not 200, of which {wrk.get('status_503', 0)} were 503; socket errors {sum(wrk['socket_errors'].values())}")
print(f"  probe: {c['answers']} answers: {c['right']} right, {c['wrong']} wrong, {c['unverifiable']} unverifiable; "
      f"{c['unavailable_503']} 503 naming a node ({c['unavailable_503_while_up']} while every node was up); {c['other_errors']} other errors")
print(f"  {verified['outages']} node outages; itm answers again {verified['recovery_after_node_answers_s']} s after the node answers, "
      f"{verified['recovery_after_restart_s']} s after its restart")
for run in runs:
    print(f"  {run['run']:17} {run['attempts']} attempt(s), {run['seconds']} s, generation {run['generation']}")
PY
}

# chaos_snapshot CHAOS: copies the catalog (with SQLite's backup, so a consistent one) and the image vector file
# as snapshots/gen-N, N being the index's finished runs: what the server answers from once it serves generation N.
chaos_snapshot() {
  /usr/bin/python3 - "$1/index" "$1/snapshots" <<'PY'
import os, shutil, sqlite3, sys
index, snapshots = sys.argv[1:]
source = sqlite3.connect(f"file:{index}/catalog.db?mode=ro", uri=True)
meta = dict(source.execute("SELECT key, value FROM meta"))
folder = f"{snapshots}/gen-{meta.get('finished_runs', '0')}"
os.makedirs(folder, exist_ok=True)
target = sqlite3.connect(f"{folder}/catalog.db")
source.backup(target)
target.close()
source.close()
name = f"images-{meta['images.generation']}.vectors"
shutil.copyfile(f"{index}/{name}", f"{folder}/{name}")
PY
}

# chaos_run CHAOS NAME END [index options]: one index run, run again until it succeeds (a run fails while a node it
# must write to is down); then waits until the server answers from the new generation before the next run starts
# writing, and keeps its snapshot. Appends "NAME ATTEMPTS SECONDS GENERATION" to runs.txt.
chaos_run() {
  local chaos="$1" name="$2" end="$3"
  shift 3
  local attempts=0 start generation
  start=$(date +%s%N)
  until $ITM index --model "$model" --images "$chaos/images" --db "$chaos/index" --cache "$cache" "$@" >> "$chaos/index.log" 2>&1; do
    attempts=$((attempts + 1))
    [ "$(date +%s)" -lt $((end + 60)) ] || { echo "   $name: still failing after $attempts attempts; see $chaos/index.log" >&2; return 1; }
    sleep 1
  done
  attempts=$((attempts + 1))
  generation="$(/usr/bin/python3 -c 'import sqlite3, sys; print(dict(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute("SELECT key, value FROM meta"))["finished_runs"])' "$chaos/index/catalog.db")"
  chaos_snapshot "$chaos"
  for _ in $(seq 1 200); do
    [ "$(curl -fs "http://127.0.0.1:$PORT/api/health" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["generation"])' 2>/dev/null)" = "$generation" ] && break
    sleep 0.1
  done
  echo "   $name: $attempts attempt(s), generation $generation" >&2
  echo "$name $attempts $(( ($(date +%s%N) - start) / 1000000000 )) $generation" >> "$chaos/runs.txt"
}

# chaos_killer CHAOS FIRST_PORT NODES EVERY DOWN SECONDS: every EVERY seconds kills a random node with SIGKILL, starts
# it again DOWN seconds later (start-cluster.sh starts only the nodes that are not running) and notes when it answers
# PING again, as "MS kill|start|ready HOST:PORT" lines in events.txt.
chaos_killer() {
  local chaos="$1" first="$2" nodes="$3" every="$4" down="$5" seconds="$6"
  local end=$(( $(date +%s) + seconds - every )) port pid killed_at
  while sleep "$((every - down))" && [ "$(date +%s)" -lt "$end" ]; do
    port=$((first + RANDOM % nodes))
    pid="$(cat "$chaos/garnet/node-$port.pid")"
    # Stamped before the kill: on the busy cores the fork for a stamp after it came up to 0.6 s late, and requests
    # that failed in between looked like 503s with every node up.
    killed_at="$(date +%s%3N)"
    kill -9 "$pid"
    echo "$killed_at kill 127.0.0.1:$port" >> "$chaos/events.txt"
    sleep "$down"
    echo "$(date +%s%3N) start 127.0.0.1:$port" >> "$chaos/events.txt"
    scripts/garnet/start-cluster.sh "$nodes" "$first" "$chaos/garnet" > "$chaos/restart.log" 2>&1 &
    local starter=$!
    until garnet_answers "$port"; do sleep 0.02; done
    echo "$(date +%s%3N) ready 127.0.0.1:$port" >> "$chaos/events.txt"
    wait $starter || { cat "$chaos/restart.log" >&2; return 1; }
  done
}

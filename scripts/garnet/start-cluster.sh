#!/usr/bin/env bash
# Starts N Garnet servers as separate processes on 127.0.0.1, FIRST_PORT.. FIRST_PORT+N-1, with vector sets on,
# each keeping its data (append-only file + checkpoints) in DIR/node-PORT and recovering it on start. With N > 1 the
# nodes run in cluster mode and `itm garnet cluster` splits the slots and introduces them.
#   scripts/garnet/start-cluster.sh N [FIRST_PORT=7000] [DIR=.artifacts/garnet]
# Stop them with scripts/garnet/stop-cluster.sh [DIR]; the data stays in DIR for the next start.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
usage="usage: scripts/garnet/start-cluster.sh N [FIRST_PORT=7000] [DIR=.artifacts/garnet]"
nodes="${1:?$usage}"
first="${2:-7000}"
dir="${3:-$root/.artifacts/garnet}"
[[ "$nodes" =~ ^[0-9]+$ && "$nodes" -ge 1 ]] || { echo "N must be a number of nodes >= 1, not '$nodes'. $usage" >&2; exit 2; }
[[ "$first" =~ ^[0-9]+$ && "$first" -ge 1 && $((first + nodes - 1)) -le 65535 ]] || { echo "FIRST_PORT must be 1..$((65536 - nodes)), not '$first'. $usage" >&2; exit 2; }
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

# The server as a .NET tool, pinned to the Garnet version the itm libraries use, installed once inside the repo.
tool_dir="$root/.artifacts/garnet-tool"
garnet="$tool_dir/garnet-server"
if [ ! -x "$garnet" ]; then
  echo "Installing garnet-server 2.2.8 into .artifacts/garnet-tool..." >&2
  dotnet tool install garnet-server --version 2.2.8 --tool-path "$tool_dir" >&2
fi

source "$root/scripts/garnet/answers.sh"

endpoints=()
for ((i = 0; i < nodes; i++)); do
  port=$((first + i))
  node_dir="$dir/node-$port"
  pid_file="$dir/node-$port.pid"
  mkdir -p "$node_dir"
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    echo "Node $port is already running (pid $(cat "$pid_file"))." >&2
  elif garnet_answers "$port"; then
    echo "Port $port already answers but was not started from $dir; stop that server or choose another FIRST_PORT." >&2
    exit 1
  else
    # RandomAccess: the default device needs libaio for AOF writes. No --logdir: Garnet refuses it without tiered storage.
    args=(--port "$port" --bind 127.0.0.1 --enable-vector-set-preview --device-type RandomAccess
          --aof --checkpointdir "$node_dir" --recover)
    if [ "$nodes" -gt 1 ]; then args+=(--cluster); fi
    nohup "$garnet" "${args[@]}" >"$dir/node-$port.log" 2>&1 &
    echo $! >"$pid_file"
  fi
  endpoints+=("127.0.0.1:$port")
done

for ((i = 0; i < nodes; i++)); do
  port=$((first + i))
  # A node replays its append-only file before it answers: seconds for a fresh one, more after many index runs.
  for ((try = 0; try < 600; try++)); do
    garnet_answers "$port" && break
    if ! kill -0 "$(cat "$dir/node-$port.pid")" 2>/dev/null; then
      echo "Node $port exited; its log:" >&2
      tail -20 "$dir/node-$port.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  garnet_answers "$port" || { echo "Node $port did not answer within 60 s; see $dir/node-$port.log" >&2; exit 1; }
done

list="$(IFS=,; echo "${endpoints[*]}")"
if [ "$nodes" -gt 1 ]; then
  "$root/itm" garnet cluster --garnet "$list"
else
  "$root/itm" garnet status --garnet "$list"
fi
echo "Garnet is running: --garnet $list   (logs and data in $dir; stop with scripts/garnet/stop-cluster.sh $dir)"

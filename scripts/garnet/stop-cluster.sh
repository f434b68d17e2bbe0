#!/usr/bin/env bash
# Stops the Garnet servers that start-cluster.sh started from DIR (default .artifacts/garnet); their data stays there.
#   scripts/garnet/stop-cluster.sh [DIR=.artifacts/garnet]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${1:-$root/.artifacts/garnet}"
shopt -s nullglob
pid_files=("$dir"/node-*.pid)
if [ "${#pid_files[@]}" -eq 0 ]; then
  echo "No Garnet servers recorded in $dir (no node-PORT.pid files)."
  exit 0
fi

for pid_file in "${pid_files[@]}"; do
  pid="$(cat "$pid_file")"
  name="$(basename "$pid_file" .pid)"
  # Only a pid that is still a garnet-server: an old pid file may name a process that reused the number.
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q garnet-server; then
    kill "$pid"
    for ((try = 0; try < 50; try++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    echo "Stopped $name (pid $pid)."
  else
    echo "$name (pid $pid) was not running."
  fi
  rm -f "$pid_file"
done

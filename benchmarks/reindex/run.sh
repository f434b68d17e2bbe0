#!/usr/bin/env bash
# Incremental re-index of an unchanged folder: `itm index` over COUNT (default 10,000) images that are all indexed
# already, timed over RUNS (5) runs after one untimed run; prints each wall time and the median. The target is < 3 s.
# The collection and model are the load test's (benchmarks/common/synthetic.sh); the images are hard links to the
# first COUNT of the 100,000-image collection when it exists, else a collection of COUNT is made.
#
#   benchmarks/reindex/run.sh              # ~5 min the first time (data, model, first index), ~30 s after
# Knobs: COUNT, RUNS, TEXT (minilm), ITM (the itm command).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
COUNT="${COUNT:-10000}"
RUNS="${RUNS:-5}"
TEXT="${TEXT:-minilm}"
ITM="${ITM:-$root/itm}"
work="$root/benchmarks/work/reindex"
source "$root/benchmarks/common/synthetic.sh"

source_images="$synthetic_work/collection-100000/images"
[ -d "$source_images" ] || source_images="$(synthetic_collection "$COUNT")/images"
images="$work/images-$COUNT"
if [ "$(find "$images" -maxdepth 1 -type f 2>/dev/null | wc -l)" -ne "$COUNT" ]; then
  rm -rf "$images" && mkdir -p "$images"
  # Listed to a file first: `sort | head` would end sort with SIGPIPE, which pipefail turns into a failure.
  find "$source_images" -maxdepth 1 -type f -name '*.png' | sort > "$work/all-images.txt"
  head -n "$COUNT" "$work/all-images.txt" | xargs -r ln -t "$images"
fi
model="$(synthetic_model "$TEXT")"
index="$work/index-$TEXT-$COUNT"
echo "== first run (embeds whatever is new; untimed)" >&2
$ITM index --model "$model" --images "$images" --db "$index" --cache "$synthetic_work/cache" >&2

times=()
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  $ITM index --model "$model" --images "$images" --db "$index" --cache "$synthetic_work/cache" > "$work/run-$run.txt" 2>&1
  times+=("$(( ($(date +%s%N) - start) / 1000000 ))")
done
echo "== $(find "$images" -type f | wc -l) images, unchanged; last run said:" >&2
tail -n 5 "$work/run-$RUNS.txt" >&2
printf '%s\n' "${times[@]}" | sort -n | awk -v runs="$RUNS" '{ t[NR] = $1 } END {
  printf "re-index of an unchanged folder: median %.2f s over %d runs (", t[int((NR + 1) / 2)] / 1000, runs
  for (i = 1; i <= NR; i++) printf "%s%.2f", (i > 1 ? ", " : ""), t[i] / 1000
  print " s, sorted)" }'

#!/usr/bin/env bash
# Duplicates: pair precision and recall of `itm duplicates` on a generated set of known duplicates and distinct
# drawings, and the time to group 100,000 vectors. The set (Itm.Benchmarks duplicates-set) is OpenClipart drawings
# rendered on white, 300 "families" (an original, and copies resized, JPEG re-encoded, small + JPEG, cropped 5-10 %,
# recoloured) and 900 drawings that appear once, split into a validation half (the default threshold was chosen
# there: the sweep below) and a test half (the figures reported). Both halves are indexed with the base model, the
# default of `itm index`. Then the grouping itself is timed on 100,000 vectors: the validation half's stored vectors
# replicated with noise, and random unit vectors (Itm.Benchmarks duplicates-grouping), with the exact scan and HNSW.
#
#   benchmarks/duplicates/run.sh      # ~10 min on 2 cores the first time (set, two indexes), ~3 min after
# Knobs: FAMILIES (300), SINGLES (900), THRESHOLDS, PIXELS (sweep), COUNT (100000), ITM (the itm command).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
ITM="${ITM:-$root/itm}"
FAMILIES="${FAMILIES:-300}"
SINGLES="${SINGLES:-900}"
THRESHOLDS="${THRESHOLDS:-0.80 0.82 0.84 0.85 0.88 0.90 0.92}"
PIXELS="${PIXELS:-none 0.7 0.85}"
COUNT="${COUNT:-100000}"
work="$root/benchmarks/work/duplicates"
mkdir -p "$work"

need_package() { dpkg -s "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$1"; }; }
need_package openclipart-svg

echo "== building the benchmarks" >&2
dotnet build benchmarks/Itm.Benchmarks -c Release -nologo -v quiet >&2
bench="dotnet benchmarks/Itm.Benchmarks/bin/Release/net10.0/linux-x64/Itm.Benchmarks.dll"
if [ ! -d "$work/set/test" ]; then
  # shapes/stars is one generated design (star polygons at every setting), not 1,378 distinct drawings.
  $bench duplicates-set /usr/share/openclipart/svg "$work/set" "$FAMILIES" "$SINGLES" 7 shapes/stars >&2
fi
for half in val test; do
  echo "== indexing the $half half with the base model" >&2
  $ITM index --images "$work/set/$half" --db "$work/index-$half" --cache "$work/cache" >&2
done

score() { python3 benchmarks/duplicates/score.py "$1" "$work/set/$2"; }
echo "== validation half: threshold x pixel check"
for threshold in $THRESHOLDS; do
  for pixels in $PIXELS; do
    if [ "$pixels" = none ]; then check=(--pixel-check none); else check=(--pixel-threshold "$pixels"); fi
    $ITM duplicates --db "$work/index-val" --threshold "$threshold" "${check[@]}" --json > "$work/val-$threshold-$pixels.json"
    echo "threshold $threshold, pixels $pixels: $(score "$work/val-$threshold-$pixels.json" val)"
  done
done

echo "== test half, the defaults (and the vectors alone)"
start=$(date +%s%N)
$ITM duplicates --db "$work/index-test" --json > "$work/test-default.json"
echo "defaults: $(score "$work/test-default.json" test) in $(( ($(date +%s%N) - start) / 1000000 )) ms (the whole command)"
$ITM duplicates --db "$work/index-test" --pixel-check none --json > "$work/test-vectors.json"
echo "vectors alone: $(score "$work/test-vectors.json" test)"

echo "== grouping $COUNT vectors"
$bench duplicates-grouping "$work/index-val" "$COUNT"
$bench duplicates-grouping random "$COUNT"

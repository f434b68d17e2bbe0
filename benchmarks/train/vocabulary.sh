#!/usr/bin/env bash
# Training throughput against the size of the n-gram vocabulary: itm's row-sparse table step and its dense one beside
# PyTorch's sparse EmbeddingBag + SparseAdam and its dense EmbeddingBag + Adam, the same model and batches. From a clean
# checkout:
#
#   benchmarks/train/vocabulary.sh          # TEXT=trigram-skip COPIES="1 3 10" ROUNDS=2
#
# The vocabulary grows without changing the steps: with K copies, the captions of image r use copy (r mod K) of the
# feature id space (Itm.Benchmarks train --vocab-copies K), so every step touches as many rows as before while the
# table is K times larger. Each round runs the four sides one after the other, the order reversed every other round;
# every run times WARMUP untimed steps, then WINDOWS windows of STEPS steps, and the summary is the median window.
# Results: benchmarks/work/train-vocabulary/results/*.json and summary.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
TEXT="${TEXT:-trigram-skip}"
COPIES="${COPIES:-1 3 10}"
ROUNDS="${ROUNDS:-2}"
WARMUP="${WARMUP:-10}"
STEPS="${STEPS:-20}"
WINDOWS="${WINDOWS:-3}"
THREADS=2
work="$root/benchmarks/work/train-vocabulary"
results="$work/results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The peer's packages, the drawings, and the Release build: the same set-up as the training benchmark.
SETUP_ONLY=1 benchmarks/train/run.sh
mkdir -p "$results"
rm -f "$results"/*.json

side() { # side COPIES itm|pytorch sparse|dense ROUND
  local folder="$work/x$1-$3"
  if [ "$2" = itm ]; then
    dotnet run -c Release --no-build --project benchmarks/Itm.Benchmarks -- train --text "$TEXT" --vocab-copies "$1" \
      --sparse-updates "$([ "$3" = sparse ] && echo true || echo false)" \
      --warmup "$WARMUP" --steps "$STEPS" --windows "$WINDOWS" --threads "$THREADS" --work "$folder" > "$results/itm-x$1-$3-$4.json"
  else
    OMP_NUM_THREADS="$THREADS" /usr/bin/python3 benchmarks/train/train_peer.py --text "$TEXT" --work "$folder" > "$results/pytorch-x$1-$3-$4.json"
  fi
}

for round in $(seq 1 "$ROUNDS"); do
  for copies in $COPIES; do
    for mode in sparse dense; do
      echo "== round $round: $TEXT, vocabulary x$copies, $mode" >&2
      # The itm run writes the inputs the peer reads (its options say sparse or dense); later rounds flip the order.
      if [ $((round % 2)) = 1 ] || [ ! -f "$work/x$copies-$mode/$TEXT/training-set.json" ]; then
        side "$copies" itm "$mode" "$round"; side "$copies" pytorch "$mode" "$round"
      else
        side "$copies" pytorch "$mode" "$round"; side "$copies" itm "$mode" "$round"
      fi
    done
  done
done

/usr/bin/python3 benchmarks/train/summarise_vocabulary.py "$results" | tee "$results/summary.md"

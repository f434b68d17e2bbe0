#!/usr/bin/env bash
# Training throughput, itm against the same model in PyTorch, for the five text models (bow, bigram, trigram,
# trigram-skip, sse) over the OpenClipart training split with frozen ResNet18 features. From a clean checkout:
#
#   benchmarks/train/run.sh                 # ROUNDS=2 MODELS="bow bigram trigram trigram-skip sse"
#
# Each round runs, per model, itm's benchmark (which also writes the featurised training set and batch order the peer
# reads) and the PyTorch peer, one after the other, the order flipped every round. Every run times the same steps:
# WARMUP untimed steps, then WINDOWS windows of STEPS steps. The summary is the median window over all rounds.
# Results: benchmarks/work/train/results/*.json and summary.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
ROUNDS="${ROUNDS:-2}"
MODELS="${MODELS:-bow bigram trigram trigram-skip sse}"
WARMUP="${WARMUP:-10}"
STEPS="${STEPS:-20}"
WINDOWS="${WINDOWS:-3}"
THREADS=2
work="$root/benchmarks/work/train"
results="$work/results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

updated=0
need() {
  for package in "$@"; do
    if ! dpkg -s "$package" >/dev/null 2>&1; then
      if [ "$updated" = 0 ]; then apt-get update -qq; updated=1; fi
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package"
    fi
  done
}
# The peer's packages, OpenBLAS (Debian's default BLAS is the slow reference one), and the drawings the dataset is made of.
need python3-torch python3-numpy libopenblas0-openmp openclipart-svg
openblas=/usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3
if [ -e "$openblas" ]; then
  update-alternatives --set libblas.so.3-x86_64-linux-gnu "$openblas" >/dev/null
  update-alternatives --set liblapack.so.3-x86_64-linux-gnu /usr/lib/x86_64-linux-gnu/openblas-openmp/liblapack.so.3 >/dev/null
fi

if [ ! -f data/openclipart/dataset.json ]; then
  echo "== preparing the OpenClipart dataset" >&2
  ./itm data prepare openclipart --out data/openclipart
fi

echo "== building the benchmarks" >&2
mkdir -p "$work"
if ! dotnet build benchmarks/Itm.Benchmarks -c Release -nologo -v quiet >"$work/build.log" 2>&1; then
  grep -E "error" "$work/build.log" >&2 || cat "$work/build.log" >&2
  echo "build failed; full log in $work/build.log" >&2
  exit 1
fi
# benchmarks/train/vocabulary.sh shares this set-up and stops here.
if [ "${SETUP_ONLY:-0}" = 1 ]; then exit 0; fi
mkdir -p "$results"
rm -f "$results"/*.json

itm_run() {
  dotnet run -c Release --no-build --project benchmarks/Itm.Benchmarks -- train --text "$1" \
    --warmup "$WARMUP" --steps "$STEPS" --windows "$WINDOWS" --threads "$THREADS" --work "$work" > "$results/itm-$1-$2.json"
}
peer_run() {
  OMP_NUM_THREADS="$THREADS" /usr/bin/python3 benchmarks/train/train_peer.py --text "$1" --work "$work" > "$results/pytorch-$1-$2.json"
}

for round in $(seq 1 "$ROUNDS"); do
  for model in $MODELS; do
    echo "== round $round: $model" >&2
    # The first itm run writes the inputs the peer reads; later rounds flip the order.
    if [ $((round % 2)) = 1 ] || [ ! -f "$work/$model/training-set.json" ]; then
      itm_run "$model" "$round"; peer_run "$model" "$round"
    else
      peer_run "$model" "$round"; itm_run "$model" "$round"
    fi
  done
done

/usr/bin/python3 benchmarks/train/summarise.py "$results" | tee "$results/summary.md"

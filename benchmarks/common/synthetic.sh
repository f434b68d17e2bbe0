# Sourced by the load and re-index benchmarks: a synthetic image collection and a real model trained to index it.
# Expects $root (the repository) and $ITM (the itm command); everything goes under benchmarks/work/synthetic.
synthetic_work="$root/benchmarks/work/synthetic"

need_package() { dpkg -s "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$1"; }; }

# Prints the folder of a collection of $1 synthetic scenes (dataset.json + images/), making it the first time.
synthetic_collection() {
  local count="$1" folder="$synthetic_work/collection-$1"
  if [ ! -f "$folder/dataset.json" ]; then
    echo "== making $count synthetic images in $folder (about 3 s per 1,000)" >&2
    $ITM data prepare synthetic --count "$count" --out "$folder" >&2
  fi
  echo "$folder"
}

# Prints the folder of a model with text model $1 (MiniLM run in precision $2, float32 by default) and a 32-pixel
# ConvNet image channel, trained the first time on the default 6,000-scene synthetic dataset (a ConvNet keeps indexing
# 100,000 images to minutes; ResNet18 would take ~35 min).
synthetic_model() {
  local text="$1" precision="${2:-float32}" folder="$synthetic_work/model-$1"
  [ "$precision" = float32 ] || folder="$folder-$precision"
  if [ ! -f "$folder/model.json" ]; then
    local data
    data="$(synthetic_collection 6000)"
    echo "== training a $text ($precision) × convnet model in $folder" >&2
    $ITM train --data "$data/dataset.json" --text "$text" --text-precision "$precision" --image convnet --pixels 32 --epochs 3 \
      --cache "$synthetic_work/cache" --out "$folder" >&2
  fi
  echo "$folder"
}

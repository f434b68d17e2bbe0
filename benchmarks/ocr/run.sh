#!/usr/bin/env bash
# Text inside images: how often `itm index --ocr` + `itm search WORD` puts the picture with WORD written in it among
# the best 5, and what reading the words costs per image. The set (Itm.Benchmarks ocr-set) is one picture per word
# of benchmarks/ocr/words.txt (269) with the word drawn in a DejaVu or Liberation font at 16-64 px, in lower, Title or
# UPPER case, dark on light or light on dark, about half with a shape beside it, plus 31 pictures of shapes only.
# It is indexed with the base model and --ocr, then every word is searched for (Itm.Benchmarks ocr-search).
#
#   benchmarks/ocr/run.sh      # ~3 min on 2 cores
# Knobs: SHAPES_ONLY (31), SEED (11), K (5), ITM (the itm command).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
ITM="${ITM:-$root/itm}"
work="$root/benchmarks/work/ocr"
mkdir -p "$work"

need_package() { dpkg -s "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$1"; }; }
for package in libtesseract5 tesseract-ocr-eng fonts-dejavu-core fonts-liberation; do need_package "$package"; done

echo "== building the benchmarks" >&2
dotnet build benchmarks/Itm.Benchmarks -c Release -nologo -v quiet >&2
bench="dotnet benchmarks/Itm.Benchmarks/bin/Release/net10.0/linux-x64/Itm.Benchmarks.dll"
rm -rf "$work/set" "$work/index"
$bench ocr-set benchmarks/ocr/words.txt "$work/set" "${SHAPES_ONLY:-31}" "${SEED:-11}" >&2
echo "== indexing with --ocr" >&2
start=$(date +%s%N)
$ITM index --images "$work/set" --db "$work/index" --cache "$work/cache" --ocr
echo "index --ocr took $(( ($(date +%s%N) - start) / 1000000 )) ms (the whole command)"
$bench ocr-search "$work/index" "$work/set" "${K:-5}"

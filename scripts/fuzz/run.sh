#!/usr/bin/env bash
# Fuzzes itm's parsers with afl++ and SharpFuzz, one target at a time (fuzz/Itm.Fuzz; `Itm.Fuzz list` names them).
# Not part of the test suite: the suite only replays fuzz/corpora and fuzz/regressions (tests/Itm.Fuzz.Tests).
#
#   scripts/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]      e.g. scripts/fuzz/run.sh 1800          (the issue's bar)
#                                                                  scripts/fuzz/run.sh 60 query svg
#
# A target stops after SECONDS_PER_TARGET or ITM_FUZZ_EXECS executions (default 1,000,000), whichever comes first.
#
# Installs afl++ (apt) and the SharpFuzz.CommandLine tool when missing, builds Release, instruments the itm assemblies,
# runs afl-fuzz under `nice` on one core, copies crashes and hangs to $ITM_FUZZ_WORK/findings/TARGET, and prints per
# target: executions, executions per second, coverage, crashes and hangs. A crash is an exception the target does not
# document for bad input (or a native fault); a hang is an input that runs past the timeout (ITM_FUZZ_TIMEOUT_MS).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-60}"
shift || true
work="${ITM_FUZZ_WORK:-$root/.artifacts/fuzz}"
timeout_ms="${ITM_FUZZ_TIMEOUT_MS:-5000}"
execs="${ITM_FUZZ_EXECS:-1000000}"
sharpfuzz_version=2.3.0
tools="$work/tools"
build="$work/build"
bin="$work/instrumented"
# The assemblies whose branches afl-fuzz sees: itm's own. Skia, SQLite and the framework run uninstrumented.
instrumented=(Itm.Data Itm.Index Itm.Search Itm.Server Itm.Model Itm.Evaluation)

if ! command -v afl-fuzz >/dev/null; then
  echo "Installing afl++ ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi

if [ ! -x "$tools/sharpfuzz" ]; then
  echo "Installing SharpFuzz.CommandLine $sharpfuzz_version ..."
  dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$tools" >/dev/null
fi

echo "Building fuzz/Itm.Fuzz (Release) ..."
dotnet build "$root/fuzz/Itm.Fuzz/Itm.Fuzz.csproj" -c Release -o "$build" -v quiet -nologo >/dev/null
# Instrument a fresh copy each run: sharpfuzz rewrites in place, and an assembly must not be instrumented twice.
rm -rf "$bin"
cp -a "$build" "$bin"
for assembly in "${instrumented[@]}"; do
  "$tools/sharpfuzz" "$bin/$assembly.dll" >/dev/null
done

if [ "$#" -eq 0 ]; then
  mapfile -t targets < <("$bin/Itm.Fuzz" list | awk '{print $1}')
else
  targets=("$@")
fi

stat_of() { awk -F' *: *' -v key="$2" '$1 == key {print $2}' "$1"; }
summary="$work/summary.tsv"
printf 'target\texecutions\texecs_per_s\tbitmap_cvg\tedges\tcrashes\thangs\tseconds\n' >"$summary"
for target in "${targets[@]}"; do
  run="$work/runs/$target"
  rm -rf "$run"
  mkdir -p "$run/in"
  cp "$root/fuzz/corpora/$target/"* "$run/in/"
  if [ -d "$root/fuzz/regressions/$target" ]; then cp "$root/fuzz/regressions/$target/"* "$run/in/"; fi
  echo "Fuzzing $target for ${seconds}s ..."
  # The target is `dotnet`'s app host, not an afl-compiled binary (SKIP_BIN_CHECK); no core pinning on a shared
  # machine (NO_AFFINITY); a crash must not wait for a core-dump handler (I_DONT_CARE_ABOUT_MISSING_CRASHES).
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    AFL_FORKSRV_INIT_TMOUT=60000 \
    nice -n 10 afl-fuzz -i "$run/in" -o "$run/out" -V "$seconds" -E "$execs" -t "$timeout_ms" -m none -- "$bin/Itm.Fuzz" "$target" \
    >"$run/afl.log" 2>&1 || { echo "afl-fuzz failed for $target; see $run/afl.log"; tail -20 "$run/afl.log"; continue; }
  stats="$run/out/default/fuzzer_stats"
  findings="$work/findings/$target"
  rm -rf "$findings"
  mkdir -p "$findings"
  for kind in crashes hangs; do
    if compgen -G "$run/out/default/$kind/id*" >/dev/null; then
      mkdir -p "$findings/$kind"
      cp "$run/out/default/$kind/"id* "$findings/$kind/"
    fi
  done
  crashes=$(stat_of "$stats" saved_crashes)
  hangs=$(stat_of "$stats" saved_hangs)
  printf '%s\t%s\t%s\t%s\t%s/%s\t%s\t%s\t%s\n' "$target" "$(stat_of "$stats" execs_done)" "$(stat_of "$stats" execs_per_sec)" \
    "$(stat_of "$stats" bitmap_cvg)" "$(stat_of "$stats" edges_found)" "$(stat_of "$stats" total_edges)" \
    "${crashes:-?}" "${hangs:-?}" "$(stat_of "$stats" run_time)" >>"$summary"
  tail -1 "$summary"
done

echo
column -t -s $'\t' "$summary"
echo "Crashes and hangs: $work/findings/TARGET (replay one, uninstrumented: $build/Itm.Fuzz TARGET FILE)."

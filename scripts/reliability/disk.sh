#!/usr/bin/env bash
# itm index and itm train on a full disk and on a read-only one: each run must stop with an error that names the
# folder and says what to do, lose nothing, and the same command must finish once there is room (or the folder is
# writable again), ending with the same index or model as runs that were never stopped. Needs root (it mounts a
# small tmpfs); not part of the test suite. Usage: sudo scripts/reliability/disk.sh [WORK_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-$(mktemp -d /tmp/itm-disk-XXXXXX)}"
mnt="$work/mnt"
itm() { "$root/itm" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

[ "$(id -u)" = 0 ] || fail "needs root to mount a tmpfs"
mkdir -p "$work" "$mnt"
trap 'umount "$mnt" 2>/dev/null || true' EXIT

# Expects a failing run: exit code 1 and a message that names the folder and the cause.
expect_refusal() {
  local what="$1" folder="$2" cause="$3"; shift 3
  local log="$work/refused.log" rc=0
  "$@" >"$log" 2>&1 || rc=$?
  [ "$rc" = 1 ] || { cat "$log"; fail "$what: exit code $rc, expected 1"; }
  tr -d '\n' <"$log" | tr -s ' ' | grep -q "$cause" || { cat "$log"; fail "$what: no '$cause' in the message"; }
  tr -d '\n' <"$log" | tr -s ' ' | grep -qF "$folder" || { cat "$log"; fail "$what: the message does not name $folder"; }
  grep -q "^   at " "$log" && { cat "$log"; fail "$what: a stack trace instead of a message"; }
  pass "$what: refused, naming $folder: $(grep -A3 '^error:' "$log" | tr -d '\n' | tr -s ' ' | cut -c1-160)..."
}

# Fills the tmpfs until only $1 KiB are free.
fill_to() {
  rm -f "$mnt/filler"
  local free_kb
  free_kb=$(df -k --output=avail "$mnt" | tail -1)
  head -c $(( (free_kb - $1) * 1024 )) /dev/zero >"$mnt/filler"
}

# Every image's score for a query, as a hash: equal hashes mean equal indexes for search.
answers() {
  itm search "a red circle left of a blue square" --db "$1" -k 1000 --json |
    python3 -c 'import json,sys,hashlib; r=json.load(sys.stdin)["results"]; print(len(r), hashlib.sha1(json.dumps(sorted((m["path"].rsplit("/",1)[-1], m["score"]) for m in r)).encode()).hexdigest())'
}

echo "== data: 160 synthetic scenes in $work/data"
itm data prepare synthetic --count 160 --out "$work/data" >/dev/null
images="$work/images"
mkdir -p "$images"
ls "$work/data/images" | head -80 | while read -r f; do cp "$work/data/images/$f" "$images/"; done

echo "== index, full disk"
mount -t tmpfs -o size=4m tmpfs "$mnt"
fill_to 150
expect_refusal "itm index on a full disk" "$mnt/db" "No space left" itm index --images "$images" --db "$mnt/db" --model base
rm -f "$mnt/filler"
itm index --images "$images" --db "$mnt/db" --model base >/dev/null || fail "itm index after freeing space"
itm index --images "$images" --db "$work/reference-half" --model base >/dev/null
[ "$(answers "$mnt/db")" = "$(answers "$work/reference-half")" ] || fail "the index resumed after a full disk differs from a clean build"
pass "after freeing space the same command finished; its answers equal a clean build's ($(answers "$mnt/db"))"

echo "== index, read-only: 80 more images arrive, the folder is remounted read-only"
ls "$work/data/images" | tail -n +81 | while read -r f; do cp "$work/data/images/$f" "$images/"; done
mount -o remount,ro "$mnt"
expect_refusal "itm index on a read-only folder" "$mnt/db" "read-only" itm index --images "$images" --db "$mnt/db" --model base
mount -o remount,rw "$mnt"
itm search "a red circle" --db "$mnt/db" -k 1 >/dev/null || fail "the index no longer answers after the refused run"
itm index --images "$images" --db "$mnt/db" --model base >/dev/null || fail "itm index after remounting read-write"
itm index --images "$images" --db "$work/reference-all" --model base >/dev/null
[ "$(answers "$mnt/db")" = "$(answers "$work/reference-all")" ] || fail "the index resumed after a read-only folder differs from a clean build"
pass "after remounting read-write the same command finished; its answers equal a clean build's ($(answers "$mnt/db"))"
umount "$mnt"

echo "== train, full disk and read-only"
train=(train --data "$work/data/dataset.json" --epochs 3 --seed 1 --threads 1)
itm "${train[@]}" --out "$work/reference-model" >/dev/null
mount -t tmpfs -o size=256m tmpfs "$mnt"
fill_to 300
expect_refusal "itm train on a full disk" "$mnt/model" "No space left" itm "${train[@]}" --out "$mnt/model"
rm -f "$mnt/filler"
mount -o remount,ro "$mnt"
expect_refusal "itm train on a read-only folder" "$mnt/model" "read-only" itm "${train[@]}" --out "$mnt/model"
mount -o remount,rw "$mnt"
itm "${train[@]}" --out "$mnt/model" >/dev/null || fail "itm train after freeing space"
cmp -s "$mnt/model/weights.dat" "$work/reference-model/weights.dat" || fail "the model trained after the refusals differs from a clean run's"
pass "after freeing space the same command finished; weights.dat equals a clean run's byte for byte"
echo "all disk checks passed"

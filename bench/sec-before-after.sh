#!/usr/bin/env bash
# Ingest + run on sample-data/sec/ (companyfacts and the FSDS quarter) with two builds of the project, interleaved:
# the commit given (default 0fccb75, main before the real-filings rules of issue 10) and the working tree. Prints
# wall and CPU seconds per step (median of RUNS) and the ratio after / before.
# Usage: bench/sec-before-after.sh [BEFORE_COMMIT] [RUNS]   (defaults: 0fccb75 3)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BEFORE=${1:-0fccb75}
RUNS=${2:-3}
TMP=$(mktemp -d)
cleanup() {
  git -C "$ROOT" worktree remove --force "$TMP/before" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

git -C "$ROOT" worktree add -q --detach "$TMP/before" "$BEFORE"
# build both first and record their class archives, so no measured step pays for Maven or for the recording
"$ROOT/bench/warm-launcher.sh" "$TMP/before/bin/valuechain" "$ROOT/bin/valuechain"

step() {  # step SIDE RUN NAME ARGS...: one CLI call, timed
  local side=$1 run=$2 name=$3 home
  shift 3
  home=$([ "$side" = before ] && echo "$TMP/before" || echo "$ROOT")
  /usr/bin/time -f "%e %U %S" -o "$TMP/$side.$run.$name.time" \
    bash -c 'cd "$0" && bin/valuechain "$@"' "$home" "$@" > /dev/null 2> "$TMP/$side.$run.$name.log" || {
    echo "$side run $run: '$name' failed:" >&2
    tail -5 "$TMP/$side.$run.$name.log" >&2
    exit 1
  }
}

for i in $(seq "$RUNS"); do
  for side in before after; do
    w="$TMP/warehouse-$side-$i"
    step "$side" "$i" companyfacts ingest sec-companyfacts sample-data/sec/companyfacts --bronze-only --warehouse "$w"
    step "$side" "$i" fsds ingest sec-fsds sample-data/sec/fsds --bronze-only --warehouse "$w"
    step "$side" "$i" run run --warehouse "$w"
    echo "$side run $i done (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  done
done

python3 - "$TMP" "$RUNS" "$BEFORE" <<'PY'
import sys, statistics, pathlib
tmp, runs, before = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
steps = ["companyfacts", "fsds", "run"]
def t(side, step, kind):  # kind 0 = wall, 1 = cpu (user + sys)
    vals = []
    for i in range(1, runs + 1):
        e, u, s = map(float, (tmp / f"{side}.{i}.{step}.time").read_text().split())
        vals.append(e if kind == 0 else u + s)
    return statistics.median(vals)
print(f"median of {runs} runs, seconds       before ({before})          after        after/before")
print(f"{'':34} {'wall':>8} {'cpu':>8} {'wall':>8} {'cpu':>8} {'wall':>6} {'cpu':>6}")
totals = {"before": [0, 0], "after": [0, 0]}
for s in steps:
    row = []
    for side in ("before", "after"):
        w, c = t(side, s, 0), t(side, s, 1)
        totals[side][0] += w; totals[side][1] += c
        row += [w, c]
    print(f"{s:34} {row[0]:8.1f} {row[1]:8.1f} {row[2]:8.1f} {row[3]:8.1f} {row[2]/row[0]:6.2f} {row[3]/row[1]:6.2f}")
b, a = totals["before"], totals["after"]
print(f"{'ingest + run':34} {b[0]:8.1f} {b[1]:8.1f} {a[0]:8.1f} {a[1]:8.1f} {a[0]/b[0]:6.2f} {a[1]/b[1]:6.2f}")
PY

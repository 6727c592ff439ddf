#!/usr/bin/env bash
# Crash trials: does a run publish all its tables or none, and do two runs started together never both write?
#
#  1. Kill trials. A warehouse holds a complete run of input set A (sample-data/) or B (the same without Apple's
#     facts, so the two runs' tables differ). A `run` of the other set is started and killed with SIGKILL at one
#     of ten points across its stages (on the progress lines it prints to stderr, some plus a delay so the kill
#     lands inside a wave of writes). Then `bin/valuechain sql` must show every silver and gold table exactly as
#     a clean run of the previous set left it (contents compared with bench/compare-tables.sh, not counts). The
#     next trial's run is a rerun over the dead one; at the end a rerun goes to completion and its tables must
#     equal a clean run's of the same set.
#  2. Concurrent trials. Two `run`s start together: exactly one may proceed; the other must stop at once with exit
#     code 3 and one line naming the running one. The one that proceeds is killed once it has started Spark.
#  3. A summary table; exit code 0 when every trial passed, 1 otherwise.
#
# Usage: bench/reliability.sh [KILLS] [CONCURRENT]   kill points (0-10, spread over the ten; default 10) and
#                                                    concurrent trials (default 4)
# Environment: VALUECHAIN (launcher, default this checkout's bin/valuechain: build it first with
#   bench/warm-launcher.sh, so no trial starts with a build or records the class archive), RELIABILITY_WORK (work folder, default
#   /tmp/valuechain-reliability: the clean runs of A and B and their table dumps are kept there and reused by the
#   next invocation; delete it after a code change), CONVERGE_EVERY (also rerun to completion and compare after
#   every N kills; default 0: only after the last).
# Each run takes about a minute on 2 cores, each table dump about as long: ten kills take 20-40 minutes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export VALUECHAIN=${VALUECHAIN:-$ROOT/bin/valuechain}
COMPARE=$ROOT/bench/compare-tables.sh
KILLS=${1:-10} CONCURRENT=${2:-4} CONVERGE_EVERY=${CONVERGE_EVERY:-0}
WORK=${RELIABILITY_WORK:-/tmp/valuechain-reliability}
W=$WORK/trials
mkdir -p "$WORK"
STARTED=$(date +%s)

# Kill points: a progress line of `run` (extended regex) and seconds to wait after it. The delayed ones land
# inside the writes of a wave, when some of its tables have a new version and others not.
POINTS=(
  "started Spark|0"
  "read [0-9]+ input files|0"
  "validated inputs|0"
  "validated inputs|3"
  "wrote wave 1 of|0"
  "wrote wave 1 of|6"
  "wrote wave 2 of|0"
  "wrote wave 2 of|8"
  "wrote wave ([0-9]+) of \\1:|0"
  "wrote bronze.load_runs|0"
)
(( KILLS >= 0 && KILLS <= ${#POINTS[@]} )) || { echo "KILLS must be 0-${#POINTS[@]}" >&2; exit 2; }

log() { printf '[%5ds] %s\n' $(( $(date +%s) - STARTED )) "$*" >&2; }

inputs() {  # set -> input folder
  if [ "$1" = A ]; then echo "$ROOT/sample-data"; return; fi
  if [ ! -d "$WORK/input-B" ]; then
    cp -r "$ROOT/sample-data" "$WORK/input-B"
    for f in "$WORK"/input-B/facts/*.csv; do awk -F, '$1 != "AAPL"' "$f" > "$f.tmp" && mv "$f.tmp" "$f"; done
  fi
  echo "$WORK/input-B"
}
other() { if [ "$1" = A ]; then echo B; else echo A; fi; }

clean_run() {  # set: a clean run in its own warehouse and the dump of its tables, reused when present
  if [ -f "$WORK/dump-$1/.table-dump" ]; then
    log "reusing the clean run of $1 ($WORK/clean-$1)"
    return
  fi
  rm -rf "$WORK/clean-$1" "$WORK/dump-$1"
  log "clean run of $1"
  "$VALUECHAIN" run --input "$(inputs "$1")" --warehouse "$WORK/clean-$1" >/dev/null 2>"$WORK/clean-$1.log" ||
    { log "the clean run of $1 failed: $WORK/clean-$1.log"; exit 1; }
  "$COMPARE" --dump "$WORK/clean-$1" "$WORK/dump-$1.part" && mv "$WORK/dump-$1.part" "$WORK/dump-$1"
}

newest_commits() {  # the newest Delta commit file of every table but bronze.runs, one line per table
  for d in "$W"/*/*/_delta_log; do
    case "$d" in */bronze/runs/*) continue ;; esac
    echo "$d $(ls "$d" | grep '\.json$' | tail -1 || true)"
  done
}

wait_for() {  # log regex pid: 0 when the line appears, 1 when the process ended without printing it
  until grep -qE "$2" "$1"; do
    if ! kill -0 "$3" 2>/dev/null; then grep -qE "$2" "$1"; return; fi
    sleep 0.1
  done
}

readers_see() {  # prints A, B or "a mix": what `sql` shows of the trial warehouse
  "$COMPARE" "$W" "$WORK/dump-$CURRENT" > "$WORK/readers.diff" && { echo "$CURRENT"; return; }
  local next; next=$(other "$CURRENT")
  "$COMPARE" "$W" "$WORK/dump-$next" > "$WORK/readers-$next.diff" && { echo "$next"; return; }
  echo "a mix"
}

RESULTS=()
FAILED=0
result() { RESULTS+=("$1"); if [[ "$1" == *FAIL* ]]; then FAILED=$(( FAILED + 1 )); fi; }

kill_trial() {  # number, point
  local n=$1 regex=${2%|*} delay=${2##*|} next before written seen pid rc=0 t0 at verdict manifest
  next=$(other "$CURRENT")
  before=$(newest_commits)
  manifest=$(ls "$W/bronze/runs/_delta_log" | grep -c '\.json$')
  local out=$WORK/kill-$n.log
  : > "$out"  # exists before the polling starts
  t0=$(date +%s.%N)
  "$VALUECHAIN" run --input "$(inputs "$next")" --warehouse "$W" >/dev/null 2>"$out" &
  pid=$!
  if wait_for "$out" "$regex" "$pid"; then
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null || true  # it may have ended during the delay: the exit code below tells
  fi
  wait "$pid" || rc=$?
  at=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
  written=$(comm -13 <(echo "$before" | sort) <(newest_commits | sort) | wc -l)
  # 2 new commits of bronze.runs: the killed run wrote its started and its complete row
  manifest=$(( $(ls "$W/bronze/runs/_delta_log" | grep -c '\.json$') - manifest ))
  seen=$(readers_see)
  if [ "$rc" -ne 137 ]; then
    verdict="FAIL: the run was not killed (exit code $rc)"
  elif [ "$seen" = "$CURRENT" ]; then
    verdict="ok: readers on the previous complete run"
  elif [ "$seen" = "$next" ] && [ "$manifest" -eq 2 ]; then
    verdict="ok: killed after its complete row, readers on it"
    CURRENT=$next
  else
    verdict="FAIL: readers see $seen (diff in $WORK/readers.diff)"
  fi
  local label; label=$(printf "'%s' +%ss" "$(echo "$regex" | sed -E 's/\(?\[0-9\]\+\)?/N/g; s/ of \\1:/ of N/; s/ of$//')" "$delay")
  log "kill $n at $label: killed after ${at}s, $written tables newly written, readers see $seen: $verdict"
  result "$(printf '%-5s %-34s %7ss %9s  %-7s %s' "$n" "$label" "$at" "$written/$TABLES" "$seen" "$verdict")"
}

converge() {  # rerun to completion with the other set; its tables must equal that set's clean run
  local next rc=0 diffs
  next=$(other "$CURRENT")
  log "rerun of $next to completion"
  "$VALUECHAIN" run --input "$(inputs "$next")" --warehouse "$W" >/dev/null 2>"$WORK/rerun.log" || rc=$?
  CURRENT=$next
  if [ "$rc" -ne 0 ]; then
    result "rerun $next: FAIL: exit code $rc ($WORK/rerun.log)"
  elif "$COMPARE" "$W" "$WORK/dump-$next" > "$WORK/rerun.diff"; then
    result "rerun $next after the kills: ok: all $(grep -c '^equal' "$WORK/rerun.diff") silver and gold tables equal a clean run's"
  else
    diffs=$(grep -c '^differs' "$WORK/rerun.diff")
    result "rerun $next after the kills: FAIL: $diffs tables differ from a clean run's ($WORK/rerun.diff)"
  fi
}

concurrent_trial() {  # number: two runs of the current set together; exactly one may go on
  local n=$1 in a b rc=0 loser winner lines verdict i
  in=$(inputs "$CURRENT")
  : > "$WORK/concurrent-$n-a.log"
  : > "$WORK/concurrent-$n-b.log"
  "$VALUECHAIN" run --input "$in" --warehouse "$W" >/dev/null 2>"$WORK/concurrent-$n-a.log" &
  a=$!
  "$VALUECHAIN" run --input "$in" --warehouse "$W" >/dev/null 2>"$WORK/concurrent-$n-b.log" &
  b=$!
  # the one refused stops before Spark starts, within seconds
  for (( i = 0; i < 600; i++ )); do
    kill -0 "$a" 2>/dev/null && kill -0 "$b" 2>/dev/null || break
    sleep 0.1
  done
  if ! kill -0 "$a" 2>/dev/null; then loser=a winner=$b; wait "$a" || rc=$?
  elif ! kill -0 "$b" 2>/dev/null; then loser=b winner=$a; wait "$b" || rc=$?
  else loser=""; fi
  if [ -z "$loser" ]; then
    verdict="FAIL: both still running after 60 s"
    kill -KILL "$a" "$b" || true
    wait "$a" "$b" || true
  else
    # the JVM's own WARNING lines and a note about taking over a dead run's lock are not the refusal
    lines=$(grep -v '^WARNING: ' "$WORK/concurrent-$n-$loser.log" | grep -vc '^valuechain: taking over the lock' || true)
    if ! kill -0 "$winner" 2>/dev/null; then
      verdict="FAIL: both ended (see $WORK/concurrent-$n-*.log)"
    elif [ "$rc" -ne 3 ] || [ "$lines" -ne 1 ] \
        || ! grep -q '^valuechain: another run is writing to .*pid [0-9]* on host' "$WORK/concurrent-$n-$loser.log"; then
      verdict="FAIL: the refused run exited $rc with $lines lines ($WORK/concurrent-$n-$loser.log)"
    else
      # the other goes on: it reaches Spark's start, then is killed to save the rest of a run
      if wait_for "$WORK/concurrent-$n-$([ $loser = a ] && echo b || echo a).log" "started Spark" "$winner"; then
        verdict="ok: one went on, the other stopped at once: $(grep '^valuechain: another' \
          "$WORK/concurrent-$n-$loser.log" | cut -c1-60)..."
      else
        verdict="FAIL: the run holding the lock ended before starting Spark"
      fi
    fi
    kill -KILL "$winner" 2>/dev/null || true
    wait "$winner" || true
  fi
  log "concurrent $n: $verdict"
  result "$(printf 'concurrent %-3s %s' "$n" "$verdict")"
}

clean_run A
clean_run B
rm -rf "$W"
cp -a "$WORK/clean-A" "$W"
CURRENT=A
TABLES=$(newest_commits | wc -l)
log "trials on $W, which holds the clean run of A ($TABLES tables besides bronze.runs)"
for (( k = 0; k < KILLS; k++ )); do
  # spread the chosen kill points over the ten, first and last included
  idx=$(( KILLS == 1 ? 0 : (k * (${#POINTS[@]} - 1) + (KILLS - 1) / 2) / (KILLS - 1) ))
  kill_trial $(( k + 1 )) "${POINTS[$idx]}"
  if (( CONVERGE_EVERY > 0 && (k + 1) % CONVERGE_EVERY == 0 && k + 1 < KILLS )); then converge; fi
done
for (( c = 1; c <= CONCURRENT; c++ )); do concurrent_trial "$c"; done
if (( KILLS > 0 )); then converge; fi

echo
echo "Crash trials on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), $(( ($(date +%s) - STARTED) / 60 )) minutes"
printf '%-5s %-34s %8s %9s  %-7s %s\n' kill point "killed" written readers verdict
for r in "${RESULTS[@]}"; do echo "$r"; done
ok_kills=$(printf '%s\n' "${RESULTS[@]}" | grep -cE '^[0-9]+ .* ok:' || true)
ok_conc=$(printf '%s\n' "${RESULTS[@]}" | grep -c '^concurrent .* ok:' || true)
echo "kills survived: $ok_kills of $KILLS; concurrent trials with exactly one writer: $ok_conc of $CONCURRENT;" \
  "failed checks: $FAILED"
[ "$FAILED" -eq 0 ]

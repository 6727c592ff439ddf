#!/usr/bin/env bash
# The scale benchmark of issue 13: `valuechain ingest sec-fsds --bronze-only` + `valuechain run` against a DuckDB
# program doing the same work (bench/duckdb: parse sub/num, type and quarantine, keep every fact keyed as bronze
# does, alias map, fiscal periods, latest filed, Q4 = FY - 9M, pivot, TTM) on the same FSDS-shaped zips
# (bench/gen-fsds.py), and Spark's floor on that work: the DuckDB program's statements in Spark SQL with Delta
# writes, nothing else (bench/spark-floor/SparkFloor.java, in one JVM, on the measured build's classpath and
# session, with its large-data settings). The sides run interleaved in one run so that the machine's noise hits
# all of them.
#
# Usage: bench/scale.sh SIZE...        e.g. bench/scale.sh 1M 5M 20M
# Environment:
#   RUNS        runs per side and size (default 1); every other run takes the sides in reverse order
#   SEED_ZIP    the real quarter the generator copies its mix from (default ../shared/data/sec-fsds/2010q2.zip)
#   DATA_DIR    where the generated zips are kept between runs (default /tmp/valuechain-bench)
#   VALUECHAIN  the launcher to measure (default this checkout's bin/valuechain; point it at another checkout
#               to measure a before/after pair)
#   THREADS     DuckDB threads (default 2: the cores Spark's local[2] gets)
#   FLOOR       1 (default) also runs Spark's floor; 0 skips it
#   SPARK_MASTER  as for the launcher (default local[2]); the floor runs on it too
# Prints one line per run (and the peers' time per statement or step) and a table: wall and CPU seconds, peak
# resident memory, facts per second, and the ratios product / DuckDB, floor / DuckDB and product / floor; for the
# product also its job count (event log) and Delta commits (new _delta_log entries) of ingest + run, and the wall
# time of ingesting the same files once more (skipped on their checksums).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-1}
SEED_ZIP=${SEED_ZIP:-$ROOT/../shared/data/sec-fsds/2010q2.zip}
DATA_DIR=${DATA_DIR:-/tmp/valuechain-bench}
VALUECHAIN=${VALUECHAIN:-$ROOT/bin/valuechain}
THREADS=${THREADS:-2}
FLOOR=${FLOOR:-1}
case "$FLOOR" in 0 | 1) ;; *) echo "bench/scale.sh: FLOOR is '$FLOOR'; expected 0 or 1" >&2; exit 2 ;; esac
TAGS="$ROOT/jobs/src/main/resources/sec/metric_tags.csv"
[ $# -gt 0 ] || { echo "usage: bench/scale.sh SIZE... (e.g. 1M 5M 20M)" >&2; exit 2; }
[ -f "$SEED_ZIP" ] || { echo "bench/scale.sh: seed quarter not found: $SEED_ZIP (set SEED_ZIP)" >&2; exit 2; }

"$ROOT/bench/warm-launcher.sh" "$VALUECHAIN"   # build and record its class archive: no run pays for either
# Maven 3.8 writes bare colour resets (ESC[0m) even with -B -q
(cd "$ROOT/bench/duckdb" && mvn -B -q package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt 2>&1) |
  sed $'s/\e\\[0m//g' >&2
DUCK_CP="$ROOT/bench/duckdb/target/classes:$(cat "$ROOT/bench/duckdb/target/classpath.txt")"
RESULTS=$(mktemp)
FLOOR_CLASSES=$(mktemp -d)
trap 'rm -rf "$RESULTS" "$FLOOR_CLASSES"' EXIT
# the floor runs on the measured launcher's own build: its jar, runtime classpath and JVM module flags
PRODUCT=$(cd "$(dirname "$VALUECHAIN")/.." && pwd)
FLOOR_CP="$PRODUCT/target/valuechain.jar:$(cat "$PRODUCT/target/runtime-classpath.txt")"
read -r -a FLOOR_JVM_FLAGS < "$PRODUCT/target/classes/valuechain/jvm.flags"
if (( FLOOR )); then
  javac -d "$FLOOR_CLASSES" -cp "$FLOOR_CP" "$ROOT/bench/spark-floor/SparkFloor.java" \
    "$ROOT/bench/duckdb/src/main/java/bench/FsdsZips.java"   # the unpacking both peers share
fi

facts_of() { python3 -c "import sys; s=sys.argv[1].upper(); print(int(float(s[:-1]) * {'K':1e3,'M':1e6}[s[-1]]) if s[-1] in 'KM' else int(s))" "$1"; }

# measure NAME LOG CMD...: runs CMD under /usr/bin/time, appends "wall cpu peak_kb" of it to the file NAME
measure() {
  local out=$1 log=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$out.time" "$@" >"$log" 2>&1 || { echo "failed: $* (see $log)" >&2; tail -5 "$log" >&2; return 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$out.time" >> "$out"
}

spark_side() {
  local size=$1 zips=$2 work=$3
  rm -rf "$work" && mkdir -p "$work/events"
  # event logs only to count jobs; JAVA_TOOL_OPTIONS leaves the launcher's own JVM options as they are
  export JAVA_TOOL_OPTIONS="-Dspark.eventLog.enabled=true -Dspark.eventLog.compress=false -Dspark.eventLog.dir=file://$work/events"
  measure "$work/ingest" "$work/ingest.log" "$VALUECHAIN" ingest sec-fsds "$zips" --bronze-only --warehouse "$work/wh"
  measure "$work/run" "$work/run.log" "$VALUECHAIN" run --warehouse "$work/wh"
  unset JAVA_TOOL_OPTIONS
  # the same files again: skipped on their checksums
  measure "$work/again" "$work/again.log" "$VALUECHAIN" ingest sec-fsds "$zips" --bronze-only --warehouse "$work/wh"
  local jobs commits
  jobs=$(find "$work/events" -type f -exec cat {} + | grep -c '"Event":"SparkListenerJobStart"' || true)
  commits=$(find "$work/wh" -path '*_delta_log/*' -name '*.json' | wc -l)
  read -r iw ic im < "$work/ingest"; read -r rw rc rm_ < "$work/run"; read -r aw ac am < "$work/again"
  echo "spark $size $iw $ic $im $rw $rc $rm_ $jobs $commits" >> "$RESULTS"
  echo "spark  $size: ingest ${iw}s wall ${ic}s cpu $((im / 1024)) MB; run ${rw}s wall ${rc}s cpu $((rm_ / 1024)) MB; $jobs jobs, $commits Delta commits (ingest + run); the same ingest again ${aw}s wall" >&2
}

# peer_side NAME LOG_PREFIX WORK SIZE CMD...: one run of a peer program (DuckDB, the floor) in a fresh WORK; records
# its line in the results and shows its log lines that start with LOG_PREFIX (statement times, result counts)
peer_side() {
  local name=$1 prefix=$2 work=$3 size=$4; shift 4
  rm -rf "$work" && mkdir -p "$work"
  measure "$work/all" "$work/$name.log" "$@"
  read -r w c m < "$work/all"
  echo "$name $size $w $c $m 0 0 0 0 0" >> "$RESULTS"
  echo "$name $size: ${w}s wall ${c}s cpu $((m / 1024)) MB" >&2
  grep "^$prefix" "$work/$name.log" >&2 || true
  rm -rf "$work"
}

duck_side() {
  local size=$1 zips=$2 work=$3
  peer_side duckdb duckdb "$work" "$size" \
    java -Xmx2g -cp "$DUCK_CP" bench.DuckFsds "$work" "$TAGS" "$THREADS" "$zips"/*.zip
}

floor_side() {
  local size=$1 zips=$2 work=$3
  # as the launcher runs a large ingest (bin/valuechain: heap, full JIT, the large-data settings, its Delta and UI
  # settings); the session itself is the product's (Sessions)
  peer_side floor spark-floor "$work" "$size" \
    java "${FLOOR_JVM_FLAGS[@]}" -Xmx2g -XX:ReservedCodeCacheSize=256m \
    -Dspark.master="${SPARK_MASTER:-local[2]}" -Dvaluechain.data=large \
    -Dspark.databricks.delta.writeChecksumFile.enabled=false -Dspark.databricks.delta.stats.collect=false \
    -Dspark.ui.enabled=false -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
    -cp "$FLOOR_CLASSES:$FLOOR_CP" SparkFloor "$work" "$TAGS" "$zips"/*.zip
}

for size in "$@"; do
  facts=$(facts_of "$size")
  zips="$DATA_DIR/$size"
  if [ ! -f "$zips/.complete" ]; then
    python3 "$ROOT/bench/gen-fsds.py" "$SEED_ZIP" "$zips" "$facts" && touch "$zips/.complete"
  fi
  for i in $(seq "$RUNS"); do
    sides=(spark_side duck_side)
    if (( FLOOR )); then sides+=(floor_side); fi
    (( i % 2 )) || sides=($(printf '%s\n' "${sides[@]}" | tac))   # every other run in the reverse order
    for side in "${sides[@]}"; do
      "$side" "$size" "$zips" "$DATA_DIR/work-${side%_side}"
    done
  done
done

python3 - "$RESULTS" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    side, size, *v = line.split()
    rows[(size, side)].append([float(x) for x in v])
def med(vals, i): return statistics.median(v[i] for v in vals)
def facts(size): s = size.upper(); return float(s[:-1]) * {'K': 1e3, 'M': 1e6}[s[-1]] if s[-1] in 'KM' else float(s)
print(f"{'facts':>6} {'side':<14} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'facts/s':>10} {'jobs':>5} {'commits':>7}")
for size in dict.fromkeys(k[0] for k in rows):
    s = rows.get((size, 'spark'))
    if s:
        for label, (w, c, m) in (("spark ingest", (0, 1, 2)), ("spark run", (3, 4, 5))):
            print(f"{size:>6} {label:<14} {med(s, w):8.1f} {med(s, c):8.1f} {med(s, m) / 1024:8.0f} "
                  f"{facts(size) / med(s, w):10.0f}")
        sw, sc = med(s, 0) + med(s, 3), med(s, 1) + med(s, 4)
        print(f"{size:>6} {'spark total':<14} {sw:8.1f} {sc:8.1f} {max(med(s, 2), med(s, 5)) / 1024:8.0f} "
              f"{facts(size) / sw:10.0f} {med(s, 6):5.0f} {med(s, 7):7.0f}")
    totals = {'spark': (sw, sc)} if s else {}   # per side: median wall and CPU seconds of its whole work
    for side, label in (('duckdb', 'duckdb'), ('floor', 'spark floor')):
        r = rows.get((size, side))
        if r:
            totals[side] = (med(r, 0), med(r, 1))
            print(f"{size:>6} {label:<14} {med(r, 0):8.1f} {med(r, 1):8.1f} {med(r, 2) / 1024:8.0f} "
                  f"{facts(size) / med(r, 0):10.0f}")
    for a, b in (('spark', 'duckdb'), ('floor', 'duckdb'), ('spark', 'floor')):
        if a in totals and b in totals:
            (aw, ac), (bw, bc) = totals[a], totals[b]
            print(f"{size:>6} {'ratio ' + a + '/' + b:<19} wall {aw / bw:5.1f}x  cpu {ac / bc:5.1f}x  "
                  f"(medians of {len(rows[(size, a)])} runs)")
PY

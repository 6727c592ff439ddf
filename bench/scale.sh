#!/usr/bin/env bash
# The scale benchmark of issue 13: `valuechain ingest sec-fsds --bronze-only` + `valuechain run` against a DuckDB
# program doing the same work (bench/duckdb: parse sub/num, type and quarantine, keep every fact keyed as bronze
# does, alias map, fiscal periods, latest filed, Q4 = FY - 9M, pivot, TTM) on the same FSDS-shaped zips
# (bench/gen-fsds.py), the two sides interleaved in one run so that the machine's noise hits both.
#
# Usage: bench/scale.sh SIZE...        e.g. bench/scale.sh 1M 5M 20M
# Environment:
#   RUNS        runs per side and size (default 1); the sides alternate, which one starts alternates too
#   SEED_ZIP    the real quarter the generator copies its mix from (default ../shared/data/sec-fsds/2010q2.zip)
#   DATA_DIR    where the generated zips are kept between runs (default /tmp/valuechain-bench)
#   VALUECHAIN  the launcher to measure (default this checkout's bin/valuechain; point it at another checkout
#               to measure a before/after pair)
#   THREADS     DuckDB threads (default 2: the cores Spark's local[2] gets)
# Prints one line per run and a table: wall and CPU seconds, peak resident memory, facts per second, and the
# ratio Spark / DuckDB; for Spark also its job count (event log) and Delta commits (new _delta_log entries) of
# ingest + run, and the wall time of ingesting the same files once more (skipped on their checksums).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-1}
SEED_ZIP=${SEED_ZIP:-$ROOT/../shared/data/sec-fsds/2010q2.zip}
DATA_DIR=${DATA_DIR:-/tmp/valuechain-bench}
VALUECHAIN=${VALUECHAIN:-$ROOT/bin/valuechain}
THREADS=${THREADS:-2}
TAGS="$ROOT/jobs/src/main/resources/sec/metric_tags.csv"
[ $# -gt 0 ] || { echo "usage: bench/scale.sh SIZE... (e.g. 1M 5M 20M)" >&2; exit 2; }
[ -f "$SEED_ZIP" ] || { echo "bench/scale.sh: seed quarter not found: $SEED_ZIP (set SEED_ZIP)" >&2; exit 2; }

"$ROOT/bench/warm-launcher.sh" "$VALUECHAIN"   # build and record its class archive: no run pays for either
(cd "$ROOT/bench/duckdb" && mvn -B -q package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) >&2
DUCK_CP="$ROOT/bench/duckdb/target/classes:$(cat "$ROOT/bench/duckdb/target/classpath.txt")"
RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"' EXIT

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

duck_side() {
  local size=$1 zips=$2 work=$3
  rm -rf "$work" && mkdir -p "$work"
  measure "$work/all" "$work/duck.log" java -Xmx2g -cp "$DUCK_CP" bench.DuckFsds "$work" "$TAGS" "$THREADS" "$zips"/*.zip
  read -r w c m < "$work/all"
  echo "duckdb $size $w $c $m 0 0 0 0 0" >> "$RESULTS"
  echo "duckdb $size: ${w}s wall ${c}s cpu $((m / 1024)) MB" >&2
  grep '^duckdb result' "$work/duck.log" >&2 || true
  rm -rf "$work"
}

for size in "$@"; do
  facts=$(facts_of "$size")
  zips="$DATA_DIR/$size"
  if [ ! -f "$zips/.complete" ]; then
    python3 "$ROOT/bench/gen-fsds.py" "$SEED_ZIP" "$zips" "$facts" && touch "$zips/.complete"
  fi
  for i in $(seq "$RUNS"); do
    if (( i % 2 )); then
      spark_side "$size" "$zips" "$DATA_DIR/work-spark"; duck_side "$size" "$zips" "$DATA_DIR/work-duck"
    else
      duck_side "$size" "$zips" "$DATA_DIR/work-duck"; spark_side "$size" "$zips" "$DATA_DIR/work-spark"
    fi
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
    s, d = rows.get((size, 'spark')), rows.get((size, 'duckdb'))
    if s:
        for label, (w, c, m) in (("spark ingest", (0, 1, 2)), ("spark run", (3, 4, 5))):
            print(f"{size:>6} {label:<14} {med(s, w):8.1f} {med(s, c):8.1f} {med(s, m) / 1024:8.0f} "
                  f"{facts(size) / med(s, w):10.0f}")
        sw, sc = med(s, 0) + med(s, 3), med(s, 1) + med(s, 4)
        print(f"{size:>6} {'spark total':<14} {sw:8.1f} {sc:8.1f} {max(med(s, 2), med(s, 5)) / 1024:8.0f} "
              f"{facts(size) / sw:10.0f} {med(s, 6):5.0f} {med(s, 7):7.0f}")
    if d:
        print(f"{size:>6} {'duckdb':<14} {med(d, 0):8.1f} {med(d, 1):8.1f} {med(d, 2) / 1024:8.0f} {facts(size) / med(d, 0):10.0f}")
    if s and d:
        print(f"{size:>6} {'ratio spark/duckdb':<19} wall {sw / med(d, 0):5.1f}x  cpu {sc / med(d, 1):5.1f}x  (medians of {len(s)} runs)")
PY

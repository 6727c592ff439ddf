#!/usr/bin/env bash
# Reruns `bin/valuechain run` on the sample data and reports per-stage times, side by side for the
# launcher's small-data settings and for Spark's and Delta's defaults (code generation, AQE, 200 shuffle
# partitions, Delta checksums and file statistics), with their ratio. Usage: bench/stage-times.sh [RUNS]   (default 3 runs per configuration)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

"$ROOT/bench/warm-launcher.sh" "$ROOT/bin/valuechain"   # build and record its class archive: no run pays for either

BASE_OPTS="-Xmx2g -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=256m"
declare -A CONFIGS=(
  [tuned]="$BASE_OPTS"
  [spark_defaults]="$BASE_OPTS -Dspark.sql.codegen.wholeStage=true -Dspark.sql.codegen.factoryMode=FALLBACK -Dspark.sql.adaptive.enabled=true -Dspark.sql.shuffle.partitions=200 -Dspark.default.parallelism=2 -Dspark.databricks.delta.snapshotPartitions=50 -Dspark.databricks.delta.writeChecksumFile.enabled=true -Dspark.databricks.delta.stats.collect=true -Dspark.sql.constraintPropagation.enabled=true -Dspark.databricks.delta.stats.skipping=true"
)

for name in tuned spark_defaults; do
  for i in $(seq "$RUNS"); do
    rm -rf "$TMP/warehouse"
    start=$(date +%s%N)
    VALUECHAIN_JAVA_OPTS="${CONFIGS[$name]}" "$ROOT/bin/valuechain" run --warehouse "$TMP/warehouse" \
      2> "$TMP/$name.$i.log" >/dev/null
    end=$(date +%s%N)
    millis=$(( (end - start) / 1000000 ))
    echo "$name run $i: ${millis} ms wall" >&2
    echo "$millis" > "$TMP/$name.$i.wall"
  done
done

python3 - "$TMP" "$RUNS" <<'PY'
import re, sys, statistics, pathlib
tmp, runs = pathlib.Path(sys.argv[1]), int(sys.argv[2])
def stages(name):
    per = {}
    for i in range(1, runs + 1):
        for line in (tmp / f"{name}.{i}.log").read_text().splitlines():
            m = re.match(r"\[\s*[\d.]+s\] (.+?)\s+([\d.]+)s$", line)
            if m:
                per.setdefault(m.group(1), []).append(float(m.group(2)))
    wall = [float((tmp / f"{name}.{i}.wall").read_text()) / 1000 for i in range(1, runs + 1)]
    return per, wall
tuned, tuned_wall = stages("tuned")
default, default_wall = stages("spark_defaults")
print(f"median of {runs} runs, seconds   {'tuned':>8} {'spark defaults':>15} {'ratio':>7}")
for stage in tuned:
    a, b = statistics.median(tuned[stage]), statistics.median(default.get(stage, [float('nan')]))
    print(f"{stage:<34} {a:8.1f} {b:15.1f} {b / a if a else float('nan'):7.2f}")
a, b = statistics.median(tuned_wall), statistics.median(default_wall)
print(f"{'whole process (wall)':<34} {a:8.1f} {b:15.1f} {b / a:7.2f}")
PY

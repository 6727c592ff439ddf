#!/usr/bin/env bash
# The incremental benchmark of issue 12: what `valuechain update` costs when one registered company filed
# something new, against an update that loads everything and against a full rebuild of the same warehouse.
#
# A local EDGAR (python3 -m http.server on 127.0.0.1, EDGAR's URL layout) serves a real FSDS quarter (all its
# filers) and NVIDIA's real companyfacts (sample-data/sec) without its newest filing. Per round:
#   full         update into an empty warehouse: downloads, ingests the quarter and NVIDIA, resolves every filer
#   incremental  NVIDIA's companyfacts now with its newest 10-Q; update again: one download (the quarter answers
#                304), one file ingested, one filer resolved again, silver and gold rebuilt
#   rebuild      run --full-sec-resolution on the same warehouse: the rebuild alone, every filer resolved again
# and, in the first round, checks that the incremental update left the same silver and gold tables as the full
# rebuild of the same bronze (bench/compare-tables.sh). Rounds repeat the three in turn so that the machine's noise
# hits each.
#
# Usage: bench/update-incremental.sh [ROUNDS]      (default 1)
# Environment:
#   FSDS_ZIP    the real quarter to serve (default ../shared/data/sec-fsds/2010q2.zip beside this checkout)
#   VALUECHAIN  the launcher (default this checkout's bin/valuechain)
#   WORK        scratch folder (default /tmp/valuechain-update-bench, emptied first)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${1:-1}
FSDS_ZIP=${FSDS_ZIP:-$ROOT/../shared/data/sec-fsds/2010q2.zip}
VALUECHAIN=${VALUECHAIN:-$ROOT/bin/valuechain}
WORK=${WORK:-/tmp/valuechain-update-bench}
FACTS="$ROOT/sample-data/sec/companyfacts/CIK0001045810.json"
[ -f "$FSDS_ZIP" ] || { echo "bench/update-incremental.sh: no FSDS quarter at $FSDS_ZIP (set FSDS_ZIP)" >&2; exit 2; }
QUARTER=$(basename "$FSDS_ZIP" .zip)

rm -rf "$WORK" && mkdir -p "$WORK/edgar/api/xbrl/companyfacts" "$WORK/edgar/files/dera/data/financial-statement-data-sets"
cp "$FSDS_ZIP" "$WORK/edgar/files/dera/data/financial-statement-data-sets/"
# NVIDIA's companyfacts as they were before its newest filing: every fact of that accession left out
python3 - "$FACTS" "$WORK/before.json" <<'EOF'
import json, sys
facts = json.load(open(sys.argv[1]))
rows = [f for t in facts["facts"].values() for c in t.values() for u in c["units"].values() for f in u]
newest = max(rows, key=lambda f: (f["filed"], f["accn"]))["accn"]
for t in facts["facts"].values():
    for c in t.values():
        for unit, values in c["units"].items():
            c["units"][unit] = [f for f in values if f["accn"] != newest]
json.dump(facts, open(sys.argv[2], "w"))
print(f"NVIDIA before its newest filing ({newest}): {len(rows)} facts, without it "
      f"{sum(len(u) for t in facts['facts'].values() for c in t.values() for u in c['units'].values())}",
      file=sys.stderr)
EOF

"$ROOT/bench/warm-launcher.sh" "$VALUECHAIN"   # build and record its class archive: no measurement pays for either
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$WORK/edgar" && exec python3 -m http.server "$PORT" --bind 127.0.0.1 >"$WORK/http.log" 2>&1) &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
sleep 1
URL="http://127.0.0.1:$PORT"
UPDATE=(update --user-agent "valuechain bench bench@example.com" --sec-data-url "$URL" --sec-archives-url "$URL"
        --fsds "$QUARTER" --ticker NVDA)

# measure NAME CMD...: wall and CPU seconds of CMD, appended to $WORK/NAME.times; its output in $WORK/NAME.log
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$WORK/$name.time" "$@" >"$WORK/$name.log" 2>&1 ||
    { echo "failed: $* (see $WORK/$name.log)" >&2; tail -5 "$WORK/$name.log" >&2; return 1; }
  awk '{ printf "%s %.1f\n", $1, $2 + $3 }' "$WORK/$name.time" >> "$WORK/$name.times"
  read -r wall cpu < <(tail -1 "$WORK/$name.times")
  echo "  $name: ${wall}s wall ${cpu}s cpu; $(grep -h -o 'SEC resolution: [^(]*' "$WORK/$name.log" || echo 'no SEC resolution line')" >&2
}

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round of $ROUNDS" >&2
  wh="$WORK/warehouse"
  rm -rf "$wh"
  cp "$WORK/before.json" "$WORK/edgar/api/xbrl/companyfacts/CIK0001045810.json"
  measure full "$VALUECHAIN" "${UPDATE[@]}" --warehouse "$wh"
  sleep 1   # a later modification time than the first download's
  cp "$FACTS" "$WORK/edgar/api/xbrl/companyfacts/CIK0001045810.json"
  measure incremental "$VALUECHAIN" "${UPDATE[@]}" --warehouse "$wh"
  if [ "$round" = 1 ]; then
    "$ROOT/bench/compare-tables.sh" --dump "$wh" "$WORK/after-incremental"
  fi
  measure rebuild "$VALUECHAIN" run --full-sec-resolution --warehouse "$wh"
  if [ "$round" = 1 ]; then
    "$ROOT/bench/compare-tables.sh" "$WORK/after-incremental" "$wh" >"$WORK/compare.log" 2>&1 &&
      echo "  silver and gold after the incremental update equal a full rebuild of the same bronze" >&2 ||
      { echo "  DIFFERENT tables after the incremental update and the full rebuild: $WORK/compare.log" >&2; exit 1; }
  fi
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
col() { awk -v c="$2" '{ print $c }' "$WORK/$1.times" | median; }
echo
echo "median of $ROUNDS round(s), seconds     wall     cpu"
for name in full incremental rebuild; do
  printf "%-32s %8s %7s\n" "$name" "$(col $name 1)" "$(col $name 2)"
done
awk -v i="$(col incremental 1)" -v f="$(col full 1)" -v r="$(col rebuild 1)" 'BEGIN {
  printf "incremental / full update        %8.2f\nincremental / rebuild            %8.2f\n", i / f, i / r }'

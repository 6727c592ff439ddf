#!/usr/bin/env bash
# Compares the contents of every silver and gold table of two warehouses (e.g. before and after a change, on the
# same inputs): dumps each table as CSV with its rows sorted and prints the differing lines per table.
# Bronze is left out (run ids, times and input paths differ by design). Tables are read as `sql` reads them: at
# the versions of the latest complete run.
# Usage: bench/compare-tables.sh A B              exit 0 when every table is equal, 1 otherwise; A and B are
#                                                 warehouses or folders written by --dump
#        bench/compare-tables.sh --dump WAREHOUSE DIR   saves the sorted tables, to compare against many times
#                                                 without reading the warehouse again
# VALUECHAIN names the launcher (default: this checkout's bin/valuechain).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VALUECHAIN=${VALUECHAIN:-$ROOT/bin/valuechain}
MARKER=.table-dump

dump() {  # warehouse dir
  local tables
  tables=$(cd "$1" && ls -d silver/*/ gold/*/ 2>/dev/null | sed 's#/$##; s#/#.#')
  mkdir -p "$2"
  for t in $tables; do
    echo "SELECT '== $t' AS t; SELECT * FROM $t;"
  done > "$2/$MARKER"
  "$VALUECHAIN" sql --warehouse "$1" --format csv -f "$2/$MARKER" 2>/dev/null |
    awk -v dir="$2" '/^== / { f = dir "/" $2; next } /^t$/ { next } { print > f }'
  for f in "$2"/*; do sort -o "$f" "$f"; done
}

if [ "${1:-}" = --dump ]; then
  dump "$2" "$3"
  exit 0
fi

A=$1 B=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
dumped() {  # warehouse-or-dump side: prints the folder holding the dump
  if [ -f "$1/$MARKER" ]; then echo "$1"; else dump "$1" "$TMP/$2" && echo "$TMP/$2"; fi
}
DA=$(dumped "$A" a)
DB=$(dumped "$B" b)
status=0
for f in $(ls "$DA" "$DB" | grep -v : | sort -u); do
  if ! diff -q "$DA/$f" "$DB/$f" >/dev/null 2>&1; then
    status=1
    echo "differs: $f ($(wc -l < "$DA/$f" 2>/dev/null || echo 0) vs $(wc -l < "$DB/$f" 2>/dev/null || echo 0) lines)"
    diff "$DA/$f" "$DB/$f" | head -10 || true
  else
    echo "equal:   $f ($(wc -l < "$DA/$f") lines)"
  fi
done
exit $status

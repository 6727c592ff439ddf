#!/usr/bin/env bash
# Compares the contents of every silver and gold table of two warehouses (e.g. before and after a change, on the
# same inputs): dumps each table as CSV with its rows sorted and prints the differing lines per table.
# Bronze is left out (run ids, times and input paths differ by design).
# Usage: bench/compare-tables.sh WAREHOUSE_A WAREHOUSE_B      exit 0 when every table is equal, 1 otherwise
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
A=$1 B=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

dump() {  # warehouse side
  local tables
  tables=$(cd "$1" && ls -d silver/*/ gold/*/ 2>/dev/null | sed 's#/$##; s#/#.#')
  for t in $tables; do
    echo "SELECT '== $t' AS t; SELECT * FROM $t;"
  done > "$TMP/$2.sql"
  "$ROOT/bin/valuechain" sql --warehouse "$1" --format csv -f "$TMP/$2.sql" 2>/dev/null |
    awk -v dir="$TMP/$2" 'BEGIN { system("mkdir -p " dir) } /^== / { f = dir "/" $2; next } /^t$/ { next } { print > f }'
  for f in "$TMP/$2"/*; do sort -o "$f" "$f"; done
}

dump "$A" a
dump "$B" b
status=0
for f in $(ls "$TMP/a" "$TMP/b" | grep -v : | sort -u); do
  if ! diff -q "$TMP/a/$f" "$TMP/b/$f" >/dev/null 2>&1; then
    status=1
    echo "differs: $f ($(wc -l < "$TMP/a/$f" 2>/dev/null || echo 0) vs $(wc -l < "$TMP/b/$f" 2>/dev/null || echo 0) lines)"
    diff "$TMP/a/$f" "$TMP/b/$f" | head -10 || true
  else
    echo "equal:   $f ($(wc -l < "$TMP/a/$f") lines)"
  fi
done
exit $status

#!/usr/bin/env bash
# Readies a launcher for measuring: builds its checkout if needed and records its class archive (the first run,
# ingest or update after a build records one, which costs that command about 40 s; see bin/valuechain), by one
# run on the sample data into a temporary warehouse. No measurement then pays for Maven or for the recording.
#
# Usage: bench/warm-launcher.sh LAUNCHER...    e.g. bench/warm-launcher.sh bin/valuechain
set -euo pipefail
for launcher in "$@"; do
  warehouse=$(mktemp -d)
  "$launcher" run --warehouse "$warehouse" >/dev/null 2>"$warehouse.log" ||
    { echo "bench/warm-launcher.sh: $launcher run failed (see $warehouse.log)" >&2; exit 1; }
  "$launcher" --version >/dev/null   # adopts the archive the run recorded
  rm -rf "$warehouse" "$warehouse.log"
done

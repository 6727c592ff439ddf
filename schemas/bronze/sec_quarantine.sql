-- bronze.sec_quarantine: every SEC fact, row or file an ingest could not load, with the reason.
-- Grain: one row per item quarantined: source_file × location × reason (a whole unreadable file is one row,
--   location ''; two facts of one filing that fail the same unit check can share a location).
-- Contract: per ingest and file, rows read = rows loaded + rows quarantined (bronze.load_runs).
-- Refresh: an ingest replaces the rows of the files it reads (as bronze.sec_facts), so ingesting the same
--   file twice changes nothing; `valuechain run` never rewrites it.
CREATE TABLE IF NOT EXISTS bronze.sec_quarantine (
  run_id       STRING NOT NULL COMMENT 'the ingest that quarantined it',
  source_file  STRING NOT NULL COMMENT 'the file (and zip entry after !)',
  location     STRING NOT NULL COMMENT 'where in the file: "line 17" of a tab-separated file, a JSON path such as facts/us-gaap/Revenues/units/XYZ[3], or empty for the whole file',
  raw_record   STRING          COMMENT 'the row or fact as read',
  reason       STRING NOT NULL,
  source_checksum STRING NOT NULL COMMENT 'SHA-256 of the source file when read (as in bronze.sec_facts)'
) USING delta

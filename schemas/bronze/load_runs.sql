-- bronze.load_runs: the audit log of runs.
-- Grain: one row per run × input file.
-- Constraint: rows_read = rows_loaded + rows_quarantined on every row.
-- Refresh: appended by every `valuechain run` (never rewritten).
CREATE TABLE IF NOT EXISTS bronze.load_runs (
  run_id            STRING    NOT NULL,
  command           STRING    NOT NULL COMMENT 'the command that ran, e.g. run',
  started_at        TIMESTAMP NOT NULL,
  finished_at       TIMESTAMP NOT NULL,
  input_file        STRING    NOT NULL,
  rows_read         BIGINT    NOT NULL COMMENT 'data rows in the file (header and empty lines excluded)',
  rows_loaded       BIGINT    NOT NULL,
  rows_quarantined  BIGINT    NOT NULL,
  tables_written    MAP<STRING, BIGINT> COMMENT 'table name -> Delta version this run wrote'
) USING delta

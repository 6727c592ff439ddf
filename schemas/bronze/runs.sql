-- bronze.runs: the publication log. A run or ingest appends a `started` row before it writes anything and a
--   `complete` row, naming the Delta version of every table it wrote, after its last write. A run that dies
--   leaves only its `started` row: readers that pin tables to the latest `complete` row never see its writes.
-- Grain: one row per run_id × state (unique).
-- Refresh: appended (never rewritten).
CREATE TABLE IF NOT EXISTS bronze.runs (
  run_id          STRING    NOT NULL,
  command         STRING    NOT NULL COMMENT 'run, ingest sec-fsds, ingest sec-companyfacts, update',
  state           STRING    NOT NULL COMMENT 'started or complete',
  at              TIMESTAMP NOT NULL COMMENT 'when the state was reached',
  process         STRING    NOT NULL COMMENT 'pid@host of the process, to tell a dead run from a running one',
  table_versions  MAP<STRING, BIGINT> COMMENT 'complete rows: table -> Delta version this run published; null when started'
) USING delta

-- bronze.quarantine: every input row that was not loaded, with the reason. Exists even when empty.
-- Grain: one row per rejected input row (input_file × line_number) of the latest run.
-- Contract: for each input file, rows read = rows loaded + rows quarantined (see bronze.load_runs).
-- Refresh: replaced whole by every `valuechain run`.
CREATE TABLE IF NOT EXISTS bronze.quarantine (
  run_id       STRING NOT NULL,
  input_file   STRING NOT NULL,
  line_number  BIGINT NOT NULL COMMENT 'line of the row in input_file (header = line 1)',
  raw_record   STRING          COMMENT 'the fields of the row, comma-joined, as parsed',
  reason       STRING NOT NULL COMMENT 'every check the row failed, separated by "; "'
) USING delta

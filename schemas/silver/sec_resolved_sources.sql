-- silver.sec_resolved_sources: what the last SEC resolution read, so that the next run resolves again only the filers
--   whose facts changed (pipeline/SecScope.java, transform/silver/SecResolutionScope.java).
-- Grain: one row per source_file × cik of bronze.sec_facts at the time of the resolution (unique).
-- Rules: a filer is resolved again when one of its (source_file, cik) pairs is new, gone or has another
--   source_checksum; every CIK registered to the same ticker with it. All filers are resolved again when this table
--   is missing or empty, when resolution_key differs (it hashes the code, the CIK registry and the companies'
--   fiscal-year-end columns), or with `run --full-sec-resolution`. The other filers' rows of
--   silver.sec_period_values and silver.sec_unplaced_facts are kept as the previous run left them.
-- Refresh: replaced whole by every run, after silver.sec_period_values and silver.sec_unplaced_facts are written.
CREATE TABLE IF NOT EXISTS silver.sec_resolved_sources (
  source_file      STRING  NOT NULL COMMENT 'as in bronze.sec_facts (a companyfacts zip entry is zip!CIK##########.json)',
  source_checksum  STRING  NOT NULL COMMENT 'SHA-256 of the source file when it was ingested (for a companyfacts.zip entry: of the whole zip, so a new zip resolves all its filers again)',
  cik              INT     NOT NULL COMMENT 'a filer with facts in the file',
  resolution_key   STRING  NOT NULL COMMENT 'SHA-256 of the code, the CIK registry and the fiscal year ends the resolution used'
) USING delta

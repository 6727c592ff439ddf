-- silver.company_ciks: every SEC CIK a registered ticker has filed under (sample-data/company_ciks.csv).
-- Grain: one row per cik (unique): a CIK belongs to one ticker; a ticker may have several (Alphabet 1652044
--   and its predecessor filer Google Inc. 1288776), with the dates each was the filer where a source gives them.
-- Refresh: replaced whole by every run.
CREATE TABLE IF NOT EXISTS silver.company_ciks (
  ticker      STRING NOT NULL COMMENT 'a key of silver.companies',
  cik         INT    NOT NULL,
  filer_name  STRING,
  valid_from  DATE            COMMENT 'first day this CIK filed for the company, null = from the start',
  valid_to    DATE            COMMENT 'last day, null = still filing',
  source      STRING NOT NULL
) USING delta

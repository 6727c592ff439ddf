-- silver.sec_period_values: SEC facts resolved into fiscal quarters and years, for every filer ingested.
-- Grain: one row per entity_id × metric × segments × currency × fiscal_year × fiscal_period (unique).
-- Rules (transform/silver/SecPeriods.java): periods from start/end dates and the fiscal-year-end month, never from
--   the filing's fy/fp; year-to-date spans differenced into quarters (Q2 = H1 YTD - Q1, Q1 = H1 YTD - Q2, Q3 = 9M YTD - H1 YTD,
--   Q4 = FY - 9M YTD, or minus the quarters) within one fiscal year; the tag a company used most recently wins
--   for the periods it covers; the latest filing wins (value), the earliest is kept (value_first_reported).
-- Units: millions of `currency` (the unit as filed: USD, CNY, ...), as filed; not converted.
-- Filers outside the company registry are here too (entity_id cik:<CIK>, ticker null); only registered
--   tickers flow on into silver.quarterly_financials and the gold tables.
-- Refresh: replaced whole by every run and ingest, from bronze.sec_facts.
CREATE TABLE IF NOT EXISTS silver.sec_period_values (
  entity_id                 STRING        NOT NULL COMMENT 'the registered ticker, else cik:<CIK>',
  ticker                    STRING                 COMMENT 'null for filers outside the registry',
  cik                       INT           NOT NULL COMMENT 'the filer of the latest value',
  entity_name               STRING,
  metric                    STRING        NOT NULL COMMENT 'as in silver.quarterly_financials; tags per metric in sec/metric_tags.csv',
  segments                  STRING        NOT NULL COMMENT 'FSDS segments (e.g. BusinessSegments=DataCenterMember;), empty for the whole entity',
  currency                  STRING        NOT NULL,
  fiscal_year               INT           NOT NULL,
  fiscal_period             STRING        NOT NULL COMMENT 'Q1, Q2, Q3, Q4, FY, or the year-to-date spans H1 and 9M as reported (only Q1-Q4 and FY flow on)',
  period_end                DATE          NOT NULL COMMENT 'exact date where companyfacts gives it, else FSDS ddate (a month end)',
  value                     DECIMAL(20,4) NOT NULL COMMENT 'latest filed, millions of currency',
  derivation                STRING                 COMMENT 'the rule that derived value (e.g. Q4 = FY - 9M YTD), null when reported as such',
  source                    STRING        NOT NULL COMMENT 'form, accession and taxonomy:tag of every fact used',
  accession                 STRING        NOT NULL COMMENT 'the filing of value (of the minuend when derived)',
  tag                       STRING        NOT NULL COMMENT 'taxonomy:tag of value',
  value_first_reported      DECIMAL(20,4)          COMMENT 'as first reported: from the earliest filings',
  derivation_first_reported STRING,
  source_first_reported     STRING,
  accession_first_reported  STRING,
  restated                  BOOLEAN                COMMENT 'value differs from value_first_reported'
) USING delta

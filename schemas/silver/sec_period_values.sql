-- silver.sec_period_values: SEC facts resolved into fiscal quarters and years, for every filer ingested.
-- Grain: one row per entity_id × metric × segments × currency × fiscal_year × fiscal_period (unique).
-- Rules (transform/silver/SecPeriods.java): periods from start/end dates and the fiscal-year-end month in force at
--   the period end, never from the filing's fy/fp (quarters of 11-17 weeks, 52/53-week years, placed by days since
--   the previous year end); year ends are dated (the registry's change of year end, else the filer's annual
--   reports), and the months between an old and a new year end are a transition period: the whole of it is
--   fiscal_period TP (fiscal_year: the year it ends in under the new year end), nothing else ending inside it is
--   labelled a quarter or a year (silver.sec_unplaced_facts, within_transition_period_not_the_whole_of_it);
--   periodic reports (10-K, 10-Q, 20-F, 40-F, 10-KT, 10-QT, 6-K and amendments) win over any other form (DEF 14A,
--   8-K, S-1, ...), which fills a period only where no periodic report gives it (source says so);
--   year-to-date spans differenced into quarters (Q2 = H1 YTD - Q1, Q1 = H1 YTD - Q2, Q3 = 9M YTD - H1 YTD,
--   Q4 = FY - 9M YTD, or minus the quarters) within one fiscal year and one vintage (after a restatement, only
--   operands filed since; as first reported, only operands filed before it); the tag a company used most recently
--   wins for the periods it covers; the latest filing wins (value), the earliest is kept (value_first_reported).
-- Flags: a value that cannot be right is written with `flag` (never flows on to silver.quarterly_financials or gold;
--   listed in silver.reconciliation as derived_value_plausible): mixed_vintage (no derivation rule has all operands
--   on one basis, derivation names the rule used; or a reported quarter or year-to-date value last filed before its
--   year was restated, with no value on the new basis), negative_derived_flow (revenue, cost, capex, D&A below zero).
-- Facts of mapped tags that land in no row here are in silver.sec_unplaced_facts with their reason.
-- Units: millions of `currency` (the unit as filed: USD, CNY, ...), as filed; not converted.
-- Filers outside the company registry are here too (entity_id cik:<CIK>, ticker null); only registered
--   tickers flow on into silver.quarterly_financials and the gold tables.
-- Refresh: by every run, from bronze.sec_facts, for the filers it resolves (those with facts in a file ingested or
--   changed since the last run, or all: see silver.sec_resolved_sources); the other filers' rows are kept.
CREATE TABLE IF NOT EXISTS silver.sec_period_values (
  entity_id                 STRING        NOT NULL COMMENT 'the registered ticker, else cik:<CIK>',
  ticker                    STRING                 COMMENT 'null for filers outside the registry',
  cik                       INT           NOT NULL COMMENT 'the filer of the latest value',
  entity_name               STRING,
  metric                    STRING        NOT NULL COMMENT 'as in silver.quarterly_financials; tags per metric in sec/metric_tags.csv',
  segments                  STRING        NOT NULL COMMENT 'FSDS segments (e.g. BusinessSegments=DataCenterMember;), empty for the whole entity',
  currency                  STRING        NOT NULL,
  fiscal_year               INT           NOT NULL,
  fiscal_period             STRING        NOT NULL COMMENT 'Q1, Q2, Q3, Q4, FY, the year-to-date spans H1 and 9M as reported, or TP: a transition period between two fiscal year ends, as reported (only Q1-Q4 and FY flow on)',
  period_end                DATE          NOT NULL COMMENT 'exact date where companyfacts gives it, else FSDS ddate (a month end)',
  value                     DECIMAL(20,4) NOT NULL COMMENT 'latest filed, millions of currency',
  derivation                STRING                 COMMENT 'the rule that derived value (e.g. Q4 = FY - 9M YTD), null when reported as such',
  source                    STRING        NOT NULL COMMENT 'form, accession and taxonomy:tag of every fact used',
  accession                 STRING        NOT NULL COMMENT 'the filing of value (of the minuend when derived)',
  tag                       STRING        NOT NULL COMMENT 'taxonomy:tag of value',
  flag                      STRING                 COMMENT 'null when usable; else mixed_vintage or negative_derived_flow: kept out of gold',
  value_first_reported      DECIMAL(20,4)          COMMENT 'as first reported: from the earliest filings',
  derivation_first_reported STRING,
  source_first_reported     STRING,
  accession_first_reported  STRING,
  flag_first_reported       STRING                 COMMENT 'as flag, for the first-reported chain',
  restated                  BOOLEAN                COMMENT 'value differs from value_first_reported and both come from periodic reports'
) USING delta

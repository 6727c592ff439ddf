-- silver.companies: the company registry.
-- Grain: one row per ticker (unique).
-- Year end: fiscal_year_end_month is in force for periods ending after previous_fiscal_year_end (always, when
--   empty); before, previous_fiscal_year_end_month. In between, a transition period (SecPeriods: fiscal_period TP).
-- coverage_start: the calendar quarter from which the company is expected in value-chain metrics; quarters
--   before it do not count it as missing in the coverage columns of the gold tables.
CREATE TABLE IF NOT EXISTS silver.companies (
  ticker                 STRING  NOT NULL,
  name                   STRING  NOT NULL,
  sec_cik                STRING           COMMENT 'current SEC CIK without leading zeros; empty when not an SEC filer',
  layer                  STRING  NOT NULL COMMENT 'value-chain layer: chips, foundry, memory, hyperscaler, neocloud, devices, servers_networking, applications',
  fiscal_year_end_month  INT     NOT NULL COMMENT 'month the fiscal year is named for (1-12); since previous_fiscal_year_end where that is set',
  previous_fiscal_year_end_month STRING   COMMENT 'the year-end month before a change of year end (1-12); empty when the year end never changed',
  previous_fiscal_year_end DATE           COMMENT 'the last fiscal year end under previous_fiscal_year_end_month; a transition period follows it',
  calendar               STRING  NOT NULL COMMENT 'month_end or 52_53_week',
  reporting_currency     STRING  NOT NULL,
  files_with_sec         BOOLEAN NOT NULL,
  coverage_start         STRING  NOT NULL COMMENT 'calendar quarter like 2019Q1',
  recast_from            STRING  NOT NULL COMMENT 'first calendar quarter on a changed company-wide basis (a spin-off shown as discontinued operations), the quarters before it as first reported, not recast: a break, gold compares no quarter across it, and silver withholds the derived quarters of the three fiscal years the first annual report on the new basis restates; empty when none',
  source                 STRING  NOT NULL
) USING delta

-- silver.quarterly_financials: cleaned quarterly income statement and cash-flow lines.
-- Grain: one row per ticker × fiscal_year × fiscal_quarter (unique), keyed on fiscal labels.
-- Values: the latest value of each fact: SEC filings ingested (silver.sec_period_values, latest filing,
--   restatements applied) win over the curated facts files, and a later facts file wins over an earlier one;
--   Q4 = FY - Q1 - Q2 - Q3 when Q4 is not reported (in reporting currency, before conversion; flows only:
--   rpo is a balance at period_end, never summed or derived);
--   gross_profit = revenue - cost_of_revenue when not reported. Both listed in derived_values.
--   A value computed before it reached the input files (its source text says so: "derived: ...", the source
--   repository's "d = FY minus 9M", "fiscal YTD minus previous YTD"; rule in transform/silver/UpstreamDerivations.java)
--   is listed too, as "metric: upstream: <the source's arithmetic>", and its source starts "derived upstream: ".
-- Units: USD millions, converted at fx_avg_per_usd (currency per USD, average of the calendar quarter);
--   null where the company does not report the line.
-- calendar_quarter: the calendar quarter containing the midpoint of [period_start, period_end].
CREATE TABLE IF NOT EXISTS silver.quarterly_financials (
  ticker                     STRING        NOT NULL,
  company_name               STRING        NOT NULL,
  layer                      STRING        NOT NULL,
  recast_from                STRING        NOT NULL COMMENT 'silver.companies.recast_from: the first calendar quarter on a changed company-wide basis, the quarters before it as first reported (a break: gold compares no quarter across it); empty when none',
  fiscal_year                INT           NOT NULL,
  fiscal_quarter             INT           NOT NULL COMMENT '1-4',
  period_start               DATE          NOT NULL,
  period_end                 DATE          NOT NULL,
  period_start_estimated     BOOLEAN       NOT NULL COMMENT 'true when a 52/53-week quarter start is 13 weeks before its end because the previous quarter is unknown',
  calendar_quarter           STRING        NOT NULL COMMENT 'like 2024Q3',
  currency                   STRING        NOT NULL COMMENT 'reporting currency',
  fx_avg_per_usd             DECIMAL(12,6)          COMMENT '1 for USD; null only if no rate exists (then all amounts are null)',
  revenue                    DECIMAL(20,4),
  cost_of_revenue            DECIMAL(20,4),
  gross_profit               DECIMAL(20,4),
  operating_income           DECIMAL(20,4),
  net_income                 DECIMAL(20,4),
  capex                      DECIMAL(20,4)          COMMENT 'cash purchases of property and equipment',
  finance_lease_principal    DECIMAL(20,4)          COMMENT 'principal repayments of finance leases, where reported',
  depreciation_amortization  DECIMAL(20,4)          COMMENT 'cash-flow statement D&A',
  depreciation               DECIMAL(20,4)          COMMENT 'depreciation alone, where a company reports it as such',
  operating_cash_flow        DECIMAL(20,4)          COMMENT 'net cash provided by (used in) operating activities; may be negative',
  rd_expense                 DECIMAL(20,4)          COMMENT 'research and development expense',
  rpo                        DECIMAL(20,4)          COMMENT 'remaining performance obligations at period_end: an instant, never summed or differenced (no Q4 = FY - 9M); rounded as filed',
  derived_values             ARRAY<STRING> NOT NULL COMMENT 'one entry per derived value, e.g. "revenue: Q4 = FY - Q1 - Q2 - Q3", "capex: upstream: d = FY minus 9M by source repo"',
  sources                    MAP<STRING, STRING> NOT NULL COMMENT 'metric -> source of its value'
) USING delta

-- silver.quarterly_financials_as_reported: the point-in-time twin of silver.quarterly_financials.
-- Grain: one row per ticker × fiscal_year × fiscal_quarter (unique), keyed on fiscal labels.
-- Values: every SEC value as first reported (silver.sec_period_values.value_first_reported: the earliest
--   filing, before restatements and re-presentations); curated facts as in silver.quarterly_financials.
--   When no SEC value was restated the table is a copy of silver.quarterly_financials (same values; sources
--   name the latest filing);
--   Q4 = FY - Q1 - Q2 - Q3 when Q4 is not reported (in reporting currency, before conversion);
--   gross_profit = revenue - cost_of_revenue when not reported. Both listed in derived_values.
-- Units: USD millions, converted at fx_avg_per_usd (currency per USD, average of the calendar quarter);
--   null where the company does not report the line.
-- calendar_quarter: the calendar quarter containing the midpoint of [period_start, period_end].
CREATE TABLE IF NOT EXISTS silver.quarterly_financials_as_reported (
  ticker                     STRING        NOT NULL,
  company_name               STRING        NOT NULL,
  layer                      STRING        NOT NULL,
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
  derived_values             ARRAY<STRING> NOT NULL COMMENT 'one entry per derived value, e.g. "revenue: Q4 = FY - Q1 - Q2 - Q3"',
  sources                    MAP<STRING, STRING> NOT NULL COMMENT 'metric -> source of its value'
) USING delta

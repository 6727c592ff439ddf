-- silver.reconciliation: identity checks on reported (not derived) values, in reporting currency.
-- Grain: one row per ticker × fiscal_year × fiscal_period × segment × check_name × metric.
-- Checks: quarters_sum_to_fy (Q1+Q2+Q3+Q4 = FY, fiscal_period = 'FY'), gross_profit_identity
--   (gross_profit = revenue - cost_of_revenue, per period). difference = actual - expected;
--   passed when |difference| <= tolerance = max(2, 0.05% of |expected|) (sources round to millions).
-- `valuechain run` prints failures; with --strict any failure makes the run exit 1.
CREATE TABLE IF NOT EXISTS silver.reconciliation (
  ticker         STRING        NOT NULL,
  fiscal_year    INT           NOT NULL,
  fiscal_period  STRING        NOT NULL,
  segment        STRING        NOT NULL,
  check_name     STRING        NOT NULL,
  metric         STRING        NOT NULL,
  currency       STRING        NOT NULL,
  expected       DECIMAL(20,4) NOT NULL,
  actual         DECIMAL(20,4) NOT NULL,
  difference     DECIMAL(20,4) NOT NULL,
  tolerance      DECIMAL(20,4) NOT NULL,
  passed         BOOLEAN       NOT NULL
) USING delta

-- silver.reconciliation: identity and plausibility checks, in reporting currency (transform/silver/Reconciliation.java).
-- Grain: one row per ticker × fiscal_year × fiscal_period × segment × check_name × metric.
-- Checks: quarters_sum_to_fy (Q1+Q2+Q3+Q4 = FY, fiscal_period = 'FY', reported and derived quarters; a Q4 derived
--   as FY - Q1 - Q2 - Q3 is left out, it would pass by construction), gross_profit_identity
--   (gross_profit = revenue - cost_of_revenue, per period, reported values). difference = actual - expected;
--   passed when |difference| <= tolerance = max(2, 0.05% of |expected|) (sources round to millions).
-- derived_value_plausible: one failed row per derived value withheld from silver.quarterly_financials (and so from
--   gold): actual = the candidate value, reason = why (mixed_vintage, negative_derived_flow,
--   derived_gross_loss_unlike_reported_quarters, derived_far_from_reported_quarters; transform/silver/DerivedValueChecks.java);
--   expected, difference and tolerance are null.
-- `valuechain run` prints failures; with --strict any failure makes the run exit 1.
CREATE TABLE IF NOT EXISTS silver.reconciliation (
  ticker         STRING        NOT NULL,
  fiscal_year    INT           NOT NULL,
  fiscal_period  STRING        NOT NULL,
  segment        STRING        NOT NULL,
  check_name     STRING        NOT NULL,
  metric         STRING        NOT NULL,
  currency       STRING        NOT NULL,
  expected       DECIMAL(20,4)          COMMENT 'null for derived_value_plausible',
  actual         DECIMAL(20,4) NOT NULL,
  difference     DECIMAL(20,4),
  tolerance      DECIMAL(20,4),
  passed         BOOLEAN       NOT NULL,
  reason         STRING                 COMMENT 'derived_value_plausible: why the value is withheld, with its rule'
) USING delta

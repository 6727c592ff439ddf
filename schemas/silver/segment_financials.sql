-- silver.segment_financials: segment (and market-platform) revenue and operating income.
-- Grain: one row per ticker × fiscal_year × fiscal_quarter × segment (unique).
-- Units: USD millions at the quarter's average FX rate; same resolution, Q4 rule and derived_values
--   (upstream derivations included: TSMC HPC revenue as a share of revenue) as silver.quarterly_financials.
CREATE TABLE IF NOT EXISTS silver.segment_financials (
  ticker                STRING        NOT NULL,
  fiscal_year           INT           NOT NULL,
  fiscal_quarter        INT           NOT NULL,
  segment               STRING        NOT NULL,
  segment_name          STRING        NOT NULL,
  segment_layer         STRING        NOT NULL,
  ai_datacenter_supply  BOOLEAN       NOT NULL,
  period_start          DATE          NOT NULL,
  period_end            DATE          NOT NULL,
  calendar_quarter      STRING        NOT NULL,
  currency              STRING        NOT NULL,
  fx_avg_per_usd        DECIMAL(12,6),
  revenue               DECIMAL(20,4),
  operating_income      DECIMAL(20,4),
  derived_values        ARRAY<STRING> NOT NULL,
  sources               MAP<STRING, STRING> NOT NULL
) USING delta

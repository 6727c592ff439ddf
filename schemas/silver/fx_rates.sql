-- silver.fx_rates: exchange rates, units of currency per 1 USD.
-- Grain: one row per currency × calendar quarter (unique).
-- Flows (revenue, capex, ...) convert at avg_per_usd of the calendar quarter containing the fiscal quarter's midpoint.
CREATE TABLE IF NOT EXISTS silver.fx_rates (
  currency     STRING        NOT NULL,
  quarter      STRING        NOT NULL COMMENT 'calendar quarter like 2024Q3',
  avg_per_usd  DECIMAL(20,4) NOT NULL COMMENT 'average rate over the quarter',
  end_per_usd  DECIMAL(20,4) NOT NULL COMMENT 'rate on the last business day of the quarter',
  source       STRING        NOT NULL
) USING delta

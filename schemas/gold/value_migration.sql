-- gold.value_migration: is operating profit moving between value-chain layers?
-- Grain: one row per window_quarters (8 or 12) × layer (unique).
-- Window: the last window_quarters calendar quarters ending at the latest quarter in which at least 90% of
--   the expected companies (silver.companies coverage_start) reported operating income.
-- Panel: only companies with operating income in every quarter of the window (panel_tickers), so a company
--   entering the data or missing a quarter does not look like migration; excluded_tickers lists the
--   companies expected at the window end (coverage_start) that are not in the panel.
-- share = the layer's operating income / the panel's total that quarter (losses count negative);
-- share_slope_per_year = least-squares slope of share against time in years; direction = rising / falling
--   when the slope exceeds +/- 0.01 (one percentage point of the pool per year), else flat.
-- sources (bounded on purpose): "TICKER operating_income quarter" -> filing, document or data file of the operating
--   income of each panel company of the layer in the window's first and last quarter (window_start, window_end: the
--   ends of share_start and share_end); "derived: ..." / "derived upstream: ..." when derived. The quarters in
--   between (which the slope also uses) are not listed: they are the same companies' rows in
--   silver.quarterly_financials (whose sources name them), and the other layers' rows carry the rest of the pool.
CREATE TABLE IF NOT EXISTS gold.value_migration (
  window_quarters       INT           NOT NULL,
  layer                 STRING        NOT NULL,
  window_start          STRING        NOT NULL COMMENT 'first calendar quarter of the window',
  window_end            STRING        NOT NULL COMMENT 'last calendar quarter of the window',
  quarters_with_layer   BIGINT        NOT NULL,
  share_start           DOUBLE,
  share_end             DOUBLE,
  share_slope_per_year  DOUBLE,
  direction             STRING,
  panel_companies       BIGINT        NOT NULL,
  panel_tickers         ARRAY<STRING> NOT NULL,
  excluded_tickers      ARRAY<STRING> NOT NULL,
  sources               MAP<STRING, STRING> NOT NULL COMMENT '"TICKER operating_income quarter" -> source, for the layer panel companies in the first and last quarter of the window'
) USING delta

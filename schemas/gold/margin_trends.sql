-- gold.margin_trends: gross, operating and net margins and how they move.
-- Grain: one row per ticker × calendar_quarter (unique).
-- A company recast (silver.companies.recast_from) is a break: no year-ago, previous-quarter or TTM value
--   reaches across it (null, as for a missing quarter), and sources name no quarter from the other side.
-- X_margin = X / revenue; X_margin_ttm = (sum of X over 4 quarters) / (sum of revenue over the same 4),
--   null unless all 4 consecutive calendar quarters exist; X_margin_yoy_bps / _qoq_bps = change of the
--   quarterly margin against 4 quarters / 1 quarter earlier, in basis points (0.01% = 1 bp).
-- sources: "metric quarter" -> filing, document or data file of each input value ("derived: ..." when derived in
--   silver, "derived upstream: ..." when derived before the input files): revenue, gross_profit, operating_income
--   and net_income of this and the 4 previous calendar quarters (the TTM sums and the year-ago and previous margins).
CREATE TABLE IF NOT EXISTS gold.margin_trends (
  ticker                     STRING NOT NULL,
  layer                      STRING NOT NULL,
  calendar_quarter           STRING NOT NULL,
  fiscal_year                INT    NOT NULL,
  fiscal_quarter             INT    NOT NULL,
  revenue                    DECIMAL(20,4),
  gross_profit               DECIMAL(20,4),
  operating_income           DECIMAL(20,4),
  net_income                 DECIMAL(20,4),
  gross_margin               DOUBLE,
  gross_margin_ttm           DOUBLE,
  gross_margin_yoy_bps       DOUBLE,
  gross_margin_qoq_bps       DOUBLE,
  operating_margin           DOUBLE,
  operating_margin_ttm       DOUBLE,
  operating_margin_yoy_bps   DOUBLE,
  operating_margin_qoq_bps   DOUBLE,
  net_margin                 DOUBLE,
  net_margin_ttm             DOUBLE,
  net_margin_yoy_bps         DOUBLE,
  net_margin_qoq_bps         DOUBLE,
  sources                    MAP<STRING, STRING> NOT NULL COMMENT '"metric quarter" -> source of every input: revenue, gross profit, operating and net income of this and the 4 previous quarters'
) USING delta

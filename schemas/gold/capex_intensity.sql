-- gold.capex_intensity: how much of each dollar of revenue a company spends on capex.
-- Grain: one row per ticker × calendar_quarter (unique).
-- A company recast (silver.companies.recast_from) is a break: no year-ago, previous-quarter or TTM value
--   reaches across it (null, as for a missing quarter), and sources name no quarter from the other side.
-- capex_intensity = capex / revenue; capex_intensity_ttm = capex_ttm / revenue_ttm where the _ttm sums
--   cover this and the 3 previous calendar quarters and are null unless all 4 quarters have a value;
-- capex_yoy_growth = capex / capex_year_ago - 1 (null when the quarter 4 back is absent or not positive);
-- capex_to_depreciation = capex / depreciation_amortization. Amounts in USD millions; ratios are fractions.
-- sources: "metric quarter" -> filing, document or data file of each input value ("derived: ..." when derived).
CREATE TABLE IF NOT EXISTS gold.capex_intensity (
  ticker                     STRING        NOT NULL,
  layer                      STRING        NOT NULL,
  calendar_quarter           STRING        NOT NULL,
  fiscal_year                INT           NOT NULL,
  fiscal_quarter             INT           NOT NULL,
  capex                      DECIMAL(20,4),
  revenue                    DECIMAL(20,4),
  depreciation_amortization  DECIMAL(20,4),
  capex_ttm                  DECIMAL(20,4),
  revenue_ttm                DECIMAL(20,4),
  capex_year_ago             DECIMAL(20,4),
  capex_intensity            DOUBLE,
  capex_intensity_ttm        DOUBLE,
  capex_yoy_growth           DOUBLE,
  capex_to_depreciation      DOUBLE,
  sources                    MAP<STRING, STRING> NOT NULL COMMENT '"metric quarter" -> source of every input: capex of this, the TTM and the year-ago quarters, revenue of the TTM quarters, D&A of this quarter'
) USING delta

-- gold.depreciation_scenarios: how much of a cloud's operating margin depends on the server useful life.
-- Grain: one row per ticker × calendar_quarter × useful_life_years (3, 4, 5, 6) (unique), for the companies
--   with a row in sample-data/reference/depreciation_parameters.csv (disclosed life and its source).
-- Model: straight-line depreciation of reported cash capex, a purchase depreciating from its own quarter
--   for 4 × life quarters, times server_share_of_capex (1 = all capex treated as servers: an upper bound,
--   since no company discloses the share). The latest disclosed life is applied to the whole history.
-- operating_income_restated = operating_income_reported + modeled_depreciation_disclosed_life
--   - modeled_depreciation; schedule_complete is false while the capex history is shorter than either
--   schedule (the modeled depreciation is then too low): compare only complete rows.
-- sources: "metric quarter" -> filing, document or data file of each input ("derived: ..." / "derived upstream:
--   ..." when derived): revenue and operating income of the row's quarter, and the capex of every quarter either
--   schedule depreciates (the 4 x max(useful_life_years, disclosed_life_years) quarters up to the row's, those with
--   capex); "disclosed_server_life_years" -> the disclosure of the life (reference/depreciation_parameters.csv).
CREATE TABLE IF NOT EXISTS gold.depreciation_scenarios (
  ticker                               STRING  NOT NULL,
  layer                                STRING  NOT NULL,
  calendar_quarter                     STRING  NOT NULL,
  useful_life_years                    DOUBLE  NOT NULL,
  disclosed_life_years                 DOUBLE  NOT NULL,
  server_share_of_capex                DOUBLE  NOT NULL,
  revenue                              DECIMAL(20,4),
  capex                                DECIMAL(20,4),
  operating_income_reported            DECIMAL(20,4),
  modeled_depreciation_disclosed_life  DECIMAL(20,4),
  modeled_depreciation                 DECIMAL(20,4),
  operating_income_restated            DECIMAL(20,4),
  operating_margin_reported            DOUBLE,
  operating_margin_restated            DOUBLE,
  operating_margin_change_bps          DOUBLE,
  schedule_complete                    BOOLEAN NOT NULL,
  sources                              MAP<STRING, STRING> NOT NULL COMMENT '"metric quarter" -> source of revenue and operating income of the quarter and of the capex of each scheduled quarter; "disclosed_server_life_years" -> its disclosure'
) USING delta

-- gold.cash_and_backlog: cash generation, reinvestment, R&D and contracted backlog.
-- Grain: one row per ticker × calendar_quarter (unique), every row of silver.quarterly_financials.
-- A company recast (silver.companies.recast_from) is a break: no year-ago, previous-quarter or TTM value
--   reaches across it (null, as for a missing quarter), and sources name no quarter from the other side.
-- Amounts in USD millions (as in silver); ratios are fractions; null where an input is null.
-- free_cash_flow = operating_cash_flow - capex (capex = cash purchases of property and equipment; finance
--   leases are not in it); fcf_margin = free_cash_flow / revenue;
-- capex_to_operating_cash_flow = capex / operating_cash_flow, null when operating cash flow is not positive
--   (how much of the cash it generates a company reinvests);
-- rd_intensity = rd_expense / revenue; da_to_revenue = depreciation_amortization / revenue;
-- rpo = remaining performance obligations at the quarter end (an instant: never summed or differenced);
--   rpo_year_ago = rpo 4 calendar quarters earlier (null when that quarter is absent);
--   rpo_yoy_growth = rpo / rpo_year_ago - 1, null unless rpo_year_ago > 0.
-- sources: "metric quarter" -> source of every input used (e.g. "rpo 2024Q3" for the year-ago balance); a
--   value derived in silver or upstream says "derived: ..." there.
CREATE TABLE IF NOT EXISTS gold.cash_and_backlog (
  ticker                        STRING        NOT NULL,
  layer                         STRING        NOT NULL,
  calendar_quarter              STRING        NOT NULL,
  fiscal_year                   INT           NOT NULL,
  fiscal_quarter                INT           NOT NULL,
  revenue                       DECIMAL(20,4),
  operating_cash_flow           DECIMAL(20,4),
  capex                         DECIMAL(20,4),
  free_cash_flow                DECIMAL(20,4),
  fcf_margin                    DOUBLE,
  capex_to_operating_cash_flow  DOUBLE,
  rd_expense                    DECIMAL(20,4),
  rd_intensity                  DOUBLE,
  rpo                           DECIMAL(20,4),
  rpo_year_ago                  DECIMAL(20,4),
  rpo_yoy_growth                DOUBLE,
  depreciation_amortization     DECIMAL(20,4),
  da_to_revenue                 DOUBLE,
  sources                       MAP<STRING, STRING> NOT NULL COMMENT '"metric quarter" -> source of that input'
) USING delta

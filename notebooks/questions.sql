-- The questions the analysts argue about, as SQL over the public tables.
-- Run: bin/valuechain sql -f notebooks/questions.sql   (CI runs this file against the sample tables)

-- 1. Capex intensity of the hyperscalers, trailing twelve months, latest complete year
SELECT ticker, calendar_quarter, round(capex_intensity_ttm, 3) AS capex_intensity_ttm,
       round(capex_yoy_growth, 3) AS capex_yoy_growth, round(capex_to_depreciation, 2) AS capex_to_depreciation
FROM gold.capex_intensity
WHERE layer IN ('hyperscaler', 'neocloud') AND calendar_quarter = '2025Q4'
ORDER BY capex_intensity_ttm DESC;

-- 2. Operating margin by company, TTM, and its change over a year
SELECT ticker, layer, calendar_quarter, round(operating_margin_ttm, 3) AS operating_margin_ttm,
       round(operating_margin_yoy_bps) AS operating_margin_yoy_bps
FROM gold.margin_trends
WHERE calendar_quarter = '2025Q4'
ORDER BY operating_margin_ttm DESC;

-- 3. Profit pool by value-chain layer per quarter, with coverage
SELECT calendar_quarter, member AS layer, round(profit_pool_share, 3) AS profit_pool_share,
       round(hhi) AS hhi, members_present, members_expected, complete
FROM gold.value_concentration
WHERE grouping = 'layer' AND calendar_quarter >= '2023Q1'
ORDER BY calendar_quarter, profit_pool_share DESC;

-- 4. Hyperscaler capex against NVIDIA Data Center revenue
SELECT calendar_quarter, hyperscaler_capex, ai_chip_datacenter_revenue,
       round(capture_ratio, 3) AS capture_ratio, round(capture_ratio_lag1, 3) AS capture_ratio_lag1,
       hyperscalers_missing
FROM gold.supplier_capture
WHERE calendar_quarter >= '2023Q1'
ORDER BY calendar_quarter;

-- 5. Which values were derived rather than reported?
SELECT ticker, fiscal_year, fiscal_quarter, derived_values
FROM silver.quarterly_financials
WHERE size(derived_values) > 0 AND ticker = 'NVDA'
ORDER BY fiscal_year, fiscal_quarter;

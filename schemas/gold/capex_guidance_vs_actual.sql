-- gold.capex_guidance_vs_actual: each capex guidance statement next to the capex then reported for its period.
-- Grain: one row per valid row of reference/capex_guidance.csv (source_line is unique); bad rows go to
--   bronze.quarantine with their reasons (unknown ticker, high without low, low above high).
-- ticker: the warehouse ticker; the reference file keeps its source ticker (source_ticker), and the documented
--   alias 0700.HK -> TCEHY (Tencent) is applied.
-- announced_date: a YYYY-MM-DD source date is a day; a YYYY-MM date loads as the first of the month with
--   announced_date_precision = 'month'; a row whose sources give no date keeps it null with precision 'unknown'.
-- period_kind: calendar_year ('CY2025' = the 4 fiscal quarters whose calendar_quarter falls in 2025),
--   fiscal_year ('FY2025 ...' = fiscal quarters 1-4 of the company's fiscal_year 2025, e.g. Microsoft
--   Jul-2024..Jun-2025, Oracle FY2026 Jun-2025..May-2026), multi_year ('next 3 years', '4 years (2025-2028)') or other.
-- basis, from basis_note (first match): investment_pledge, pct_of_revenue, incl_finance_leases,
--   ai_datacenter_investment, cash_capex, else unknown (lease treatment not stated). Meta states every capex
--   outlook including principal payments on finance leases, so a Meta note naming no basis is incl_finance_leases.
-- actual_capex_usd_bn: sum of silver.quarterly_financials.capex (cash purchases of PP&E) over the period's 4
--   quarters, null until all 4 have capex; quarters_reported counts them (null for non-yearly periods).
-- comparison: not_comparable (pledge, % of revenue, no dollar figure, not one year, AI-datacenter statement, or
--   finance leases included but finance_lease_principal not reported for all 4 quarters); else pending (fewer than
--   4 quarters); else comparable. compared_actual_usd_bn = capex, or capex + finance_lease_principal for
--   incl_finance_leases (Meta defines capex that way); it is null unless comparable.
-- difference_pct = 100 * (compared_actual - reference) / reference, reference = midpoint of low and high, or low
--   when only a lower bound ('more than X') is given. within_guidance: low <= actual <= high (or >= low).
-- source: the guidance statement's own source (as in capex_guidance.csv). sources: the actual's lineage, "metric
--   quarter" -> filing, document or data file of the capex and finance_lease_principal of each quarter of the
--   period found in silver (also when fewer than 4, or not comparable; "derived: ..." / "derived upstream: ..." when
--   derived); empty when no quarter of the period is in silver or the period is not one year.
CREATE TABLE IF NOT EXISTS gold.capex_guidance_vs_actual (
  company                                STRING  NOT NULL,
  ticker                                 STRING  NOT NULL COMMENT 'warehouse ticker (after alias)',
  source_ticker                          STRING  NOT NULL COMMENT 'ticker as written in capex_guidance.csv',
  announced_date                         DATE             COMMENT 'first of the month when only the month is known',
  announced_date_precision               STRING  NOT NULL COMMENT 'day, month or unknown',
  period                                 STRING  NOT NULL COMMENT 'as given, e.g. FY2025 (Jul-2024..Jun-2025)',
  period_kind                            STRING  NOT NULL COMMENT 'fiscal_year, calendar_year, multi_year or other',
  period_year                            INT              COMMENT 'fiscal or calendar year; null for multi_year and other',
  low_usd_bn                             DECIMAL(20,4),
  high_usd_bn                            DECIMAL(20,4),
  currency                               STRING  NOT NULL COMMENT 'currency of the original guidance',
  basis_note                             STRING  NOT NULL,
  basis                                  STRING  NOT NULL COMMENT 'cash_capex, incl_finance_leases, ai_datacenter_investment, investment_pledge, pct_of_revenue or unknown',
  quarters_reported                      INT              COMMENT 'quarters of the period with capex in silver (0-4)',
  actual_capex_usd_bn                    DECIMAL(20,4)    COMMENT 'cash purchases of PP&E over the period; null until 4 quarters',
  actual_finance_lease_principal_usd_bn  DECIMAL(20,4)    COMMENT 'finance lease principal repayments over the period; null unless reported for 4 quarters',
  guidance_reference                     STRING           COMMENT 'midpoint or low',
  guidance_reference_usd_bn              DECIMAL(20,4),
  comparison                             STRING  NOT NULL COMMENT 'comparable, not_comparable or pending',
  comparison_reason                      STRING  NOT NULL,
  compared_actual_usd_bn                 DECIMAL(20,4)    COMMENT 'the actual the guidance is compared with; null unless comparable',
  difference_pct                         DOUBLE           COMMENT '100 * (compared actual - reference) / reference',
  within_guidance                        BOOLEAN,
  source                                 STRING  NOT NULL,
  source_line                            BIGINT  NOT NULL COMMENT 'line of the row in capex_guidance.csv',
  sources                                MAP<STRING, STRING> NOT NULL COMMENT '"metric quarter" -> source of the capex and finance lease principal of each quarter of the actual'
) USING delta

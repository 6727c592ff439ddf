-- gold.claim_checks: quantitative claims from articles (claims.csv, see schemas/input/claims.md) recomputed
--   from our tables, with a verdict.
-- Grain: one row per valid claim (claim_id unique); bad rows go to bronze.quarantine with their reasons.
-- Periods: FY2025 / FY2025Q3 are the company's fiscal labels; CY2025 / 2025Q3 are calendar quarters
--   (silver calendar_quarter). Several tickers joined by '+' are summed. Growth (_growth_yoy) compares with the
--   same period one year earlier. Amounts need every quarter of the period for every ticker, else null.
-- Units: usd_bn (USD billions from silver), cny_bn (USD x the quarter fx_avg_per_usd), pct (percent; ratios and
--   growth in the reporting currency). capex is cash purchases of PP&E; basis incl_finance_lease_principal adds
--   finance_lease_principal (Meta definition); basis incl_finance_leases (assets acquired under finance leases,
--   Microsoft definition) is not in our tables. capex_guidance is the midpoint (or lower bound) of the latest
--   gold.capex_guidance_vs_actual row for the period announced on or before article_date.
-- verdict: cannot_check (metric not in our tables, claim counts finance leases, period or metric missing), else
--   holds when our_value is within tolerance of claimed_value (approx: |difference| <= allowed; at_least:
--   our_value >= claimed - allowed; at_most: our_value <= claimed + allowed; allowed = tolerance x |claimed| for
--   relative, tolerance in the claim unit for absolute), else does_not_hold.
-- sources: "claim" -> "claims.csv line N: article" (the claim's own source), and the lineage of every value the claim
--   was recomputed from: "TICKER metric quarter" -> filing, document or data file of each silver.quarterly_financials
--   value of the period's quarters (and of the year-earlier quarters for growth), "TICKER.segment revenue quarter" for
--   segment revenue, "TICKER capex_guidance PERIOD" -> the source of the guidance statement used ("derived: ..." /
--   "derived upstream: ..." when derived). Quarters are calendar quarters, also for fiscal periods. The exchange rate
--   of cny_bn and pct claims (silver.fx_rates) is not listed.
CREATE TABLE IF NOT EXISTS gold.claim_checks (
  claim_id           STRING        NOT NULL,
  article            STRING        NOT NULL COMMENT 'seed file name and title',
  article_date       DATE                   COMMENT 'publication date where known (guidance as known then)',
  claim_text         STRING        NOT NULL COMMENT 'original quote',
  claim_text_en      STRING        NOT NULL COMMENT 'English translation',
  metric             STRING        NOT NULL,
  ticker             STRING        NOT NULL COMMENT 'one ticker or several joined by +; empty for not_in_our_tables',
  segment            STRING        NOT NULL,
  period             STRING        NOT NULL,
  comparator         STRING        NOT NULL COMMENT 'approx, at_least or at_most',
  claimed_value      DECIMAL(20,4) NOT NULL,
  unit               STRING        NOT NULL COMMENT 'usd_bn, cny_bn or pct',
  basis              STRING        NOT NULL COMMENT 'capex basis of the claim; empty when not about capex',
  tolerance          DECIMAL(20,4) NOT NULL,
  tolerance_kind     STRING        NOT NULL COMMENT 'relative (fraction of the claimed value) or absolute (claim unit)',
  our_value          DOUBLE                 COMMENT 'recomputed value in the claim unit, rounded to 4 decimals',
  difference         DOUBLE                 COMMENT 'our_value - claimed_value',
  quarters_expected  BIGINT                 COMMENT 'quarters the period needs over all tickers',
  quarters_found     BIGINT                 COMMENT 'quarters found in silver (for guidance growth: the prior year)',
  verdict            STRING        NOT NULL COMMENT 'holds, does_not_hold or cannot_check',
  verdict_reason     STRING        NOT NULL,
  computed_from      STRING                 COMMENT 'tables our_value comes from',
  notes              STRING        NOT NULL,
  source_line        BIGINT        NOT NULL COMMENT 'line of the claim in claims.csv',
  sources            MAP<STRING, STRING> NOT NULL COMMENT '"claim" -> its line and article; "TICKER metric quarter" or "TICKER capex_guidance PERIOD" -> source of each value it was recomputed from'
) USING delta

-- gold.value_concentration: who takes the value chain's operating profit.
-- Grain: one row per calendar_quarter × grouping × member (unique); grouping is 'company' (member = ticker),
--   'layer' (member = value-chain layer, summing its companies) or 'segment_layer' (member = layer, where a
--   company with AI-relevant segments (silver.segments.in_segment_profit_pool: Google Cloud, Microsoft
--   Intelligent Cloud, NVIDIA Compute & Networking, Meta's two segments) counts with those segments in their
--   layers and its other businesses left out, and every other company counts whole in its own layer;
--   whole_company_tickers and segment_tickers say which is which).
-- The chain is every company in silver.companies with operating income that quarter.
-- profit_pool_share = member operating income / chain total (losses count negative, shares sum to 1);
-- revenue_share likewise for revenue; positive_profit_share = max(OI, 0) / sum of max(OI, 0);
-- hhi = sum over the grouping of (100 * positive_profit_share)^2 (0-10,000); cr4 = sum of the 4 largest
--   positive_profit_share. hhi and cr4 repeat on every row of the quarter × grouping.
-- Coverage (counted in companies for both groupings): members_expected = companies whose coverage_start
--   is at or before the quarter; members_present = companies with operating income; members_missing =
--   expected companies without it; complete = none missing.
-- coverage_weight = the present companies' share of the expected companies' trailing revenue (each company
--   weighs the revenue of its latest reported quarter at or before this one and the 3 before it, so a missing
--   company weighs what it weighed when last seen), 0 to 1; partial = coverage_weight below the threshold
--   (Spark conf spark.valuechain.coverage.threshold, default 0.9) or unknown. Do not read a partial quarter
--   as a market share: its pool lacks companies.
-- method: how the member's companies are counted: 'segments' when at least one of them counts by its
--   AI-relevant segments (segment_layer only), else 'whole_company'. In segment_layer a company counts by its
--   segments only in a quarter where every one of its in_segment_profit_pool segments has operating income.
-- method_changed (segment_layer rows; null otherwise): a company is counted by another method than in the
--   previous calendar quarter, or a company counted by segments recast them (silver.segments.recast_from:
--   Microsoft from 2024Q3, NVIDIA from 2026Q1; old history not recast in the data): do not compute growth or
--   trends across it.
-- Headline, constant panel: panel_profit_pool_share and panel_hhi are the same measures over panel_tickers,
--   the companies present (counted one way) in every quarter of the headline window: the last 12 calendar
--   quarters up to the latest quarter that is not partial, inside the latest run of at least 4 quarters without a
--   method change. Null outside the window. Chart these, not profit_pool_share, to compare quarters.
-- operating_margin = operating_income / revenue of the member (its companies' sums).
-- sources: the lineage of the member's own sums: "TICKER metric quarter" (or "TICKER.segment metric quarter" for a
--   company counted by its segments) -> filing, document or data file of the revenue and operating income of each
--   company or segment in the member ("derived: ..." / "derived upstream: ..." when derived). Shares, HHI and CR4
--   also use the other members' sums: their rows of the same quarter and grouping carry those. Coverage weights
--   (trailing revenue of every expected company) are not listed.
CREATE TABLE IF NOT EXISTS gold.value_concentration (
  calendar_quarter        STRING        NOT NULL,
  grouping                STRING        NOT NULL,
  member                  STRING        NOT NULL,
  companies_in_member     BIGINT        NOT NULL,
  revenue                 DECIMAL(20,4),
  operating_income        DECIMAL(20,4) NOT NULL,
  total_operating_income  DECIMAL(20,4) NOT NULL,
  profit_pool_share       DOUBLE,
  revenue_share           DOUBLE,
  positive_profit_share   DOUBLE,
  hhi                     DOUBLE,
  cr4                     DOUBLE,
  members_expected        BIGINT        NOT NULL,
  members_present         BIGINT        NOT NULL,
  members_missing         ARRAY<STRING> NOT NULL,
  complete                BOOLEAN       NOT NULL,
  coverage_weight         DOUBLE                 COMMENT 'present share of expected trailing revenue, 0-1',
  partial                 BOOLEAN       NOT NULL COMMENT 'coverage_weight below spark.valuechain.coverage.threshold (default 0.9)',
  coverage_threshold      DOUBLE        NOT NULL COMMENT 'the threshold partial was computed with',
  method                  STRING        NOT NULL COMMENT 'segments or whole_company',
  method_changed          BOOLEAN                COMMENT 'segment_layer rows: counting method or segment definitions changed since the previous quarter',
  operating_margin        DOUBLE,
  panel_profit_pool_share DOUBLE                 COMMENT 'share on the headline constant panel; null outside the headline window',
  panel_hhi               DOUBLE                 COMMENT 'HHI on the headline constant panel; null outside the headline window',
  panel_tickers           ARRAY<STRING>          COMMENT 'the companies of the headline constant panel of this grouping; null outside the window',
  whole_company_tickers   ARRAY<STRING>          COMMENT 'segment_layer rows: companies counted whole; null for other groupings',
  segment_tickers         ARRAY<STRING>          COMMENT 'segment_layer rows: companies counted by their AI-relevant segments',
  sources                 MAP<STRING, STRING> NOT NULL COMMENT '"TICKER metric quarter" or "TICKER.segment metric quarter" -> source of the revenue and operating income the member adds up'
) USING delta

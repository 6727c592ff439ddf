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
--   expected companies without it; complete = none missing. Compare quarters only when both are complete
--   or have the same members.
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
  whole_company_tickers   ARRAY<STRING>          COMMENT 'segment_layer rows: companies counted whole; null for other groupings',
  segment_tickers         ARRAY<STRING>          COMMENT 'segment_layer rows: companies counted by their AI-relevant segments'
) USING delta

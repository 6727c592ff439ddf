-- gold.financing_cycles: money that goes round, e.g. NVIDIA invests in OpenAI, OpenAI buys from Oracle,
--   Oracle buys NVIDIA chips.
-- Grain: one row per simple directed cycle of parties (no party twice), each cycle once (not once per rotation).
-- Graph: from silver.financing_deals, one edge per ordered pair of parties (from, to) carrying every deal between
--   them; a co-funded deal gives one edge per funder with the undivided amount (has_co_funded_edge).
-- Length: 2 to 5 edges (the transform's maxHops, default 5).
-- cycle_id = the path joined with ' -> ', rotated to start at the cycle's smallest party name in Spark string
--   order (byte order: upper case before lower case, so AMD before Amazon).
-- path: the parties in order, the first party repeated at the end, so size(path) = hops + 1 and
--   hop i (0-based) is path[i] -> path[i+1].
-- hop_deal_ids[i] = the deals of hop i (sorted); deal_ids = all of them flattened in hop order.
-- amounts_usd_bn[i] = sum of the disclosed amounts of hop i (USD billions; null when none of its deals has one).
-- cycle_complete_amounts = every deal on the cycle has an amount; smallest_amount_usd_bn = the smallest hop amount
--   when complete, else null (an undisclosed deal could be the smallest).
-- sources: deal_id -> the source of that deal in reference/deals.csv (article, release or filing), for every deal on
--   the cycle (deal_ids).
CREATE TABLE IF NOT EXISTS gold.financing_cycles (
  cycle_id                STRING                      NOT NULL,
  path                    ARRAY<STRING>               NOT NULL COMMENT 'parties in order, first party repeated at the end',
  hops                    INT                         NOT NULL COMMENT 'number of edges = size(path) - 1',
  deal_ids                ARRAY<STRING>               NOT NULL COMMENT 'every deal on the cycle, in hop order',
  hop_deal_ids            ARRAY<ARRAY<STRING>>        NOT NULL COMMENT 'the deals of each hop, aligned with amounts_usd_bn',
  amounts_usd_bn          ARRAY<DECIMAL(20,4)>        NOT NULL COMMENT 'per hop: sum of disclosed amounts, USD billions',
  smallest_amount_usd_bn  DECIMAL(20,4)                        COMMENT 'null unless cycle_complete_amounts',
  cycle_complete_amounts  BOOLEAN                     NOT NULL,
  has_co_funded_edge      BOOLEAN                     NOT NULL COMMENT 'a hop carries a deal with several funders, amount undivided',
  sources                 MAP<STRING, STRING>         NOT NULL COMMENT 'deal_id -> source of each deal on the cycle (reference/deals.csv)'
) USING delta

-- gold.financing_party_flows: how much money each party receives and sends in silver.financing_deals, and how much
--   of what it receives lies on a cycle (gold.financing_cycles).
-- Grain: one row per party of reference/parties.csv (unique), including parties in no loaded deal (zeros).
-- Units: USD billions, sums of disclosed headline amounts (undisclosed deals are counted in deals_*_undisclosed,
--   not in the sums; overlapping deals are not netted).
-- money_in_usd_bn: deals where the party is to_party, each deal once.
-- money_out_usd_bn: deals the party funds alone; a co-funded deal (several funders, Stargate) is not split
--   between its funders: its whole amount is in co_funded_money_out_usd_bn of each funder instead.
-- deals_in / deals_out count every deal, co-funded ones included.
-- inflow_on_cycles_usd_bn: sum of the amounts of incoming deals that lie on at least one cycle, each deal once;
--   inflow_on_cycles_share = inflow_on_cycles_usd_bn / money_in_usd_bn, null when money_in_usd_bn is 0.
-- sources: deal_id -> the source of that deal in reference/deals.csv, for every deal the party receives or (alone or
--   with others) funds; empty for a party in no deal.
CREATE TABLE IF NOT EXISTS gold.financing_party_flows (
  party                       STRING        NOT NULL,
  ticker                      STRING                 COMMENT 'registry ticker; null for parties not in silver.companies',
  layer                       STRING        NOT NULL COMMENT 'value-chain layer, or model_lab, investor, joint_venture, financing_vehicle',
  money_in_usd_bn             DECIMAL(20,4) NOT NULL,
  money_out_usd_bn            DECIMAL(20,4) NOT NULL COMMENT 'sole-funded deals only',
  co_funded_money_out_usd_bn  DECIMAL(20,4) NOT NULL COMMENT 'undivided amounts of deals funded with others',
  deals_in                    BIGINT        NOT NULL,
  deals_out                   BIGINT        NOT NULL,
  deals_in_undisclosed        BIGINT        NOT NULL,
  deals_out_undisclosed       BIGINT        NOT NULL,
  inflow_on_cycles_usd_bn     DECIMAL(20,4) NOT NULL,
  deals_in_on_cycles          BIGINT        NOT NULL,
  inflow_on_cycles_share      DOUBLE,
  sources                     MAP<STRING, STRING> NOT NULL COMMENT 'deal_id -> source of each deal in or out (reference/deals.csv)'
) USING delta

-- silver.segments: reporting segments (and market platforms) and their value-chain layer.
-- Grain: one row per ticker × segment (unique).
CREATE TABLE IF NOT EXISTS silver.segments (
  ticker                STRING  NOT NULL,
  segment               STRING  NOT NULL,
  segment_name          STRING  NOT NULL,
  layer                 STRING  NOT NULL COMMENT 'value-chain layer of what the segment sells',
  ai_datacenter_supply  BOOLEAN NOT NULL COMMENT 'true when the segment revenue is AI-chip data-center supply (gold.supplier_capture)',
  in_segment_profit_pool BOOLEAN NOT NULL COMMENT 'true when the segment operating income stands in for the company in the segment_layer grouping of gold.value_concentration',
  note                  STRING           COMMENT 'overlaps with other segments, definition changes',
  recast_from           STRING  NOT NULL COMMENT 'first calendar quarter on changed segment definitions, the history before it unrecast (a break: gold marks it); empty when none',
  source                STRING  NOT NULL
) USING delta

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
  source                STRING  NOT NULL
) USING delta

-- gold.supplier_capture: how much hyperscaler capex becomes AI-chip suppliers' data-center revenue.
-- Grain: one row per calendar_quarter (unique).
-- hyperscaler_capex = sum of capex (USD millions) of the registry's 'hyperscaler' companies that report it
--   that quarter (non-USD reporters converted at the quarter's average rate);
-- ai_chip_datacenter_revenue = sum of segment revenue flagged ai_datacenter_supply in silver.segments
--   (NVIDIA Data Center);
-- capture_ratio = ai_chip_datacenter_revenue / hyperscaler_capex;
-- capture_ratio_lag1 = previous calendar quarter's ai_chip_datacenter_revenue / this quarter's
--   hyperscaler_capex (chips ship and are booked as supplier revenue before the buyer's cash capex).
-- Coverage: *_expected counts members whose company coverage_start is at or before the quarter,
--   *_present those with a value, *_missing lists the absent; members_* add hyperscalers and suppliers;
--   complete = nobody missing. A ratio over an incomplete quarter understates capex.
-- Coverage by weight: hyperscalers_coverage_weight = the reporting hyperscalers' share of the expected
--   hyperscalers' trailing revenue (each weighs the revenue of its latest reported quarter at or before this
--   one and the 3 before it); suppliers_coverage_weight likewise with the suppliers' trailing segment revenue;
--   coverage_weight = the smaller of the two; partial = coverage_weight below spark.valuechain.coverage.threshold
--   (default 0.9) or unknown.
-- Headline, constant panel: panel_hyperscaler_capex, panel_ai_chip_datacenter_revenue and panel_capture_ratio are
--   the same sums and ratio over panel_members, the hyperscalers with capex and the suppliers with revenue in every
--   quarter (that has data) of the headline window: the last 12 calendar quarters up to the latest quarter that is
--   not partial, within the latest run of at least 4 quarters without a supplier segment recast (segment_recast).
--   Null outside the window (panel_capture_ratio also when the panel has no hyperscaler). Chart these,
--   not capture_ratio, to compare quarters: a member entering or missing a quarter does not move them.
-- sources: "MEMBER metric quarter" -> filing, document or data file of each value added up: each hyperscaler's capex
--   ("MSFT capex 2025Q2") and each supplier's segment revenue ("NVDA.data_center revenue 2025Q2") of this quarter,
--   and the suppliers' revenue of the previous quarter (for capture_ratio_lag1); "derived: ..." / "derived
--   upstream: ..." when derived.
CREATE TABLE IF NOT EXISTS gold.supplier_capture (
  calendar_quarter                          STRING        NOT NULL,
  hyperscaler_capex                         DECIMAL(20,4),
  ai_chip_datacenter_revenue                DECIMAL(20,4),
  prior_quarter_ai_chip_datacenter_revenue  DECIMAL(20,4),
  capture_ratio                             DOUBLE,
  capture_ratio_lag1                        DOUBLE,
  hyperscalers_expected                     BIGINT        NOT NULL,
  hyperscalers_present                      BIGINT        NOT NULL,
  hyperscalers_missing                      ARRAY<STRING> NOT NULL,
  suppliers_expected                        BIGINT        NOT NULL,
  suppliers_present                         BIGINT        NOT NULL,
  suppliers_missing                         ARRAY<STRING> NOT NULL,
  members_expected                          BIGINT        NOT NULL,
  members_present                           BIGINT        NOT NULL,
  complete                                  BOOLEAN       NOT NULL,
  hyperscalers_coverage_weight              DOUBLE,
  suppliers_coverage_weight                 DOUBLE,
  coverage_weight                           DOUBLE,
  coverage_threshold                        DOUBLE        NOT NULL,
  partial                                   BOOLEAN       NOT NULL,
  segment_recast                            BOOLEAN       NOT NULL COMMENT 'true in the first quarter of a supplier segment on changed definitions (silver.segments.recast_from, e.g. NVIDIA Data Center from 2026Q1): the supply series breaks here, compare across it with care',
  panel_hyperscaler_capex                   DECIMAL(20,4)          COMMENT 'hyperscaler capex of the headline constant panel; null outside the headline window',
  panel_ai_chip_datacenter_revenue          DECIMAL(20,4)          COMMENT 'supplier revenue of the headline constant panel; null outside the headline window',
  panel_capture_ratio                       DOUBLE                 COMMENT 'panel_ai_chip_datacenter_revenue / panel_hyperscaler_capex',
  panel_members                             ARRAY<STRING>          COMMENT 'the hyperscalers and suppliers of the headline constant panel; null outside the window',
  sources                                   MAP<STRING, STRING> NOT NULL COMMENT '"MEMBER metric quarter" -> source of each capex and supplier revenue added up'
) USING delta

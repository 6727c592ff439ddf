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
  partial                                   BOOLEAN       NOT NULL
) USING delta

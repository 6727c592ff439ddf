-- silver.sec_fact_placement: where every fact of bronze.sec_facts went, counted per source file, filer and outcome, so
--   that a run can print per file read = placed + unplaced + other tags + quarantined without classifying the facts
--   again (transform/silver/SecPeriods.java, placementCounts; the summary adds bronze.sec_quarantine per file).
-- Grain: one row per source_file × cik × outcome (unique).
-- Outcomes: placed (the fact stands for a period of silver.sec_period_values, as its value or as a repeat or an
--   earlier version of it), a reason of silver.sec_unplaced_facts, or not_a_metric_tag (a tag no metric of sec/metric_tags.csv maps).
-- Refresh: by every run, for the filers it resolves (see silver.sec_resolved_sources); the other filers' rows kept.
CREATE TABLE IF NOT EXISTS silver.sec_fact_placement (
  source_file  STRING  NOT NULL COMMENT 'as in bronze.sec_facts',
  cik          INT     NOT NULL,
  outcome      STRING  NOT NULL,
  facts        BIGINT  NOT NULL
) USING delta

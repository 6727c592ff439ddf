-- silver.sec_unplaced_facts: every fact of bronze.sec_facts for a tag of sec/metric_tags.csv that lands in no period
--   of silver.sec_period_values, with the reason. Nothing of a mapped tag vanishes: per source file, facts of mapped
--   tags = facts placed in a period + rows here (SecPeriods.placementCounts gives the counts per reason).
-- Grain: one row per bronze.sec_facts row (source_format × accession × taxonomy × tag × unit × period_start ×
--   period_end × duration_quarters × segments × coreg) not placed.
-- Reasons (transform/silver/SecPeriods.java, UNPLACED_REASONS):
--   co_registrant                                  a co-registrant's fact (FSDS coreg), not the filer's own
--   not_a_currency_amount                          unit is not a currency (shares, pure, USD/shares)
--   span_not_a_quarter_ytd_or_year                 an instant, or a duration of no whole quarters (e.g. 5 months)
--   fiscal_year_end_unknown                        no registry entry, annual report, year-to-date span, fye or 10-Q label tells the year end
--   span_end_not_at_its_fiscal_period_end          e.g. trailing twelve months in a 10-Q, 6 months ending at a third quarter
--   non_periodic_form_superseded_by_periodic_report a DEF 14A, 8-K, S-1... value where a periodic report gives the period
--   superseded_by_another_tag                      the entity's preferred tag gives the period (and this was not the first report)
--   within_transition_period_not_the_whole_of_it   ends inside a transition period between two fiscal year ends (a 10-KT's
--                                                  quarter, a recast calendar year) but is not the whole transition period
-- Units: value as filed (unscaled). Refresh: by every run, for the filers it resolves
--   (see silver.sec_resolved_sources); the other filers' rows are kept.
CREATE TABLE IF NOT EXISTS silver.sec_unplaced_facts (
  source_format          STRING        NOT NULL,
  source_file            STRING        NOT NULL,
  accession              STRING        NOT NULL,
  cik                    INT           NOT NULL,
  entity_id              STRING        NOT NULL COMMENT 'the registered ticker, else cik:<CIK>',
  form                   STRING,
  filed                  DATE,
  taxonomy               STRING        NOT NULL,
  tag                    STRING        NOT NULL,
  metric                 STRING        NOT NULL,
  unit                   STRING        NOT NULL,
  period_start           DATE,
  period_end             DATE          NOT NULL,
  duration_quarters      INT,
  segments               STRING        NOT NULL,
  coreg                  STRING        NOT NULL,
  value                  DECIMAL(28,4) NOT NULL COMMENT 'as filed, unscaled',
  fiscal_year_end_month  INT                    COMMENT 'the year-end month in force at period_end (registry or inferred); null when unknown',
  reason                 STRING        NOT NULL
) USING delta

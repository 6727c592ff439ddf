-- bronze.sec_facts: numeric facts from the SEC's bulk data as filed, one row per fact per filing.
-- Sources: companyfacts JSON (`valuechain ingest sec-companyfacts`) and the Financial Statement Data
--   Sets num.txt joined to sub.txt (`valuechain ingest sec-fsds`).
-- Grain: one row per source_file × accession × taxonomy × tag × unit × period_start × period_end ×
--   duration_quarters × segments × coreg (FSDS: the SEC's num.txt key, unique within a quarter). A fact
--   repeated as a comparative in a later filing is another row (another accession), and so is the same fact
--   read from two source files (a companyfacts file and a later companyfacts.zip); silver collapses the
--   repeats and keeps first-reported and latest values.
-- Units: value exactly as filed (unscaled, e.g. USD, not millions), in `unit`.
-- Partitioned by source_file (an FSDS quarter zip or folder; a companyfacts file, one per CIK, or a
--   companyfacts.zip entry): a published file is immutable, so an ingest replaces the partitions of the files
--   it reads in one commit (replaceWhere) and skips a file whose source_checksum is unchanged;
--   `valuechain run` never rewrites it. A warehouse made before partitioning: delete its bronze/sec_facts and
--   bronze/sec_quarantine folders and ingest again.
CREATE TABLE IF NOT EXISTS bronze.sec_facts (
  source_format      STRING        NOT NULL COMMENT 'companyfacts or fsds',
  source_file        STRING        NOT NULL COMMENT 'the file the fact was read from (json, zip or folder), and the entry inside a zip after !',
  accession          STRING        NOT NULL COMMENT 'accession number of the filing (accn / adsh), e.g. 0001045810-24-000316',
  cik                INT           NOT NULL COMMENT 'SEC central index key of the filer',
  entity_name        STRING                 COMMENT 'filer name as given by the source',
  form               STRING                 COMMENT '10-K, 10-Q, 10-K/A, 20-F, ...',
  filed              DATE                   COMMENT 'date the filing was made',
  filing_fiscal_year INT                    COMMENT 'fy of the filing (the filer\'s own label, not the fact\'s period)',
  filing_fiscal_period STRING               COMMENT 'fp of the filing: FY, Q1, Q2, Q3',
  fiscal_year_end    STRING                 COMMENT 'fiscal year end as mmdd (FSDS sub.txt fye); null for companyfacts',
  taxonomy           STRING        NOT NULL COMMENT 'us-gaap, ifrs-full, dei, srt; custom for company-specific tags',
  taxonomy_version   STRING                 COMMENT 'FSDS version, e.g. us-gaap/2009 or the adsh for custom tags',
  tag                STRING        NOT NULL,
  unit               STRING        NOT NULL COMMENT 'USD, CNY, shares, USD/shares, pure, ...',
  period_start       DATE                   COMMENT 'first day of a duration (companyfacts); null for instants and for FSDS',
  period_end         DATE          NOT NULL COMMENT 'last day of the period (companyfacts end; FSDS ddate, rounded to a month end)',
  duration_quarters  INT                    COMMENT 'FSDS qtrs: 0 instant, 1 three months, 2 and 3 year to date, 4 a year or a trailing twelve months; null for companyfacts',
  segments           STRING        NOT NULL COMMENT 'FSDS segments, empty for the whole entity (companyfacts has only whole-entity facts)',
  coreg              STRING        NOT NULL COMMENT 'FSDS co-registrant, empty for the registrant itself',
  frame              STRING                 COMMENT 'companyfacts frame, e.g. CY2024Q3, on the one fact the SEC aligns to a calendar period',
  value              DECIMAL(28,4) NOT NULL COMMENT 'as filed, unscaled',
  source_checksum    STRING        NOT NULL COMMENT 'SHA-256 of the source (zip, JSON, or an FSDS folder\'s sub.txt then num.txt) when read',
  run_id             STRING        NOT NULL COMMENT 'the ingest that loaded the row (bronze.load_runs)'
) USING delta
PARTITIONED BY (source_file)

-- The DuckDB side of bench/scale.sh: the same work as `valuechain ingest sec-fsds` + the SEC part of `run`,
-- on the same files. {NUM}, {SUB} are lists of the unpacked num.txt / sub.txt paths, {TAGS} is
-- jobs/src/main/resources/sec/metric_tags.csv. Statements end with ';' at the end of a line.

-- 1. parse: every field as text, by header name, as FsdsParse does (tab-separated, no quoting)
CREATE TABLE num_raw AS SELECT * FROM read_csv({NUM}, delim = '\t', header = true, quote = '', escape = '',
  all_varchar = true, filename = true, union_by_name = true, null_padding = true);
CREATE TABLE sub_raw AS SELECT * FROM read_csv({SUB}, delim = '\t', header = true, quote = '', escape = '',
  all_varchar = true, filename = true, union_by_name = true, null_padding = true);

-- 2. type and quarantine: one submission per accession, every num.txt row a fact or a reason
CREATE TABLE sub AS
SELECT regexp_replace(filename, '/sub\.txt$', '') AS source_file, adsh,
       try_cast(cik AS INTEGER) AS cik, name AS entity_name, form, fye AS fiscal_year_end,
       try_cast(fy AS INTEGER) AS filing_fiscal_year, fp AS filing_fiscal_period,
       CAST(try_strptime(filed, '%Y%m%d') AS DATE) AS filed, count(*) OVER (PARTITION BY filename, adsh) AS sub_rows
FROM sub_raw;
CREATE TABLE parsed AS
SELECT regexp_replace(n.filename, '/num\.txt$', '') AS source_file, n.adsh AS accession, s.cik, s.entity_name,
       s.form, s.filed, s.filing_fiscal_year, s.filing_fiscal_period, s.fiscal_year_end,
       CASE WHEN n.version = n.adsh OR regexp_matches(n.version, '^[0-9]{10}-[0-9]{2}-[0-9]{6}$') THEN 'custom'
            WHEN n.version LIKE 'ifrs/%' THEN 'ifrs-full'
            ELSE split_part(n.version, '/', 1) END AS taxonomy,
       n.version AS taxonomy_version, n.tag, n.uom AS unit,
       CAST(try_strptime(n.ddate, '%Y%m%d') AS DATE) AS period_end,
       try_cast(n.qtrs AS INTEGER) AS duration_quarters, coalesce(n.segments, '') AS segments,
       coalesce(n.coreg, '') AS coreg, try_cast(n.value AS DECIMAL(28, 4)) AS value,
       concat_ws('; ',
         CASE WHEN try_strptime(n.ddate, '%Y%m%d') IS NULL
              THEN 'ddate ''' || coalesce(n.ddate, '') || ''' is not a date' END,
         CASE WHEN try_cast(n.qtrs AS INTEGER) IS NULL THEN 'qtrs is not a whole number' END,
         CASE WHEN n.value IS NULL OR n.value = '' THEN 'no value'
              WHEN try_cast(n.value AS DECIMAL(28, 4)) IS NULL THEN 'value ''' || n.value || ''' is not a number' END,
         CASE WHEN s.adsh IS NULL THEN 'no sub.txt row for adsh ' || coalesce(n.adsh, '')
              WHEN s.sub_rows > 1 THEN 'sub.txt has several rows for adsh ' || n.adsh
              WHEN s.cik IS NULL OR s.filed IS NULL THEN 'sub.txt row unusable' END) AS reason
FROM num_raw n
LEFT JOIN sub s ON s.source_file = regexp_replace(n.filename, '/num\.txt$', '') AND s.adsh = n.adsh;

-- 3. bronze: every fact keyed as bronze.sec_facts (exact repeats collapse), the rest quarantined
CREATE TABLE sec_facts AS
SELECT DISTINCT ON (accession, taxonomy, tag, unit, period_end, duration_quarters, segments, coreg, value)
       * EXCLUDE (reason)
FROM parsed WHERE reason = '';
CREATE TABLE sec_quarantine AS SELECT source_file, accession, tag, reason FROM parsed WHERE reason <> '';
CREATE TABLE load_counts AS
SELECT source_file, count(*) AS rows_read, count(*) FILTER (WHERE reason = '') AS loaded,
       count(*) FILTER (WHERE reason <> '') AS quarantined
FROM parsed GROUP BY source_file;

-- 4. silver: alias map, fiscal periods from dates, latest filed per tag and period, Q4 = FY - 9M, pivot, TTM
CREATE TABLE metric_tags AS SELECT * FROM read_csv({TAGS}, header = true, all_varchar = true);
CREATE TABLE mapped AS
SELECT f.cik, t.metric, f.segments, f.unit AS currency, f.period_end, f.duration_quarters, f.tag,
       CAST(t.priority AS INTEGER) AS priority, f.filed, f.accession, f.value,
       -- fiscal quarter the end closes, from the fiscal-year-end month, ends read 7 days early (52/53 weeks)
       coalesce(try_cast(substr(f.fiscal_year_end, 1, 2) AS INTEGER), 12) AS fye_month
FROM sec_facts f JOIN metric_tags t ON f.taxonomy = t.taxonomy AND f.tag = t.tag
WHERE f.coreg = '' AND regexp_matches(f.unit, '^[A-Z]{3}$');
CREATE TABLE periods AS
WITH p AS (
  SELECT *, (((month(period_end - INTERVAL 7 DAY) - fye_month + 11) % 12) // 3) + 1 AS fiscal_quarter,
         year(period_end - INTERVAL 7 DAY) + CASE WHEN month(period_end - INTERVAL 7 DAY) > fye_month THEN 1 ELSE 0 END
           AS fiscal_year
  FROM mapped)
SELECT *, CASE WHEN duration_quarters = 1 THEN 'Q' || fiscal_quarter
               WHEN duration_quarters = 2 AND fiscal_quarter = 2 THEN 'H1'
               WHEN duration_quarters = 3 AND fiscal_quarter = 3 THEN '9M'
               WHEN duration_quarters = 4 AND fiscal_quarter = 4 THEN 'FY' END AS span
FROM p;
CREATE TABLE period_values AS
WITH tagged AS (
  -- the tag used most recently for the period wins, then the file's priority; then the latest filing
  SELECT * FROM periods WHERE span IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY cik, metric, segments, currency, fiscal_year, span
                             ORDER BY filed DESC, priority, accession DESC) = 1)
SELECT cik, metric, segments, currency, fiscal_year, span, value, 'reported' AS derivation FROM tagged;
CREATE TABLE quarters AS
SELECT * FROM period_values WHERE span IN ('Q1', 'Q2', 'Q3', 'Q4', 'FY', 'H1', '9M')
UNION ALL
SELECT fy.cik, fy.metric, fy.segments, fy.currency, fy.fiscal_year, 'Q4', fy.value - m9.value, 'FY - 9M'
FROM period_values fy
JOIN period_values m9 USING (cik, metric, segments, currency, fiscal_year)
LEFT JOIN period_values q4 ON q4.cik = fy.cik AND q4.metric = fy.metric AND q4.segments = fy.segments
  AND q4.currency = fy.currency AND q4.fiscal_year = fy.fiscal_year AND q4.span = 'Q4'
WHERE fy.span = 'FY' AND m9.span = '9M' AND q4.cik IS NULL;
CREATE TABLE quarterly AS
PIVOT (SELECT cik, segments, currency, fiscal_year, span, metric, value FROM quarters
       WHERE segments = '' AND span IN ('Q1', 'Q2', 'Q3', 'Q4'))
ON metric USING first(value) GROUP BY cik, segments, currency, fiscal_year, span;
CREATE TABLE ttm AS
SELECT q.metric, q.cik, q.currency, q.fiscal_year, q.span,
       sum(q.value) OVER (PARTITION BY q.cik, q.metric, q.currency ORDER BY q.fiscal_year, q.span
                          ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS ttm_value,
       count(*) OVER (PARTITION BY q.cik, q.metric, q.currency ORDER BY q.fiscal_year, q.span
                      ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS quarters_in_ttm
FROM quarters q WHERE q.segments = '' AND q.span IN ('Q1', 'Q2', 'Q3', 'Q4');

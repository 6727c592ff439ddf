import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.aivaluechain.warehouse.Sessions;

import bench.FsdsZips;

/**
 * Spark's floor on the scale benchmark's work (bench/scale.sh, FLOOR=1): the statements of
 * bench/duckdb/src/main/resources/fsds.sql in Spark SQL, with the same filters, keys and rules, and nothing else (no
 * validation, lineage, reconciliation, real-filings rules or curated inputs). Where it differs, it does less: the
 * intermediate results stay views (DuckDB stores each in its database), the parsed rows are kept in Spark's disk
 * cache for their three uses, the per-file counts are collected rather than stored, and the text files' columns are
 * taken from the first file's header (DuckDB matches them by name; the generated quarters share one header). The
 * bronze, silver and gold results are written as Delta tables, in one JVM (the product's ingest and run are two),
 * with the product's session (Sessions, with the large-data settings). It answers one question: how close to DuckDB
 * can a Spark program come on this work on this machine?
 *
 * <p>bench/scale.sh compiles it with FsdsZips against the measured build's classpath and runs it with the
 * launcher's heap, JVM flags and Delta settings: {@code SparkFloor WORK_DIR METRIC_TAGS_CSV ZIP...}. Prints its
 * time at the end of each step (stderr, {@code spark-floor  12.3 s  wrote sec_facts}) and the same result counts as
 * the DuckDB program (stdout), so the two can be compared.
 */
public final class SparkFloor {

    private static SparkSession spark;

    public static void main(String[] args) throws IOException {
        long t0 = System.nanoTime();
        Path work = Path.of(args[0]);
        String tags = args[1];
        List<Path> dirs = FsdsZips.unpack(work, List.of(args).subList(2, args.length));
        List<String> num = FsdsZips.files(dirs, "num.txt");
        List<String> sub = FsdsZips.files(dirs, "sub.txt");
        step("unpack", t0);
        String wh = work.resolve("wh").toString();
        // the product's own session: scale.sh passes -Dvaluechain.data=large and the launcher's Delta settings
        spark = Sessions.getOrCreate(wh);
        spark.sparkContext().setLogLevel("WARN");
        step("SparkSession", t0);

        // 1. parse: every field as text, columns named by the first file's header (tab-separated, no quoting)
        text(num).createOrReplaceTempView("num_raw");
        text(sub).createOrReplaceTempView("sub_raw");
        // 2. type and quarantine
        spark.sql("""
            CREATE OR REPLACE TEMP VIEW sub AS
            SELECT regexp_replace(filename, '/sub[.]txt$', '') AS source_file, adsh,
                   try_cast(cik AS INT) AS cik, name AS entity_name, form, fye AS fiscal_year_end,
                   try_cast(fy AS INT) AS filing_fiscal_year, fp AS filing_fiscal_period,
                   CAST(try_to_timestamp(filed, 'yyyyMMdd') AS DATE) AS filed,
                   count(*) OVER (PARTITION BY filename, adsh) AS sub_rows
            FROM sub_raw""");
        Dataset<Row> parsed = spark.sql("""
            SELECT regexp_replace(n.filename, '/num[.]txt$', '') AS source_file, n.adsh AS accession, s.cik,
                   s.entity_name, s.form, s.filed, s.filing_fiscal_year, s.filing_fiscal_period, s.fiscal_year_end,
                   CASE WHEN n.version = n.adsh OR n.version RLIKE '^[0-9]{10}-[0-9]{2}-[0-9]{6}$' THEN 'custom'
                        WHEN n.version LIKE 'ifrs/%' THEN 'ifrs-full'
                        ELSE split_part(n.version, '/', 1) END AS taxonomy,
                   n.version AS taxonomy_version, n.tag, n.uom AS unit,
                   CAST(try_to_timestamp(n.ddate, 'yyyyMMdd') AS DATE) AS period_end,
                   try_cast(n.qtrs AS INT) AS duration_quarters, coalesce(n.segments, '') AS segments,
                   coalesce(n.coreg, '') AS coreg, try_cast(n.value AS DECIMAL(28, 4)) AS value,
                   concat_ws('; ',
                     CASE WHEN try_to_timestamp(n.ddate, 'yyyyMMdd') IS NULL
                          THEN concat("ddate '", coalesce(n.ddate, ''), "' is not a date") END,
                     CASE WHEN try_cast(n.qtrs AS INT) IS NULL THEN 'qtrs is not a whole number' END,
                     CASE WHEN n.value IS NULL OR n.value = '' THEN 'no value'
                          WHEN try_cast(n.value AS DECIMAL(28, 4)) IS NULL
                          THEN concat("value '", n.value, "' is not a number") END,
                     CASE WHEN s.adsh IS NULL THEN concat('no sub.txt row for adsh ', coalesce(n.adsh, ''))
                          WHEN s.sub_rows > 1 THEN concat('sub.txt has several rows for adsh ', n.adsh)
                          WHEN s.cik IS NULL OR s.filed IS NULL THEN 'sub.txt row unusable' END) AS reason
            FROM num_raw n
            LEFT JOIN sub s ON s.source_file = regexp_replace(n.filename, '/num[.]txt$', '') AND s.adsh = n.adsh""");
        // parsed once, kept on disk for its three uses (facts, quarantine, counts)
        parsed.persist(StorageLevel.DISK_ONLY());
        parsed.createOrReplaceTempView("parsed");
        parsed.count();   // fills the disk cache: parsing is timed on its own
        step("parsed", t0);
        // 3. bronze: every fact keyed (exact repeats collapse), the rest quarantined
        save(spark.sql("""
            SELECT * EXCEPT (reason, rn) FROM (
              SELECT *, row_number() OVER (PARTITION BY accession, taxonomy, tag, unit, period_end,
                                           duration_quarters, segments, coreg, value ORDER BY source_file) AS rn
              FROM parsed WHERE reason = '') WHERE rn = 1"""), wh, "sec_facts", t0);
        save(spark.sql("SELECT source_file, accession, tag, reason FROM parsed WHERE reason <> ''"), wh,
                "sec_quarantine", t0);
        List<Row> counts = spark.sql("""
            SELECT source_file, count(*) AS rows_read, count_if(reason = '') AS loaded,
                   count_if(reason <> '') AS quarantined
            FROM parsed GROUP BY source_file ORDER BY source_file""").collectAsList();
        step("load counts", t0);
        parsed.unpersist();

        // 4. silver and gold, from bronze as written: alias map, fiscal periods, latest filed, Q4 = FY - 9M,
        // pivot, TTM
        spark.read().format("delta").load(wh + "/sec_facts").createOrReplaceTempView("sec_facts");
        spark.read().option("header", "true").csv(tags).createOrReplaceTempView("metric_tags");
        spark.sql("""
            CREATE OR REPLACE TEMP VIEW periods AS
            WITH mapped AS (
              SELECT f.cik, t.metric, f.segments, f.unit AS currency, f.period_end, f.duration_quarters, f.tag,
                     CAST(t.priority AS INT) AS priority, f.filed, f.accession, f.value,
                     coalesce(try_cast(substr(f.fiscal_year_end, 1, 2) AS INT), 12) AS fye_month
              FROM sec_facts f JOIN metric_tags t ON f.taxonomy = t.taxonomy AND f.tag = t.tag
              WHERE f.coreg = '' AND f.unit RLIKE '^[A-Z]{3}$'),
            p AS (
              SELECT *, (((month(date_sub(period_end, 7)) - fye_month + 11) % 12) div 3) + 1 AS fiscal_quarter,
                     year(date_sub(period_end, 7))
                       + CASE WHEN month(date_sub(period_end, 7)) > fye_month THEN 1 ELSE 0 END AS fiscal_year
              FROM mapped)
            SELECT *, CASE WHEN duration_quarters = 1 THEN 'Q' || fiscal_quarter
                           WHEN duration_quarters = 2 AND fiscal_quarter = 2 THEN 'H1'
                           WHEN duration_quarters = 3 AND fiscal_quarter = 3 THEN '9M'
                           WHEN duration_quarters = 4 AND fiscal_quarter = 4 THEN 'FY' END AS span
            FROM p""");
        save(spark.sql("""
            SELECT cik, metric, segments, currency, fiscal_year, span, value, 'reported' AS derivation FROM (
              SELECT *, row_number() OVER (PARTITION BY cik, metric, segments, currency, fiscal_year, span
                                           ORDER BY filed DESC, priority, accession DESC) AS rn
              FROM periods WHERE span IS NOT NULL) WHERE rn = 1"""), wh, "period_values", t0);
        spark.read().format("delta").load(wh + "/period_values").createOrReplaceTempView("period_values");
        save(spark.sql("""
            SELECT * FROM period_values WHERE span IN ('Q1', 'Q2', 'Q3', 'Q4', 'FY', 'H1', '9M')
            UNION ALL
            SELECT fy.cik, fy.metric, fy.segments, fy.currency, fy.fiscal_year, 'Q4', fy.value - m9.value, 'FY - 9M'
            FROM period_values fy
            JOIN period_values m9 USING (cik, metric, segments, currency, fiscal_year)
            LEFT ANTI JOIN period_values q4 ON q4.cik = fy.cik AND q4.metric = fy.metric
              AND q4.segments = fy.segments AND q4.currency = fy.currency AND q4.fiscal_year = fy.fiscal_year
              AND q4.span = 'Q4'
            WHERE fy.span = 'FY' AND m9.span = '9M'"""), wh, "quarters", t0);
        Dataset<Row> quarters = spark.read().format("delta").load(wh + "/quarters");
        quarters.createOrReplaceTempView("quarters");
        save(quarters.where("segments = '' AND span IN ('Q1', 'Q2', 'Q3', 'Q4')")
                .groupBy("cik", "segments", "currency", "fiscal_year", "span")
                .pivot("metric").agg(functions.first("value")), wh, "quarterly", t0);
        save(spark.sql("""
            SELECT metric, cik, currency, fiscal_year, span,
                   sum(value) OVER w AS ttm_value, count(*) OVER w AS quarters_in_ttm
            FROM quarters WHERE segments = '' AND span IN ('Q1', 'Q2', 'Q3', 'Q4')
            WINDOW w AS (PARTITION BY cik, metric, currency ORDER BY fiscal_year, span
                         ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)"""), wh, "ttm", t0);

        for (Row r : counts) {
            System.out.printf("spark-floor result: source_file=%s rows_read=%d loaded=%d quarantined=%d%n",
                    r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3));
        }
        System.out.printf("spark-floor result: sec_facts=%d quarantine=%d quarters=%d quarterly_rows=%d "
                + "ttm_rows=%d%n", rows(wh, "sec_facts"), rows(wh, "sec_quarantine"), rows(wh, "quarters"),
                rows(wh, "quarterly"), rows(wh, "ttm"));
        step("done", t0);
        spark.stop();
    }

    private static Dataset<Row> text(List<String> paths) {
        return spark.read().option("sep", "\t").option("header", "true").option("quote", "")
                .csv(paths.toArray(String[]::new))
                .withColumn("filename", functions.regexp_replace(functions.col("_metadata.file_path"), "^file:", ""));
    }

    private static void save(Dataset<Row> rows, String wh, String table, long t0) {
        rows.write().format("delta").mode("overwrite").save(wh + "/" + table);
        step("wrote " + table, t0);
    }

    private static long rows(String wh, String table) {
        return spark.read().format("delta").load(wh + "/" + table).count();
    }

    private static void step(String what, long t0) {
        System.err.printf("spark-floor %7.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
    }
}

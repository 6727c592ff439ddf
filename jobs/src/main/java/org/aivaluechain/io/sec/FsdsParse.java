package org.aivaluechain.io.sec;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * FSDS lines ({@link FsdsLines#SCHEMA}) to facts, quarantine and rows read: pure Spark transformations, so they
 * run distributed and are tested on hand-made lines.
 *
 * <p>Columns are found by header name, so a file whose header lacks one we need is quarantined whole, naming
 * it. Each num.txt data line of a readable file becomes exactly one fact or one quarantine row: a bad sub.txt
 * row is not quarantined on its own but given as the reason of the num.txt rows that need it, so
 * rows_read = facts + quarantined lines holds per file by construction. A file quarantined whole (location '')
 * has rows_read 0 and no other rows.
 */
final class FsdsParse {

    /** The num.txt columns a fact needs (the file also has footnote, unused). */
    static final List<String> NUM_COLUMNS = List.of("adsh", "tag", "version", "ddate", "qtrs", "uom", "segments",
            "coreg", "value");
    /**
     * Columns a num.txt may lack: the SEC's archive layout (2009q1-2024q4 as served from the archive) has no
     * segments column, every fact being a whole-entity fact; read as empty segments.
     */
    static final List<String> OPTIONAL_NUM_COLUMNS = List.of("segments");
    /** The sub.txt columns a fact needs, of its 36. */
    static final List<String> SUB_COLUMNS = List.of("adsh", "cik", "name", "form", "fye", "fy", "fp", "filed");

    private static final String NUM = FsdsInputs.NUM;
    private static final String SUB = FsdsInputs.SUB;
    private static final String ACCESSION = "^[0-9]{10}-[0-9]{2}-[0-9]{6}$";

    private FsdsParse() {
    }

    /**
     * @param heads    marker and header rows of every source ({@link FsdsLines#SCHEMA}, line numbers 0 and 1)
     * @param num      source_file, line_number, line: the num.txt data lines of every source
     * @param sub      the same for sub.txt
     * @param numLines source_file, rows_read: num.txt data lines per source, counted while they were staged
     */
    static SecRead parse(Dataset<Row> heads, Dataset<Row> num, Dataset<Row> sub, Dataset<Row> numLines) {
        return parse(heads, num, sub, numLines, null);
    }

    /**
     * As {@link #parse(Dataset, Dataset, Dataset, Dataset)}, with every parsed num.txt line kept at {@code level}
     * (when not null), so that facts and quarantine, read by different jobs, parse the lines once; the read's
     * release unpersists them. The kept rows hold only the columns facts and quarantine rows are made of (the raw
     * line only where a row is quarantined), and they are computed here, in one job over every core: jobs that
     * read a cache not built yet wait for each other's blocks while holding the cores (measured at 5 M facts:
     * tasks of the counting job waited 32 s with no CPU time while the cache was built by two others).
     */
    static SecRead parse(Dataset<Row> heads, Dataset<Row> num, Dataset<Row> sub, Dataset<Row> numLines,
                         org.apache.spark.storage.StorageLevel level) {
        Dataset<Row> files = fileChecks(heads);
        // one row per file: small enough to broadcast whatever the number of lines
        Dataset<Row> readable = files.filter(col("reason").isNull());
        Dataset<Row> numFields = split(num.join(broadcast(positions(readable, "num_header", NUM_COLUMNS)),
                "source_file"), "num_header", NUM_COLUMNS);
        Dataset<Row> subFields = split(sub.join(broadcast(positions(readable, "sub_header", SUB_COLUMNS)),
                "source_file"), "sub_header", SUB_COLUMNS);

        // a file quarantined whole has read 0 rows: none of its lines is loaded or quarantined on its own
        Dataset<Row> rowsRead = files.join(numLines.withColumnRenamed("source_file", "counted_file"),
                        col("source_file").equalTo(col("counted_file")), "left")
                .select(col("source_file"),
                        when(col("reason").isNull(), coalesce(col("rows_read"), lit(0L))).otherwise(lit(0L))
                                .as("rows_read"));

        Dataset<Row> parsed = withSubmission(typedNum(numFields.withColumn("entry", lit(NUM))),
                submissions(subFields));
        if (level != null) {
            parsed = parsed.select(col("source_file"), col("entry"), col("line_number"),
                            when(col("reason").isNotNull(), col("line")).as("line"), col("reason"), col("adsh"),
                            col("tag"), col("version"), col("uom"), col("segments"), col("coreg"),
                            col("value_number"), col("period_end"), col("duration_quarters"), col("sub"))
                    .persist(level);
            parsed.count();
        }
        Dataset<Row> facts = parsed.filter(col("reason").isNull()).select(factColumns());
        Dataset<Row> lineRejects = parsed.filter(col("reason").isNotNull()).select(
                col("source_file"),
                concat(col("entry"), lit(" line "), col("line_number").cast("string")).as("location"),
                col("line").as("raw_record"),
                col("reason"));
        Dataset<Row> fileRejects = files.filter(col("reason").isNotNull()).select(
                col("source_file"), lit("").as("location"), lit(null).cast("string").as("raw_record"), col("reason"));
        Dataset<Row> kept = parsed;
        return new SecRead(facts, lineRejects.unionByName(fileRejects), rowsRead, () -> {
            if (level != null) {
                kept.unpersist();
            }
        });
    }

    /**
     * source_file, the header's field count ({@code <header>_size}) and each wanted column's 1-based position in
     * it ({@code <header>_<column>}, 0 when absent): computed once per file, so each line only indexes its fields.
     */
    private static Dataset<Row> positions(Dataset<Row> readable, String header, List<String> columns) {
        List<Column> out = new java.util.ArrayList<>();
        out.add(col("source_file"));
        out.add(size(col(header)).as(header + "_size"));
        for (String c : columns) {
            out.add(expr("CAST(array_position(" + header + ", '" + c + "') AS INT)").as(header + "_" + c));
        }
        return readable.select(out.toArray(Column[]::new));
    }

    /**
     * One row per source file from its marker and header rows: the two headers as arrays of column names and
     * the reason the whole file cannot be read (null when it can).
     */
    static Dataset<Row> fileChecks(Dataset<Row> lines) {
        Dataset<Row> perFile = lines.filter(col("line_number").leq(1)).groupBy("source_file").agg(
                sum(when(col("entry").equalTo(NUM).and(col("line_number").equalTo(0)), 1).otherwise(0)).as("num_entries"),
                sum(when(col("entry").equalTo(SUB).and(col("line_number").equalTo(0)), 1).otherwise(0)).as("sub_entries"),
                max(when(col("entry").equalTo(NUM).and(col("line_number").equalTo(1)), col("line"))).as("num_header_line"),
                max(when(col("entry").equalTo(SUB).and(col("line_number").equalTo(1)), col("line"))).as("sub_header_line"),
                concat_ws("; ", expr("collect_list(error)")).as("errors"));
        List<String> requiredNum = NUM_COLUMNS.stream().filter(c -> !OPTIONAL_NUM_COLUMNS.contains(c)).toList();
        Column reasons = concat_ws("; ", entryProblem(NUM, "num_entries", "num_header", requiredNum),
                entryProblem(SUB, "sub_entries", "sub_header", SUB_COLUMNS));
        return perFile
                .withColumn("num_header", expr("transform(split(num_header_line, '\\t', -1), c -> lower(trim(c)))"))
                .withColumn("sub_header", expr("transform(split(sub_header_line, '\\t', -1), c -> lower(trim(c)))"))
                // a read error makes the other checks moot: the lines seen are incomplete
                .withColumn("reason", when(col("errors").notEqual(""), col("errors"))
                        .otherwise(nullIfEmpty(reasons)))
                .select("source_file", "num_header", "sub_header", "reason");
    }

    private static Column entryProblem(String name, String entries, String header, List<String> required) {
        String wanted = required.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
        Column missing = expr("filter(array(" + wanted + "), c -> NOT array_contains(" + header + ", c))");
        Column missingNames = expr("concat_ws(', ', transform(filter(array(" + wanted + "), c -> NOT array_contains("
                + header + ", c)), c -> concat('\\'', c, '\\'')))");
        return when(col(entries).equalTo(0), lit(name + " not found"))
                .when(col(entries).gt(1), concat(col(entries).cast("string"), lit(" " + name + " entries")))
                .when(col(header + "_line").isNull(), lit(name + " is empty (no header line)"))
                .when(size(missing).equalTo(1), concat(lit(name + " header lacks column "), missingNames))
                .when(size(missing).gt(1), concat(lit(name + " header lacks columns "), missingNames));
    }

    private static Column nullIfEmpty(Column text) {
        return when(text.notEqual(""), text);
    }

    /**
     * Splits each line on tabs and takes the wanted columns by their position in the file's header
     * ({@link #positions}). A line whose field count differs from the header's gets {@code count_problem} and
     * null columns (adsh is still taken when present, so a broken sub.txt row can be named as the reason of its
     * num.txt rows). An optional column the header lacks ({@link #OPTIONAL_NUM_COLUMNS}) is empty.
     */
    static Dataset<Row> split(Dataset<Row> lines, String header, List<String> columns) {
        Dataset<Row> out = lines
                .withColumn("fields", expr("split(line, '\\t', -1)"))
                .withColumn("count_problem", when(size(col("fields")).notEqual(col(header + "_size")),
                        concat(lit("expected "), col(header + "_size").cast("string"), lit(" fields, found "),
                                size(col("fields")).cast("string"))));
        for (String c : columns) {
            Column position = col(header + "_" + c);
            Column value = when(position.gt(0), expr("try_element_at(fields, " + header + "_" + c + ")"));
            if (OPTIONAL_NUM_COLUMNS.contains(c)) {
                value = when(position.equalTo(0), lit("")).otherwise(value);
            }
            out = out.withColumn(c, c.equals("adsh") ? value : when(col("count_problem").isNull(), value));
        }
        List<String> drop = new java.util.ArrayList<>(List.of("fields", header + "_size"));
        columns.forEach(c -> drop.add(header + "_" + c));
        return out.drop(drop.toArray(String[]::new));
    }

    /** Typed num.txt columns and the reasons a line's own fields are unusable. */
    static Dataset<Row> typedNum(Dataset<Row> num) {
        Column ok = col("count_problem").isNull();
        return num
                .withColumn("period_end", yyyymmdd("ddate"))
                .withColumn("duration_quarters", when(col("qtrs").rlike("^[0-9]{1,9}$"), col("qtrs").cast("int")))
                .withColumn("value_number", expr("try_cast(value AS DECIMAL(28,4))"))
                .withColumn("num_problem", nullIfEmpty(concat_ws("; ",
                        col("count_problem"),
                        when(ok.and(col("tag").equalTo("")), lit("tag is empty")),
                        when(ok.and(col("version").equalTo("")), lit("version is empty")),
                        when(ok.and(col("period_end").isNull()),
                                concat(lit("ddate '"), col("ddate"), lit("' is not a date (yyyymmdd)"))),
                        when(ok.and(col("duration_quarters").isNull()),
                                concat(lit("qtrs '"), col("qtrs"), lit("' is not a whole number"))),
                        when(ok.and(col("uom").equalTo("")), lit("uom is empty")),
                        when(ok.and(col("value").equalTo("")), lit("no value")),
                        when(ok.and(col("value").notEqual("")).and(col("value_number").isNull()),
                                concat(lit("value '"), col("value"), lit("' is not a number"))))));
    }

    /**
     * sub.txt rows by accession, typed, with the line they came from and their own problems; an accession on
     * several lines is kept once with the count, so joining it cannot multiply num.txt rows.
     */
    static Dataset<Row> submissions(Dataset<Row> sub) {
        Column ok = col("count_problem").isNull();
        Dataset<Row> typed = sub
                .withColumn("cik_number", when(col("cik").rlike("^[0-9]{1,10}$"), expr("try_cast(cik AS INT)")))
                .withColumn("filed_date", yyyymmdd("filed"))
                .withColumn("fy_number", when(col("fy").rlike("^[0-9]{4}$"), col("fy").cast("int")))
                .withColumn("sub_problem", nullIfEmpty(concat_ws("; ",
                        col("count_problem"),
                        when(ok.and(col("cik_number").isNull()), concat(lit("cik '"), col("cik"), lit("' is not a number"))),
                        when(ok.and(col("filed_date").isNull()),
                                concat(lit("filed '"), col("filed"), lit("' is not a date (yyyymmdd)"))),
                        when(ok.and(col("fy").notEqual("")).and(col("fy_number").isNull()),
                                concat(lit("fy '"), col("fy"), lit("' is not a year"))),
                        when(ok.and(col("fye").notEqual("")).and(not(col("fye").rlike("^[0-9]{4}$"))),
                                concat(lit("fye '"), col("fye"), lit("' is not mmdd"))))));
        return typed.filter(col("adsh").isNotNull()).groupBy("source_file", "adsh").agg(
                count(lit(1)).as("sub_rows"),
                min("line_number").as("sub_line"),
                first(struct(
                        col("sub_problem"),
                        col("cik_number").as("cik"),
                        expr("nullif(name, '')").as("entity_name"),
                        expr("nullif(form, '')").as("form"),
                        col("filed_date").as("filed"),
                        col("fy_number").as("filing_fiscal_year"),
                        expr("nullif(fp, '')").as("filing_fiscal_period"),
                        expr("nullif(fye, '')").as("fiscal_year_end"))).as("sub"))
                .withColumnRenamed("source_file", "sub_source_file")
                .withColumnRenamed("adsh", "sub_adsh");
    }

    /** Each num.txt line with its submission; reason is null for a loadable fact. */
    static Dataset<Row> withSubmission(Dataset<Row> num, Dataset<Row> submissions) {
        Column ok = col("count_problem").isNull();
        // one row per filing: broadcast, so the facts are never shuffled
        Dataset<Row> joined = num.join(broadcast(submissions), col("source_file").equalTo(col("sub_source_file"))
                .and(col("adsh").equalTo(col("sub_adsh"))), "left");
        Column reason = concat_ws("; ",
                col("num_problem"),
                when(ok.and(col("sub_rows").isNull()), concat(lit("no sub.txt row for adsh "), col("adsh"))),
                when(ok.and(col("sub_rows").gt(1)),
                        concat(lit("sub.txt has "), col("sub_rows").cast("string"), lit(" rows for adsh "), col("adsh"))),
                when(ok.and(col("sub_rows").equalTo(1)).and(col("sub.sub_problem").isNotNull()),
                        concat(lit("sub.txt line "), col("sub_line").cast("string"), lit(": "), col("sub.sub_problem"))));
        return joined.withColumn("reason", nullIfEmpty(reason));
    }

    private static Column[] factColumns() {
        return new Column[] {
            lit("fsds").as("source_format"),
            col("source_file"),
            col("adsh").as("accession"),
            col("sub.cik").as("cik"),
            col("sub.entity_name").as("entity_name"),
            col("sub.form").as("form"),
            col("sub.filed").as("filed"),
            col("sub.filing_fiscal_year").as("filing_fiscal_year"),
            col("sub.filing_fiscal_period").as("filing_fiscal_period"),
            col("sub.fiscal_year_end").as("fiscal_year_end"),
            taxonomy().as("taxonomy"),
            col("version").as("taxonomy_version"),
            col("tag"),
            col("uom").as("unit"),
            lit(null).cast(DataTypes.DateType).as("period_start"),
            col("period_end"),
            col("duration_quarters"),
            col("segments"),
            col("coreg"),
            lit(null).cast(DataTypes.StringType).as("frame"),
            col("value_number").as("value")
        };
    }

    /**
     * us-gaap/2009 -> us-gaap; ifrs/2019 -> ifrs-full, the name companyfacts uses, so one tag map serves both;
     * a company-specific tag's version is an accession number -> custom.
     */
    static Column taxonomy() {
        return when(col("version").equalTo(col("adsh")).or(col("version").rlike(ACCESSION)), lit("custom"))
                .when(col("version").startsWith("ifrs/"), lit("ifrs-full"))
                .when(col("version").contains("/"), expr("substring_index(version, '/', 1)"))
                .otherwise(col("version"));
    }

    /** A yyyymmdd field as a DATE, null unless it is 8 digits forming a real date. */
    private static Column yyyymmdd(String column) {
        return when(col(column).rlike("^[0-9]{8}$"),
                expr("CAST(try_to_timestamp(" + column + ", 'yyyyMMdd') AS DATE)"));
    }
}

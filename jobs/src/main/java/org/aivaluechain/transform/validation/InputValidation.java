package org.aivaluechain.transform.validation;

import org.aivaluechain.model.Lineage;

import org.aivaluechain.transform.FiscalCalendar;
import org.aivaluechain.transform.Split;

import static org.aivaluechain.transform.Split.reasons;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Semantic checks on parsed curated inputs. Every row either passes or is quarantined with all the
 * reasons that apply: unknown ticker or segment, a currency other than the company's reporting currency,
 * a fiscal label that its period end contradicts, no FX rate for the quarter, or two different values for
 * the same fact within one file.
 */
public final class InputValidation {

    private static final String[] FACT_COLUMNS = {"ticker", "fiscal_year", "fiscal_period", "period_end", "currency",
            "segment", "metric", "value", "source"};

    private InputValidation() {
    }

    /** Companies: a ticker listed twice in one file is ambiguous, so every copy is quarantined. */
    public static Split companies(Dataset<Row> companies) {
        return uniqueKey(companies, new String[]{"ticker"}, "companies");
    }

    /** FX rates: one rate per currency and quarter. */
    public static Split fxRates(Dataset<Row> fx) {
        return uniqueKey(fx, new String[]{"currency", "quarter"}, "FX rates");
    }

    /** Segments: unique per ticker and segment, and the ticker must be a known company. */
    public static Split segments(Dataset<Row> segments, Dataset<Row> validCompanies) {
        return perCompany(segments, validCompanies, new String[]{"ticker", "segment"}, "segments");
    }

    /** Depreciation parameters: one row per known company. */
    public static Split depreciationParameters(Dataset<Row> parameters, Dataset<Row> validCompanies) {
        return perCompany(parameters, validCompanies, new String[]{"ticker"}, "depreciation parameters");
    }

    /** SEC CIKs: each CIK belongs to one known company (a company may have several CIKs). */
    public static Split companyCiks(Dataset<Row> ciks, Dataset<Row> validCompanies) {
        return perCompany(ciks, validCompanies, new String[]{"cik"}, "company CIKs");
    }

    /**
     * SEC segment members: each FSDS segments value of a company maps to one of its segments in segments.csv.
     */
    public static Split secSegmentMembers(Dataset<Row> members, Dataset<Row> validCompanies,
                                          Dataset<Row> validSegments) {
        Dataset<Row> knownSegments = validSegments.select(col("ticker").as("_t"), col("segment").as("_s"),
                lit(true).as("_segment_known"));
        Dataset<Row> checked = members
                .join(validCompanies.select(col("ticker"), lit(true).as("_known")), "ticker", "left")
                .join(knownSegments, col("ticker").equalTo(col("_t")).and(col("segment").equalTo(col("_s"))), "left");
        Column reason = reasons(
                when(col("_known").isNull(), concat(lit("unknown ticker '"), col("ticker"), lit("' (not in companies)"))),
                when(col("_known").isNotNull().and(col("_segment_known").isNull()), concat(lit("unknown segment '"),
                        col("segment"), lit("' for "), col("ticker"), lit(" (not in segments)"))),
                repeatedKey(new String[]{"ticker", "sec_segments"}, "SEC segment members"));
        return Split.onReason(checked, reason, members.columns(), recordColumns(members));
    }

    /** Rows about a company: the ticker must be known and the key unique within the file. */
    private static Split perCompany(Dataset<Row> df, Dataset<Row> validCompanies, String[] key, String what) {
        Dataset<Row> known = validCompanies.select(col("ticker"), lit(true).as("_known"));
        Dataset<Row> checked = df.join(known, "ticker", "left");
        Column reason = reasons(
                when(col("_known").isNull(), concat(lit("unknown ticker '"), col("ticker"), lit("' (not in companies)"))),
                repeatedKey(key, what));
        return Split.onReason(checked, reason, df.columns(), recordColumns(df));
    }

    private static Split uniqueKey(Dataset<Row> df, String[] key, String what) {
        Column reason = reasons(repeatedKey(key, what));
        return Split.onReason(df, reason, df.columns(), recordColumns(df));
    }

    /** A reason when {@code key} occurs more than once in the row's input file (every copy is quarantined). */
    private static Column repeatedKey(String[] key, String what) {
        Column[] partition = Arrays.stream(concatArrays(new String[]{"input_file"}, key))
                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        return when(count(lit(1)).over(Window.partitionBy(partition)).gt(1),
                lit("key (" + String.join(", ", key) + ") appears more than once in this " + what + " file"));
    }

    private static String[] recordColumns(Dataset<Row> df) {
        return Lineage.recordColumns(df);
    }

    /**
     * Facts: see the class comment. {@code companies}, {@code segments} and {@code fx} are the already
     * validated reference frames.
     */
    public static Split facts(Dataset<Row> facts, Dataset<Row> companies, Dataset<Row> segments, Dataset<Row> fx) {
        Dataset<Row> company = companies.select(col("ticker"),
                col("fiscal_year_end_month").cast("int").as("_fy_end_month"),
                col("calendar").as("_calendar"),
                col("reporting_currency").as("_reporting_currency"),
                lit(true).as("_company_known"));
        Dataset<Row> segment = segments.select(col("ticker"), col("segment"), lit(true).as("_segment_known"));
        Dataset<Row> rates = fx.select(col("currency").as("_fx_currency"), col("quarter").as("_fx_quarter"),
                lit(true).as("_fx_known"));

        Column end = col("period_end");
        Column expectedYear = FiscalCalendar.fiscalYear(end, col("_fy_end_month"));
        Column expectedQuarter = FiscalCalendar.fiscalQuarter(end, col("_fy_end_month"));
        Column fxQuarter = FiscalCalendar.calendarQuarterOfMidpoint(
                FiscalCalendar.estimatedQuarterStart(end, col("_calendar")), end);

        WindowSpec sameFactInFile = Window.partitionBy("input_file", "ticker", "fiscal_year", "fiscal_period", "segment", "metric");
        Dataset<Row> checked = facts
                .join(company, facts.col("ticker").equalTo(company.col("ticker")), "left").drop(company.col("ticker"))
                .join(segment, facts.col("ticker").equalTo(segment.col("ticker"))
                        .and(facts.col("segment").equalTo(segment.col("segment"))), "left")
                .drop(segment.col("ticker")).drop(segment.col("segment"))
                .withColumn("_expected_year", expectedYear)
                .withColumn("_expected_quarter", expectedQuarter)
                .withColumn("_fx_quarter_of_fact", fxQuarter)
                .join(rates, col("currency").equalTo(col("_fx_currency"))
                        .and(col("_fx_quarter_of_fact").equalTo(col("_fx_quarter"))), "left")
                .withColumn("_values_in_file", size(collect_set("value").over(sameFactInFile)))
                .withColumn("_lines_in_file", array_join(array_sort(collect_list(col("line_number").cast("string"))
                        .over(sameFactInFile)), ", "));

        Column known = col("_company_known").isNotNull();
        Column labelMatches = col("_expected_quarter").isNotNull()
                .and(col("_expected_year").equalTo(col("fiscal_year")))
                .and(when(col("fiscal_period").equalTo("FY"), col("_expected_quarter").equalTo(4))
                        .otherwise(col("fiscal_period").equalTo(concat(lit("Q"), col("_expected_quarter").cast("string")))));
        Column expectedLabel = concat(lit("FY"), col("_expected_year").cast("string"), lit(" Q"),
                col("_expected_quarter").cast("string"));

        Column reason = reasons(
                when(col("_company_known").isNull(),
                        concat(lit("unknown ticker '"), col("ticker"), lit("' (not in companies)"))),
                when(known.and(col("currency").notEqual(col("_reporting_currency"))),
                        concat(lit("currency "), col("currency"), lit(" differs from the company's reporting currency "),
                                col("_reporting_currency"))),
                when(known.and(labelMatches.isNull().or(labelMatches.equalTo(false))),
                        concat(lit("fiscal label FY"), col("fiscal_year").cast("string"), lit(" "), col("fiscal_period"),
                                lit(" does not match period end "), col("period_end").cast("string"),
                                lit(" (the company's fiscal calendar gives "),
                                when(col("_expected_quarter").isNull(), lit("no fiscal quarter end")).otherwise(expectedLabel),
                                lit(")"))),
                when(col("segment").notEqual("").and(col("_segment_known").isNull()),
                        concat(lit("unknown segment '"), col("segment"), lit("' for "), col("ticker"), lit(" (not in segments)"))),
                when(known.and(col("currency").notEqual("USD")).and(col("_fx_known").isNull()),
                        concat(lit("no FX rate for "), col("currency"), lit(" in "), col("_fx_quarter_of_fact"))),
                when(col("_values_in_file").gt(1),
                        concat(lit("conflicting values for the same fact in this file (lines "), col("_lines_in_file"), lit(")"))));
        return Split.onReason(checked, reason, facts.columns(), FACT_COLUMNS);
    }

    private static String[] concatArrays(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

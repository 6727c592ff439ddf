package org.aivaluechain.transform.validation;

import org.aivaluechain.model.FsdsSegments;
import org.aivaluechain.model.Lineage;
import org.aivaluechain.model.Metrics;

import org.aivaluechain.transform.FiscalCalendar;
import org.aivaluechain.transform.Split;

import static org.aivaluechain.transform.Split.reasons;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Semantic checks on parsed curated inputs. Every row either passes or is quarantined with all the
 * reasons that apply (worded by {@link Reasons}): unknown ticker or segment, a currency other than the company's
 * reporting currency, a fiscal label that its period end contradicts, a period end after the run date, a negative
 * value of a metric that cannot be negative ({@link Metrics#nonNegative()}), an amount too large to add up, no FX
 * rate for the quarter, an FX rate that is not positive or too large, two different values for the same fact
 * within one file, or a company's change of fiscal year end that cannot be right. A key repeated within a reference file stops the run when the file is read
 * ({@code io.CsvFileReader}), so these checks never see one.
 */
public final class InputValidation {

    private static final String[] FACT_COLUMNS = {"ticker", "fiscal_year", "fiscal_period", "period_end", "currency",
            "segment", "metric", "value", "source"};

    /**
     * The largest FX rate (currency units per USD) silver holds: silver.fx_rates keeps DECIMAL(20,4), but the
     * conversion reads it as DECIMAL(12,6) (transform.silver.FiscalPeriods). The largest real rates (IRR, VND,
     * IDR) are in the tens of thousands.
     */
    static final BigDecimal MAX_FX_RATE = new BigDecimal("999999.9999");

    /**
     * The largest magnitude of a fact's value, in millions of its currency and in USD millions after conversion:
     * 10^12 millions is ten thousand times the largest yearly revenue any company reports, and leaves DECIMAL(20,4)
     * (at most 10^16) room for sums of years, trailing twelve months and every company of a layer. A larger value
     * is a typo or a unit mistake; loaded, it would stop the run in an arithmetic overflow.
     */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    private InputValidation() {
    }

    /**
     * Companies: a stated change of fiscal year end must be whole (the previous month and its last year end, both
     * or neither), a change (another month than fiscal_year_end_month), and its date must end a fiscal year of
     * that month (read as 52/53-week ends are: {@link FiscalCalendar#fiscalYear}). A repeated ticker stops the run
     * when the file is read.
     */
    public static Split companies(Dataset<Row> companies) {
        Column previousMonth = col("previous_fiscal_year_end_month");
        Column previousEnd = col("previous_fiscal_year_end");
        Column stated = previousMonth.notEqual("");
        Column reason = reasons(
                when(stated.notEqual(previousEnd.isNotNull()), Reasons.yearEndChange(
                        "give previous_fiscal_year_end_month and previous_fiscal_year_end together, or neither")),
                when(stated.and(previousMonth.equalTo(col("fiscal_year_end_month"))), Reasons.yearEndChange(
                        "previous_fiscal_year_end_month equals fiscal_year_end_month: no change")),
                when(stated.and(previousEnd.isNotNull()).and(month(date_sub(previousEnd,
                                FiscalCalendar.WEEK_CALENDAR_SPILL_DAYS)).notEqual(previousMonth.cast("int"))),
                        Reasons.yearEndChange("previous_fiscal_year_end is not a year end of "
                                + "previous_fiscal_year_end_month")));
        return Split.onReason(companies, reason, companies.columns(), recordColumns(companies));
    }

    /** FX rates: both rates positive (a 0 divides by zero, a negative one flips every converted flow's sign). */
    public static Split fxRates(Dataset<Row> fx) {
        Column reason = reasons(notPositive("avg_per_usd"), aboveMaxRate("avg_per_usd"),
                notPositive("end_per_usd"), aboveMaxRate("end_per_usd"));
        return Split.onReason(fx, reason, fx.columns(), recordColumns(fx));
    }

    private static Column notPositive(String column) {
        return when(col(column).leq(0), Reasons.notPositive(column));
    }

    private static Column aboveMaxRate(String column) {
        return when(col(column).gt(lit(MAX_FX_RATE)), Reasons.above(column, MAX_FX_RATE.toPlainString(),
                "the largest FX rate silver holds"));
    }

    /**
     * The range rule for an amount other files give (deal amounts, guidance in USD billions): a magnitude of
     * {@link #MAX_AMOUNT} or more is quarantined, as for facts, so the sums made of it cannot overflow.
     */
    public static Column outOfRange(String column) {
        return when(abs(col(column)).geq(lit(MAX_AMOUNT)),
                Reasons.outOfRange(column, "magnitude below " + MAX_AMOUNT.toPlainString()));
    }

    /** Segments: the ticker must be a known company. */
    public static Split segments(Dataset<Row> segments, Dataset<Row> validCompanies) {
        return perCompany(segments, validCompanies);
    }

    /**
     * Depreciation parameters: a known company, a server life above 0 years (capex is divided by it) and a share
     * of capex between 0 and 1.
     */
    public static Split depreciationParameters(Dataset<Row> parameters, Dataset<Row> validCompanies) {
        return perCompany(parameters, validCompanies,
                notPositive("disclosed_server_life_years"),
                when(col("server_share_of_capex").lt(0), Reasons.negative("server_share_of_capex")),
                when(col("server_share_of_capex").gt(1), Reasons.above("server_share_of_capex", "1",
                        "a share of capex")));
    }

    /** SEC CIKs: each CIK belongs to one known company (a company may have several CIKs). */
    public static Split companyCiks(Dataset<Row> ciks, Dataset<Row> validCompanies) {
        return perCompany(ciks, validCompanies);
    }

    /**
     * SEC segment members: each FSDS segments value of a company maps to one of its segments in segments.csv, and
     * no two rows of a company give the same value as silver compares them ({@link FsdsSegments#key}: pair order
     * and the OperatingSegments qualifier aside), which would put one fact on two segments.
     */
    public static Split secSegmentMembers(Dataset<Row> members, Dataset<Row> validCompanies,
                                          Dataset<Row> validSegments) {
        Dataset<Row> knownSegments = validSegments.select(col("ticker").as("_t"), col("segment").as("_s"),
                lit(true).as("_segment_known"));
        WindowSpec sameKey = Window.partitionBy(col("ticker"), FsdsSegments.key(col("sec_segments")));
        Dataset<Row> checked = members
                .join(validCompanies.select(col("ticker"), lit(true).as("_known")), "ticker", "left")
                .join(knownSegments, col("ticker").equalTo(col("_t")).and(col("segment").equalTo(col("_s"))), "left")
                .withColumn("_same_key_lines", array_sort(collect_list(col("line_number")).over(sameKey)));
        Column reason = reasons(
                when(col("_known").isNull(), Reasons.unknownTicker(col("ticker"))),
                when(col("_known").isNotNull().and(col("_segment_known").isNull()),
                        Reasons.unknownSegment(col("ticker"), col("segment"))),
                when(size(col("_same_key_lines")).gt(1), Reasons.sameSegmentsKey(col("_same_key_lines"))));
        return Split.onReason(checked, reason, members.columns(), recordColumns(members));
    }

    /** Rows about a company: the ticker must be known; {@code more} are the file's own rules. */
    private static Split perCompany(Dataset<Row> df, Dataset<Row> validCompanies, Column... more) {
        Dataset<Row> known = validCompanies.select(col("ticker"), lit(true).as("_known"));
        Dataset<Row> checked = df.join(known, "ticker", "left");
        Column[] all = new Column[more.length + 1];
        all[0] = when(col("_known").isNull(), Reasons.unknownTicker(col("ticker")));
        System.arraycopy(more, 0, all, 1, more.length);
        return Split.onReason(checked, reasons(all), df.columns(), recordColumns(df));
    }

    private static String[] recordColumns(Dataset<Row> df) {
        return Lineage.recordColumns(df);
    }

    /**
     * Facts: see the class comment. {@code companies}, {@code segments} and {@code fx} are the already
     * validated reference frames; a period end after {@code runDate} is quarantined (a filing reports periods
     * that have ended).
     */
    public static Split facts(Dataset<Row> facts, Dataset<Row> companies, Dataset<Row> segments, Dataset<Row> fx,
                              LocalDate runDate) {
        Dataset<Row> company = companies.select(col("ticker"),
                col("fiscal_year_end_month").cast("int").as("_fy_end_month"),
                col("calendar").as("_calendar"),
                col("reporting_currency").as("_reporting_currency"),
                lit(true).as("_company_known"));
        Dataset<Row> segment = segments.select(col("ticker"), col("segment"), lit(true).as("_segment_known"));
        Dataset<Row> rates = fx.select(col("currency").as("_fx_currency"), col("quarter").as("_fx_quarter"),
                col("avg_per_usd").as("_fx_rate"), lit(true).as("_fx_known"));

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

        Column usd = when(col("currency").equalTo("USD"), col("value"))
                .when(col("_fx_rate").gt(0), col("value").divide(col("_fx_rate")));
        Column reason = reasons(
                when(col("_company_known").isNull(), Reasons.unknownTicker(col("ticker"))),
                when(known.and(col("currency").notEqual(col("_reporting_currency"))),
                        concat(lit("currency "), col("currency"), lit(" differs from the company's reporting currency "),
                                col("_reporting_currency"))),
                when(known.and(labelMatches.isNull().or(labelMatches.equalTo(false))),
                        concat(lit("fiscal label FY"), col("fiscal_year").cast("string"), lit(" "), col("fiscal_period"),
                                lit(" does not match period end "), col("period_end").cast("string"),
                                lit(" (the company's fiscal calendar gives "),
                                when(col("_expected_quarter").isNull(), lit("no fiscal quarter end")).otherwise(expectedLabel),
                                lit(")"))),
                when(end.gt(lit(java.sql.Date.valueOf(runDate))), Reasons.afterRunDate("period_end", runDate)),
                when(col("segment").notEqual("").and(col("_segment_known").isNull()),
                        Reasons.unknownSegment(col("ticker"), col("segment"))),
                when(col("metric").isin(Metrics.nonNegative().toArray()).and(col("value").lt(0)),
                        Reasons.negativeMetric(col("metric"), col("value"))),
                when(abs(col("value")).geq(lit(MAX_AMOUNT)).or(abs(usd).geq(lit(MAX_AMOUNT))),
                        Reasons.outOfRange("value", "magnitude below " + MAX_AMOUNT.toPlainString()
                                + " millions, also once converted to USD")),
                when(known.and(col("currency").notEqual("USD")).and(col("_fx_known").isNull()),
                        concat(lit("no FX rate for "), col("currency"), lit(" in "), col("_fx_quarter_of_fact"))),
                when(col("_values_in_file").gt(1),
                        concat(lit("conflicting values for the same fact in this file (lines "), col("_lines_in_file"), lit(")"))));
        return Split.onReason(checked, reason, facts.columns(), FACT_COLUMNS);
    }
}

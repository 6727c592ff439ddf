package org.aivaluechain.transform.validation;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.transform;

import java.time.LocalDate;

import org.apache.spark.sql.Column;

/**
 * The wording of every quarantine reason the curated validations give, one builder per rule, so a reason reads
 * the same whichever file it comes from (and a query on bronze.quarantine finds all rows of one rule).
 * Each builder gives the reason text; the caller decides when it applies ({@code when(condition, reason)}).
 * Reasons found while parsing a field (not a number, not a date, out of range) are worded in
 * {@code io.ColumnSpec}, the one place where fields are parsed.
 */
public final class Reasons {

    private Reasons() {
    }

    /** "unknown ticker 'XXXX' (not in companies)". */
    public static Column unknownTicker(Column ticker) {
        return concat(lit("unknown ticker '"), ticker, lit("' (not in companies)"));
    }

    /** The same wording for each ticker of an array, joined by "; ". */
    public static Column unknownTickers(Column tickers) {
        return array_join(transform(tickers, Reasons::unknownTicker), "; ");
    }

    /** "unknown segment 'gaming' for MSFT (not in segments)". */
    public static Column unknownSegment(Column ticker, Column segment) {
        return concat(lit("unknown segment '"), segment, lit("' for "), ticker, lit(" (not in segments)"));
    }

    /**
     * "sec_segments on lines 3, 7 are the same FSDS segments once pair order and ConsolidationItems=OperatingSegments
     * are set aside": one fact would land on two segments.
     */
    public static Column sameSegmentsKey(Column lines) {
        return concat(lit("sec_segments on lines "), array_join(transform(lines, l -> l.cast("string")), ", "),
                lit(" are the same FSDS segments once pair order and ConsolidationItems=OperatingSegments are set aside"));
    }

    /** "avg_per_usd 0 is not positive": a rate of 0 divides by zero, a negative one flips every converted sign. */
    public static Column notPositive(String column) {
        return concat(lit(column + " "), col(column).cast("string"), lit(" is not positive"));
    }

    /** "gigawatts -1 is negative". */
    public static Column negative(String column) {
        return concat(lit(column + " "), col(column).cast("string"), lit(" is negative"));
    }

    /** "revenue -5 is negative, which a revenue cannot be" for a metric listed in Metrics.nonNegative(). */
    public static Column negativeMetric(Column metric, Column value) {
        return concat(metric, lit(" "), value.cast("string"), lit(" is negative, which a "), metric, lit(" cannot be"));
    }

    /** "avg_per_usd 2000000 is above 999999.9999, the largest FX rate silver holds". */
    public static Column above(String column, String limit, String what) {
        return concat(lit(column + " "), col(column).cast("string"), lit(" is above " + limit + ", " + what));
    }

    /** "fiscal year end change: ..." for a change of year end in companies.csv that cannot be right. */
    public static Column yearEndChange(String why) {
        return lit("fiscal year end change: " + why);
    }

    /** "period_end 2027-03-31 is after the run date 2026-11-30". */
    public static Column afterRunDate(String column, LocalDate runDate) {
        return concat(lit(column + " "), col(column).cast("string"), lit(" is after the run date " + runDate));
    }

    /** "value 5000000000000 is out of range (limit: ...)". */
    public static Column outOfRange(String column, String limit) {
        return concat(lit(column + " "), col(column).cast("string"), lit(" is out of range (limit: " + limit + ")"));
    }
}

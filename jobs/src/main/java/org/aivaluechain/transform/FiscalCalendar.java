package org.aivaluechain.transform;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import org.apache.spark.sql.Column;

/**
 * Fiscal calendar rules as Spark column expressions, so they run inside any query at any scale.
 *
 * <p>Fiscal labels come from the period's end date and the company's fiscal-year-end month, never from a
 * filing's own fy/fp. 52/53-week years end on a weekday near a month end and can spill a few days into the
 * next month (Broadcom's FY2019 ended 2019-11-03, Micron's FY2021 2021-09-02), so the end date is read
 * 7 days earlier before its month is taken.
 */
public final class FiscalCalendar {

    /** Days a 52/53-week period end may spill into the month after the one it is named for. */
    public static final int WEEK_CALENDAR_SPILL_DAYS = 7;

    private FiscalCalendar() {
    }

    private static Column anchor(Column periodEnd) {
        return date_sub(periodEnd, WEEK_CALENDAR_SPILL_DAYS);
    }

    /** Fiscal year (named after the calendar year in which it ends) of a period ending on {@code periodEnd}. */
    public static Column fiscalYear(Column periodEnd, Column fiscalYearEndMonth) {
        Column a = anchor(periodEnd);
        return year(a).plus(when(month(a).gt(fiscalYearEndMonth), 1).otherwise(0));
    }

    /**
     * Fiscal quarter (1-4) of a quarter ending on {@code periodEnd}; null when the end is not a fiscal
     * quarter end of that calendar (for example a December end for a company whose year ends in January).
     */
    public static Column fiscalQuarter(Column periodEnd, Column fiscalYearEndMonth) {
        Column monthsAfterYearEnd = month(anchor(periodEnd)).minus(fiscalYearEndMonth).plus(12).mod(12);
        Column months = when(monthsAfterYearEnd.equalTo(0), 12).otherwise(monthsAfterYearEnd);
        return when(months.mod(3).equalTo(0), months.divide(3).cast("int"));
    }

    /**
     * First day of a quarter ending on {@code periodEnd} when the calendar ends quarters on month ends
     * (exact), or 13 weeks before the end for 52/53-week calendars (an estimate, used when the previous
     * quarter's end is unknown).
     */
    public static Column estimatedQuarterStart(Column periodEnd, Column calendar) {
        return when(calendar.equalTo("month_end"), trunc(add_months(periodEnd, -2), "month"))
                .otherwise(date_sub(periodEnd, 90));
    }

    /** The calendar quarter, like 2024Q3, that contains the midpoint of [start, end]. */
    public static Column calendarQuarterOfMidpoint(Column periodStart, Column periodEnd) {
        Column midpoint = date_add(periodStart, floor(datediff(periodEnd, periodStart).divide(2)).cast("int"));
        return concat(year(midpoint).cast("string"), lit("Q"), quarter(midpoint).cast("string"));
    }

    /** The first day of a calendar quarter label (2021Q4 -> 2021-10-01). */
    public static Column firstDayOfQuarter(Column calendarQuarter) {
        return make_date(substring(calendarQuarter, 1, 4).cast("int"),
                substring(calendarQuarter, 6, 1).cast("int").multiply(3).minus(2), lit(1));
    }

    /** A sortable index of a calendar quarter label: consecutive quarters differ by exactly 1. */
    public static Column quarterIndex(Column calendarQuarter) {
        return substring(calendarQuarter, 1, 4).cast("int").multiply(4)
                .plus(substring(calendarQuarter, 6, 1).cast("int")).minus(1);
    }
}

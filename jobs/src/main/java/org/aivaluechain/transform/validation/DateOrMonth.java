package org.aivaluechain.transform.validation;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * A date a source gives to the day (YYYY-MM-DD) or only to the month (YYYY-MM), as the curated reader checked
 * it ({@code io.ColumnSpec.Kind.DATE_OR_MONTH}: a real day or month, else the row is quarantined there). Here the
 * checked text becomes a DATE, the first of the month for a month, and its precision. Empty text (an optional
 * date no source gives) is a null date and a null precision.
 */
public final class DateOrMonth {

    private static final int MONTH_LENGTH = "YYYY-MM".length();
    private static final int DAY_LENGTH = "YYYY-MM-DD".length();

    private DateOrMonth() {
    }

    public static Column date(Column text) {
        return when(length(text).equalTo(MONTH_LENGTH), to_date(concat(text, lit("-01"))))
                .when(length(text).equalTo(DAY_LENGTH), to_date(text));
    }

    /** 'day', 'month', or null for an empty date. */
    public static Column precision(Column text) {
        return when(length(text).equalTo(MONTH_LENGTH), lit("month"))
                .when(length(text).equalTo(DAY_LENGTH), lit("day"));
    }
}

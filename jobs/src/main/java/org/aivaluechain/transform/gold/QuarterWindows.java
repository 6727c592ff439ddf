package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.FiscalCalendar;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Per-ticker windows over calendar quarters, ranged on {@code quarter_index} (see
 * {@link FiscalCalendar#quarterIndex}) so a missing quarter is a gap, never silently skipped over. A window never
 * reaches across the company's {@code recast_from} (silver.companies: the first quarter on a changed company-wide
 * basis, the quarters before it as first reported): a year-ago value, a previous quarter or a TTM sum from the
 * other side of it is absent, as a missing quarter is. Needs ticker, calendar_quarter, recast_from and the index.
 */
final class QuarterWindows {

    static final String INDEX = "quarter_index";

    private QuarterWindows() {
    }

    /** The quarters of one ticker on one basis, in calendar order. */
    static WindowSpec sameBasis() {
        // "YYYYQn" strings sort as the quarters do
        Column onRecastBasis = col("recast_from").notEqual("").and(col("calendar_quarter").geq(col("recast_from")));
        return Window.partitionBy(col("ticker"), onRecastBasis).orderBy(col(INDEX));
    }

    private static WindowSpec range(long from, long to) {
        return sameBasis().rangeBetween(from, to);
    }

    /** Sum over this and the previous three quarters, null unless all four have a value. */
    static Column trailingFourQuarterSum(String column) {
        WindowSpec w = range(-3, 0);
        return when(count(col(column)).over(w).equalTo(4), sum(col(column)).over(w));
    }

    /** The value {@code quartersBack} calendar quarters earlier, null when that quarter is absent. */
    static Column quartersAgo(Column value, int quartersBack) {
        return max(value).over(range(-quartersBack, -quartersBack));
    }

    /** a / b as a double, null when b is null or zero. */
    static Column ratio(Column a, Column b) {
        return when(b.notEqual(0), a.cast("double").divide(b.cast("double")));
    }
}

package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.FiscalCalendar;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which members a quarter should have and which it lacks, so a quarter missing a company is visible and
 * never silently compared with a complete one. A member is expected from its coverage_start quarter on.
 */
final class Coverage {

    private Coverage() {
    }

    /**
     * @param quarters calendar_quarter (one row per quarter to report)
     * @param members  member, coverage_start
     * @param present  calendar_quarter, member: one row per member with data that quarter
     * @return calendar_quarter, {prefix}_expected, {prefix}_present, {prefix}_missing (sorted)
     */
    static Dataset<Row> of(Dataset<Row> quarters, Dataset<Row> members, Dataset<Row> present, String prefix) {
        Dataset<Row> expected = quarters.crossJoin(members)
                .where(FiscalCalendar.quarterIndex(col("coverage_start"))
                        .leq(FiscalCalendar.quarterIndex(col("calendar_quarter"))))
                .select(col("calendar_quarter"), col("member"), lit(true).as("_expected"));
        Dataset<Row> flagged = present.select(col("calendar_quarter"), col("member"), lit(true).as("_present"));
        Dataset<Row> perQuarter = expected.join(flagged, new String[]{"calendar_quarter", "member"}, "full_outer")
                .groupBy("calendar_quarter")
                .agg(count(col("_expected")).as(prefix + "_expected"),
                        count(col("_present")).as(prefix + "_present"),
                        array_sort(collect_list(when(col("_expected").and(col("_present").isNull()), col("member"))))
                                .as(prefix + "_missing"));
        return quarters.join(perQuarter, "calendar_quarter", "left")
                .select(col("calendar_quarter"),
                        coalesce(col(prefix + "_expected"), lit(0L)).as(prefix + "_expected"),
                        coalesce(col(prefix + "_present"), lit(0L)).as(prefix + "_present"),
                        coalesce(col(prefix + "_missing"), array().cast("array<string>")).as(prefix + "_missing"));
    }
}

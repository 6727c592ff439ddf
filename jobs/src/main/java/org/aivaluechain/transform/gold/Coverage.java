package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.FiscalCalendar;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Which members a quarter should have and which it lacks, so a quarter missing a company is visible and
 * never silently compared with a complete one. A member is expected from its coverage_start quarter on.
 */
final class Coverage {

    /** Spark conf holding the coverage threshold below which a quarter is partial. */
    static final String THRESHOLD_CONF = "spark.valuechain.coverage.threshold";
    /**
     * Default threshold: a quarter whose present members carry less than 90% of the expected members' trailing
     * revenue is partial. Missing one small member (Tencent, about 2% of the chain's revenue) leaves a quarter
     * usable; a quarter in which a few early reporters have filed is not.
     */
    static final double DEFAULT_THRESHOLD = 0.9;

    private Coverage() {
    }

    /** The threshold configured in the session ({@link #THRESHOLD_CONF}), else {@link #DEFAULT_THRESHOLD}. */
    static double threshold(SparkSession spark) {
        double t = Double.parseDouble(spark.conf().get(THRESHOLD_CONF, Double.toString(DEFAULT_THRESHOLD)));
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException(THRESHOLD_CONF + " must be between 0 and 1, got " + t);
        }
        return t;
    }

    /**
     * Coverage by weight: each expected member weighs its latest trailing revenue (the sum of the revenue it
     * reported in its latest reported calendar quarter at or before this one and the 3 before that), so a missing
     * member weighs what it weighed when last seen.
     *
     * @param quarters calendar_quarter (one row per quarter to report)
     * @param members  member, coverage_start
     * @param present  calendar_quarter, member: one row per member with data that quarter
     * @param revenue  calendar_quarter, member, revenue: every quarter a member reported revenue
     * @return calendar_quarter, {prefix}_weight: present members' weight over expected members' weight, 0 to 1;
     *         null when no expected member has revenue to weigh
     */
    static Dataset<Row> weight(Dataset<Row> quarters, Dataset<Row> members, Dataset<Row> present,
                               Dataset<Row> revenue, String prefix) {
        Dataset<Row> trailing = revenue
                .withColumn("_ri", FiscalCalendar.quarterIndex(col("calendar_quarter")))
                .withColumn("_trailing", sum("revenue").over(Window.partitionBy("member").orderBy("_ri")
                        .rangeBetween(-3, 0)))
                .select(col("member"), col("_ri"), col("_trailing"));
        Dataset<Row> expected = quarters.crossJoin(members)
                .withColumn("_qi", FiscalCalendar.quarterIndex(col("calendar_quarter")))
                .where(FiscalCalendar.quarterIndex(col("coverage_start")).leq(col("_qi")))
                .select("calendar_quarter", "_qi", "member");
        Dataset<Row> weights = expected.join(trailing, "member")
                .where(col("_ri").leq(col("_qi")))
                .groupBy("calendar_quarter", "member")
                .agg(max_by(col("_trailing"), col("_ri")).cast("double").as("_weight"))
                .join(present.select(col("calendar_quarter"), col("member"), lit(true).as("_present")),
                        new String[]{"calendar_quarter", "member"}, "left")
                .groupBy("calendar_quarter")
                .agg(sum(when(col("_present"), col("_weight")).otherwise(lit(0.0))).as("_covered"),
                        sum("_weight").as("_expected"));
        return quarters.join(weights, "calendar_quarter", "left")
                .select(col("calendar_quarter"),
                        QuarterWindows.ratio(col("_covered"), col("_expected")).as(prefix + "_weight"));
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

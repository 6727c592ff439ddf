package org.aivaluechain.transform.silver;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Identity and plausibility checks in the reporting currency. Q1 + Q2 + Q3 + Q4 = FY per metric, on reported
 * and derived quarters alike, except a Q4 derived as FY - Q1 - Q2 - Q3 (it would pass by construction; a Q4 of
 * FY - 9M YTD is checked: it passes only when the 9 months equal Q1 + Q2 + Q3, i.e. on one basis). Gross profit
 * = revenue − cost of revenue per period, on reported values. Sources round to millions, so a check passes
 * within max(2, 0.05% of the expected value). Every derived value withheld by {@link DerivedValueChecks} (or
 * flagged by {@link SecPeriods}) is a failed {@value #DERIVED_VALUE_PLAUSIBLE} row with its candidate value and
 * reason, so the run lists it and --strict fails on it. Contract: schemas/silver/reconciliation.sql.
 */
public final class Reconciliation {

    public static final String QUARTERS_SUM_TO_FY = "quarters_sum_to_fy";
    public static final String GROSS_PROFIT_IDENTITY = "gross_profit_identity";
    public static final String DERIVED_VALUE_PLAUSIBLE = "derived_value_plausible";

    private Reconciliation() {
    }

    public static Dataset<Row> checks(Dataset<Row> resolvedFacts) {
        Dataset<Row> reported = resolvedFacts.where(col("derivation").isNull());
        // a withheld quarter leaves the year with three quarters: not checked (it has its own failed row)
        Dataset<Row> checkable = resolvedFacts.where(col("value").isNotNull()
                .and(col("derivation").isNull().or(col("derivation").notEqual(FactResolution.Q4_RULE))));
        Dataset<Row> quarterSums = checkable
                .groupBy("ticker", "fiscal_year", "segment", "metric", "currency")
                .agg(max(when(col("fiscal_period").equalTo("FY"), col("value"))).as("expected"),
                        sum(when(col("fiscal_period").notEqual("FY"), col("value"))).as("actual"),
                        count(when(col("fiscal_period").notEqual("FY"), lit(1))).as("_quarters"))
                .where(col("expected").isNotNull().and(col("_quarters").equalTo(4)))
                .select(col("ticker"), col("fiscal_year"), lit("FY").as("fiscal_period"), col("segment"),
                        lit(QUARTERS_SUM_TO_FY).as("check_name"), col("metric"), col("currency"),
                        col("expected"), col("actual"));

        Dataset<Row> grossProfit = reported.where(col("segment").equalTo(""))
                .groupBy("ticker", "fiscal_year", "fiscal_period", "segment", "currency")
                .agg(metric("revenue").as("_revenue"), metric("cost_of_revenue").as("_cost"),
                        metric("gross_profit").as("actual"))
                .where(col("_revenue").isNotNull().and(col("_cost").isNotNull()).and(col("actual").isNotNull()))
                .select(col("ticker"), col("fiscal_year"), col("fiscal_period"), col("segment"),
                        lit(GROSS_PROFIT_IDENTITY).as("check_name"), lit("gross_profit").as("metric"), col("currency"),
                        col("_revenue").minus(col("_cost")).as("expected"), col("actual"));

        Column tolerance = greatest(lit(2).cast("decimal(20,4)"), abs(col("expected")).multiply(lit(0.0005)));
        Dataset<Row> identities = quarterSums.unionByName(grossProfit)
                .withColumn("difference", col("actual").minus(col("expected")))
                .withColumn("tolerance", tolerance.cast("decimal(20,4)"))
                .withColumn("passed", abs(col("difference")).leq(col("tolerance")))
                .withColumn("reason", lit(null).cast("string"));
        Dataset<Row> withheld = resolvedFacts.where(col("flag").isNotNull())
                .select(col("ticker"), col("fiscal_year"), col("fiscal_period"), col("segment"),
                        lit(DERIVED_VALUE_PLAUSIBLE).as("check_name"), col("metric"), col("currency"),
                        lit(null).cast("decimal(20,4)").as("expected"),
                        col("withheld_value").cast("decimal(20,4)").as("actual"),
                        lit(null).cast("decimal(20,4)").as("difference"),
                        lit(null).cast("decimal(20,4)").as("tolerance"), lit(false).as("passed"),
                        col("derivation").as("reason"));
        return identities.unionByName(withheld);
    }

    private static Column metric(String name) {
        return max(when(col("metric").equalTo(name), col("value")));
    }
}

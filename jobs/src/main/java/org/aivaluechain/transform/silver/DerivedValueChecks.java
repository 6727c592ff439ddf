package org.aivaluechain.transform.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import org.aivaluechain.transform.FiscalCalendar;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Plausibility of derived quarters (Q4 = FY - Q1 - Q2 - Q3 and the SEC's year-to-date differences). A quarter
 * derived from a year and quarters of different vintages (a full year restated for a spin-off minus quarters as
 * first reported: Dell's fiscal 2020-2022 in the curated sample) looks like any other number; these checks catch
 * the results that cannot be right, per ticker × fiscal year × currency × segment:
 * <ul>
 *   <li>{@value SecPeriods#NEGATIVE_DERIVED_FLOW}: a derived flow that cannot be negative
 *       ({@link SecPeriods#NON_NEGATIVE_FLOWS}) is;</li>
 *   <li>{@value #GROSS_LOSS_UNLIKE_REPORTED_QUARTERS}: a quarter's gross profit (reported, or revenue - cost of
 *       revenue) is negative and rests on a derived value, while every quarter of the year made of reported
 *       values shows a gross profit;</li>
 *   <li>{@value #FAR_FROM_REPORTED_QUARTERS}: derived revenue or cost of revenue below half the smallest or above
 *       twice the largest reported quarter of the same year;</li>
 *   <li>{@value #IN_YEARS_A_COMPANY_RECAST}: any derived quarter of a company with a company-wide recast
 *       (silver.companies.recast_from: the quarters before it as first reported) in the first fiscal year ending on
 *       or after the recast quarter's start or the two before it: the years the first annual report on the new
 *       basis presents restated (SEC Regulation S-X Rules 3-02 and 3-04: income statements for three years), so
 *       its year and its quarters may be of two bases, whatever the other checks find (this reason is the one
 *       kept when they find something too).</li>
 * </ul>
 * A quarter that fails one check has all its derived values withheld (they rest on the same year and quarters),
 * as are values already flagged upstream ({@link SecPeriods#MIXED_VINTAGE}). Withheld: value null,
 * withheld_value the candidate, flag the reason, derivation and source prefixed "withheld (reason): ".
 */
public final class DerivedValueChecks {

    public static final String GROSS_LOSS_UNLIKE_REPORTED_QUARTERS = "derived_gross_loss_unlike_reported_quarters";
    public static final String FAR_FROM_REPORTED_QUARTERS = "derived_far_from_reported_quarters";
    public static final String IN_YEARS_A_COMPANY_RECAST = "derived_in_years_a_company_recast";
    /** Years the first annual report on a new basis presents: that year and the two before it. */
    static final int RECAST_YEARS = 3;
    /** Bounds of a derived quarter against the year's reported quarters: a seasonal business stays inside. */
    static final double LOW = 0.5;
    static final double HIGH = 2.0;

    private DerivedValueChecks() {
    }

    /**
     * Resolved facts (with derivation and flag) and silver.companies (ticker, recast_from) in; the facts with
     * flagged values withheld and withheld_value out.
     */
    public static Dataset<Row> withheld(Dataset<Row> facts, Dataset<Row> companies) {
        Column quarter = col("fiscal_period").isin("Q1", "Q2", "Q3", "Q4");
        Column derived = col("derivation").isNotNull();
        WindowSpec sameQuarter = Window.partitionBy("ticker", "fiscal_year", "currency", "segment", "fiscal_period");
        WindowSpec sameYear = Window.partitionBy("ticker", "fiscal_year", "currency", "segment");
        WindowSpec sameMetricYear = Window.partitionBy("ticker", "fiscal_year", "currency", "segment", "metric");
        Column revenue = max(when(col("metric").equalTo("revenue"), col("value"))).over(sameQuarter);
        Column cost = max(when(col("metric").equalTo("cost_of_revenue"), col("value"))).over(sameQuarter);
        Column grossProfit = coalesce(max(when(col("metric").equalTo("gross_profit"), col("value"))).over(sameQuarter),
                revenue.minus(cost));
        Column grossProfitDerived = max(when(col("metric").isin("gross_profit", "revenue", "cost_of_revenue")
                .and(derived), lit(1))).over(sameQuarter).isNotNull();

        Dataset<Row> measured = withRecastYear(facts, companies)
                .withColumn("_gp", grossProfit)
                .withColumn("_gp_derived", grossProfitDerived)
                .withColumn("_reported_min", min(when(quarter.and(derived.equalTo(false)), col("value"))).over(sameMetricYear))
                .withColumn("_reported_max", max(when(quarter.and(derived.equalTo(false)), col("value"))).over(sameMetricYear));
        Dataset<Row> checked = measured
                .withColumn("_reported_gp_min", min(when(quarter.and(col("_gp_derived").equalTo(false)), col("_gp")))
                        .over(sameYear))
                .withColumn("_own", when(quarter.and(derived).and(col("metric").isin(SecPeriods.NON_NEGATIVE_FLOWS.toArray()))
                                .and(col("value").lt(0)), lit(SecPeriods.NEGATIVE_DERIVED_FLOW))
                        .when(quarter.and(derived).and(col("metric").isin("revenue", "cost_of_revenue"))
                                .and(col("value").lt(col("_reported_min").multiply(lit(LOW)))
                                        .or(col("value").gt(col("_reported_max").multiply(lit(HIGH))))),
                                lit(FAR_FROM_REPORTED_QUARTERS)))
                .withColumn("_gross_loss", when(quarter.and(col("_gp_derived")).and(col("_gp").lt(0))
                        .and(col("_reported_gp_min").gt(0)), lit(GROSS_LOSS_UNLIKE_REPORTED_QUARTERS)))
                .withColumn("_recast", when(quarter.and(derived).and(col("fiscal_year")
                        .between(col("_recast_year").minus(RECAST_YEARS - 1), col("_recast_year"))),
                        lit(IN_YEARS_A_COMPANY_RECAST)));
        // a declared recast is the known cause of what the other checks may also see: its reason comes first
        Column quarterFlag = max(coalesce(col("_recast"), col("_own"), col("_gross_loss"))).over(sameQuarter);
        Dataset<Row> flagged = checked.withColumn("flag", coalesce(col("flag"), when(derived, quarterFlag)));
        Column withheld = col("flag").isNotNull();
        Column prefix = concat(lit("withheld ("), col("flag"), lit("): "));
        return flagged.select(col("ticker"), col("fiscal_year"), col("fiscal_period"), col("period_end"),
                col("currency"), col("segment"), col("metric"),
                when(withheld.equalTo(false), col("value")).as("value"),
                when(withheld, concat(prefix, col("source"))).otherwise(col("source")).as("source"),
                when(withheld, concat(prefix, coalesce(col("derivation"), lit("reported"))))
                        .otherwise(col("derivation")).as("derivation"),
                col("flag"), when(withheld, col("value")).as("withheld_value"));
    }

    /**
     * The facts with _recast_year: for a company with a recast_from, the first fiscal year whose year (FY or Q4)
     * ends on or after the recast quarter's first day; null otherwise, or when the facts have no such year.
     */
    private static Dataset<Row> withRecastYear(Dataset<Row> facts, Dataset<Row> companies) {
        Dataset<Row> recasts = companies.where(col("recast_from").notEqual(""))
                .select(col("ticker"), FiscalCalendar.firstDayOfQuarter(col("recast_from")).as("_recast_start"));
        Column yearEndOnNewBasis = col("fiscal_period").isin("FY", "Q4").and(col("period_end").geq(col("_recast_start")));
        return facts.join(recasts, new String[]{"ticker"}, "left")
                .withColumn("_recast_year", min(when(yearEndOnNewBasis, col("fiscal_year")))
                        .over(Window.partitionBy("ticker")));
    }
}

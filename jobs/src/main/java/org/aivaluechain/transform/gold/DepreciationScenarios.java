package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.FiscalCalendar;
import org.aivaluechain.transform.Reused;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.depreciation_scenarios: how much of a cloud's operating margin depends on the useful life it assumes
 * for servers. Depreciation is modeled straight-line over the reported cash capex history, a purchase
 * depreciating from its own quarter for 4 × life quarters. Restated operating income
 * OI_N = reported OI + modeled depreciation at the disclosed life − modeled depreciation at N years.
 * sources names the revenue and operating income of the quarter, the capex of every quarter either schedule
 * depreciates, and the disclosure of the life ({@link Sources}). Contract: schemas/gold/depreciation_scenarios.sql.
 */
public final class DepreciationScenarios {

    public static final List<Double> LIVES_YEARS = List.of(3.0, 4.0, 5.0, 6.0);

    /** The silver metrics of the row's own quarter (the reported margin); capex is listed per schedule quarter. */
    private static final List<String> QUARTER_INPUTS = List.of("revenue", "operating_income");

    private DepreciationScenarios() {
    }

    /**
     * @param quarterlyFinancials silver.quarterly_financials (ticker, layer, calendar_quarter, revenue,
     *                            operating_income, capex, sources)
     * @param parameters          ticker, disclosed_server_life_years, server_share_of_capex, source
     * @param livesYears          the useful lives to model, e.g. {@link #LIVES_YEARS}
     */
    public static Dataset<Row> build(Dataset<Row> quarterlyFinancials, Dataset<Row> parameters,
                                     List<Double> livesYears) {
        Dataset<Row> params = parameters.select(col("ticker"),
                col("disclosed_server_life_years").cast("double").as("disclosed_life_years"),
                col("server_share_of_capex").cast("double").as("server_share_of_capex"),
                Sources.entry(lit("disclosed_server_life_years"), col("source")).as("_life_source"));
        // quarters, capexHistory and scenarios each feed several branches: planned once each (Reused.once)
        Dataset<Row> quarters = Reused.once(quarterlyFinancials.join(params, "ticker")
                .select(col("ticker"), col("layer"), col("calendar_quarter"),
                        FiscalCalendar.quarterIndex(col("calendar_quarter")).as("qi"),
                        col("revenue"), col("operating_income"), col("capex"),
                        col("disclosed_life_years"), col("server_share_of_capex"), col("_life_source"),
                        Sources.of(col("sources"), QUARTER_INPUTS, col("calendar_quarter")).as("_quarter_sources"),
                        Sources.of(col("sources"), List.of("capex"), col("calendar_quarter")).as("_capex_sources")));
        Dataset<Row> capexHistory = Reused.once(quarters.where(col("capex").isNotNull())
                .select(col("ticker").as("_h_ticker"), col("qi").as("_h_qi"), col("capex").as("_h_capex"),
                        col("_capex_sources").as("_h_sources")));
        Dataset<Row> firstCapex = capexHistory.groupBy("_h_ticker").agg(min("_h_qi").as("_first_capex_qi"));

        Dataset<Row> lives = quarters.sparkSession()
                .createDataset(livesYears, org.apache.spark.sql.Encoders.DOUBLE()).toDF("useful_life_years");
        Dataset<Row> scenarios = Reused.once(quarters.crossJoin(lives));
        Dataset<Row> atLife = modeled(scenarios, capexHistory, firstCapex, col("useful_life_years"), "dep");
        Dataset<Row> atDisclosed = modeled(scenarios.select("ticker", "qi", "useful_life_years", "disclosed_life_years",
                "server_share_of_capex"), capexHistory, firstCapex, col("disclosed_life_years"), "dep_disclosed");

        Column restated = col("operating_income").plus(col("dep_disclosed")).minus(col("dep"));
        Column reportedMargin = QuarterWindows.ratio(col("operating_income"), col("revenue"));
        Column restatedMargin = QuarterWindows.ratio(col("operating_income_restated"), col("revenue"));
        return scenarios
                .join(atLife, new String[]{"ticker", "qi", "useful_life_years"}, "left")
                .join(atDisclosed, new String[]{"ticker", "qi", "useful_life_years"}, "left")
                .withColumn("operating_income_restated", round(restated, 4))
                .select(col("ticker"), col("layer"), col("calendar_quarter"), col("useful_life_years"),
                        col("disclosed_life_years"), col("server_share_of_capex"), col("revenue"), col("capex"),
                        col("operating_income").as("operating_income_reported"),
                        round(col("dep_disclosed"), 4).as("modeled_depreciation_disclosed_life"),
                        round(col("dep"), 4).as("modeled_depreciation"),
                        col("operating_income_restated"),
                        reportedMargin.as("operating_margin_reported"),
                        restatedMargin.as("operating_margin_restated"),
                        restatedMargin.minus(reportedMargin).multiply(10000.0).as("operating_margin_change_bps"),
                        col("dep_complete").and(col("dep_disclosed_complete")).as("schedule_complete"),
                        // the two schedules overlap: the shorter one's quarters are listed once
                        Sources.union(col("_quarter_sources"), col("dep_sources"), col("dep_disclosed_sources"),
                                col("_life_source")).as("sources"));
    }

    /**
     * Straight-line depreciation in quarter qi of the capex bought in the 4 × life quarters up to qi, times
     * the server share; {prefix}_complete says whether the capex history reaches back that far, {prefix}_sources
     * names the capex of each of those quarters.
     */
    private static Dataset<Row> modeled(Dataset<Row> scenarios, Dataset<Row> capexHistory, Dataset<Row> firstCapex,
                                        Column lifeYears, String prefix) {
        Column quartersOfLife = lifeYears.multiply(4);
        Dataset<Row> withLife = scenarios.withColumn("_life_quarters", quartersOfLife);
        return withLife
                .join(capexHistory, col("ticker").equalTo(col("_h_ticker"))
                        .and(col("_h_qi").gt(col("qi").minus(col("_life_quarters"))))
                        .and(col("_h_qi").leq(col("qi"))), "left")
                .groupBy(col("ticker"), col("qi"), col("useful_life_years"), col("_life_quarters"),
                        col("server_share_of_capex"))
                .agg(sum("_h_capex").as("_capex_in_schedule"), count("_h_capex").as("_quarters_in_schedule"),
                        Sources.merged(col("_h_sources")).as("_schedule_sources"))
                .join(firstCapex, col("ticker").equalTo(col("_h_ticker")), "left")
                .select(col("ticker"), col("qi"), col("useful_life_years"),
                        col("_capex_in_schedule").cast("double").multiply(col("server_share_of_capex"))
                                .divide(col("_life_quarters")).as(prefix),
                        col("_first_capex_qi").leq(col("qi").minus(col("_life_quarters")).plus(1))
                                .and(col("_quarters_in_schedule").equalTo(col("_life_quarters"))).as(prefix + "_complete"),
                        col("_schedule_sources").as(prefix + "_sources"));
    }
}

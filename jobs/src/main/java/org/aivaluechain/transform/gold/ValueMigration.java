package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.FiscalCalendar;
import org.aivaluechain.transform.Reused;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * gold.value_migration: is profit moving between value-chain layers? For a window of the last N calendar
 * quarters, each layer's share of the operating-profit pool of a constant panel (the companies with
 * operating income in every quarter of the window, so entries and gaps do not masquerade as migration),
 * and the least-squares slope of that share per year. sources names, for each panel company of the layer, the
 * filing of its operating income in the window's first and last quarter (the shares' ends; a window of 12 quarters
 * would otherwise list 12 per company). Contract: schemas/gold/value_migration.sql.
 */
public final class ValueMigration {

    /** The window ends at the latest quarter where at least this share of expected companies reported. */
    public static final double MIN_COVERAGE = 0.9;
    /** A slope within ±1 percentage point of pool share per year is called flat. */
    public static final double FLAT_SLOPE_PER_YEAR = 0.01;

    private ValueMigration() {
    }

    public static Dataset<Row> build(Dataset<Row> quarterlyFinancials, Dataset<Row> companies, List<Integer> windows) {
        Column qi = FiscalCalendar.quarterIndex(col("calendar_quarter"));
        // present, windowEnd and each window's rows and panel feed several branches: planned once each
        Dataset<Row> present = Reused.once(quarterlyFinancials.where(col("operating_income").isNotNull())
                .select(col("calendar_quarter"), qi.as("qi"), col("ticker"), col("layer"), col("operating_income"),
                        Sources.of(col("sources"), List.of("operating_income"), col("ticker"), col("calendar_quarter"))
                                .as("_sources")));

        Dataset<Row> windowEnd = Reused.once(Coverage.of(present.select("calendar_quarter").distinct(),
                        companies.select(col("ticker").as("member"), col("coverage_start")),
                        present.select(col("calendar_quarter"), col("ticker").as("member")), "companies")
                .where(col("companies_present").geq(col("companies_expected").multiply(MIN_COVERAGE)))
                .agg(max(FiscalCalendar.quarterIndex(col("calendar_quarter"))).as("end_qi")));

        Dataset<Row> result = null;
        for (int quarters : windows) {
            Dataset<Row> one = window(present, companies, windowEnd, quarters);
            result = result == null ? one : result.unionByName(one);
        }
        return result;
    }

    private static Dataset<Row> window(Dataset<Row> present, Dataset<Row> companies, Dataset<Row> windowEnd,
                                       int quarters) {
        Dataset<Row> inWindow = Reused.once(present.crossJoin(windowEnd)
                .where(col("qi").between(col("end_qi").minus(quarters - 1), col("end_qi"))));
        Dataset<Row> panel = Reused.once(inWindow.groupBy("ticker").agg(countDistinct("qi").as("_quarters"))
                .where(col("_quarters").equalTo(quarters)).select("ticker"));
        Dataset<Row> panelRows = Reused.once(inWindow.join(panel, "ticker"));

        Dataset<Row> shares = panelRows.groupBy("qi", "calendar_quarter", "layer")
                .agg(sum("operating_income").as("_layer_oi"))
                .withColumn("share", QuarterWindows.ratio(col("_layer_oi"),
                        sum("_layer_oi").over(Window.partitionBy("qi"))))
                .withColumn("t_years", col("qi").divide(4.0));
        Dataset<Row> panelInfo = panel.agg(count(lit(1)).as("panel_companies"),
                array_sort(collect_set("ticker")).as("panel_tickers"));
        Dataset<Row> expectedAtEnd = companies.crossJoin(windowEnd)
                .where(FiscalCalendar.quarterIndex(col("coverage_start")).leq(col("end_qi")))
                .select("ticker");
        Dataset<Row> excluded = expectedAtEnd.join(panel, expectedAtEnd.col("ticker").equalTo(panel.col("ticker")), "left_anti")
                .agg(array_sort(collect_set("ticker")).as("excluded_tickers"));

        Dataset<Row> ends = panelRows.where(col("qi").equalTo(col("end_qi"))
                        .or(col("qi").equalTo(col("end_qi").minus(quarters - 1))))
                .groupBy("layer").agg(Sources.merged(col("_sources")).as("sources"));

        Column slope = expr("regr_slope(share, t_years)");
        return shares.groupBy("layer")
                .agg(min_by(col("calendar_quarter"), col("qi")).as("window_start"),
                        max_by(col("calendar_quarter"), col("qi")).as("window_end"),
                        countDistinct("qi").as("quarters_with_layer"),
                        min_by(col("share"), col("qi")).as("share_start"),
                        max_by(col("share"), col("qi")).as("share_end"),
                        slope.as("share_slope_per_year"))
                .withColumn("window_quarters", lit(quarters))
                .withColumn("direction", when(col("share_slope_per_year").gt(FLAT_SLOPE_PER_YEAR), "rising")
                        .when(col("share_slope_per_year").lt(-FLAT_SLOPE_PER_YEAR), "falling")
                        .when(col("share_slope_per_year").isNotNull(), "flat"))
                .crossJoin(panelInfo)
                .crossJoin(excluded)
                .join(ends, "layer");
    }
}

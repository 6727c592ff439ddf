package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.FiscalCalendar;
import org.aivaluechain.transform.Reused;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * gold.value_concentration from silver.quarterly_financials, silver.companies and the segment tables; contract in
 * schemas/gold/value_concentration.sql. profit_pool_share counts losses as negative (shares sum to 1);
 * HHI and CR4 use positive profits only, since a concentration index of negative shares means nothing.
 *
 * <p>Reads like its steps: each company's contribution per grouping and quarter (with the method it is counted
 * by), the members' totals and shares, coverage by count and by weight, method changes, and the same shares on
 * the constant panel of the headline window.
 */
public final class ValueConcentration {

    /** Quarters of the headline window, which ends at the latest quarter that is not partial. */
    public static final int HEADLINE_QUARTERS = 12;
    /** The shortest run of quarters counted one way that a headline window may use. */
    public static final int MIN_RUN_QUARTERS = 4;
    static final String SEGMENTS = "segments";
    static final String WHOLE_COMPANY = "whole_company";

    /** The silver metrics a member's row adds up, per company or segment (its lineage). */
    static final List<String> INPUTS = List.of("revenue", "operating_income");

    private ValueConcentration() {
    }

    /** With the coverage threshold of the session ({@link Coverage#threshold}). */
    public static Dataset<Row> build(Dataset<Row> quarterlyFinancials, Dataset<Row> companies,
                                     Dataset<Row> segmentFinancials, Dataset<Row> segments) {
        return build(quarterlyFinancials, companies, segmentFinancials, segments,
                Coverage.threshold(quarterlyFinancials.sparkSession()));
    }

    public static Dataset<Row> build(Dataset<Row> quarterlyFinancials, Dataset<Row> companies,
                                     Dataset<Row> segmentFinancials, Dataset<Row> segments, double threshold) {
        Dataset<Row> present = quarterlyFinancials.where(col("operating_income").isNotNull())
                .select(col("calendar_quarter"), col("ticker"), col("layer"), col("revenue"), col("operating_income"),
                        Sources.of(col("sources"), INPUTS, col("ticker"), col("calendar_quarter")).as("_sources"));
        // present, contributions, coverage, changes and windowRows each feed several branches: planned once each
        present = Reused.once(present);
        Dataset<Row> contributions = companyRows(present)
                .unionByName(layerRows(present))
                .unionByName(segmentLayerRows(present, segmentFinancials, segments));
        contributions = Reused.once(contributions);
        Dataset<Row> coverage = Reused.once(coverage(quarterlyFinancials, companies, present, threshold));
        Dataset<Row> members = withShares(totals(contributions), "")
                .join(coverage, "calendar_quarter")
                .join(segmentTickers(contributions), new String[]{"calendar_quarter", "grouping"}, "left")
                .withColumn("operating_margin", QuarterWindows.ratio(col("operating_income"), col("revenue")));
        Dataset<Row> changes = Reused.once(methodChanges(contributions, segments));
        return members
                .join(changes, new String[]{"calendar_quarter", "grouping"}, "left")
                .join(panelShares(contributions, coverage, changes),
                        new String[]{"calendar_quarter", "grouping", "member"}, "left");
    }

    /** grouping 'company': every company with operating income, whole. */
    private static Dataset<Row> companyRows(Dataset<Row> present) {
        return contribution(present, lit("company"), col("ticker"), WHOLE_COMPANY);
    }

    /** grouping 'layer': every company whole, in its layer. */
    private static Dataset<Row> layerRows(Dataset<Row> present) {
        return contribution(present, lit("layer"), col("layer"), WHOLE_COMPANY);
    }

    /**
     * grouping 'segment_layer': a company with AI-relevant segments (silver.segments.in_segment_profit_pool)
     * counts with those segments' operating income in their layers, its other businesses left out, in a quarter
     * where every one of those segments has operating income; otherwise (and every other company) it counts
     * whole, in its own layer, and its method says so.
     */
    private static Dataset<Row> segmentLayerRows(Dataset<Row> present, Dataset<Row> segmentFinancials,
                                                 Dataset<Row> segments) {
        Dataset<Row> poolSegments = segments.where(col("in_segment_profit_pool")).select("ticker", "segment");
        Dataset<Row> poolSize = poolSegments.groupBy("ticker").agg(countDistinct("segment").as("_pool_size"));
        Dataset<Row> reported = Reused.once(segmentFinancials.where(col("operating_income").isNotNull())
                .join(poolSegments, new String[]{"ticker", "segment"})
                .join(present.select("calendar_quarter", "ticker"), new String[]{"calendar_quarter", "ticker"}));
        Dataset<Row> fullyReported = Reused.once(reported.groupBy("calendar_quarter", "ticker")
                .agg(countDistinct("segment").as("_reported"))
                .join(poolSize, "ticker")
                .where(col("_reported").equalTo(col("_pool_size")))
                .select("calendar_quarter", "ticker"));
        Dataset<Row> bySegments = reported.join(fullyReported, new String[]{"calendar_quarter", "ticker"})
                .select(col("calendar_quarter"), col("ticker"), col("segment_layer").as("layer"), col("revenue"),
                        col("operating_income"), Sources.of(col("sources"), INPUTS,
                                concat(col("ticker"), lit("."), col("segment")), col("calendar_quarter")).as("_sources"));
        Dataset<Row> whole = present.join(fullyReported, new String[]{"calendar_quarter", "ticker"}, "left_anti");
        return contribution(bySegments, lit("segment_layer"), col("layer"), SEGMENTS)
                .unionByName(contribution(whole, lit("segment_layer"), col("layer"), WHOLE_COMPANY));
    }

    private static Dataset<Row> contribution(Dataset<Row> rows, Column grouping, Column member, String method) {
        return rows.select(col("calendar_quarter"), grouping.as("grouping"), member.as("member"), col("ticker"),
                col("revenue"), col("operating_income"), lit(method).as("method"), col("_sources"));
    }

    /**
     * One row per quarter × grouping × member; method 'segments' when any company in it counts by segments; sources
     * the revenue and operating income of each company (or segment) in it.
     */
    private static Dataset<Row> totals(Dataset<Row> contributions) {
        return contributions.groupBy("calendar_quarter", "grouping", "member")
                .agg(sum("revenue").as("revenue"), sum("operating_income").as("operating_income"),
                        countDistinct("ticker").as("companies_in_member"),
                        when(bool_or(col("method").equalTo(SEGMENTS)), SEGMENTS).otherwise(WHOLE_COMPANY).as("method"),
                        Sources.merged(col("_sources")).as("sources"));
    }

    /** Coverage by count and by weight (trailing revenue); partial below the threshold. */
    private static Dataset<Row> coverage(Dataset<Row> quarterlyFinancials, Dataset<Row> companies,
                                         Dataset<Row> present, double threshold) {
        Dataset<Row> quarters = present.select("calendar_quarter").distinct();
        Dataset<Row> expected = companies.select(col("ticker").as("member"), col("coverage_start"));
        Dataset<Row> presentMembers = present.select(col("calendar_quarter"), col("ticker").as("member"));
        Dataset<Row> revenue = quarterlyFinancials.where(col("revenue").isNotNull())
                .select(col("calendar_quarter"), col("ticker").as("member"), col("revenue"));
        return Coverage.of(quarters, expected, presentMembers, "members")
                .join(Coverage.weight(quarters, expected, presentMembers, revenue, "coverage"), "calendar_quarter")
                .withColumn("complete", org.apache.spark.sql.functions.size(col("members_missing")).equalTo(0))
                .withColumn("partial", col("coverage_weight").isNull().or(col("coverage_weight").lt(threshold)))
                .withColumn("coverage_threshold", lit(threshold));
    }

    /** segment_layer rows: which companies count whole and which by their segments. */
    private static Dataset<Row> segmentTickers(Dataset<Row> contributions) {
        return contributions.where(col("grouping").equalTo("segment_layer"))
                .groupBy("calendar_quarter", "grouping")
                .agg(array_sort(collect_set(when(col("method").equalTo(WHOLE_COMPANY), col("ticker"))))
                                .as("whole_company_tickers"),
                        array_sort(collect_set(when(col("method").equalTo(SEGMENTS), col("ticker"))))
                                .as("segment_tickers"));
    }

    /**
     * segment_layer rows: method_changed is true in a quarter where a company is counted by another method than in
     * the previous calendar quarter (its segments start or stop), or where a company counted by segments starts a
     * segment recast (silver.segments.recast_from of a segment in its profit pool: the first quarter on changed
     * definitions, the history before it unrecast, e.g. Microsoft from 2024Q3); a series must not be compared
     * across it.
     */
    static Dataset<Row> methodChanges(Dataset<Row> contributions, Dataset<Row> segments) {
        Dataset<Row> recasts = segments.where(col("in_segment_profit_pool").and(col("recast_from").notEqual("")))
                .select(col("ticker"), col("recast_from").as("calendar_quarter"), lit(true).as("_recast"))
                .distinct();
        Column recast = org.apache.spark.sql.functions.coalesce(col("_recast"), lit(false))
                .and(col("method").equalTo(SEGMENTS));
        Dataset<Row> perCompany = contributions.where(col("grouping").equalTo("segment_layer"))
                .select("calendar_quarter", "grouping", "ticker", "method").distinct()
                .withColumn("_qi", FiscalCalendar.quarterIndex(col("calendar_quarter")))
                .join(recasts, new String[]{"ticker", "calendar_quarter"}, "left");
        WindowSpec byCompany = Window.partitionBy("ticker").orderBy("_qi");
        Column switched = lag(col("_qi"), 1).over(byCompany).equalTo(col("_qi").minus(1))
                .and(lag(col("method"), 1).over(byCompany).notEqual(col("method")));
        return perCompany.withColumn("_changed", recast.or(org.apache.spark.sql.functions.coalesce(switched, lit(false))))
                .groupBy("calendar_quarter", "grouping")
                .agg(bool_or(col("_changed")).as("method_changed"));
    }

    /**
     * The headline series: shares on a constant panel. The window is the last {@link #HEADLINE_QUARTERS} calendar
     * quarters up to the latest quarter that is not partial, within one run of quarters without a method change
     * (the latest run of at least {@link #MIN_RUN_QUARTERS} quarters: a change in the last quarters ends the window
     * before it). The panel of a grouping is the companies present in every quarter of its window, counted by one
     * method throughout. Rows outside the window have null panel columns.
     */
    private static Dataset<Row> panelShares(Dataset<Row> contributions, Dataset<Row> coverage,
                                            Dataset<Row> changes) {
        Dataset<Row> end = coverage.where(col("partial").equalTo(false))
                .agg(max(FiscalCalendar.quarterIndex(col("calendar_quarter"))).as("_end"));
        Dataset<Row> withIndex = Reused.once(
                contributions.withColumn("_qi", FiscalCalendar.quarterIndex(col("calendar_quarter"))));
        Dataset<Row> runs = withIndex.select("calendar_quarter", "grouping", "_qi").distinct()
                .crossJoin(end).where(col("_qi").leq(col("_end")))
                .join(changes, new String[]{"calendar_quarter", "grouping"}, "left")
                .withColumn("_run", sum(when(col("method_changed"), 1).otherwise(0)).over(Window.partitionBy("grouping")
                        .orderBy("_qi").rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
                .groupBy("grouping", "_run")
                .agg(org.apache.spark.sql.functions.min("_qi").as("_run_start"), max("_qi").as("_run_end"),
                        countDistinct("_qi").as("_run_quarters"));
        Dataset<Row> window = runs.where(col("_run_quarters").geq(MIN_RUN_QUARTERS))
                .groupBy("grouping")
                .agg(max_by(col("_run_start"), col("_run")).as("_run_start"),
                        max_by(col("_run_end"), col("_run")).as("_stop"))
                .withColumn("_start", greatest(col("_run_start"), col("_stop").minus(HEADLINE_QUARTERS - 1)))
                .select("grouping", "_start", "_stop");
        Dataset<Row> windowRows = withIndex.join(window, "grouping")
                .where(col("_qi").between(col("_start"), col("_stop")));
        windowRows = Reused.once(windowRows);
        Dataset<Row> span = windowRows.groupBy("grouping").agg(countDistinct("_qi").as("_span"));
        Dataset<Row> panel = windowRows.groupBy("grouping", "ticker")
                .agg(countDistinct("_qi").as("_quarters"), countDistinct("method").as("_methods"))
                .join(span, "grouping")
                .where(col("_quarters").equalTo(col("_span")).and(col("_methods").equalTo(1)))
                .select("grouping", "ticker");
        panel = Reused.once(panel);
        Dataset<Row> panelTotals = windowRows.join(panel, new String[]{"grouping", "ticker"})
                .groupBy("calendar_quarter", "grouping", "member")
                .agg(sum("revenue").as("revenue"), sum("operating_income").as("operating_income"));
        Dataset<Row> panelInfo = panel.groupBy("grouping").agg(array_sort(collect_set("ticker")).as("panel_tickers"));
        return withShares(panelTotals, "panel_")
                .join(panelInfo, "grouping")
                .select(col("calendar_quarter"), col("grouping"), col("member"),
                        col("panel_profit_pool_share"), col("panel_hhi"), col("panel_tickers"));
    }

    /** Shares, HHI and CR4 within each calendar_quarter × grouping, columns named with {@code prefix}. */
    static Dataset<Row> withShares(Dataset<Row> members, String prefix) {
        WindowSpec pool = Window.partitionBy("calendar_quarter", "grouping");
        // sums over decimals, divided once: a sum of doubles depends on the order rows arrive in, so the last
        // digits of HHI and CR4 would change with the number of partitions
        Column positive = greatest(col("operating_income"), lit(0));
        Column positiveTotal = sum(positive).over(pool);
        Column positiveShare = when(positiveTotal.gt(0), positive.cast("double").divide(positiveTotal.cast("double")));
        Column hhi = when(positiveTotal.gt(0), sum(positive.multiply(positive)).over(pool).cast("double")
                .multiply(10000.0).divide(pow(positiveTotal.cast("double"), 2)));
        Dataset<Row> shares = members
                .withColumn("total_operating_income", sum("operating_income").over(pool))
                .withColumn("profit_pool_share",
                        QuarterWindows.ratio(col("operating_income"), col("total_operating_income")))
                .withColumn("revenue_share", QuarterWindows.ratio(col("revenue"), sum("revenue").over(pool)))
                .withColumn("positive_profit_share", positiveShare)
                .withColumn("hhi", hhi)
                .withColumn("_rank", row_number().over(pool.orderBy(col("positive_profit_share").desc_nulls_last(),
                        col("member"))))
                .withColumn("cr4", when(positiveTotal.gt(0), sum(when(col("_rank").leq(4), positive)).over(pool)
                        .cast("double").divide(positiveTotal.cast("double"))))
                .drop("_rank");
        if (prefix.isEmpty()) {
            return shares;
        }
        for (String c : List.of("profit_pool_share", "hhi")) {
            shares = shares.withColumnRenamed(c, prefix + c);
        }
        return shares;
    }
}

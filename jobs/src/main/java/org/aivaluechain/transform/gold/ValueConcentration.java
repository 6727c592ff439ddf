package org.aivaluechain.transform.gold;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * gold.value_concentration from silver.quarterly_financials, silver.companies and the segment tables; contract in
 * schemas/gold/value_concentration.sql. profit_pool_share counts losses as negative (shares sum to 1);
 * HHI and CR4 use positive profits only, since a concentration index of negative shares means nothing.
 */
public final class ValueConcentration {

    private ValueConcentration() {
    }

    public static Dataset<Row> build(Dataset<Row> quarterlyFinancials, Dataset<Row> companies,
                                     Dataset<Row> segmentFinancials, Dataset<Row> segments) {
        Dataset<Row> present = quarterlyFinancials.where(col("operating_income").isNotNull())
                .select("calendar_quarter", "ticker", "layer", "revenue", "operating_income");

        Dataset<Row> byCompany = present.select(col("calendar_quarter"), lit("company").as("grouping"),
                col("ticker").as("member"), col("revenue"), col("operating_income"), lit(1L).as("companies_in_member"));
        Dataset<Row> byLayer = present.groupBy(col("calendar_quarter"), col("layer").as("member"))
                .agg(sum("revenue").as("revenue"), sum("operating_income").as("operating_income"),
                        count(lit(1)).as("companies_in_member"))
                .select(col("calendar_quarter"), lit("layer").as("grouping"), col("member"), col("revenue"),
                        col("operating_income"), col("companies_in_member"));

        Dataset<Row> coverage = Coverage.of(present.select("calendar_quarter").distinct(),
                companies.select(col("ticker").as("member"), col("coverage_start")),
                present.select(col("calendar_quarter"), col("ticker").as("member")), "members");

        // segment_layer: a company with AI-relevant segments (silver.segments.in_segment_profit_pool) counts
        // with those segments' operating income in their layers, its other businesses left out; every
        // other company counts whole, in its own layer
        Dataset<Row> poolSegments = segmentFinancials.where(col("operating_income").isNotNull())
                .join(segments.where(col("in_segment_profit_pool")).select("ticker", "segment"),
                        new String[]{"ticker", "segment"})
                .join(present.select("calendar_quarter", "ticker"), new String[]{"calendar_quarter", "ticker"})
                .select(col("calendar_quarter"), col("ticker"), col("segment_layer").as("layer"), col("revenue"),
                        col("operating_income"), lit(false).as("whole_company"));
        Dataset<Row> wholeCompanies = present
                .join(poolSegments.select("calendar_quarter", "ticker").distinct(),
                        new String[]{"calendar_quarter", "ticker"}, "left_anti")
                .withColumn("whole_company", lit(true));
        Dataset<Row> contributions = poolSegments.unionByName(wholeCompanies);
        Dataset<Row> bySegmentLayer = contributions.groupBy(col("calendar_quarter"), col("layer").as("member"))
                .agg(sum("revenue").as("revenue"), sum("operating_income").as("operating_income"),
                        countDistinct("ticker").as("companies_in_member"))
                .select(col("calendar_quarter"), lit("segment_layer").as("grouping"), col("member"), col("revenue"),
                        col("operating_income"), col("companies_in_member"));
        Dataset<Row> segmentCoverage = contributions.groupBy("calendar_quarter")
                .agg(array_sort(collect_set(when(col("whole_company"), col("ticker")))).as("_whole"),
                        array_sort(collect_set(when(col("whole_company").equalTo(false), col("ticker")))).as("_segments"));

        Column isSegmentLayer = col("grouping").equalTo("segment_layer");
        return withShares(byCompany.unionByName(byLayer).unionByName(bySegmentLayer))
                .join(coverage, "calendar_quarter")
                .join(segmentCoverage, "calendar_quarter")
                .withColumn("complete", size(col("members_missing")).equalTo(0))
                .withColumn("whole_company_tickers", when(isSegmentLayer, col("_whole")))
                .withColumn("segment_tickers", when(isSegmentLayer, col("_segments")))
                .drop("_whole", "_segments");
    }

    /** Shares, HHI and CR4 within each calendar_quarter × grouping. */
    static Dataset<Row> withShares(Dataset<Row> members) {
        WindowSpec pool = Window.partitionBy("calendar_quarter", "grouping");
        Column positive = greatest(col("operating_income"), lit(0)).cast("double");
        Column positiveShare = when(sum(positive).over(pool).gt(0), positive.divide(sum(positive).over(pool)));
        return members
                .withColumn("total_operating_income", sum("operating_income").over(pool))
                .withColumn("profit_pool_share", QuarterWindows.ratio(col("operating_income"), col("total_operating_income")))
                .withColumn("revenue_share", QuarterWindows.ratio(col("revenue"), sum("revenue").over(pool)))
                .withColumn("positive_profit_share", positiveShare)
                .withColumn("hhi", sum(pow(col("positive_profit_share").multiply(100.0), 2)).over(pool))
                .withColumn("_rank", row_number().over(pool.orderBy(col("positive_profit_share").desc_nulls_last(),
                        col("member"))))
                .withColumn("cr4", sum(when(col("_rank").leq(4), col("positive_profit_share"))).over(pool))
                .drop("_rank");
    }
}

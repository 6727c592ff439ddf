package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.FiscalCalendar;

import static org.aivaluechain.transform.gold.QuarterWindows.quartersAgo;
import static org.aivaluechain.transform.gold.QuarterWindows.ratio;
import static org.aivaluechain.transform.gold.QuarterWindows.trailingFourQuarterSum;
import static org.apache.spark.sql.functions.col;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.margin_trends from silver.quarterly_financials; contract in schemas/gold/margin_trends.sql.
 * A TTM margin is the ratio of four-quarter sums (not an average of quarterly margins); changes are in
 * basis points (1 bp = 0.0001). sources names the filing behind every input of the row (see {@link Sources}).
 */
public final class MarginTrends {

    /** margin name -> profit column it divides by revenue */
    private static final List<String[]> MARGINS = List.of(
            new String[]{"gross_margin", "gross_profit"},
            new String[]{"operating_margin", "operating_income"},
            new String[]{"net_margin", "net_income"});

    /** The silver metrics a margin row uses, over this and the 4 previous calendar quarters (TTM, YoY, QoQ). */
    static final List<String> INPUTS = List.of("revenue", "gross_profit", "operating_income", "net_income");

    private MarginTrends() {
    }

    public static Dataset<Row> build(Dataset<Row> quarterlyFinancials) {
        Dataset<Row> df = quarterlyFinancials
                .select(col("ticker"), col("layer"), col("calendar_quarter"), col("fiscal_year"), col("fiscal_quarter"),
                        col("revenue"), col("gross_profit"), col("operating_income"), col("net_income"), col("sources"),
                        col("recast_from"))
                .withColumn(QuarterWindows.INDEX, FiscalCalendar.quarterIndex(col("calendar_quarter")))
                .withColumn("revenue_ttm", trailingFourQuarterSum("revenue"));
        for (String[] m : MARGINS) {
            String margin = m[0];
            String profit = m[1];
            df = df.withColumn(margin, ratio(col(profit), col("revenue")))
                    .withColumn(margin + "_ttm", ratio(trailingFourQuarterSum(profit), col("revenue_ttm")))
                    .withColumn(margin + "_yoy_bps", basisPoints(col(margin), quartersAgo(col(margin), 4)))
                    .withColumn(margin + "_qoq_bps", basisPoints(col(margin), quartersAgo(col(margin), 1)));
        }
        // the year-ago margin reaches 4 quarters back, the TTM sums 3
        return df.withColumn("sources", Sources.trailing(INPUTS, 4))
                .drop(QuarterWindows.INDEX, "revenue_ttm", "recast_from");
    }

    private static Column basisPoints(Column now, Column before) {
        return now.minus(before).multiply(10000.0);
    }
}

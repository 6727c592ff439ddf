package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.FiscalCalendar;

import static org.aivaluechain.transform.gold.QuarterWindows.quartersAgo;
import static org.aivaluechain.transform.gold.QuarterWindows.ratio;
import static org.aivaluechain.transform.gold.QuarterWindows.trailingFourQuarterSum;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.capex_intensity from silver.quarterly_financials; contract in schemas/gold/capex_intensity.sql. sources
 * names the filing behind every quarter a value adds up (see {@link Sources}).
 */
public final class CapexIntensity {

    private CapexIntensity() {
    }

    public static Dataset<Row> build(Dataset<Row> quarterlyFinancials) {
        return quarterlyFinancials
                .select(col("ticker"), col("layer"), col("calendar_quarter"), col("fiscal_year"), col("fiscal_quarter"),
                        col("capex"), col("revenue"), col("depreciation_amortization"), col("sources"),
                        col("recast_from"))
                .withColumn(QuarterWindows.INDEX, FiscalCalendar.quarterIndex(col("calendar_quarter")))
                .withColumn("capex_ttm", trailingFourQuarterSum("capex"))
                .withColumn("revenue_ttm", trailingFourQuarterSum("revenue"))
                .withColumn("capex_year_ago", quartersAgo(col("capex"), 4))
                .withColumn("capex_intensity", ratio(col("capex"), col("revenue")))
                .withColumn("capex_intensity_ttm", ratio(col("capex_ttm"), col("revenue_ttm")))
                .withColumn("capex_yoy_growth", when(col("capex_year_ago").gt(0),
                        ratio(col("capex"), col("capex_year_ago")).minus(lit(1.0))))
                .withColumn("capex_to_depreciation", ratio(col("capex"), col("depreciation_amortization")))
                // capex: this quarter, the TTM sum and the year-ago quarter; revenue: the TTM sum; D&A: this quarter
                .withColumn("sources", Sources.union(Sources.trailing(List.of("capex"), 4),
                        Sources.trailing(List.of("revenue"), 3), Sources.trailing(List.of("depreciation_amortization"), 0)))
                .drop(QuarterWindows.INDEX, "recast_from");
    }
}

package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.FiscalCalendar;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.supplier_capture: how much of the hyperscalers' capex shows up as AI-chip suppliers' data-center
 * revenue. Hyperscalers are the registry's layer 'hyperscaler'; supply is segment revenue flagged
 * ai_datacenter_supply. Contract in schemas/gold/supplier_capture.sql.
 */
public final class SupplierCapture {

    private SupplierCapture() {
    }

    private static Dataset<Row> hyperscalerRevenue(Dataset<Row> quarterlyFinancials) {
        return quarterlyFinancials.where(col("layer").equalTo("hyperscaler").and(col("revenue").isNotNull()))
                .select(col("calendar_quarter"), col("ticker").as("member"), col("revenue"));
    }

    /** With the coverage threshold of the session ({@link Coverage#threshold}). */
    public static Dataset<Row> build(Dataset<Row> quarterlyFinancials, Dataset<Row> segmentFinancials,
                                     Dataset<Row> companies, Dataset<Row> segments) {
        return build(quarterlyFinancials, segmentFinancials, companies, segments,
                Coverage.threshold(quarterlyFinancials.sparkSession()));
    }

    public static Dataset<Row> build(Dataset<Row> quarterlyFinancials, Dataset<Row> segmentFinancials,
                                     Dataset<Row> companies, Dataset<Row> segments, double threshold) {
        Dataset<Row> capex = quarterlyFinancials.where(col("layer").equalTo("hyperscaler").and(col("capex").isNotNull()))
                .select(col("calendar_quarter"), col("ticker").as("member"), col("capex"));
        Dataset<Row> supply = segmentFinancials.where(col("ai_datacenter_supply").and(col("revenue").isNotNull()))
                .select(col("calendar_quarter"), concat(col("ticker"), lit("."), col("segment")).as("member"),
                        col("revenue"));
        Dataset<Row> quarters = capex.select("calendar_quarter").union(supply.select("calendar_quarter")).distinct();

        Dataset<Row> hyperscalers = companies.where(col("layer").equalTo("hyperscaler"))
                .select(col("ticker").as("member"), col("coverage_start"));
        Dataset<Row> suppliers = segments.where(col("ai_datacenter_supply"))
                .join(companies.select("ticker", "coverage_start"), "ticker")
                .select(concat(col("ticker"), lit("."), col("segment")).as("member"), col("coverage_start"));

        Dataset<Row> capexTotals = capex.groupBy("calendar_quarter").agg(sum("capex").as("hyperscaler_capex"));
        Dataset<Row> supplyTotals = supply.groupBy("calendar_quarter")
                .agg(sum("revenue").as("ai_chip_datacenter_revenue"));

        Dataset<Row> perQuarter = quarters
                .join(capexTotals, "calendar_quarter", "left")
                .join(supplyTotals, "calendar_quarter", "left")
                .join(Coverage.of(quarters, hyperscalers, capex.select("calendar_quarter", "member"), "hyperscalers"),
                        "calendar_quarter")
                .join(Coverage.of(quarters, suppliers, supply.select("calendar_quarter", "member"), "suppliers"),
                        "calendar_quarter")
                // weights: hyperscalers by their trailing revenue, suppliers by their trailing supply revenue
                .join(Coverage.weight(quarters, hyperscalers, capex.select("calendar_quarter", "member"),
                        hyperscalerRevenue(quarterlyFinancials), "hyperscalers_coverage"), "calendar_quarter")
                .join(Coverage.weight(quarters, suppliers, supply.select("calendar_quarter", "member"),
                        supply, "suppliers_coverage"), "calendar_quarter")
                .withColumn(QuarterWindows.INDEX, FiscalCalendar.quarterIndex(col("calendar_quarter")));

        // chips ship (supplier revenue) before the buyer pays for them (cash capex): compare this quarter's
        // capex with the previous quarter's supplier revenue
        Dataset<Row> previous = perQuarter.select(col(QuarterWindows.INDEX).plus(1).as(QuarterWindows.INDEX),
                col("ai_chip_datacenter_revenue").as("prior_quarter_ai_chip_datacenter_revenue"));
        return perQuarter.join(previous, new String[]{QuarterWindows.INDEX}, "left")
                .withColumn("capture_ratio", QuarterWindows.ratio(col("ai_chip_datacenter_revenue"), col("hyperscaler_capex")))
                .withColumn("capture_ratio_lag1",
                        QuarterWindows.ratio(col("prior_quarter_ai_chip_datacenter_revenue"), col("hyperscaler_capex")))
                .withColumn("members_expected", col("hyperscalers_expected").plus(col("suppliers_expected")))
                .withColumn("members_present", col("hyperscalers_present").plus(col("suppliers_present")))
                .withColumn("complete", size(col("hyperscalers_missing")).equalTo(0)
                        .and(size(col("suppliers_missing")).equalTo(0)))
                // the ratio is as good as its weaker side
                .withColumn("coverage_weight", least(col("hyperscalers_coverage_weight"),
                        col("suppliers_coverage_weight")))
                .withColumn("partial", col("hyperscalers_coverage_weight").isNull()
                        .or(col("suppliers_coverage_weight").isNull()).or(col("coverage_weight").lt(threshold)))
                .withColumn("coverage_threshold", lit(threshold))
                .drop(QuarterWindows.INDEX);
    }
}

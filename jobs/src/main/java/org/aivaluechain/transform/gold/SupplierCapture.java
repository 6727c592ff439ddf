package org.aivaluechain.transform.gold;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;

import org.aivaluechain.model.Amounts;
import org.aivaluechain.transform.FiscalCalendar;
import org.aivaluechain.transform.Reused;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.supplier_capture: how much of the hyperscalers' capex shows up as AI-chip suppliers' data-center
 * revenue. Hyperscalers are the registry's layer 'hyperscaler'; supply is segment revenue flagged
 * ai_datacenter_supply. sources names the filing behind every member's value (see {@link Sources}); the panel_*
 * columns are the headline series on a constant panel. Contract in schemas/gold/supplier_capture.sql.
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
        // capex, supply, perQuarter, byQuarter and inWindow each feed several branches below: Reused.once plans
        // each of them once instead of once per branch
        Dataset<Row> capex = quarterlyFinancials.where(col("layer").equalTo("hyperscaler").and(col("capex").isNotNull()))
                .select(col("calendar_quarter"), col("ticker").as("member"), col("capex"),
                        Sources.of(col("sources"), List.of("capex"), col("ticker"), col("calendar_quarter")).as("_sources"));
        capex = Reused.once(capex);
        Column supplier = concat(col("ticker"), lit("."), col("segment"));
        Dataset<Row> supply = segmentFinancials.where(col("ai_datacenter_supply").and(col("revenue").isNotNull()))
                .select(col("calendar_quarter"), supplier.as("member"), col("revenue"),
                        Sources.of(col("sources"), List.of("revenue"), supplier, col("calendar_quarter")).as("_sources"));
        supply = Reused.once(supply);
        Dataset<Row> quarters = capex.select("calendar_quarter").union(supply.select("calendar_quarter")).distinct();

        Dataset<Row> hyperscalers = companies.where(col("layer").equalTo("hyperscaler"))
                .select(col("ticker").as("member"), col("coverage_start"));
        Dataset<Row> suppliers = segments.where(col("ai_datacenter_supply"))
                .join(companies.select("ticker", "coverage_start"), "ticker")
                .select(concat(col("ticker"), lit("."), col("segment")).as("member"), col("coverage_start"));

        Dataset<Row> capexTotals = capex.groupBy("calendar_quarter").agg(sum("capex").as("hyperscaler_capex"),
                Sources.merged(col("_sources")).as("_capex_sources"));
        Dataset<Row> supplyTotals = supply.groupBy("calendar_quarter")
                .agg(sum("revenue").as("ai_chip_datacenter_revenue"), Sources.merged(col("_sources")).as("_supply_sources"));

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
        perQuarter = Reused.once(perQuarter);

        // chips ship (supplier revenue) before the buyer pays for them (cash capex): compare this quarter's
        // capex with the previous quarter's supplier revenue
        Dataset<Row> previous = perQuarter.select(col(QuarterWindows.INDEX).plus(1).as(QuarterWindows.INDEX),
                col("ai_chip_datacenter_revenue").as("prior_quarter_ai_chip_datacenter_revenue"),
                col("_supply_sources").as("_prior_supply_sources"));
        // a supplier segment on changed definitions from this quarter (silver.segments.recast_from): a break
        Dataset<Row> recasts = segments.where(col("ai_datacenter_supply").and(col("recast_from").notEqual("")))
                .select(col("recast_from").as("calendar_quarter")).distinct().withColumn("segment_recast", lit(true));
        Dataset<Row> byQuarter = perQuarter.join(previous, new String[]{QuarterWindows.INDEX}, "left")
                .join(recasts, new String[]{"calendar_quarter"}, "left")
                .withColumn("segment_recast", coalesce(col("segment_recast"), lit(false)))
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
                // every hyperscaler's capex and every supplier's revenue, this quarter's and the previous one's
                .withColumn("sources", Sources.union(col("_capex_sources"), col("_supply_sources"),
                        col("_prior_supply_sources")))
                .drop(QuarterWindows.INDEX, "_capex_sources", "_supply_sources", "_prior_supply_sources");
        byQuarter = Reused.once(byQuarter);
        return byQuarter.join(panel(byQuarter, capex, supply), "calendar_quarter", "left");
    }

    /**
     * The headline series on a constant panel. The window is the last {@link ValueConcentration#HEADLINE_QUARTERS}
     * calendar quarters up to the latest quarter that is not partial, within one run of quarters without a segment
     * recast (the latest run of at least {@link ValueConcentration#MIN_RUN_QUARTERS} quarters); the panel is the hyperscalers with capex and
     * the suppliers with revenue in every quarter of the window that has data, so a member entering, leaving or
     * missing a quarter does not move the ratio. Rows outside the window have null panel columns.
     *
     * @return calendar_quarter, panel_hyperscaler_capex, panel_ai_chip_datacenter_revenue, panel_capture_ratio,
     *         panel_members (sorted)
     */
    private static Dataset<Row> panel(Dataset<Row> byQuarter, Dataset<Row> capex, Dataset<Row> supply) {
        Column quarterIndex = FiscalCalendar.quarterIndex(col("calendar_quarter"));
        // runs of quarters between segment recasts; the window lies in the latest run of at least
        // MIN_RUN_QUARTERS quarters, so a recast in the last quarters ends the window before it. A quarter's run is
        // the number of recasts up to it (a join, not a window over one unpartitioned series)
        Dataset<Row> quarters = byQuarter.select(col("calendar_quarter"), col("partial"), col("segment_recast"),
                quarterIndex.as("_qi"));
        Dataset<Row> recasts = quarters.where(col("segment_recast")).select(col("_qi").as("_recast_qi"));
        Dataset<Row> runs = quarters.join(recasts, col("_recast_qi").leq(col("_qi")), "left")
                .groupBy("_qi", "partial").agg(count("_recast_qi").as("_run"))
                .groupBy("_run")
                .agg(min("_qi").as("_run_start"), max(when(col("partial").equalTo(false), col("_qi"))).as("_stop"),
                        countDistinct("_qi").as("_run_quarters"))
                .where(col("_run_quarters").geq(ValueConcentration.MIN_RUN_QUARTERS).and(col("_stop").isNotNull()));
        Dataset<Row> window = runs.orderBy(col("_run").desc()).limit(1)
                .select(col("_stop"), greatest(col("_run_start"),
                        col("_stop").minus(ValueConcentration.HEADLINE_QUARTERS - 1)).as("_start"));
        Column none = lit(null).cast(Amounts.AMOUNT);
        Dataset<Row> inWindow = capex.select(col("calendar_quarter"), col("member"), col("capex").as("_capex"),
                        none.as("_supply"))
                .unionByName(supply.select(col("calendar_quarter"), col("member"), none.as("_capex"),
                        col("revenue").as("_supply")))
                .withColumn("_qi", quarterIndex)
                .crossJoin(window)
                .where(col("_qi").between(col("_start"), col("_stop")));
        inWindow = Reused.once(inWindow);
        Dataset<Row> span = inWindow.agg(countDistinct("_qi").as("_span"));
        Dataset<Row> panel = inWindow.groupBy("member").agg(countDistinct("_qi").as("_quarters"))
                .crossJoin(span)
                .where(col("_quarters").equalTo(col("_span")))
                .select("member");
        Dataset<Row> members = panel.agg(array_sort(collect_list("member")).as("panel_members"));
        return inWindow.join(panel, "member")
                .groupBy("calendar_quarter")
                .agg(sum("_capex").as("panel_hyperscaler_capex"), sum("_supply").as("panel_ai_chip_datacenter_revenue"))
                .withColumn("panel_capture_ratio",
                        QuarterWindows.ratio(col("panel_ai_chip_datacenter_revenue"), col("panel_hyperscaler_capex")))
                .crossJoin(members);
    }
}

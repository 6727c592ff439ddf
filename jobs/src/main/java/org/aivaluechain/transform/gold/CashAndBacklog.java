package org.aivaluechain.transform.gold;

import org.aivaluechain.model.Amounts;
import org.aivaluechain.transform.FiscalCalendar;

import static org.aivaluechain.transform.gold.QuarterWindows.quartersAgo;
import static org.aivaluechain.transform.gold.QuarterWindows.ratio;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_concat;
import static org.apache.spark.sql.functions.when;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.cash_and_backlog from silver.quarterly_financials: cash generation, reinvestment, R&D and contracted
 * backlog per ticker × calendar quarter; contract (formulas, units) in schemas/gold/cash_and_backlog.sql.
 * RPO is a balance at the quarter end: compared with the balance four calendar quarters earlier, never summed.
 */
public final class CashAndBacklog {

    /** The silver metrics a row uses this quarter (its lineage). */
    static final List<String> INPUTS = List.of("revenue", "operating_cash_flow", "capex", "rd_expense", "rpo",
            "depreciation_amortization");

    private CashAndBacklog() {
    }

    public static Dataset<Row> build(Dataset<Row> quarterlyFinancials) {
        Column rpoYearAgoSource = quartersAgo(element_at(col("sources"), lit("rpo")), 4);
        Column rpoYearAgoQuarter = quartersAgo(col("calendar_quarter"), 4);
        return quarterlyFinancials
                .select(col("ticker"), col("layer"), col("calendar_quarter"), col("fiscal_year"), col("fiscal_quarter"),
                        col("revenue"), col("operating_cash_flow"), col("capex"), col("rd_expense"), col("rpo"),
                        col("depreciation_amortization"), col("sources"), col("recast_from"))
                .withColumn(QuarterWindows.INDEX, FiscalCalendar.quarterIndex(col("calendar_quarter")))
                .withColumn("free_cash_flow", col("operating_cash_flow").minus(col("capex")).cast(Amounts.AMOUNT))
                .withColumn("fcf_margin", ratio(col("free_cash_flow"), col("revenue")))
                // reinvestment rate: meaningless when operating cash flow is zero or negative
                .withColumn("capex_to_operating_cash_flow",
                        when(col("operating_cash_flow").gt(0), ratio(col("capex"), col("operating_cash_flow"))))
                .withColumn("rd_intensity", ratio(col("rd_expense"), col("revenue")))
                .withColumn("rpo_year_ago", quartersAgo(col("rpo"), 4))
                .withColumn("rpo_yoy_growth", when(col("rpo_year_ago").gt(0),
                        ratio(col("rpo"), col("rpo_year_ago")).minus(lit(1.0))))
                .withColumn("da_to_revenue", ratio(col("depreciation_amortization"), col("revenue")))
                .withColumn("sources", map_concat(Sources.of(col("sources"), INPUTS, col("calendar_quarter")),
                        when(col("rpo_year_ago").isNotNull().and(rpoYearAgoSource.isNotNull()),
                                map(concat("rpo ", rpoYearAgoQuarter), rpoYearAgoSource))
                                .otherwise(Sources.empty())))
                .select(col("ticker"), col("layer"), col("calendar_quarter"), col("fiscal_year"), col("fiscal_quarter"),
                        col("revenue"), col("operating_cash_flow"), col("capex"), col("free_cash_flow"),
                        col("fcf_margin"), col("capex_to_operating_cash_flow"), col("rd_expense"), col("rd_intensity"),
                        col("rpo"), col("rpo_year_ago"), col("rpo_yoy_growth"), col("depreciation_amortization"),
                        col("da_to_revenue"), col("sources"));
    }

    private static Column concat(String prefix, Column c) {
        return org.apache.spark.sql.functions.concat(lit(prefix), c);
    }
}

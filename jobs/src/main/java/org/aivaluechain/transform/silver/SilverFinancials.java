package org.aivaluechain.transform.silver;

import org.aivaluechain.model.Amounts;

import org.aivaluechain.model.Metrics;
import org.aivaluechain.transform.Money;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Silver tables built from resolved facts (see {@link FactResolution}) and fiscal periods
 * (see {@link FiscalPeriods}): the contracts are in schemas/silver/quarterly_financials.sql and
 * schemas/silver/segment_financials.sql.
 */
public final class SilverFinancials {

    /** Columns of silver.quarterly_financials and silver.segment_financials: the one metric list. */
    static final List<String> CONSOLIDATED_METRICS = Metrics.consolidated();
    static final List<String> SEGMENT_METRICS = Metrics.bySegment();
    public static final String GROSS_PROFIT_RULE = "gross_profit = revenue - cost_of_revenue";

    private static final Column[] PERIOD_KEY = {col("ticker"), col("fiscal_year"), col("fiscal_quarter")};

    private SilverFinancials() {
    }

    /** One row per ticker × fiscal quarter, amounts in USD millions, with derived-value flags and sources. */
    public static Dataset<Row> quarterlyFinancials(Dataset<Row> resolvedFacts, Dataset<Row> periods,
                                                   Dataset<Row> companies) {
        Dataset<Row> wide = quarterlyFacts(resolvedFacts.where(col("segment").equalTo("")))
                .groupBy(PERIOD_KEY)
                .agg(first(Money.pivot(CONSOLIDATED_METRICS)), rest(Money.pivot(CONSOLIDATED_METRICS)));

        // gross profit = revenue − cost of revenue where a filer reports none (Amazon, Alphabet, Meta)
        Column canDerive = col("gross_profit").isNull().and(col("revenue").isNotNull())
                .and(col("cost_of_revenue").isNotNull());
        wide = wide
                .withColumn("gross_profit__source", when(canDerive, lit("derived: " + GROSS_PROFIT_RULE))
                        .otherwise(col("gross_profit__source")))
                .withColumn("gross_profit__derivation", when(canDerive, lit(GROSS_PROFIT_RULE))
                        .otherwise(col("gross_profit__derivation")))
                .withColumn("gross_profit", when(canDerive,
                        col("revenue").minus(col("cost_of_revenue")).cast(Amounts.AMOUNT))
                        .otherwise(col("gross_profit")));

        List<Column> out = new ArrayList<>(List.of(col("ticker"), col("name").as("company_name"), col("layer"),
                col("recast_from"),
                col("fiscal_year"), col("fiscal_quarter"), col("period_start"), col("period_end"),
                col("period_start_estimated"), col("calendar_quarter"), col("currency"), col("fx_avg_per_usd")));
        for (String m : CONSOLIDATED_METRICS) {
            out.add(Money.toUsd(col(m), col("fx_avg_per_usd")).as(m));
        }
        out.add(Money.derivedValues(CONSOLIDATED_METRICS).as("derived_values"));
        out.add(Money.sources(CONSOLIDATED_METRICS).as("sources"));
        return wide.join(periods, new String[]{"ticker", "fiscal_year", "fiscal_quarter"})
                .join(companies.select("ticker", "name", "layer", "recast_from"), "ticker")
                .select(out.toArray(Column[]::new));
    }

    /** One row per ticker × fiscal quarter × segment: revenue and operating income in USD millions. */
    public static Dataset<Row> segmentFinancials(Dataset<Row> resolvedFacts, Dataset<Row> periods,
                                                 Dataset<Row> segments) {
        Dataset<Row> wide = quarterlyFacts(resolvedFacts.where(col("segment").notEqual("")))
                .groupBy(col("ticker"), col("fiscal_year"), col("fiscal_quarter"), col("segment"))
                .agg(first(Money.pivot(SEGMENT_METRICS)), rest(Money.pivot(SEGMENT_METRICS)));
        List<Column> out = new ArrayList<>(List.of(col("ticker"), col("fiscal_year"), col("fiscal_quarter"),
                col("segment"), col("segment_name"), col("layer").as("segment_layer"), col("ai_datacenter_supply"),
                col("period_start"), col("period_end"), col("calendar_quarter"), col("currency"), col("fx_avg_per_usd")));
        for (String m : SEGMENT_METRICS) {
            out.add(Money.toUsd(col(m), col("fx_avg_per_usd")).as(m));
        }
        out.add(Money.derivedValues(SEGMENT_METRICS).as("derived_values"));
        out.add(Money.sources(SEGMENT_METRICS).as("sources"));
        return wide.join(periods, new String[]{"ticker", "fiscal_year", "fiscal_quarter"})
                .join(segments.select("ticker", "segment", "segment_name", "layer", "ai_datacenter_supply"),
                        new String[]{"ticker", "segment"})
                .select(out.toArray(Column[]::new));
    }

    private static Dataset<Row> quarterlyFacts(Dataset<Row> facts) {
        return facts.where(col("fiscal_period").notEqual("FY"))
                .withColumn("fiscal_quarter", substring(col("fiscal_period"), 2, 1).cast("int"));
    }

    private static Column first(List<Column> columns) {
        return columns.get(0);
    }

    private static Column[] rest(List<Column> columns) {
        return columns.subList(1, columns.size()).toArray(Column[]::new);
    }

}

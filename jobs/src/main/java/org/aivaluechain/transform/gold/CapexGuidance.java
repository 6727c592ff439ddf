package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.Reused;
import org.aivaluechain.transform.Split;
import org.aivaluechain.transform.validation.DateOrMonth;
import org.aivaluechain.transform.validation.InputValidation;
import org.aivaluechain.transform.validation.Reasons;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.capex_guidance_vs_actual: each capex guidance statement next to the capex the company then reported for
 * that period. Contract (grain, basis classes, comparison rules) in schemas/gold/capex_guidance_vs_actual.sql.
 *
 * <p>Periods: "CY2025" is the calendar year (the 4 fiscal quarters whose calendar_quarter falls in 2025);
 * "FY2025 ..." the company's fiscal year 2025 (fiscal quarters 1-4 of fiscal_year 2025, so Microsoft's FY2025 is
 * Jul-2024..Jun-2025 and Oracle's FY2026 Jun-2025..May-2026); a period naming several years is multi_year.
 * sources names the filing of each quarter's capex and finance lease principal the actual adds up (see
 * {@link Sources}); the guidance's own source stays in {@code source}.
 */
public final class CapexGuidance {

    /**
     * Reference files keep the ticker of their source; the warehouse keys companies on the primary US listing.
     * Documented rule: a guidance ticker found here is read as the mapped ticker (Tencent 0700.HK = TCEHY ADR).
     */
    public static final Map<String, String> TICKER_ALIASES = Map.of("0700.HK", "TCEHY");

    /** Guidance rows that are valid, with the output columns before actuals are joined. */
    static final String[] VALID = {"company", "ticker", "source_ticker", "announced_date", "announced_date_precision",
            "period", "period_kind", "period_year", "low_usd_bn", "high_usd_bn", "currency", "basis_note", "basis",
            "source", "input_file", "line_number"};

    /** The silver metrics an actual adds up. */
    private static final List<String> ACTUAL_INPUTS = List.of("capex", "finance_lease_principal");

    /** USD billions with 4 decimals (0.1 million). */
    static final String BN = "decimal(20,4)";

    private CapexGuidance() {
    }

    /**
     * Validates parsed capex_guidance.csv rows against silver.companies (ticker after aliasing) and the amounts
     * (high without low, low above high); valid rows gain ticker mapping, date precision, period and basis.
     */
    public static Split validate(Dataset<Row> guidance, Dataset<Row> companies) {
        Dataset<Row> checked = guidance
                .withColumnRenamed("ticker", "source_ticker")
                .withColumn("ticker", when(col("source_ticker").isNotNull(), alias(col("source_ticker"))))
                .join(companies.select(col("ticker").as("_known"), col("fiscal_year_end_month").as("_fyem")),
                        col("ticker").equalTo(col("_known")), "left");
        Column reason = Split.reasons(
                when(col("_known").isNull(), Reasons.unknownTicker(col("source_ticker"))),
                when(col("high_usd_bn").isNotNull().and(col("low_usd_bn").isNull()),
                        lit("high_usd_bn without low_usd_bn (a lower bound only goes in low_usd_bn)")),
                when(col("low_usd_bn").gt(col("high_usd_bn")), lit("low_usd_bn is above high_usd_bn")),
                when(col("low_usd_bn").lt(0), Reasons.negative("low_usd_bn")),
                InputValidation.outOfRange("low_usd_bn"),
                InputValidation.outOfRange("high_usd_bn"));
        Dataset<Row> enriched = checked
                .withColumn("announced_date_precision",
                        coalesce(DateOrMonth.precision(col("announced_date")), lit("unknown")))
                .withColumn("announced_date", DateOrMonth.date(col("announced_date")))
                .withColumn("period_kind", periodKind(col("period")))
                .withColumn("period_year", when(col("period_kind").isin("fiscal_year", "calendar_year"),
                        regexp_extract(col("period"), "^(CY|FY)(\\d{4})", 2).cast("int")))
                .withColumn("basis", basis(col("ticker"), col("basis_note")));
        return Split.onReason(enriched, reason, VALID, "company", "source_ticker", "announced_date", "period",
                "low_usd_bn", "high_usd_bn", "currency", "basis_note", "source");
    }

    private static Column alias(Column ticker) {
        Column mapped = ticker;
        for (Map.Entry<String, String> e : TICKER_ALIASES.entrySet()) {
            mapped = when(ticker.equalTo(e.getKey()), lit(e.getValue())).otherwise(mapped);
        }
        return mapped;
    }

    /** fiscal_year for "FY2025 ...", calendar_year for "CY2025", multi_year for "4 years (...)", else other. */
    static Column periodKind(Column period) {
        return when(period.rlike("^FY\\d{4}\\b"), lit("fiscal_year"))
                .when(period.rlike("^CY\\d{4}$"), lit("calendar_year"))
                .when(lower(period).rlike("\\byears?\\b"), lit("multi_year"))
                .otherwise(lit("other"));
    }

    /**
     * The basis of a guidance figure, read from its note (first rule that matches): investment_pledge ("not capex
     * guidance", "commitment", "pledge"), pct_of_revenue ("% of revenue"), incl_finance_leases ("finance lease"),
     * ai_datacenter_investment ("AI-enabled datacenters", "datacenter investment", "AI hardware infrastructure"), cash_capex
     * ("cash capex"), else unknown. Meta states every capex outlook including principal payments on finance
     * leases, so a Meta note that names no basis is read as incl_finance_leases.
     */
    static Column basis(Column ticker, Column note) {
        Column n = lower(note);
        return when(n.contains("not capex guidance").or(n.contains("commitment")).or(n.contains("pledge")),
                lit("investment_pledge"))
                .when(n.contains("% of revenue"), lit("pct_of_revenue"))
                .when(n.contains("finance lease"), lit("incl_finance_leases"))
                .when(n.rlike("ai-enabled data ?centers?|data ?center investment|ai hardware infrastructure"),
                        lit("ai_datacenter_investment"))
                .when(n.contains("cash capex"), lit("cash_capex"))
                .when(ticker.equalTo("META"), lit("incl_finance_leases"))
                .otherwise(lit("unknown"));
    }

    /** gold.capex_guidance_vs_actual from validated guidance rows and silver.quarterly_financials. */
    public static Dataset<Row> build(Dataset<Row> validGuidance, Dataset<Row> quarterlyFinancials) {
        Dataset<Row> quarters = quarterlyFinancials.select(col("ticker").as("_q_ticker"), col("fiscal_year"),
                col("calendar_quarter").substr(1, 4).cast("int").as("calendar_year"), col("capex"),
                col("finance_lease_principal"),
                Sources.of(col("sources"), ACTUAL_INPUTS, col("calendar_quarter")).as("_q_sources"));
        quarters = Reused.once(quarters); // read by both year totals
        Dataset<Row> fiscal = yearTotals(quarters, "fiscal_year", "fiscal_year");
        Dataset<Row> calendar = yearTotals(quarters, "calendar_year", "calendar_year");
        Dataset<Row> totals = fiscal.unionByName(calendar);

        Dataset<Row> joined = validGuidance.join(totals,
                col("ticker").equalTo(col("_t_ticker")).and(col("period_kind").equalTo(col("_t_kind")))
                        .and(col("period_year").equalTo(col("_t_year"))), "left");

        Column quartersReported = coalesce(col("_n_capex"), lit(0L)).cast("int");
        Column complete = coalesce(col("_n_capex"), lit(0L)).equalTo(4);
        Column actualCapex = when(complete, col("_capex").divide(1000)).cast(BN);
        Column actualFlp = when(complete.and(col("_n_flp").equalTo(4)), col("_flp").divide(1000)).cast(BN);
        Column inclLeases = col("basis").equalTo("incl_finance_leases");
        Column reference = when(col("high_usd_bn").isNotNull(),
                col("low_usd_bn").plus(col("high_usd_bn")).divide(2)).otherwise(col("low_usd_bn")).cast(BN);
        Column noFigure = col("low_usd_bn").isNull();
        Column yearly = col("period_kind").isin("fiscal_year", "calendar_year");

        Column comparison = when(col("basis").isin("investment_pledge", "pct_of_revenue", "ai_datacenter_investment")
                .or(noFigure).or(yearly.equalTo(false)), lit("not_comparable"))
                .when(complete.equalTo(false), lit("pending"))
                .when(inclLeases.and(col("actual_finance_lease_principal_usd_bn").isNull()), lit("not_comparable"))
                .otherwise(lit("comparable"));
        Column reason = when(col("basis").equalTo("investment_pledge"),
                lit("investment pledge over several years, not capex guidance"))
                .when(col("basis").equalTo("pct_of_revenue"), lit("guidance is a percentage of revenue, not a dollar figure"))
                .when(noFigure, lit("no dollar figure in the guidance"))
                .when(yearly.equalTo(false), lit("period is not one fiscal or calendar year"))
                .when(col("basis").equalTo("ai_datacenter_investment"),
                        lit("AI-datacenter investment statement, not a capex range; lease treatment not stated"))
                .when(complete.equalTo(false), concat(quartersReported.cast("string"), lit(" of 4 quarters reported")))
                .when(inclLeases.and(col("actual_finance_lease_principal_usd_bn").isNull()),
                        lit("guidance includes finance leases; we hold cash purchases of PP&E only"))
                .when(inclLeases, lit("guidance includes principal payments on finance leases; compared with capex + finance_lease_principal"))
                .when(col("basis").equalTo("cash_capex"), lit("cash capex; compared with cash purchases of PP&E"))
                .otherwise(lit("basis not stated in the source; compared with cash purchases of PP&E"));

        Column compared = when(col("comparison").equalTo("comparable"),
                when(inclLeases, col("actual_capex_usd_bn").plus(col("actual_finance_lease_principal_usd_bn")))
                        .otherwise(col("actual_capex_usd_bn"))).cast(BN);
        Column within = when(col("compared_actual_usd_bn").isNotNull(),
                col("compared_actual_usd_bn").geq(col("low_usd_bn")).and(coalesce(
                        col("compared_actual_usd_bn").leq(col("high_usd_bn")), lit(true))));

        return joined
                .withColumn("quarters_reported", when(yearly, quartersReported))
                .withColumn("actual_capex_usd_bn", actualCapex)
                .withColumn("actual_finance_lease_principal_usd_bn", actualFlp)
                .withColumn("guidance_reference", when(col("high_usd_bn").isNotNull(), lit("midpoint"))
                        .when(col("low_usd_bn").isNotNull(), lit("low")))
                .withColumn("guidance_reference_usd_bn", reference)
                .withColumn("comparison", comparison)
                .withColumn("comparison_reason", reason)
                .withColumn("compared_actual_usd_bn", compared)
                .withColumn("difference_pct", when(col("compared_actual_usd_bn").isNotNull().and(reference.gt(0)),
                        col("compared_actual_usd_bn").cast("double").minus(reference.cast("double"))
                                .divide(reference.cast("double")).multiply(100.0)))
                .withColumn("within_guidance", within)
                .withColumn("source_line", col("line_number"))
                // no quarter of the period in silver (or not a one-year period): nothing to list
                .withColumn("sources", Sources.orEmpty(col("_sources")))
                .drop("_t_ticker", "_t_kind", "_t_year", "_n_capex", "_capex", "_n_flp", "_flp", "_sources",
                        "input_file", "line_number");
    }

    private static Dataset<Row> yearTotals(Dataset<Row> quarters, String yearColumn, String kind) {
        return quarters.groupBy(col("_q_ticker"), col(yearColumn))
                .agg(count(col("capex")).as("_n_capex"), sum(col("capex")).as("_capex"),
                        count(col("finance_lease_principal")).as("_n_flp"), sum(col("finance_lease_principal")).as("_flp"),
                        Sources.merged(col("_q_sources")).as("_sources"))
                .select(col("_q_ticker").as("_t_ticker"), lit(kind).as("_t_kind"), col(yearColumn).as("_t_year"),
                        col("_n_capex"), col("_capex"), col("_n_flp"), col("_flp"), col("_sources"));
    }
}

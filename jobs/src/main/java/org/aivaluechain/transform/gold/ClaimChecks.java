package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.Reused;
import org.aivaluechain.transform.Split;
import org.aivaluechain.transform.validation.Reasons;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * gold.claim_checks: each quantitative claim of claims.csv recomputed from our tables, with a verdict.
 * Contract in schemas/gold/claim_checks.sql; the input columns and metric vocabulary in schemas/input/claims.md.
 *
 * <p>A claim names one ticker or several joined by '+' (their amounts are summed; a ratio of sums for growth).
 * Periods: FY2025 / FY2025Q3 are fiscal labels, CY2025 / 2025Q3 calendar quarters (silver's calendar_quarter).
 * Growth compares with the same period one year earlier. Amounts come from silver in USD; claims in cny_bn and
 * ratio claims (pct) are computed in the reporting currency (USD value × the quarter's fx_avg_per_usd).
 * sources names the claim's own line and article, and the filing of every silver value and guidance statement the
 * claim was recomputed from (see {@link Sources}).
 */
public final class ClaimChecks {

    static final Set<String> AMOUNT_METRICS = Set.of("revenue", "net_income", "capex", "segment_revenue",
            "capex_guidance");
    static final Set<String> SEGMENT_METRICS = Set.of("segment_revenue", "segment_share_of_revenue",
            "segment_revenue_growth_yoy");
    static final Set<String> GUIDANCE_METRICS = Set.of("capex_guidance", "capex_guidance_growth_yoy");
    static final Set<String> CAPEX_METRICS = Set.of("capex", "capex_growth_yoy", "capex_guidance_growth_yoy");
    private static final String NOT_IN_TABLES = "not_in_our_tables";
    /**
     * The silver.quarterly_financials metrics each claim metric is recomputed from (segment metrics add the segment's
     * revenue; capex claims on basis incl_finance_lease_principal add finance_lease_principal).
     */
    private static final Map<String, List<String>> QUARTERLY_INPUTS = Map.ofEntries(
            Map.entry("revenue", List.of("revenue")),
            Map.entry("net_income", List.of("net_income")),
            Map.entry("capex", List.of("capex")),
            Map.entry("segment_share_of_revenue", List.of("revenue")),
            Map.entry("gross_margin", List.of("gross_profit", "revenue")),
            Map.entry("operating_margin", List.of("operating_income", "revenue")),
            Map.entry("net_margin", List.of("net_income", "revenue")),
            Map.entry("revenue_growth_yoy", List.of("revenue")),
            Map.entry("net_income_growth_yoy", List.of("net_income")),
            Map.entry("capex_growth_yoy", List.of("capex")),
            Map.entry("capex_guidance_growth_yoy", List.of("capex")));
    private static final String[] SUMMED = {"revenue", "gross_profit", "operating_income", "net_income", "capex",
            "capex_flp", "segment_revenue"};

    static final String[] VALID = {"claim_id", "article", "article_date", "claim_text", "claim_text_en", "metric",
            "ticker", "segment", "period", "comparator", "claimed_value", "unit", "basis", "tolerance",
            "tolerance_kind", "notes", "input_file", "line_number"};

    private ClaimChecks() {
    }

    /** Checks parsed claims.csv rows against silver.companies and the metric's needs (ticker, segment, unit, period). */
    public static Split validate(Dataset<Row> claims, Dataset<Row> companies) {
        Dataset<Row> unknown = claims.where(col("ticker").notEqual(""))
                .select(col("claim_id").as("_u_id"), explode(split(col("ticker"), "\\+")).as("_t"))
                .join(companies.select(col("ticker").as("_known")), col("_t").equalTo(col("_known")), "left")
                .where(col("_known").isNull())
                .groupBy("_u_id").agg(array_sort(collect_list(col("_t"))).as("_unknown"));
        Dataset<Row> checked = claims.join(unknown, col("claim_id").equalTo(col("_u_id")), "left");
        Column metric = col("metric");
        Column isAmount = metric.isin(AMOUNT_METRICS.toArray());
        Column yearly = col("period").rlike("^(FY|CY)\\d{4}$");
        Column reason = Split.reasons(
                when(metric.notEqual(NOT_IN_TABLES).and(col("ticker").equalTo("")), lit("ticker is empty")),
                when(col("_unknown").isNotNull(), Reasons.unknownTickers(col("_unknown"))),
                when(metric.isin(SEGMENT_METRICS.toArray()).and(col("segment").equalTo("")),
                        lit("segment is empty for a segment metric")),
                when(metric.isin(GUIDANCE_METRICS.toArray()).and(yearly.equalTo(false)),
                        lit("guidance metrics need a FY or CY period")),
                when(metric.notEqual(NOT_IN_TABLES).and(isAmount.and(col("unit").equalTo("pct"))
                                .or(isAmount.equalTo(false).and(col("unit").notEqual("pct")))),
                        concat(lit("unit "), col("unit"), lit(" does not fit metric "), metric)),
                when(col("tolerance").lt(0), Reasons.negative("tolerance")));
        return Split.onReason(checked, reason, VALID, "claim_id", "article", "metric", "ticker", "period",
                "claimed_value", "unit");
    }

    /**
     * gold.claim_checks from valid claims, silver.quarterly_financials, silver.segment_financials and
     * gold.capex_guidance_vs_actual.
     */
    public static Dataset<Row> build(Dataset<Row> validClaims, Dataset<Row> quarterlyFinancials,
                                     Dataset<Row> segmentFinancials, Dataset<Row> guidance) {
        Dataset<Row> perTicker = validClaims.where(col("metric").notEqual(NOT_IN_TABLES))
                .select(col("claim_id"), col("metric"), col("segment"), col("unit"), col("basis"), col("article_date"),
                        col("period"), explode(split(col("ticker"), "\\+")).as("_ticker"))
                .withColumn("_kind", when(col("period").startsWith("FY"), lit("fiscal")).otherwise(lit("calendar")))
                .withColumn("_year", regexp_extract(col("period"), "(\\d{4})", 1).cast("int"))
                .withColumn("_quarter", when(col("period").contains("Q"),
                        regexp_extract(col("period"), "Q([1-4])$", 1).cast("int")))
                .withColumn("_expected", when(col("_quarter").isNull(), lit(4)).otherwise(lit(1)));

        // perTicker and values each feed several branches: planned once each (Reused.once)
        perTicker = Reused.once(perTicker);
        Dataset<Row> values = Reused.once(periodValues(perTicker, quarterlyFinancials, segmentFinancials));
        Dataset<Row> current = values.where(col("_offset").equalTo(0)).drop("_offset");
        Dataset<Row> prior = values.where(col("_offset").equalTo(1)).drop("_offset");
        for (String c : prior.columns()) {
            if (!c.equals("claim_id")) {
                prior = prior.withColumnRenamed(c, c + "_prior");
            }
        }
        Dataset<Row> guided = guidanceValues(perTicker, guidance);

        Dataset<Row> joined = validClaims
                .join(current.withColumnRenamed("claim_id", "_c_id"), col("claim_id").equalTo(col("_c_id")), "left")
                .join(prior.withColumnRenamed("claim_id", "_p_id"), col("claim_id").equalTo(col("_p_id")), "left")
                .join(guided.withColumnRenamed("claim_id", "_g_id"), col("claim_id").equalTo(col("_g_id")), "left");

        Column leases = col("basis").equalTo("incl_finance_lease_principal");
        Column capex = when(leases, col("capex_flp")).otherwise(col("capex"));
        Column capexPrior = when(leases, col("capex_flp_prior")).otherwise(col("capex_prior"));
        Column m = col("metric");
        Column raw = when(m.equalTo("revenue"), bn(col("revenue")))
                .when(m.equalTo("net_income"), bn(col("net_income")))
                .when(m.equalTo("capex"), bn(capex))
                .when(m.equalTo("segment_revenue"), bn(col("segment_revenue")))
                .when(m.equalTo("segment_share_of_revenue"), pct(col("segment_revenue"), col("revenue")))
                .when(m.equalTo("gross_margin"), pct(col("gross_profit"), col("revenue")))
                .when(m.equalTo("operating_margin"), pct(col("operating_income"), col("revenue")))
                .when(m.equalTo("net_margin"), pct(col("net_income"), col("revenue")))
                .when(m.equalTo("revenue_growth_yoy"), growth(col("revenue"), col("revenue_prior")))
                .when(m.equalTo("net_income_growth_yoy"), growth(col("net_income"), col("net_income_prior")))
                .when(m.equalTo("capex_growth_yoy"), growth(capex, capexPrior))
                .when(m.equalTo("segment_revenue_growth_yoy"), growth(col("segment_revenue"), col("segment_revenue_prior")))
                .when(m.equalTo("capex_guidance"), col("guidance_usd_bn"))
                .when(m.equalTo("capex_guidance_growth_yoy"), growth(col("guidance_usd_bn").multiply(1000), capexPrior));
        Column ourValue = round(raw, 4);

        Column claimed = col("claimed_value").cast("double");
        Column allowed = when(col("tolerance_kind").equalTo("relative"), abs(claimed).multiply(col("tolerance").cast("double")))
                .otherwise(col("tolerance").cast("double"));
        Column diff = col("our_value").minus(claimed);
        Column holds = when(col("comparator").equalTo("approx"), abs(diff).leq(allowed.plus(1e-9)))
                .when(col("comparator").equalTo("at_least"), diff.geq(allowed.plus(1e-9).multiply(-1)))
                .otherwise(diff.leq(allowed.plus(1e-9)));
        Column needsPrior = m.endsWith("_growth_yoy");
        Column leaseClaim = col("basis").equalTo("incl_finance_leases").and(m.isin(CAPEX_METRICS.toArray()));
        Column foundText = concat(coalesce(col("quarters_found"), lit(0L)).cast("string"), lit(" of "),
                col("quarters_expected").cast("string"), lit(" quarters"));

        Column verdict = when(m.equalTo(NOT_IN_TABLES), lit("cannot_check"))
                .when(leaseClaim, lit("cannot_check"))
                .when(col("our_value").isNull(), lit("cannot_check"))
                .when(holds, lit("holds"))
                .otherwise(lit("does_not_hold"));
        Column reason = when(m.equalTo(NOT_IN_TABLES), lit("metric not in our tables"))
                .when(leaseClaim, lit("claim counts finance leases; we hold cash capex only (our_value is cash purchases of PP&E)"))
                .when(col("our_value").isNull().and(m.isin(GUIDANCE_METRICS.toArray())).and(col("guidance_usd_bn").isNull()),
                        lit("no dollar guidance for this period in gold.capex_guidance_vs_actual announced by the article date"))
                .when(col("our_value").isNull().and(m.isin(GUIDANCE_METRICS.toArray()).equalTo(false))
                                .and(coalesce(col("quarters_found"), lit(0L)).lt(col("quarters_expected"))),
                        concat(lit("period not in our data ("), foundText, lit(")")))
                .when(col("our_value").isNull().and(needsPrior)
                                .and(coalesce(col("quarters_found_prior"), lit(0L)).lt(col("quarters_expected"))),
                        concat(lit("prior-year period not in our data ("),
                                coalesce(col("quarters_found_prior"), lit(0L)).cast("string"), lit(" of "),
                                col("quarters_expected").cast("string"), lit(" quarters)")))
                .when(col("our_value").isNull(), lit("metric not reported for this period in our tables"))
                .when(col("verdict").equalTo("holds"), concat(lit("within tolerance (difference "),
                        format_number(col("difference"), 2), lit(")")))
                .when(col("comparator").equalTo("at_least"), concat(lit("below the claimed minimum by "),
                        format_number(abs(col("difference")), 2)))
                .when(col("comparator").equalTo("at_most"), concat(lit("above the claimed maximum by "),
                        format_number(col("difference"), 2)))
                .otherwise(concat(lit("outside tolerance (difference "), format_number(col("difference"), 2), lit(")")));
        Column computedFrom = when(m.equalTo(NOT_IN_TABLES), lit(null).cast("string"))
                .when(m.equalTo("capex_guidance"), lit("gold.capex_guidance_vs_actual"))
                .when(m.equalTo("capex_guidance_growth_yoy"), lit("gold.capex_guidance_vs_actual, silver.quarterly_financials"))
                .when(m.isin(SEGMENT_METRICS.toArray()), lit("silver.segment_financials, silver.quarterly_financials"))
                .otherwise(lit("silver.quarterly_financials"));

        return joined
                .withColumn("quarters_expected", when(m.notEqual(NOT_IN_TABLES).and(m.notEqual("capex_guidance")),
                        col("_expected_total")))
                // guidance growth divides by the prior year's actual: its quarters are the ones that count
                .withColumn("quarters_found", when(col("quarters_expected").isNotNull(), coalesce(
                        when(m.equalTo("capex_guidance_growth_yoy"), col("quarters_found_prior"))
                                .otherwise(col("quarters_found")), lit(0L))))
                .withColumn("our_value", when(m.notEqual(NOT_IN_TABLES), ourValue))
                .withColumn("difference", round(diff, 4))
                .withColumn("verdict", verdict)
                .withColumn("verdict_reason", reason)
                .withColumn("computed_from", computedFrom)
                .withColumn("source_line", col("line_number"))
                .withColumn("sources", Sources.union(
                        Sources.entry(lit("claim"), concat(lit("claims.csv line "), col("line_number").cast("string"),
                                lit(": "), col("article"))),
                        col("sources"), col("sources_prior"), col("guidance_sources")))
                .select("claim_id", "article", "article_date", "claim_text", "claim_text_en", "metric", "ticker",
                        "segment", "period", "comparator", "claimed_value", "unit", "basis", "tolerance",
                        "tolerance_kind", "our_value", "difference", "quarters_expected", "quarters_found", "verdict",
                        "verdict_reason", "computed_from", "notes", "source_line", "sources");
    }

    /**
     * Per claim and offset (0 = the claim's period, 1 = the same period a year earlier): sums over its quarters
     * and tickers, each null unless every ticker has the metric in every quarter of the period.
     */
    private static Dataset<Row> periodValues(Dataset<Row> perTicker, Dataset<Row> quarterly, Dataset<Row> segments) {
        Dataset<Row> offsets = perTicker.sparkSession().range(0, 2).select(col("id").cast("int").as("_offset"));
        Dataset<Row> wanted = perTicker.crossJoin(offsets).withColumn("_y", col("_year").minus(col("_offset")));
        Dataset<Row> q = quarterly.select(col("ticker").as("_q_ticker"), col("fiscal_year").as("_fy"),
                col("fiscal_quarter").as("_fq"), col("calendar_quarter").substr(1, 4).cast("int").as("_cy"),
                col("calendar_quarter").substr(6, 1).cast("int").as("_cq"), col("fx_avg_per_usd").as("_fx"),
                col("calendar_quarter").as("_q_label"), col("sources").as("_q_sources"),
                col("revenue"), col("gross_profit"), col("operating_income"), col("net_income"), col("capex"),
                when(col("capex").isNotNull().and(col("finance_lease_principal").isNotNull()),
                        col("capex").plus(col("finance_lease_principal"))).as("capex_flp"));
        Column fiscalMatch = col("_kind").equalTo("fiscal").and(col("_fy").equalTo(col("_y")))
                .and(col("_quarter").isNull().or(col("_fq").equalTo(col("_quarter"))));
        Column calendarMatch = col("_kind").equalTo("calendar").and(col("_cy").equalTo(col("_y")))
                .and(col("_quarter").isNull().or(col("_cq").equalTo(col("_quarter"))));
        Dataset<Row> seg = segments.select(col("ticker").as("_s_ticker"), col("fiscal_year").as("_s_fy"),
                col("fiscal_quarter").as("_s_fq"), col("segment").as("_s_segment"), col("revenue").as("segment_revenue"),
                col("sources").as("_s_sources"));
        Dataset<Row> matched = wanted
                .join(q, col("_ticker").equalTo(col("_q_ticker")).and(fiscalMatch.or(calendarMatch)), "left")
                .join(seg, col("_ticker").equalTo(col("_s_ticker")).and(col("_fy").equalTo(col("_s_fy")))
                        .and(col("_fq").equalTo(col("_s_fq"))).and(col("segment").equalTo(col("_s_segment"))), "left");
        // claims in cny_bn and ratios use the reporting currency; usd_bn claims and guidance growth stay in USD
        Column usd = col("unit").equalTo("usd_bn").or(col("metric").equalTo("capex_guidance_growth_yoy"));
        Column factor = when(usd, lit(1)).otherwise(col("_fx"));

        List<Column> perTickerAggs = new ArrayList<>();
        perTickerAggs.add(count(col("_fy")).as("_n"));
        perTickerAggs.add(Sources.merged(inputSources()).as("_sources"));
        for (String metric : SUMMED) {
            perTickerAggs.add(sum(col(metric).multiply(factor)).as("_sum_" + metric));
            perTickerAggs.add(count(col(metric)).as("_cnt_" + metric));
        }
        Dataset<Row> byTicker = matched
                .groupBy(col("claim_id"), col("_offset"), col("_ticker"), col("_expected"))
                .agg(perTickerAggs.get(0), perTickerAggs.subList(1, perTickerAggs.size()).toArray(Column[]::new));
        List<Column> claimAggs = new ArrayList<>();
        claimAggs.add(sum(col("_n")).as("quarters_found"));
        claimAggs.add(sum(col("_expected")).as("_expected_total"));
        claimAggs.add(Sources.merged(col("_sources")).as("sources"));
        for (String metric : SUMMED) {
            Column full = when(col("_cnt_" + metric).equalTo(col("_expected")).and(col("_n").equalTo(col("_expected"))),
                    col("_sum_" + metric));
            claimAggs.add(when(count(full).equalTo(count(lit(1))), sum(full)).as(metric));
        }
        return byTicker.groupBy(col("claim_id"), col("_offset"))
                .agg(claimAggs.get(0), claimAggs.subList(1, claimAggs.size()).toArray(Column[]::new));
    }

    /**
     * Per matched quarter of a claim's ticker: the sources of the values the claim uses from it, keyed "TICKER metric
     * quarter" ("TICKER.segment revenue quarter" for segment revenue). The claim's period (offset 0) is used by every
     * claim but guidance ones; the year-earlier period (offset 1) by growth claims only.
     */
    private static Column inputSources() {
        Column m = col("metric");
        Column metrics = array().cast("array<string>");
        for (Map.Entry<String, List<String>> e : QUARTERLY_INPUTS.entrySet()) {
            metrics = when(m.equalTo(e.getKey()), array(e.getValue().stream().map(functions::lit).toArray(Column[]::new)))
                    .otherwise(metrics);
        }
        metrics = when(col("basis").equalTo("incl_finance_lease_principal").and(m.isin(CAPEX_METRICS.toArray())),
                concat(metrics, array(lit("finance_lease_principal")))).otherwise(metrics);
        Column quarterly = Sources.of(col("_q_sources"), metrics, col("_ticker"), col("_q_label"));
        Column segment = when(m.isin(SEGMENT_METRICS.toArray()), Sources.of(col("_s_sources"), List.of("revenue"),
                concat(col("_ticker"), lit("."), col("segment")), col("_q_label")));
        Column used = col("_offset").equalTo(0).and(m.isin(GUIDANCE_METRICS.toArray()).equalTo(false))
                .or(col("_offset").equalTo(1).and(m.endsWith("_growth_yoy")));
        return when(used, Sources.union(quarterly, segment));
    }

    /**
     * Per guidance claim: the sum over its tickers of the reference figure (midpoint, or low for a lower bound)
     * of the latest guidance for the period announced on or before the article date (any date when the claim has
     * none; a guidance row without a date counts only then). Null unless every ticker has such guidance.
     * guidance_sources: "TICKER capex_guidance PERIOD" -> the source of each guidance row used.
     */
    private static Dataset<Row> guidanceValues(Dataset<Row> perTicker, Dataset<Row> guidance) {
        Dataset<Row> g = guidance.where(col("guidance_reference_usd_bn").isNotNull()
                        .and(col("basis").isin("investment_pledge", "pct_of_revenue").equalTo(false)))
                .select(col("ticker").as("_g_ticker"), col("period_kind").as("_g_kind"), col("period_year").as("_g_year"),
                        col("announced_date").as("_g_date"), col("guidance_reference_usd_bn").as("_g_value"),
                        col("source").as("_g_source"));
        Column known = col("article_date").isNull().or(col("_g_date").leq(col("article_date")));
        Dataset<Row> latest = perTicker.where(col("metric").isin(GUIDANCE_METRICS.toArray()))
                .join(g, col("_ticker").equalTo(col("_g_ticker"))
                        .and(col("_g_kind").equalTo(concat(col("_kind"), lit("_year"))))
                        .and(col("_g_year").equalTo(col("_year"))).and(known), "left")
                .withColumn("_rank", row_number().over(Window.partitionBy("claim_id", "_ticker")
                        .orderBy(col("_g_date").desc_nulls_last())))
                .where(col("_rank").equalTo(1));
        Column guidanceSource = Sources.entry(concat(col("_ticker"), lit(" capex_guidance "), col("period")),
                col("_g_source"));
        return latest.groupBy("claim_id")
                .agg(when(count(col("_g_value")).equalTo(count(lit(1))), sum(col("_g_value"))).as("guidance_usd_bn"),
                        Sources.merged(guidanceSource).as("guidance_sources"));
    }

    private static Column bn(Column millions) {
        return millions.cast("double").divide(1000.0);
    }

    private static Column pct(Column part, Column whole) {
        return when(whole.notEqual(0), part.cast("double").divide(whole.cast("double")).multiply(100.0));
    }

    private static Column growth(Column now, Column before) {
        return when(before.gt(0), now.cast("double").divide(before.cast("double")).minus(1.0).multiply(100.0));
    }
}

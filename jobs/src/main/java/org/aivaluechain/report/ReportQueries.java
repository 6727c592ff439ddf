package org.aivaluechain.report;

import java.util.List;

import org.aivaluechain.report.ChartSpec.CoverageScope;
import org.aivaluechain.report.ChartSpec.Kind;
import org.aivaluechain.report.ChartSpec.Unit;

/**
 * Every chart of the report and the SQL that feeds it, in one place. Each chart query returns
 * {@code series, calendar_quarter, value, complete, coverage} and optionally {@code panel} (see {@link ChartSpec});
 * nulls are gaps. Queries use the logical table names (gold.*); {@link ReportWriter} maps them to the configured
 * catalog and schemas. Headline charts draw no partial quarter at either edge, and the share and HHI charts
 * compare quarters on a constant panel.
 */
public final class ReportQueries {

    public static final ChartSpec CAPEX_INTENSITY = new ChartSpec("capex-intensity",
            "Capex intensity of the hyperscalers (trailing twelve months)",
            "Capital expenditure over revenue, each summed over the last four calendar quarters "
                    + "(gold.capex_intensity.capex_intensity_ttm). A point needs all four quarters.",
            Kind.LINES, Unit.PERCENT, "TTM capex / TTM revenue (%)", CoverageScope.PER_SERIES, """
            SELECT ticker AS series, calendar_quarter, capex_intensity_ttm AS value,
                   true AS complete, CAST(NULL AS STRING) AS coverage
            FROM gold.capex_intensity
            WHERE layer = 'hyperscaler'""");

    public static final ChartSpec CAPEX_VS_NVIDIA = new ChartSpec("capex-vs-nvidia",
            "Hyperscaler capex vs NVIDIA Data Center revenue (constant panel)",
            "Quarterly capex of the hyperscalers (non-USD reporters at the quarter's average rate) against NVIDIA's "
                    + "Data Center segment revenue, USD billions, over a constant panel: the members with a value in "
                    + "every quarter of the headline window (gold.supplier_capture.panel_hyperscaler_capex and "
                    + "panel_ai_chip_datacenter_revenue), so no quarter rises or falls because a company is missing.",
            Kind.LINES, Unit.USD_BN, "USD billions per quarter", CoverageScope.PER_SERIES, """
            WITH drawn AS (
              SELECT * FROM gold.supplier_capture WHERE panel_members IS NOT NULL),
            note AS (
              SELECT concat('constant panel ', min(calendar_quarter), '–', max(calendar_quarter),
                       ' (the 12 quarters up to the latest whose coverage by trailing revenue is at least ',
                       CAST(round(max(coverage_threshold) * 100) AS INT), '%): ',
                       array_join(array_sort(first(panel_members)), ', '), '; left out, missing in some quarter of it: ',
                       coalesce(nullif(array_join(array_sort(array_distinct(flatten(collect_list(
                           concat(hyperscalers_missing, suppliers_missing))))), ', '), ''), 'none')) AS panel
              FROM drawn)
            SELECT 'Hyperscaler capex' AS series, calendar_quarter,
                   CAST(panel_hyperscaler_capex AS DOUBLE) / 1000 AS value, true AS complete,
                   CAST(NULL AS STRING) AS coverage, panel
            FROM drawn CROSS JOIN note
            UNION ALL
            SELECT 'NVIDIA Data Center revenue', calendar_quarter,
                   CAST(panel_ai_chip_datacenter_revenue AS DOUBLE) / 1000, true, CAST(NULL AS STRING), panel
            FROM drawn CROSS JOIN note""");

    /** The layer margin comes from gold (value_concentration.operating_margin); the report only selects it. */
    public static final ChartSpec MARGIN_BY_LAYER = new ChartSpec("margin-by-layer",
            "Operating margin by value-chain layer",
            "Sum of operating income over sum of revenue of the layer's companies that report operating income "
                    + "that quarter (gold.value_concentration.operating_margin, grouping 'layer'). Partial quarters "
                    + "at either edge, and the first quarters while fewer than half of the chain's companies had "
                    + "started reporting, are left out; a hollow point misses a company whose coverage has started.",
            Kind.LINES, Unit.PERCENT, "operating income / revenue (%)", CoverageScope.PER_QUARTER, """
            WITH chain AS (
              SELECT max(members_expected) AS companies FROM gold.value_concentration WHERE grouping = 'layer'),
            edges AS (
              -- coverage weighs only the companies whose coverage has started, so the first quarters, when two
              -- or three companies make up the chain, are never partial: they start the chart only once half of
              -- the chain's companies have started
              SELECT min(calendar_quarter) FILTER (WHERE members_expected * 2 >= chain.companies) AS first_q,
                     max(calendar_quarter) AS last_q, max(coverage_threshold) AS threshold
              FROM gold.value_concentration CROSS JOIN chain WHERE grouping = 'layer' AND NOT partial)
            SELECT member AS series, calendar_quarter, operating_margin AS value, complete,
                   CASE WHEN NOT complete THEN concat('missing ', array_join(members_missing, ', ')) END AS coverage,
                   concat('left out at the edges: partial quarters (coverage by trailing revenue below ',
                          CAST(round(threshold * 100) AS INT), '%) and quarters in which fewer than half of the ',
                          'companies of the chain had started reporting: ',
                          coalesce((SELECT array_join(array_sort(collect_set(calendar_quarter)), ', ')
                                    FROM gold.value_concentration, edges
                                    WHERE calendar_quarter < first_q OR calendar_quarter > last_q), 'none')) AS panel
            FROM gold.value_concentration CROSS JOIN edges
            WHERE grouping = 'layer' AND calendar_quarter BETWEEN first_q AND last_q""", -0.5);

    public static final ChartSpec PROFIT_POOL = new ChartSpec("profit-pool",
            "Share of the chain's operating profit by layer (constant panel)",
            "Each layer's operating income over the total of a constant panel: the companies that reported "
                    + "operating income in every quarter drawn (gold.value_concentration.panel_profit_pool_share, "
                    + "grouping 'layer'), so companies entering or missing the data do not move the shares. Losses "
                    + "count negative and are drawn below zero, so a quarter's bars sum to 100%.",
            Kind.STACKED_BARS, Unit.PERCENT, "share of operating profit (%)", CoverageScope.PER_QUARTER, """
            WITH chain AS (
              SELECT array_sort(collect_set(member)) AS companies FROM gold.value_concentration
              WHERE grouping = 'company'),
            drawn AS (
              SELECT * FROM gold.value_concentration
              WHERE grouping = 'layer' AND panel_profit_pool_share IS NOT NULL),
            span AS (SELECT min(calendar_quarter) AS first_q, max(calendar_quarter) AS last_q FROM drawn)
            SELECT member AS series, calendar_quarter, panel_profit_pool_share AS value, true AS complete,
                   CAST(NULL AS STRING) AS coverage,
                   concat('constant panel of ', size(panel_tickers), ' companies: ', array_join(panel_tickers, ', '),
                          '; left out, without operating income in some quarter of ', first_q, '–', last_q, ': ',
                          coalesce(nullif(array_join(array_except(companies, panel_tickers), ', '), ''), 'none'),
                          '; the headline window ends at the latest quarter that is not partial (coverage by ',
                          'trailing revenue at least ', CAST(round(coverage_threshold * 100) AS INT), '%)') AS panel
            FROM drawn CROSS JOIN chain CROSS JOIN span""");

    public static final ChartSpec HHI = new ChartSpec("hhi",
            "Concentration of operating profit (HHI, constant panel)",
            "Herfindahl-Hirschman index of positive operating-profit shares, 0 to 10,000, on each grouping's "
                    + "constant panel (gold.value_concentration.panel_hhi): by company, by layer, and by layer "
                    + "counting only the AI-relevant segments of companies that report them, over quarters counted "
                    + "the same way (a change of counting method starts a new series).",
            Kind.LINES, Unit.POINTS, "HHI (0 to 10,000)", CoverageScope.PER_QUARTER, """
            WITH chain AS (
              SELECT array_sort(collect_set(member)) AS companies FROM gold.value_concentration
              WHERE grouping = 'company')
            SELECT CASE grouping WHEN 'company' THEN 'by company'
                                 WHEN 'layer' THEN 'by layer'
                                 ELSE 'by layer, AI segments only' END AS series,
                   calendar_quarter, max(panel_hhi) AS value, true AS complete, CAST(NULL AS STRING) AS coverage,
                   concat(CASE grouping WHEN 'company' THEN 'by company' WHEN 'layer' THEN 'by layer'
                                        ELSE 'by layer, AI segments only' END,
                          ': constant panel of ', size(max(panel_tickers)), ' companies, ',
                          min(calendar_quarter) OVER (PARTITION BY grouping), '–',
                          max(calendar_quarter) OVER (PARTITION BY grouping), '; left out: ',
                          coalesce(nullif(array_join(array_except(first(companies), max(panel_tickers)), ', '), ''),
                                   'none')) AS panel
            FROM gold.value_concentration CROSS JOIN chain
            WHERE panel_hhi IS NOT NULL
            GROUP BY grouping, calendar_quarter""");

    public static final List<ChartSpec> CHARTS = List.of(CAPEX_INTENSITY, CAPEX_VS_NVIDIA, MARGIN_BY_LAYER,
            PROFIT_POOL, HHI);

    /** The claim-checks table, columns in display order. */
    public static final String CLAIM_CHECKS = """
            SELECT claim_id, claim_text_en, period, ticker, claimed_value, unit, our_value, verdict, verdict_reason
            FROM gold.claim_checks
            ORDER BY claim_id""";

    private ReportQueries() {
    }
}

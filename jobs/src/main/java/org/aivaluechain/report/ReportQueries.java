package org.aivaluechain.report;

import java.util.List;

import org.aivaluechain.report.ChartSpec.CoverageScope;
import org.aivaluechain.report.ChartSpec.Kind;
import org.aivaluechain.report.ChartSpec.Unit;

/**
 * Every chart of the report and the SQL that feeds it, in one place. Each chart query returns
 * {@code series, calendar_quarter, value, complete, coverage} (see {@link ChartSpec}); nulls are gaps.
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
            "Hyperscaler capex vs NVIDIA Data Center revenue",
            "Quarterly capex of the hyperscalers in the registry (non-USD reporters at the quarter's average "
                    + "rate) against NVIDIA's Data Center segment revenue, USD billions (gold.supplier_capture).",
            Kind.LINES, Unit.USD_BN, "USD billions per quarter", CoverageScope.PER_SERIES, """
            SELECT 'Hyperscaler capex' AS series, calendar_quarter,
                   CAST(hyperscaler_capex AS DOUBLE) / 1000 AS value,
                   size(hyperscalers_missing) = 0 AS complete,
                   CASE WHEN size(hyperscalers_missing) > 0
                        THEN concat('missing ', array_join(hyperscalers_missing, ', ')) END AS coverage
            FROM gold.supplier_capture
            UNION ALL
            SELECT 'NVIDIA Data Center revenue', calendar_quarter,
                   CAST(ai_chip_datacenter_revenue AS DOUBLE) / 1000,
                   size(suppliers_missing) = 0,
                   CASE WHEN size(suppliers_missing) > 0
                        THEN concat('missing ', array_join(suppliers_missing, ', ')) END
            FROM gold.supplier_capture""");

    /** Layer margin = the layer's summed operating income over its summed revenue, companies reporting both. */
    public static final ChartSpec MARGIN_BY_LAYER = new ChartSpec("margin-by-layer",
            "Operating margin by value-chain layer",
            "Sum of operating income over sum of revenue of the layer's companies that report both that quarter "
                    + "(gold.margin_trends). A quarter is incomplete when a company whose coverage has started "
                    + "is missing.",
            Kind.LINES, Unit.PERCENT, "operating income / revenue (%)", CoverageScope.PER_SERIES, """
            WITH reported AS (
              SELECT layer, calendar_quarter, sum(operating_income) AS operating_income, sum(revenue) AS revenue,
                     collect_list(ticker) AS tickers
              FROM gold.margin_trends
              WHERE operating_income IS NOT NULL AND revenue IS NOT NULL
              GROUP BY layer, calendar_quarter),
            expected AS (
              SELECT q.calendar_quarter, c.layer, collect_list(c.ticker) AS tickers
              FROM (SELECT DISTINCT calendar_quarter FROM gold.margin_trends) q
              JOIN silver.companies c ON c.coverage_start <= q.calendar_quarter
              GROUP BY q.calendar_quarter, c.layer)
            SELECT r.layer AS series, r.calendar_quarter,
                   CAST(r.operating_income / r.revenue AS DOUBLE) AS value,
                   size(array_except(coalesce(e.tickers, array()), r.tickers)) = 0 AS complete,
                   CASE WHEN size(array_except(coalesce(e.tickers, array()), r.tickers)) > 0
                        THEN concat('missing ', array_join(array_sort(array_except(e.tickers, r.tickers)), ', '))
                   END AS coverage
            FROM reported r
            LEFT JOIN expected e ON e.layer = r.layer AND e.calendar_quarter = r.calendar_quarter""", -0.5);

    public static final ChartSpec PROFIT_POOL = new ChartSpec("profit-pool",
            "Share of the chain's operating profit by layer",
            "Each layer's operating income over the chain's total (gold.value_concentration, grouping 'layer'); "
                    + "losses count negative and are drawn below zero, so a quarter's bars sum to 100%.",
            Kind.STACKED_BARS, Unit.PERCENT, "share of operating profit (%)", CoverageScope.PER_QUARTER, """
            SELECT member AS series, calendar_quarter, profit_pool_share AS value, complete,
                   CASE WHEN NOT complete THEN concat('missing ', array_join(members_missing, ', ')) END AS coverage
            FROM gold.value_concentration
            WHERE grouping = 'layer'""");

    public static final ChartSpec HHI = new ChartSpec("hhi",
            "Concentration of operating profit (HHI)",
            "Herfindahl-Hirschman index of positive operating-profit shares, 0 to 10,000 "
                    + "(gold.value_concentration): by company, by layer, and by layer counting only the "
                    + "AI-relevant segments of companies that report them.",
            Kind.LINES, Unit.POINTS, "HHI (0 to 10,000)", CoverageScope.PER_QUARTER, """
            SELECT CASE grouping WHEN 'company' THEN 'by company'
                                 WHEN 'layer' THEN 'by layer'
                                 ELSE 'by layer, AI segments only' END AS series,
                   calendar_quarter, max(hhi) AS value, bool_and(complete) AS complete,
                   CASE WHEN NOT bool_and(complete)
                        THEN concat('missing ', array_join(max(members_missing), ', ')) END AS coverage
            FROM gold.value_concentration
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

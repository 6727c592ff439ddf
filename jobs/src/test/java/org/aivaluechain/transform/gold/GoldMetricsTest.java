package org.aivaluechain.transform.gold;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;
import static org.aivaluechain.testing.Frames.sources;

import java.math.BigDecimal;
import java.util.List;

import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class GoldMetricsTest {

    private static final String QUARTERLY = "ticker STRING, layer STRING, calendar_quarter STRING, fiscal_year INT, "
            + "fiscal_quarter INT, revenue DECIMAL(20,4), gross_profit DECIMAL(20,4), operating_income DECIMAL(20,4), "
            + "net_income DECIMAL(20,4), capex DECIMAL(20,4), depreciation_amortization DECIMAL(20,4), "
            + "sources MAP<STRING, STRING>, recast_from STRING";

    private static Object[] q(String ticker, String layer, String cq, Integer revenue, Integer gp, Integer oi,
                              Integer capex, Integer da) {
        return q(ticker, layer, cq, revenue, gp, oi, capex, da, "");
    }

    private static Object[] q(String ticker, String layer, String cq, Integer revenue, Integer gp, Integer oi,
                              Integer capex, Integer da, String recastFrom) {
        // every reported value's source names its quarter, e.g. "capex: 10-Q 2024Q1"
        java.util.Map<String, String> sources = new java.util.TreeMap<>();
        for (String[] m : new String[][]{{"revenue", String.valueOf(revenue)}, {"capex", String.valueOf(capex)},
                {"depreciation_amortization", String.valueOf(da)}, {"gross_profit", String.valueOf(gp)},
                {"operating_income", String.valueOf(oi)}, {"net_income", String.valueOf(oi)}}) {
            if (!m[1].equals("null")) {
                sources.put(m[0], "10-Q " + cq);
            }
        }
        return row(ticker, layer, cq, Integer.parseInt(cq.substring(0, 4)), Integer.parseInt(cq.substring(5)),
                dec(revenue), dec(gp), dec(oi), dec(oi), dec(capex), dec(da),
                scala.jdk.javaapi.CollectionConverters.asScala(sources), recastFrom);
    }

    private static BigDecimal dec(Integer v) {
        return v == null ? null : new BigDecimal(v);
    }

    /** "metric quarter" keys of one quarter's inputs. */
    private static List<String> keys(String quarter, String... metrics) {
        return java.util.Arrays.stream(metrics).map(m -> m + " " + quarter).toList();
    }

    /** The union of key lists, sorted as array_sort sorts them. */
    @SafeVarargs
    private static List<String> sorted(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).sorted().toList();
    }

    /** The frame with a column "inputs": the sorted keys of its sources. */
    private static Dataset<Row> withInputs(Dataset<Row> rows) {
        return rows.withColumn("inputs", org.apache.spark.sql.functions.array_sort(
                org.apache.spark.sql.functions.map_keys(org.apache.spark.sql.functions.col("sources"))));
    }

    @Test
    void capexIntensityTtmNeedsFourConsecutiveQuarters() {
        Dataset<Row> quarterly = frame(QUARTERLY,
                q("T", "hyperscaler", "2024Q1", 100, null, null, 10, 5),
                q("T", "hyperscaler", "2024Q2", 100, null, null, 20, 10),
                q("T", "hyperscaler", "2024Q3", 200, null, null, 30, null),
                q("T", "hyperscaler", "2024Q4", 200, null, null, 40, 20),
                q("T", "hyperscaler", "2025Q1", 400, null, null, 60, 30),
                q("U", "hyperscaler", "2024Q1", 100, null, null, 10, null),
                q("U", "hyperscaler", "2024Q2", 100, null, null, 10, null),
                q("U", "hyperscaler", "2024Q4", 100, null, null, 10, null),
                q("U", "hyperscaler", "2025Q1", 100, null, null, 10, null));
        assertRows(CapexIntensity.build(quarterly),
                "ticker, calendar_quarter, capex_intensity, capex_ttm, revenue_ttm, capex_intensity_ttm, capex_yoy_growth, capex_to_depreciation",
                row("T", "2024Q1", 0.1, null, null, null, null, 2.0),
                row("T", "2024Q2", 0.2, null, null, null, null, 2.0),
                row("T", "2024Q3", 0.15, null, null, null, null, null),
                row("T", "2024Q4", 0.2, 100, 600, 0.166666667, null, 2.0),
                row("T", "2025Q1", 0.15, 150, 900, 0.166666667, 5.0, 2.0),
                row("U", "2024Q1", 0.1, null, null, null, null, null),
                row("U", "2024Q2", 0.1, null, null, null, null, null),
                row("U", "2024Q4", 0.1, null, null, null, null, null),
                // 2024Q3 is missing, so there are not four consecutive quarters yet
                row("U", "2025Q1", 0.1, null, null, null, 0.0, null));
        // T 2025Q1: capex of 2024Q1 (year ago) to 2025Q1, revenue of the four TTM quarters, D&A of 2025Q1
        assertRows(CapexIntensity.build(quarterly).where("ticker = 'T' AND calendar_quarter = '2025Q1'")
                        .withColumn("inputs", org.apache.spark.sql.functions.array_sort(
                                org.apache.spark.sql.functions.map_keys(org.apache.spark.sql.functions.col("sources")))),
                "inputs",
                row(List.of("capex 2024Q1", "capex 2024Q2", "capex 2024Q3", "capex 2024Q4", "capex 2025Q1",
                        "depreciation_amortization 2025Q1", "revenue 2024Q2", "revenue 2024Q3", "revenue 2024Q4",
                        "revenue 2025Q1")));
    }

    @Test
    void noYearAgoPreviousQuarterOrTtmReachesAcrossACompanyRecast() {
        // D's quarters from 2025Q1 are on a new basis (a spin-off), those before it as first reported (Dell's
        // VMware spin-off in the sample: companies.csv recast_from)
        Dataset<Row> quarterly = frame(QUARTERLY,
                q("D", "servers_networking", "2024Q1", 100, 50, null, 10, null, "2025Q1"),
                q("D", "servers_networking", "2024Q2", 100, 50, null, 10, null, "2025Q1"),
                q("D", "servers_networking", "2024Q3", 100, 50, null, 10, null, "2025Q1"),
                q("D", "servers_networking", "2024Q4", 100, 50, null, 10, null, "2025Q1"),
                q("D", "servers_networking", "2025Q1", 80, 20, null, 8, null, "2025Q1"),
                q("D", "servers_networking", "2025Q2", 80, 24, null, 8, null, "2025Q1"));
        // margins 0.5 to 2024Q4, then 20/80 = 0.25 and 24/80 = 0.3; TTM 200/400 at 2024Q4 only; the one change on
        // the new basis is 2025Q2 against 2025Q1: (0.3 - 0.25) x 10,000 = 500 bp
        assertRows(MarginTrends.build(quarterly),
                "calendar_quarter, gross_margin, gross_margin_ttm, gross_margin_yoy_bps, gross_margin_qoq_bps",
                row("2024Q1", 0.5, null, null, null),
                row("2024Q2", 0.5, null, null, 0.0),
                row("2024Q3", 0.5, null, null, 0.0),
                row("2024Q4", 0.5, 0.5, null, 0.0),
                row("2025Q1", 0.25, null, null, null),
                row("2025Q2", 0.3, null, null, 500.0));
        // capex TTM 4 x 10 at 2024Q4; no TTM nor year-ago growth on the new basis yet
        assertRows(CapexIntensity.build(quarterly), "calendar_quarter, capex_ttm, capex_yoy_growth",
                row("2024Q1", null, null), row("2024Q2", null, null), row("2024Q3", null, null),
                row("2024Q4", 40, null), row("2025Q1", null, null), row("2025Q2", null, null));
        // lineage names no quarter from before the recast
        assertRows(withInputs(MarginTrends.build(quarterly)).where("calendar_quarter = '2025Q2'"), "inputs",
                row(sorted(keys("2025Q1", "revenue", "gross_profit"), keys("2025Q2", "revenue", "gross_profit"))));
    }

    @Test
    void marginChangesAreInBasisPointsAgainstTheSameCalendarQuarterAndThePreviousOne() {
        Dataset<Row> quarterly = frame(QUARTERLY,
                q("T", "chips", "2024Q1", 100, 50, 20, null, null),
                q("T", "chips", "2024Q2", 100, 55, 20, null, null),
                q("T", "chips", "2024Q3", 100, 60, null, null, null),
                q("T", "chips", "2024Q4", 100, 65, 30, null, null),
                q("T", "chips", "2025Q1", 100, 70, 40, null, null));
        // gross TTM at 2024Q4 = (50+55+60+65)/400 = 0.575, at 2025Q1 = (55+60+65+70)/400 = 0.625;
        // operating TTM needs all four operating incomes, and 2024Q3 has none
        // every column but sources (checked below); net income equals operating income in these rows
        assertRows(MarginTrends.build(quarterly),
                "ticker, layer, calendar_quarter, fiscal_year, fiscal_quarter, revenue, gross_profit, operating_income, "
                        + "net_income, gross_margin, gross_margin_ttm, gross_margin_yoy_bps, gross_margin_qoq_bps, "
                        + "operating_margin, operating_margin_ttm, operating_margin_yoy_bps, operating_margin_qoq_bps, "
                        + "net_margin, net_margin_ttm, net_margin_yoy_bps, net_margin_qoq_bps",
                row("T", "chips", "2024Q1", 2024, 1, 100, 50, 20, 20, 0.5, null, null, null,
                        0.2, null, null, null, 0.2, null, null, null),
                row("T", "chips", "2024Q2", 2024, 2, 100, 55, 20, 20, 0.55, null, null, 500.0,
                        0.2, null, null, 0.0, 0.2, null, null, 0.0),
                row("T", "chips", "2024Q3", 2024, 3, 100, 60, null, null, 0.6, null, null, 500.0,
                        null, null, null, null, null, null, null, null),
                row("T", "chips", "2024Q4", 2024, 4, 100, 65, 30, 30, 0.65, 0.575, null, 500.0,
                        0.3, null, null, null, 0.3, null, null, null),
                row("T", "chips", "2025Q1", 2025, 1, 100, 70, 40, 40, 0.7, 0.625, 2000.0, 500.0,
                        0.4, null, 2000.0, 1000.0, 0.4, null, 2000.0, 1000.0));
        // lineage: every input of this and the 4 previous quarters (TTM sums, year-ago and previous margins);
        // 2024Q3 has no operating (nor net) income to name
        String[] all = {"revenue", "gross_profit", "operating_income", "net_income"};
        List<String> q3 = keys("2024Q3", "revenue", "gross_profit");
        assertRows(withInputs(MarginTrends.build(quarterly)), "calendar_quarter, inputs",
                row("2024Q1", sorted(keys("2024Q1", all))),
                row("2024Q2", sorted(keys("2024Q1", all), keys("2024Q2", all))),
                row("2024Q3", sorted(keys("2024Q1", all), keys("2024Q2", all), q3)),
                row("2024Q4", sorted(keys("2024Q1", all), keys("2024Q2", all), q3, keys("2024Q4", all))),
                row("2025Q1", sorted(keys("2024Q1", all), keys("2024Q2", all), q3, keys("2024Q4", all),
                        keys("2025Q1", all))));
        assertRows(MarginTrends.build(quarterly).where("calendar_quarter = '2024Q2'"),
                "sources['gross_profit 2024Q1'], sources['net_income 2024Q2']", row("10-Q 2024Q1", "10-Q 2024Q2"));
        org.junit.jupiter.api.Assertions.assertEquals(
                SupplierCaptureTest.names(org.aivaluechain.model.Ddl.schema("gold.margin_trends").fields()),
                SupplierCaptureTest.names(MarginTrends.build(quarterly).schema().fields()));
    }

    @Test
    void profitPoolSharesCountLossesButHhiUsesPositiveProfitsOnly() {
        Dataset<Row> quarterly = frame(QUARTERLY,
                q("A", "chips", "2025Q1", 100, null, 60, null, null),
                q("B", "chips", "2025Q1", 50, null, -20, null, null),
                q("C", "hyperscaler", "2025Q1", 150, null, 40, null, null));
        Dataset<Row> companies = frame("ticker STRING, coverage_start STRING",
                row("A", "2019Q1"), row("B", "2019Q1"), row("C", "2019Q1"), row("D", "2024Q1"), row("E", "2026Q1"));
        // total OI 80: A 60/80, B -20/80, C 40/80; positive shares 0.6, 0, 0.4 -> HHI 3,600 + 1,600 = 5,200.
        // Layers: chips 40, hyperscaler 40 -> 0.5 each, HHI 5,000. D is expected (covered since 2024Q1) but absent.
        // C reports a cloud segment (in the segment pool, OI 10 on revenue 30) and another business (OI 30).
        // segment_layer: chips = A + B whole = 40 on revenue 150, hyperscaler = C's cloud only = 10 on 30;
        //   pool 50 -> 0.8 / 0.2, HHI 6,400 + 400 = 6,800, revenue shares 150/180 and 30/180.
        Dataset<Row> segmentFinancials = frame("ticker STRING, segment STRING, segment_layer STRING, "
                        + "calendar_quarter STRING, revenue DECIMAL(20,4), operating_income DECIMAL(20,4), "
                        + "sources MAP<STRING, STRING>",
                row("C", "cloud", "hyperscaler", "2025Q1", new BigDecimal(30), new BigDecimal(10),
                        sources("revenue", "10-Q segment note", "operating_income", "10-Q segment note")),
                row("C", "other", "applications", "2025Q1", new BigDecimal(120), new BigDecimal(30),
                        sources("revenue", "10-Q segment note", "operating_income", "10-Q segment note")));
        Dataset<Row> segments = frame("ticker STRING, segment STRING, in_segment_profit_pool BOOLEAN, recast_from STRING",
                row("C", "cloud", true, ""), row("C", "other", false, ""));
        Dataset<Row> concentration = ValueConcentration.build(quarterly, companies, segmentFinancials, segments, 0.9);
        // every column but sources (checked below). Coverage: A, B, C of the 4 expected (D has reported nothing, so it
        // weighs nothing) -> weight 300 / 300 = 1. Positive shares: company A 60/100, B 0, C 40/100; layer 40/80
        // each; segment_layer 40/50 and 10/50. Operating margins: A 60/100, B -20/50, C 40/150, chips 40/150,
        // segment cloud 10/30. One quarter: no headline window of 4 quarters, so no panel; method_changed is only
        // computed for segment_layer (no previous quarter: false).
        List<String> missing = List.of("D");
        assertRows(concentration,
                "calendar_quarter, grouping, member, companies_in_member, revenue, operating_income, "
                        + "total_operating_income, profit_pool_share, revenue_share, positive_profit_share, hhi, cr4, "
                        + "members_expected, members_present, members_missing, complete, coverage_weight, partial, "
                        + "coverage_threshold, method, method_changed, operating_margin, panel_profit_pool_share, "
                        + "panel_hhi, panel_tickers, whole_company_tickers, segment_tickers",
                row("2025Q1", "company", "A", 1, 100, 60, 80, 0.75, 0.333333333, 0.6, 5200.0, 1.0,
                        4, 3, missing, false, 1.0, false, 0.9, "whole_company", null, 0.6, null, null, null, null, null),
                row("2025Q1", "company", "B", 1, 50, -20, 80, -0.25, 0.166666667, 0.0, 5200.0, 1.0,
                        4, 3, missing, false, 1.0, false, 0.9, "whole_company", null, -0.4, null, null, null, null, null),
                row("2025Q1", "company", "C", 1, 150, 40, 80, 0.5, 0.5, 0.4, 5200.0, 1.0,
                        4, 3, missing, false, 1.0, false, 0.9, "whole_company", null, 0.266666667, null, null, null,
                        null, null),
                row("2025Q1", "layer", "chips", 2, 150, 40, 80, 0.5, 0.5, 0.5, 5000.0, 1.0,
                        4, 3, missing, false, 1.0, false, 0.9, "whole_company", null, 0.266666667, null, null, null,
                        null, null),
                row("2025Q1", "layer", "hyperscaler", 1, 150, 40, 80, 0.5, 0.5, 0.5, 5000.0, 1.0,
                        4, 3, missing, false, 1.0, false, 0.9, "whole_company", null, 0.266666667, null, null, null,
                        null, null),
                row("2025Q1", "segment_layer", "chips", 2, 150, 40, 50, 0.8, 0.833333333, 0.8, 6800.0, 1.0,
                        4, 3, missing, false, 1.0, false, 0.9, "whole_company", false, 0.266666667, null, null, null,
                        List.of("A", "B"), List.of("C")),
                row("2025Q1", "segment_layer", "hyperscaler", 1, 30, 10, 50, 0.2, 0.166666667, 0.2, 6800.0, 1.0,
                        4, 3, missing, false, 1.0, false, 0.9, "segments", false, 0.333333333, null, null, null,
                        List.of("A", "B"), List.of("C")));
        // lineage: revenue and operating income of each company (or segment) the member adds up, keyed by it
        List<String> a = List.of("A operating_income 2025Q1", "A revenue 2025Q1");
        List<String> b = List.of("B operating_income 2025Q1", "B revenue 2025Q1");
        List<String> c = List.of("C operating_income 2025Q1", "C revenue 2025Q1");
        assertRows(withInputs(concentration), "grouping, member, inputs",
                row("company", "A", a), row("company", "B", b), row("company", "C", c),
                row("layer", "chips", sorted(a, b)), row("layer", "hyperscaler", c),
                row("segment_layer", "chips", sorted(a, b)),
                row("segment_layer", "hyperscaler", List.of("C.cloud operating_income 2025Q1", "C.cloud revenue 2025Q1")));
        assertRows(concentration.where("grouping = 'segment_layer' AND member = 'hyperscaler'"),
                "sources['C.cloud operating_income 2025Q1']", row("10-Q segment note"));
        org.junit.jupiter.api.Assertions.assertEquals(
                SupplierCaptureTest.names(org.aivaluechain.model.Ddl.schema("gold.value_concentration").fields()),
                SupplierCaptureTest.names(concentration.schema().fields()));
    }

    @Test
    void supplierCaptureComparesCapexWithThisAndThePreviousQuartersSupply() {
        Dataset<Row> quarterly = frame(QUARTERLY,
                q("MSFT", "hyperscaler", "2025Q1", 1000, null, null, 100, null),
                q("MSFT", "hyperscaler", "2025Q2", 1000, null, null, 120, null),
                q("BABA", "hyperscaler", "2025Q2", 1000, null, null, null, null));
        Dataset<Row> segmentFinancials = frame("ticker STRING, segment STRING, calendar_quarter STRING, "
                        + "ai_datacenter_supply BOOLEAN, revenue DECIMAL(20,4), sources MAP<STRING, STRING>",
                row("NVDA", "data_center", "2025Q1", true, new BigDecimal(40), sources("revenue", "10-Q dc 2025Q1")),
                row("NVDA", "data_center", "2025Q2", true, new BigDecimal(60), sources("revenue", "10-Q dc 2025Q2")),
                row("NVDA", "gaming", "2025Q2", false, new BigDecimal(9), sources("revenue", "10-Q gaming")));
        Dataset<Row> companies = frame("ticker STRING, layer STRING, coverage_start STRING",
                row("MSFT", "hyperscaler", "2018Q3"), row("BABA", "hyperscaler", "2019Q2"), row("NVDA", "chips", "2018Q1"));
        Dataset<Row> segments = frame("ticker STRING, segment STRING, ai_datacenter_supply BOOLEAN, recast_from STRING",
                row("NVDA", "data_center", true, ""), row("NVDA", "gaming", false, ""));
        // 2025Q2: 60 / 120 = 0.5; with the previous quarter's supply 40 / 120 = 0.333...
        assertRows(SupplierCapture.build(quarterly, segmentFinancials, companies, segments),
                "calendar_quarter, hyperscaler_capex, ai_chip_datacenter_revenue, capture_ratio, capture_ratio_lag1, "
                        + "hyperscalers_expected, hyperscalers_present, hyperscalers_missing, suppliers_present, members_expected, members_present, complete",
                row("2025Q1", 100, 40, 0.4, null, 2, 1, List.of("BABA"), 1, 3, 2, false),
                row("2025Q2", 120, 60, 0.5, 0.333333333, 2, 1, List.of("BABA"), 1, 3, 2, false));
        // weights: 2025Q1 MSFT 1000 and BABA none yet (no revenue reported) -> 1; 2025Q2 MSFT 1000 + 1000 = 2000,
        // BABA 1000 without capex -> 2000 / 3000; the supplier side is whole in both quarters
        assertRows(SupplierCapture.build(quarterly, segmentFinancials, companies, segments, 0.9),
                "calendar_quarter, hyperscalers_coverage_weight, suppliers_coverage_weight, coverage_weight, partial",
                row("2025Q1", 1.0, 1.0, 1.0, false),
                row("2025Q2", 0.666666667, 1.0, 0.666666667, true));
        // lineage: MSFT's capex and NVIDIA Data Center revenue of the quarter, and of the previous quarter for the
        // lagged ratio; BABA reported no capex, the gaming segment is not supply
        assertRows(withInputs(SupplierCapture.build(quarterly, segmentFinancials, companies, segments)),
                "calendar_quarter, inputs",
                row("2025Q1", List.of("MSFT capex 2025Q1", "NVDA.data_center revenue 2025Q1")),
                row("2025Q2", List.of("MSFT capex 2025Q2", "NVDA.data_center revenue 2025Q1",
                        "NVDA.data_center revenue 2025Q2")));
        assertRows(SupplierCapture.build(quarterly, segmentFinancials, companies, segments)
                        .where("calendar_quarter = '2025Q2'"),
                "sources['MSFT capex 2025Q2'], sources['NVDA.data_center revenue 2025Q1']",
                row("10-Q 2025Q2", "10-Q dc 2025Q1"));
    }
}

package org.aivaluechain.transform.gold;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;

import java.math.BigDecimal;
import java.util.List;

import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Coverage by weight, counting methods and the constant-panel headline of gold.value_concentration. */
@ExtendWith(SharedSpark.class)
class ValueConcentrationTest {

    private static final String QUARTERLY = "ticker STRING, layer STRING, calendar_quarter STRING, "
            + "revenue DECIMAL(20,4), operating_income DECIMAL(20,4), sources MAP<STRING, STRING>";
    private static final String SEGMENT_FINANCIALS = "ticker STRING, segment STRING, segment_layer STRING, "
            + "calendar_quarter STRING, revenue DECIMAL(20,4), operating_income DECIMAL(20,4), sources MAP<STRING, STRING>";
    private static final String SEGMENTS = "ticker STRING, segment STRING, in_segment_profit_pool BOOLEAN, recast_from STRING";

    private static Object[] q(String ticker, String layer, String cq, Integer revenue, Integer oi) {
        return row(ticker, layer, cq, dec(revenue), dec(oi), sources(revenue, oi, "10-Q " + ticker + " " + cq));
    }

    private static Object[] segment(String ticker, String segment, String layer, String cq, int revenue, int oi) {
        return row(ticker, segment, layer, cq, dec(revenue), dec(oi), sources(revenue, oi, "segment note " + cq));
    }

    /** silver's sources column: the source of each value present. */
    private static scala.collection.Map<String, String> sources(Integer revenue, Integer oi, String source) {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        if (revenue != null) {
            m.put("revenue", source);
        }
        if (oi != null) {
            m.put("operating_income", source);
        }
        return scala.jdk.javaapi.CollectionConverters.asScala(m);
    }

    private static BigDecimal dec(Integer v) {
        return v == null ? null : new BigDecimal(v);
    }

    @Test
    void coverageWeighsMembersByTrailingRevenueAndAQuarterBelowTheThresholdIsPartial() {
        Dataset<Row> quarterly = frame(QUARTERLY,
                q("A", "chips", "2024Q1", 100, 10), q("A", "chips", "2024Q2", 100, 10),
                q("A", "chips", "2024Q3", 100, 10), q("A", "chips", "2024Q4", 100, 10),
                q("B", "hyperscaler", "2024Q1", 300, 30), q("B", "hyperscaler", "2024Q2", 300, 30),
                q("B", "hyperscaler", "2024Q3", 300, 30), q("B", "hyperscaler", "2024Q4", 300, 30),
                // C reports no operating income in 2024Q3 and nothing in 2024Q4
                q("C", "hyperscaler", "2024Q1", 50, 5), q("C", "hyperscaler", "2024Q2", 50, 5),
                q("C", "hyperscaler", "2024Q3", 50, null));
        Dataset<Row> companies = frame("ticker STRING, coverage_start STRING",
                row("A", "2024Q1"), row("B", "2024Q1"), row("C", "2024Q1"));
        // trailing revenue weights: 2024Q3 A 300, B 900, C 150 -> (300 + 900) / 1350 = 0.888..., below 0.9;
        // 2024Q4 A 400, B 1200, C still 150 (its latest quarter, 2024Q3) -> 1600 / 1750 = 0.914...
        Dataset<Row> result = ValueConcentration.build(quarterly, companies, frame(SEGMENT_FINANCIALS),
                frame(SEGMENTS), 0.9);
        assertRows(result.where("grouping = 'company' AND member = 'A'"),
                "calendar_quarter, members_expected, members_present, members_missing, coverage_weight, partial, method",
                row("2024Q1", 3, 3, List.of(), 1.0, false, "whole_company"),
                row("2024Q2", 3, 3, List.of(), 1.0, false, "whole_company"),
                row("2024Q3", 3, 2, List.of("C"), 0.888888889, true, "whole_company"),
                row("2024Q4", 3, 2, List.of("C"), 0.914285714, false, "whole_company"));
    }

    @Test
    void segmentsThatStopMidWindowAreAMarkedBreakAndTheHeadlineSeriesDoesNotJump() {
        Dataset<Row> quarterly = frame(QUARTERLY,
                q("G", "hyperscaler", "2024Q1", 1000, 300), q("G", "hyperscaler", "2024Q2", 1000, 300),
                q("G", "hyperscaler", "2024Q3", 1000, 300), q("G", "hyperscaler", "2024Q4", 1000, 300),
                q("G", "hyperscaler", "2025Q1", 1000, 300),
                q("N", "chips", "2024Q1", 400, 200), q("N", "chips", "2024Q2", 400, 200),
                q("N", "chips", "2024Q3", 400, 200), q("N", "chips", "2024Q4", 400, 200),
                q("N", "chips", "2025Q1", 400, 200),
                // W counts whole in the hyperscaler layer throughout (no profit, so no share moves)
                q("W", "hyperscaler", "2024Q1", 0, 0), q("W", "hyperscaler", "2024Q2", 0, 0),
                q("W", "hyperscaler", "2024Q3", 0, 0), q("W", "hyperscaler", "2024Q4", 0, 0),
                q("W", "hyperscaler", "2025Q1", 0, 0));
        // G's cloud segment (operating income 50) is reported through 2024Q4 only
        Dataset<Row> segmentFinancials = frame(SEGMENT_FINANCIALS,
                segment("G", "cloud", "hyperscaler", "2024Q1", 200, 50),
                segment("G", "cloud", "hyperscaler", "2024Q2", 200, 50),
                segment("G", "cloud", "hyperscaler", "2024Q3", 200, 50),
                segment("G", "cloud", "hyperscaler", "2024Q4", 200, 50));
        Dataset<Row> segments = frame(SEGMENTS, row("G", "cloud", true, ""));
        Dataset<Row> companies = frame("ticker STRING, coverage_start STRING", row("G", "2024Q1"), row("N", "2024Q1"),
                row("W", "2024Q1"));
        Dataset<Row> result = ValueConcentration.build(quarterly, companies, segmentFinancials, segments, 0.9);
        // segment_layer: cloud 50 (+ W's 0) vs chips 200 -> 0.2 / 0.8 while G counts by segments, and the
        // hyperscaler member counts by segments although W in it counts whole; in 2025Q1 G counts whole,
        // 300 vs 200 -> 0.6 / 0.4: a change of method, flagged. The headline window is the run of 4 quarters
        // before it (the run after it, 1 quarter, is too short), so the panel series stops before the jump.
        assertRows(result.where("grouping = 'segment_layer'"),
                "calendar_quarter, member, method, profit_pool_share, method_changed, panel_profit_pool_share, panel_tickers",
                row("2024Q1", "chips", "whole_company", 0.8, false, 0.8, List.of("G", "N", "W")),
                row("2024Q1", "hyperscaler", "segments", 0.2, false, 0.2, List.of("G", "N", "W")),
                row("2024Q2", "chips", "whole_company", 0.8, false, 0.8, List.of("G", "N", "W")),
                row("2024Q2", "hyperscaler", "segments", 0.2, false, 0.2, List.of("G", "N", "W")),
                row("2024Q3", "chips", "whole_company", 0.8, false, 0.8, List.of("G", "N", "W")),
                row("2024Q3", "hyperscaler", "segments", 0.2, false, 0.2, List.of("G", "N", "W")),
                row("2024Q4", "chips", "whole_company", 0.8, false, 0.8, List.of("G", "N", "W")),
                row("2024Q4", "hyperscaler", "segments", 0.2, false, 0.2, List.of("G", "N", "W")),
                row("2025Q1", "chips", "whole_company", 0.4, true, null, null),
                row("2025Q1", "hyperscaler", "whole_company", 0.6, true, null, null));
        // lineage follows the method: G's cloud segment while it counts by segments, then G whole
        assertRows(result.where("grouping = 'segment_layer' AND member = 'hyperscaler' AND calendar_quarter >= '2024Q4'")
                        .withColumn("inputs", org.apache.spark.sql.functions.array_sort(
                                org.apache.spark.sql.functions.map_keys(org.apache.spark.sql.functions.col("sources")))),
                "calendar_quarter, inputs",
                row("2024Q4", List.of("G.cloud operating_income 2024Q4", "G.cloud revenue 2024Q4",
                        "W operating_income 2024Q4", "W revenue 2024Q4")),
                row("2025Q1", List.of("G operating_income 2025Q1", "G revenue 2025Q1", "W operating_income 2025Q1",
                        "W revenue 2025Q1")));
        assertRows(result.where("grouping = 'segment_layer' AND member = 'hyperscaler' AND calendar_quarter = '2024Q4'"),
                "sources['G.cloud operating_income 2024Q4'], sources['W revenue 2024Q4']",
                row("segment note 2024Q4", "10-Q W 2024Q4"));
        // the layer grouping counts G whole throughout: one run, the panel covers all five quarters
        assertRows(result.where("grouping = 'layer' AND member = 'hyperscaler'"),
                "calendar_quarter, method, method_changed, panel_profit_pool_share, panel_hhi",
                row("2024Q1", "whole_company", null, 0.6, 5200.0),
                row("2024Q2", "whole_company", null, 0.6, 5200.0),
                row("2024Q3", "whole_company", null, 0.6, 5200.0),
                row("2024Q4", "whole_company", null, 0.6, 5200.0),
                row("2025Q1", "whole_company", null, 0.6, 5200.0));
    }

    @Test
    void aSegmentRecastIsAMethodChange() {
        Dataset<Row> contributions = frame("calendar_quarter STRING, grouping STRING, member STRING, ticker STRING, "
                        + "revenue DECIMAL(20,4), operating_income DECIMAL(20,4), method STRING",
                row("2024Q2", "segment_layer", "hyperscaler", "MSFT", dec(28515), dec(1), "segments"),
                row("2024Q3", "segment_layer", "hyperscaler", "MSFT", dec(24092), dec(1), "segments"),
                row("2024Q4", "segment_layer", "hyperscaler", "MSFT", dec(25544), dec(1), "segments"));
        // Microsoft's segments recast from 2024Q3 (sample-data/segments.csv recast_from, Microsoft 8-K of 2024-08-01);
        // a recast of a segment outside the profit pool is no break of this grouping
        Dataset<Row> segments = frame(SEGMENTS, row("MSFT", "intelligent_cloud", true, "2024Q3"),
                row("MSFT", "more_personal_computing", false, "2024Q4"));
        assertRows(ValueConcentration.methodChanges(contributions, segments), "calendar_quarter, method_changed",
                row("2024Q2", false), row("2024Q3", true), row("2024Q4", false));
    }
}

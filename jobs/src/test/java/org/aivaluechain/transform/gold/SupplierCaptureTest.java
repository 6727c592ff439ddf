package org.aivaluechain.transform.gold;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.aivaluechain.model.Ddl;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** gold.supplier_capture: the whole frame, with its lineage and its constant-panel headline. */
@ExtendWith(SharedSpark.class)
class SupplierCaptureTest {

    private static final String QUARTERLY = "ticker STRING, layer STRING, calendar_quarter STRING, "
            + "revenue DECIMAL(20,4), capex DECIMAL(20,4), sources MAP<STRING, STRING>";
    private static final String SEGMENT_FINANCIALS = "ticker STRING, segment STRING, calendar_quarter STRING, "
            + "ai_datacenter_supply BOOLEAN, revenue DECIMAL(20,4), sources MAP<STRING, STRING>";

    private static Object[] q(String ticker, String cq, int revenue, Integer capex) {
        Map<String, String> sources = new TreeMap<>(Map.of("revenue", "10-Q " + ticker + " " + cq));
        if (capex != null) {
            sources.put("capex", "10-Q " + ticker + " " + cq);
        }
        return row(ticker, "hyperscaler", cq, new BigDecimal(revenue), capex == null ? null : new BigDecimal(capex),
                scala.jdk.javaapi.CollectionConverters.asScala(sources));
    }

    private static Object[] dc(String cq, int revenue) {
        return row("N", "dc", cq, true, new BigDecimal(revenue),
                scala.jdk.javaapi.CollectionConverters.asScala(Map.of("revenue", "10-Q N dc " + cq)));
    }

    /**
     * H1 (revenue 1,000 a quarter) reports capex 100 in 2024Q1-Q4 and nothing yet in 2025Q1; H2 (revenue 100)
     * reports capex 10 from 2024Q2 to 2025Q1 only; the supplier N's data-center segment sells 50 every quarter.
     */
    private static Dataset<Row> build() {
        Dataset<Row> quarterly = frame(QUARTERLY,
                q("H1", "2024Q1", 1000, 100), q("H1", "2024Q2", 1000, 100), q("H1", "2024Q3", 1000, 100),
                q("H1", "2024Q4", 1000, 100),
                q("H2", "2024Q1", 100, null), q("H2", "2024Q2", 100, 10), q("H2", "2024Q3", 100, 10),
                q("H2", "2024Q4", 100, 10), q("H2", "2025Q1", 100, 10));
        Dataset<Row> segmentFinancials = frame(SEGMENT_FINANCIALS, dc("2024Q1", 50), dc("2024Q2", 50),
                dc("2024Q3", 50), dc("2024Q4", 50), dc("2025Q1", 50));
        Dataset<Row> companies = frame("ticker STRING, layer STRING, coverage_start STRING",
                row("H1", "hyperscaler", "2024Q1"), row("H2", "hyperscaler", "2024Q1"), row("N", "chips", "2024Q1"));
        Dataset<Row> segments = frame("ticker STRING, segment STRING, ai_datacenter_supply BOOLEAN, recast_from STRING",
                row("N", "dc", true, ""));
        return SupplierCapture.build(quarterly, segmentFinancials, companies, segments, 0.9);
    }

    @Test
    void theHeadlineUsesAConstantPanelSoAMemberMissingAQuarterDoesNotMoveIt() {
        // 2024Q1: capex 100 (H2 none yet), 50 / 100 = 0.5; hyperscaler weight 1,000 / (1,000 + 100) = 0.909...
        // 2024Q2-Q4: capex 110, 50 / 110 = 0.4545...; lagged the same (supply flat); everyone present
        // 2025Q1: only H2, capex 10, 50 / 10 = 5; weight H2 400 (2024Q2..2025Q1) / (H1 4,000 as last seen + 400)
        //   = 0.0909...: partial. The headline window ends at 2024Q4 and holds 2024Q1..2024Q4 (12 quarters back
        //   reach before the data); H2 lacks 2024Q1, so the panel is H1 and N.dc: 50 / 100 = 0.5 throughout.
        assertRows(build(),
                "calendar_quarter, hyperscaler_capex, ai_chip_datacenter_revenue, prior_quarter_ai_chip_datacenter_revenue, "
                        + "capture_ratio, capture_ratio_lag1, hyperscalers_expected, hyperscalers_present, "
                        + "hyperscalers_missing, suppliers_expected, suppliers_present, suppliers_missing, "
                        + "members_expected, members_present, complete, hyperscalers_coverage_weight, "
                        + "suppliers_coverage_weight, coverage_weight, coverage_threshold, partial, segment_recast, "
                        + "panel_hyperscaler_capex, panel_ai_chip_datacenter_revenue, panel_capture_ratio, panel_members",
                row("2024Q1", 100, 50, null, 0.5, null, 2, 1, List.of("H2"), 1, 1, List.of(), 3, 2, false,
                        0.909090909, 1.0, 0.909090909, 0.9, false, false, 100, 50, 0.5, List.of("H1", "N.dc")),
                row("2024Q2", 110, 50, 50, 0.454545455, 0.454545455, 2, 2, List.of(), 1, 1, List.of(), 3, 3, true,
                        1.0, 1.0, 1.0, 0.9, false, false, 100, 50, 0.5, List.of("H1", "N.dc")),
                row("2024Q3", 110, 50, 50, 0.454545455, 0.454545455, 2, 2, List.of(), 1, 1, List.of(), 3, 3, true,
                        1.0, 1.0, 1.0, 0.9, false, false, 100, 50, 0.5, List.of("H1", "N.dc")),
                row("2024Q4", 110, 50, 50, 0.454545455, 0.454545455, 2, 2, List.of(), 1, 1, List.of(), 3, 3, true,
                        1.0, 1.0, 1.0, 0.9, false, false, 100, 50, 0.5, List.of("H1", "N.dc")),
                row("2025Q1", 10, 50, 50, 5.0, 5.0, 2, 1, List.of("H1"), 1, 1, List.of(), 3, 2, false,
                        0.090909091, 1.0, 0.090909091, 0.9, true, false, null, null, null, null));
    }

    @Test
    void aSupplierSegmentRecastIsMarkedAndTheHeadlineWindowEndsBeforeIt() {
        // H1 capex 100 and N.dc supply 50 in every quarter 2024Q1..2025Q1, all complete; N.dc's segment definitions
        // change from 2025Q1 (recast_from): that quarter is a break, and the run after it (1 quarter) is shorter than
        // 4, so the headline window is the run before it, 2024Q1..2024Q4
        Dataset<Row> quarterly = frame(QUARTERLY, q("H1", "2024Q1", 1000, 100), q("H1", "2024Q2", 1000, 100),
                q("H1", "2024Q3", 1000, 100), q("H1", "2024Q4", 1000, 100), q("H1", "2025Q1", 1000, 100));
        Dataset<Row> segmentFinancials = frame(SEGMENT_FINANCIALS, dc("2024Q1", 50), dc("2024Q2", 50),
                dc("2024Q3", 50), dc("2024Q4", 50), dc("2025Q1", 50));
        Dataset<Row> companies = frame("ticker STRING, layer STRING, coverage_start STRING",
                row("H1", "hyperscaler", "2024Q1"), row("N", "chips", "2024Q1"));
        Dataset<Row> segments = frame("ticker STRING, segment STRING, ai_datacenter_supply BOOLEAN, recast_from STRING",
                row("N", "dc", true, "2025Q1"));
        assertRows(SupplierCapture.build(quarterly, segmentFinancials, companies, segments, 0.9),
                "calendar_quarter, capture_ratio, partial, segment_recast, panel_capture_ratio",
                row("2024Q1", 0.5, false, false, 0.5), row("2024Q2", 0.5, false, false, 0.5),
                row("2024Q3", 0.5, false, false, 0.5), row("2024Q4", 0.5, false, false, 0.5),
                row("2025Q1", 0.5, false, true, null));
    }

    @Test
    void sourcesNameEachMembersCapexAndSupplyOfTheQuarterAndThePreviousSupply() {
        assertRows(build().withColumn("entries", functions.expr(
                        "array_sort(transform(map_entries(sources), e -> concat(e.key, ' = ', e.value)))")),
                "calendar_quarter, entries",
                row("2024Q1", List.of("H1 capex 2024Q1 = 10-Q H1 2024Q1", "N.dc revenue 2024Q1 = 10-Q N dc 2024Q1")),
                row("2024Q2", List.of("H1 capex 2024Q2 = 10-Q H1 2024Q2", "H2 capex 2024Q2 = 10-Q H2 2024Q2",
                        "N.dc revenue 2024Q1 = 10-Q N dc 2024Q1", "N.dc revenue 2024Q2 = 10-Q N dc 2024Q2")),
                row("2024Q3", List.of("H1 capex 2024Q3 = 10-Q H1 2024Q3", "H2 capex 2024Q3 = 10-Q H2 2024Q3",
                        "N.dc revenue 2024Q2 = 10-Q N dc 2024Q2", "N.dc revenue 2024Q3 = 10-Q N dc 2024Q3")),
                row("2024Q4", List.of("H1 capex 2024Q4 = 10-Q H1 2024Q4", "H2 capex 2024Q4 = 10-Q H2 2024Q4",
                        "N.dc revenue 2024Q3 = 10-Q N dc 2024Q3", "N.dc revenue 2024Q4 = 10-Q N dc 2024Q4")),
                row("2025Q1", List.of("H2 capex 2025Q1 = 10-Q H2 2025Q1", "N.dc revenue 2024Q4 = 10-Q N dc 2024Q4",
                        "N.dc revenue 2025Q1 = 10-Q N dc 2025Q1")));
    }

    @Test
    void columnsAreTheContract() {
        assertEquals(names(Ddl.schema("gold.supplier_capture").fields()), names(build().schema().fields()));
    }

    /** Column names in order of name: the writer selects the DDL's columns by name (Warehouse.conform). */
    static List<String> names(StructField[] fields) {
        return Arrays.stream(fields).map(StructField::name).sorted().toList();
    }
}

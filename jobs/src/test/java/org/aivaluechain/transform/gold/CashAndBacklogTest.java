package org.aivaluechain.transform.gold;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.aivaluechain.model.Ddl;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class CashAndBacklogTest {

    private static final String QUARTERLY = "ticker STRING, layer STRING, calendar_quarter STRING, fiscal_year INT, "
            + "fiscal_quarter INT, revenue DECIMAL(20,4), operating_cash_flow DECIMAL(20,4), capex DECIMAL(20,4), "
            + "rd_expense DECIMAL(20,4), rpo DECIMAL(20,4), depreciation_amortization DECIMAL(20,4), "
            + "sources MAP<STRING, STRING>, recast_from STRING";

    private static Object[] q(String ticker, String cq, Integer revenue, Integer ocf, Integer capex, Integer rd,
                              Integer rpo, Integer da, Map<String, String> sources) {
        return row(ticker, "hyperscaler", cq, Integer.parseInt(cq.substring(0, 4)), Integer.parseInt(cq.substring(5)),
                dec(revenue), dec(ocf), dec(capex), dec(rd), dec(rpo), dec(da),
                scala.jdk.javaapi.CollectionConverters.asScala(sources), "");
    }

    private static BigDecimal dec(Integer v) {
        return v == null ? null : new BigDecimal(v);
    }

    private static Dataset<Row> sample() {
        return frame(QUARTERLY,
                q("H", "2024Q1", 1000, 400, 100, 150, 2000, 50,
                        Map.of("revenue", "10-Q acc-1", "rpo", "10-Q acc-1 (rounded)", "net_income", "10-Q acc-1")),
                q("H", "2024Q2", 1000, 300, 450, null, 2500, null, Map.of()),
                q("H", "2025Q1", 1200, 500, 600, 180, 3000, 60,
                        Map.of("revenue", "10-Q acc-5", "rpo", "10-Q acc-5", "capex", "derived: 6M YTD - Q1")),
                // cash used in operations: the reinvestment rate means nothing
                q("H", "2025Q2", 1000, -50, 100, null, 2500, null, Map.of()),
                // a zero balance a year earlier gives no growth rate
                q("G", "2024Q1", 500, null, null, null, 0, null, Map.of()),
                q("G", "2025Q1", 500, null, null, null, 100, null, Map.of()));
    }

    @Test
    void freeCashFlowReinvestmentIntensitiesAndBacklogGrowth() {
        // 2024Q1: fcf = 400 - 100 = 300, margin 300/1000; capex/ocf = 100/400; rd 150/1000; da 50/1000
        // 2024Q2: fcf = 300 - 450 = -150; capex/ocf = 450/300
        // 2025Q1: fcf = 500 - 600 = -100, margin -100/1200; capex/ocf = 600/500; rd 180/1200; rpo 3000/2000 - 1
        // 2025Q2: fcf = -50 - 100 = -150; ocf negative; rpo 2500/2500 - 1 = 0
        assertRows(CashAndBacklog.build(sample()),
                "ticker, calendar_quarter, free_cash_flow, fcf_margin, capex_to_operating_cash_flow, rd_intensity, "
                        + "rpo_year_ago, rpo_yoy_growth, da_to_revenue",
                row("H", "2024Q1", 300, 0.3, 0.25, 0.15, null, null, 0.05),
                row("H", "2024Q2", -150, -0.15, 1.5, null, null, null, null),
                row("H", "2025Q1", -100, -0.083333333, 1.2, 0.15, 2000, 0.5, 0.05),
                row("H", "2025Q2", -150, -0.15, null, null, 2500, 0.0, null),
                row("G", "2024Q1", null, null, null, null, null, null, null),
                row("G", "2025Q1", null, null, null, null, 0, null, null));
    }

    @Test
    void sourcesNameEveryInputByMetricAndQuarterIncludingTheYearAgoBalance() {
        assertRows(CashAndBacklog.build(sample()).where("ticker = 'H'").withColumn("entries",
                        expr("array_sort(transform(map_entries(sources), e -> concat(e.key, ' = ', e.value)))")),
                "calendar_quarter, entries",
                row("2024Q1", List.of("revenue 2024Q1 = 10-Q acc-1", "rpo 2024Q1 = 10-Q acc-1 (rounded)")),
                row("2024Q2", List.of()),
                row("2025Q1", List.of("capex 2025Q1 = derived: 6M YTD - Q1", "revenue 2025Q1 = 10-Q acc-5",
                        "rpo 2024Q1 = 10-Q acc-1 (rounded)", "rpo 2025Q1 = 10-Q acc-5")),
                row("2025Q2", List.of()));
    }

    @Test
    void columnsAndTypesAreTheContract() {
        assertEquals(fields(Ddl.schema("gold.cash_and_backlog")), fields(CashAndBacklog.build(sample()).schema()));
    }

    private static List<String> fields(StructType schema) {
        return Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList();
    }
}

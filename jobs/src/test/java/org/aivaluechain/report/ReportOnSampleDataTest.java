package org.aivaluechain.report;

import static org.aivaluechain.testing.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.aivaluechain.cli.ExitCodes;
import org.aivaluechain.testing.CliRun.Captured;
import org.aivaluechain.testing.SampleWarehouse;
import org.aivaluechain.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The report's queries and shaping on the real sample tables, and the command's errors. */
@ExtendWith(SharedSpark.class)
class ReportOnSampleDataTest {

    private static Chart chart(ChartSpec spec) {
        SampleWarehouse.register();
        return ChartShaping.shape(spec, SharedSpark.spark().sql(spec.sql()));
    }

    private static Chart.Series series(Chart chart, String name) {
        return chart.series().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void capexAgainstNvidiaDataCenterIsDrawnOnAConstantPanelThatNamesWhoIsLeftOut() {
        Chart chart = chart(ReportQueries.CAPEX_VS_NVIDIA);
        int q = chart.quarters().indexOf("2025Q4");
        // sample-data facts, calendar 2025Q4 capex: AMZN 39,522 + GOOGL 27,851 + META 21,383 + MSFT (FY2026 Q2)
        // 29,876 + ORCL (FY2026 Q2, to 2025-11-30) 12,033 = 130,665 USD millions; NVIDIA Data Center 62,300
        assertEquals(130.665, series(chart, "Hyperscaler capex").values().get(q), 1e-9);
        assertTrue(series(chart, "Hyperscaler capex").complete().get(q));
        assertEquals(62.3, series(chart, "NVIDIA Data Center revenue").values().get(q), 1e-9);
        // Alibaba never has quarterly capex and Tencent only from 2024Q4: both are outside the panel, and said so
        assertTrue(chart.coverageNotes().get(0).endsWith("; left out, missing in some quarter of it: BABA, TCEHY"),
                chart.coverageNotes().toString());
    }

    @Test
    void seriesWithoutTtmValuesAndOutliersAreNamed() {
        Chart intensity = chart(ReportQueries.CAPEX_INTENSITY);
        assertEquals(List.of("AMZN", "GOOGL", "META", "MSFT", "ORCL"),
                intensity.series().stream().map(Chart.Series::name).toList());
        assertEquals(List.of("not drawn, no value in any quarter: BABA, TCEHY"), intensity.coverageNotes());

        // Palantir alone in the applications layer in 2020Q3: operating loss 847.777 on revenue 289.366
        Chart margins = chart(ReportQueries.MARGIN_BY_LAYER);
        assertTrue(margins.coverageNotes().contains("applications, 2020Q3: -293.0%, below the axis (drawn at -50%)"),
                margins.coverageNotes().toString());
    }

    @Test
    void profitPoolSharesAreOnAConstantPanelAndSumToOne() {
        Chart pool = chart(ReportQueries.PROFIT_POOL);
        // the headline window: 12 quarters up to 2025Q4, the latest quarter that is not partial (2026Q1 has
        // 23 of 27 companies, 88% of the chain's trailing revenue, below the 90% threshold)
        assertEquals("2023Q1", pool.quarters().get(0));
        assertEquals("2025Q4", pool.quarters().get(pool.quarters().size() - 1));
        for (int q = 0; q < pool.quarters().size(); q++) {
            int i = q;
            double sum = pool.series().stream().mapToDouble(s -> s.values().get(i) == null ? 0 : s.values().get(i)).sum();
            assertEquals(1.0, sum, 1e-9, pool.quarters().get(q));
        }
        String note = pool.coverageNotes().get(0);
        assertTrue(note.startsWith("constant panel of 17 companies: AAPL, AMD, AMZN, "), note);
        // the companies whose coverage starts after 2023Q1 (companies.csv coverage_start) cannot be in the panel
        String leftOut = note.substring(note.indexOf("; left out, without operating income in some quarter of "
                + "2023Q1–2025Q4: "));
        for (String late : List.of("ADBE", "ANET", "CRM", "CRWV", "NOW", "SMCI", "SNOW")) {
            assertTrue(leftOut.contains(late), late + " in " + note);
        }
    }

    @Test
    void edgesBelowTheCoverageThresholdAreLeftOut() {
        Chart margins = chart(ReportQueries.MARGIN_BY_LAYER);
        assertEquals("2025Q4", margins.quarters().get(margins.quarters().size() - 1));
        // the chain has 27 companies; 2018 has 2 to 9 of them started (DELL and NVDA first), 2019Q1 the first 15
        assertEquals("2019Q1", margins.quarters().get(0));
        assertTrue(margins.coverageNotes().get(0).startsWith("left out at the edges: partial quarters (coverage by "
                + "trailing revenue below 90%) and quarters in which fewer than half of the companies of the chain "
                + "had started reporting: 2018Q1, "), margins.coverageNotes().toString());
        assertTrue(margins.coverageNotes().get(0).endsWith("2018Q4, 2026Q1, 2026Q2, 2026Q3"),
                margins.coverageNotes().toString());
        // the headline window of gold.supplier_capture: NVIDIA's Data Center recast from 2026Q1 (segments.csv) ends
        // it at 2025Q4, the latest quarter before the break that is not partial; 12 quarters back from there
        Chart capex = chart(ReportQueries.CAPEX_VS_NVIDIA);
        assertEquals("2023Q1", capex.quarters().get(0));
        assertEquals("2025Q4", capex.quarters().get(capex.quarters().size() - 1));
    }

    @Test
    void reportNeedsTheGoldTables(@TempDir Path dir) {
        Captured empty = cli("report", "--warehouse", dir.resolve("nothing").toString(), "--out", dir.toString());
        assertEquals(ExitCodes.INPUT_ERROR, empty.exit(), empty.err());
        assertTrue(empty.err().startsWith("valuechain: no tables under "), empty.err());

        Captured noOut = cli("report");
        assertEquals(ExitCodes.USAGE, noOut.exit(), noOut.err());
        assertTrue(noOut.err().contains("Missing required option: '--out=DIR'"), noOut.err());
    }
}

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
class ValueMigrationTest {

    private static Object[] oi(String ticker, String layer, String quarter, int operatingIncome) {
        return row(ticker, layer, quarter, new BigDecimal(operatingIncome),
                sources("operating_income", "10-Q " + ticker + " " + quarter, "revenue", "10-Q " + ticker + " " + quarter));
    }

    @Test
    void sharesOfAConstantPanelAndTheirSlopePerYear() {
        Dataset<Row> quarterly = frame("ticker STRING, layer STRING, calendar_quarter STRING, operating_income DECIMAL(20,4), "
                        + "sources MAP<STRING, STRING>",
                oi("A", "chips", "2024Q1", 10), oi("A", "chips", "2024Q2", 20),
                oi("A", "chips", "2024Q3", 30), oi("A", "chips", "2024Q4", 40), oi("A", "chips", "2025Q1", 50),
                oi("B", "hyperscaler", "2024Q1", 30), oi("B", "hyperscaler", "2024Q2", 20),
                oi("B", "hyperscaler", "2024Q3", 10), oi("B", "hyperscaler", "2024Q4", 0),
                oi("C", "hyperscaler", "2024Q1", 5),
                oi("C", "hyperscaler", "2024Q3", 20), oi("C", "hyperscaler", "2024Q4", 40));
        Dataset<Row> companies = frame("ticker STRING, coverage_start STRING",
                row("A", "2019Q1"), row("B", "2019Q1"), row("C", "2019Q1"));
        // 2025Q1 has 1 of 3 companies, so the window ends at 2024Q4 (3 of 3).
        // 4 quarters: C misses 2024Q2, so the panel is A and B with a pool of 40 each quarter: chips
        //   0.25, 0.50, 0.75, 1.00 -> +0.25 per quarter = +1.0 per year; hyperscaler the mirror image.
        // 2 quarters (2024Q3-Q4): A, B and C; chips 30/60 and 40/80 = 0.5 both: flat.
        // sources: the operating income of the layer's panel companies in the window's first and last quarter
        // (not C in the 4-quarter window: it is not in the panel; revenue is not an input).
        assertRows(ValueMigration.build(quarterly, companies, List.of(4, 2)),
                "window_quarters, layer, window_start, window_end, quarters_with_layer, share_start, share_end, "
                        + "share_slope_per_year, direction, panel_companies, panel_tickers, excluded_tickers, sources",
                row(4, "chips", "2024Q1", "2024Q4", 4, 0.25, 1.0, 1.0, "rising", 2, List.of("A", "B"), List.of("C"),
                        sources("A operating_income 2024Q1", "10-Q A 2024Q1", "A operating_income 2024Q4", "10-Q A 2024Q4")),
                row(4, "hyperscaler", "2024Q1", "2024Q4", 4, 0.75, 0.0, -1.0, "falling", 2, List.of("A", "B"), List.of("C"),
                        sources("B operating_income 2024Q1", "10-Q B 2024Q1", "B operating_income 2024Q4", "10-Q B 2024Q4")),
                row(2, "chips", "2024Q3", "2024Q4", 2, 0.5, 0.5, 0.0, "flat", 3, List.of("A", "B", "C"), List.of(),
                        sources("A operating_income 2024Q3", "10-Q A 2024Q3", "A operating_income 2024Q4", "10-Q A 2024Q4")),
                row(2, "hyperscaler", "2024Q3", "2024Q4", 2, 0.5, 0.5, 0.0, "flat", 3, List.of("A", "B", "C"), List.of(),
                        sources("B operating_income 2024Q3", "10-Q B 2024Q3", "B operating_income 2024Q4", "10-Q B 2024Q4",
                                "C operating_income 2024Q3", "10-Q C 2024Q3", "C operating_income 2024Q4", "10-Q C 2024Q4")));
    }
}

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
class DepreciationScenariosTest {

    private static Object[] q(String quarter, int capex) {
        return row("T", "hyperscaler", quarter, new BigDecimal(1000), new BigDecimal(100), new BigDecimal(capex),
                sources("revenue", "10-Q " + quarter, "operating_income", "10-Q " + quarter, "capex", "10-Q " + quarter,
                        "net_income", "10-Q " + quarter));
    }

    private static Dataset<Row> build() {
        Dataset<Row> quarterly = frame("ticker STRING, layer STRING, calendar_quarter STRING, revenue DECIMAL(20,4), "
                        + "operating_income DECIMAL(20,4), capex DECIMAL(20,4), sources MAP<STRING, STRING>",
                q("2024Q1", 40), q("2024Q2", 80), q("2024Q3", 120), q("2024Q4", 160));
        Dataset<Row> parameters = frame("ticker STRING, disclosed_server_life_years DOUBLE, server_share_of_capex DOUBLE, "
                + "source STRING", row("T", 1.0, 1.0, "10-K: servers depreciate over one year"));
        return DepreciationScenarios.build(quarterly, parameters, List.of(0.5, 1.0));
    }

    @Test
    void restatesOperatingIncomeAtEachLifeAgainstTheDisclosedOne() {
        // Disclosed life 1 year = 4 quarters: depreciation = capex of the last 4 quarters / 4 = 10, 30, 60, 100.
        // Half a year = 2 quarters: capex of the last 2 quarters / 2 = 20, 60, 100, 140.
        // OI at half a year = 100 + disclosed - modeled = 90, 70, 60, 60; at 1 year it stays 100.
        // Only 2024Q4 has a full 4-quarter history behind it, so only its rows are complete schedules.
        assertRows(build(),
                "calendar_quarter, useful_life_years, modeled_depreciation_disclosed_life, modeled_depreciation, "
                        + "operating_income_restated, operating_margin_restated, operating_margin_change_bps, schedule_complete",
                row("2024Q1", 0.5, 10.0, 20.0, 90.0, 0.09, -100.0, false),
                row("2024Q2", 0.5, 30.0, 60.0, 70.0, 0.07, -300.0, false),
                row("2024Q3", 0.5, 60.0, 100.0, 60.0, 0.06, -400.0, false),
                row("2024Q4", 0.5, 100.0, 140.0, 60.0, 0.06, -400.0, true),
                row("2024Q1", 1.0, 10.0, 10.0, 100.0, 0.1, 0.0, false),
                row("2024Q2", 1.0, 30.0, 30.0, 100.0, 0.1, 0.0, false),
                row("2024Q3", 1.0, 60.0, 60.0, 100.0, 0.1, 0.0, false),
                row("2024Q4", 1.0, 100.0, 100.0, 100.0, 0.1, 0.0, true));
    }

    @Test
    void sourcesNameTheQuarterTheCapexOfEveryScheduledQuarterAndTheDisclosedLife() {
        // Both lives list the capex of the quarters of the longer (disclosed, 4-quarter) schedule that exist, each
        // once, and revenue and operating income of the row's quarter; net income is not an input.
        String life = "10-K: servers depreciate over one year";
        Object q1 = sources("disclosed_server_life_years", life, "revenue 2024Q1", "10-Q 2024Q1",
                "operating_income 2024Q1", "10-Q 2024Q1", "capex 2024Q1", "10-Q 2024Q1");
        Object q2 = sources("disclosed_server_life_years", life, "revenue 2024Q2", "10-Q 2024Q2",
                "operating_income 2024Q2", "10-Q 2024Q2", "capex 2024Q1", "10-Q 2024Q1", "capex 2024Q2", "10-Q 2024Q2");
        Object q3 = sources("disclosed_server_life_years", life, "revenue 2024Q3", "10-Q 2024Q3",
                "operating_income 2024Q3", "10-Q 2024Q3", "capex 2024Q1", "10-Q 2024Q1", "capex 2024Q2", "10-Q 2024Q2",
                "capex 2024Q3", "10-Q 2024Q3");
        Object q4 = sources("disclosed_server_life_years", life, "revenue 2024Q4", "10-Q 2024Q4",
                "operating_income 2024Q4", "10-Q 2024Q4", "capex 2024Q1", "10-Q 2024Q1", "capex 2024Q2", "10-Q 2024Q2",
                "capex 2024Q3", "10-Q 2024Q3", "capex 2024Q4", "10-Q 2024Q4");
        assertRows(build(), "calendar_quarter, useful_life_years, sources",
                row("2024Q1", 0.5, q1), row("2024Q2", 0.5, q2), row("2024Q3", 0.5, q3), row("2024Q4", 0.5, q4),
                row("2024Q1", 1.0, q1), row("2024Q2", 1.0, q2), row("2024Q3", 1.0, q3), row("2024Q4", 1.0, q4));
    }
}

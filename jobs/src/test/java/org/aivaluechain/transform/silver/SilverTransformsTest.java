package org.aivaluechain.transform.silver;

import static org.aivaluechain.testing.Fixtures.fact;
import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;

import java.util.List;

import org.aivaluechain.testing.Fixtures;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class SilverTransformsTest {

    @Test
    void q4IsFyMinusTheFirstThreeQuartersOnTheWeekBasedPeriodEnd() {
        // AMD 2019 revenue (10-Qs and 10-K): 1,272 + 1,531 + 1,801 and FY 6,731, so Q4 = 6,731 - 4,604 = 2,127.
        // The FY revenue row carries the calendar month end (2019-12-31), the FY net income row AMD's real
        // 52/53-week end (2019-12-28): the week-based date wins.
        Dataset<Row> facts = frame(Fixtures.FACTS,
                fact("AMD", 2019, "Q1", "2019-03-30", "USD", "", "revenue", "1272", "f.csv", 2, 0),
                fact("AMD", 2019, "Q2", "2019-06-29", "USD", "", "revenue", "1531", "f.csv", 3, 0),
                fact("AMD", 2019, "Q3", "2019-09-28", "USD", "", "revenue", "1801", "f.csv", 4, 0),
                fact("AMD", 2019, "FY", "2019-12-31", "USD", "", "revenue", "6731", "f.csv", 5, 0),
                fact("AMD", 2019, "FY", "2019-12-28", "USD", "", "net_income", "341", "f.csv", 6, 0),
                fact("MSFT", 2026, "Q1", "2025-09-30", "USD", "", "capex", "19394", "f.csv", 7, 0),
                fact("MSFT", 2026, "Q1", "2025-09-30", "USD", "", "capex", "19000", "g.csv", 2, 1));
        Dataset<Row> resolved = FactResolution.resolve(facts, Fixtures.companies());
        assertRows(resolved, "ticker, fiscal_period, period_end, metric, value, derivation",
                row("AMD", "Q1", "2019-03-30", "revenue", 1272, null),
                row("AMD", "Q2", "2019-06-29", "revenue", 1531, null),
                row("AMD", "Q3", "2019-09-28", "revenue", 1801, null),
                row("AMD", "FY", "2019-12-28", "revenue", 6731, null),
                row("AMD", "FY", "2019-12-28", "net_income", 341, null),
                row("AMD", "Q4", "2019-12-28", "revenue", 2127, "Q4 = FY - Q1 - Q2 - Q3"),
                row("MSFT", "Q1", "2025-09-30", "capex", 19000, null));
    }

    @Test
    void quarterlyFinancialsConvertAtTheQuarterAverageAndFlagDerivedGrossProfit() {
        // Alibaba Q3 FY2025 (Oct-Dec 2024) in CNY millions, converted at the 2024Q4 average of 7.20 CNY/USD:
        // revenue 280,154 / 7.2 = 38,910.2778; gross profit 280,154 - 150,000 = 130,154 -> 18,076.9444
        Dataset<Row> facts = frame(Fixtures.FACTS,
                fact("BABA", 2025, "Q3", "2024-12-31", "CNY", "", "revenue", "280154", "f.csv", 2, 0),
                fact("BABA", 2025, "Q3", "2024-12-31", "CNY", "", "cost_of_revenue", "150000", "f.csv", 3, 0),
                fact("NVDA", 2025, "Q2", "2024-07-28", "USD", "", "revenue", "30040", "f.csv", 4, 0),
                fact("NVDA", 2025, "Q3", "2024-10-27", "USD", "", "revenue", "35082", "f.csv", 5, 0),
                fact("NVDA", 2025, "Q3", "2024-10-27", "USD", "data_center", "revenue", "30771", "f.csv", 6, 0));
        Dataset<Row> resolved = FactResolution.resolve(facts, Fixtures.companies());
        Dataset<Row> periods = FiscalPeriods.of(resolved, Fixtures.companies(), Fixtures.fx());
        Dataset<Row> quarterly = SilverFinancials.quarterlyFinancials(resolved, periods, Fixtures.companies());
        assertRows(quarterly,
                "ticker, fiscal_year, fiscal_quarter, period_start, period_end, period_start_estimated, "
                        + "calendar_quarter, fx_avg_per_usd, revenue, gross_profit, capex, derived_values",
                row("BABA", 2025, 3, "2024-10-01", "2024-12-31", false, "2024Q4", "7.2", "38910.2778", "18076.9444",
                        null, List.of("gross_profit: gross_profit = revenue - cost_of_revenue")),
                // NVIDIA Q2 has no earlier quarter here: its start is estimated as 13 weeks (91 days) back, which is
                // its real start (2024-04-29)
                row("NVDA", 2025, 2, "2024-04-29", "2024-07-28", true, "2024Q2", "1", "30040", null, null, List.of()),
                row("NVDA", 2025, 3, "2024-07-29", "2024-10-27", false, "2024Q3", "1", "35082", null, null, List.of()));
        assertRows(quarterly.where("ticker = 'BABA'").selectExpr("sources['revenue']", "sources['gross_profit']"),
                "*", row("src 2", "derived: gross_profit = revenue - cost_of_revenue"));

        Dataset<Row> segments = SilverFinancials.segmentFinancials(resolved, periods, Fixtures.segments());
        assertRows(segments, "ticker, fiscal_quarter, segment, segment_layer, ai_datacenter_supply, calendar_quarter, revenue",
                row("NVDA", 3, "data_center", "chips", true, "2024Q3", 30771));
    }

    @Test
    void reconciliationChecksOnlyReportedValues() {
        Dataset<Row> facts = frame(Fixtures.FACTS,
                fact("MSFT", 2025, "Q1", "2024-09-30", "USD", "", "revenue", "65585", "f.csv", 2, 0),
                fact("MSFT", 2025, "Q2", "2024-12-31", "USD", "", "revenue", "69632", "f.csv", 3, 0),
                fact("MSFT", 2025, "Q3", "2025-03-31", "USD", "", "revenue", "70066", "f.csv", 4, 0),
                fact("MSFT", 2025, "Q4", "2025-06-30", "USD", "", "revenue", "76441", "f.csv", 5, 0),
                fact("MSFT", 2025, "FY", "2025-06-30", "USD", "", "revenue", "281724", "f.csv", 6, 0),
                fact("MSFT", 2025, "Q4", "2025-06-30", "USD", "", "cost_of_revenue", "24014", "f.csv", 7, 0),
                fact("MSFT", 2025, "Q4", "2025-06-30", "USD", "", "gross_profit", "52000", "f.csv", 8, 0),
                // AMD 2019: Q4 derived, so the FY check would be circular and is not made
                fact("AMD", 2019, "Q1", "2019-03-30", "USD", "", "revenue", "1272", "f.csv", 9, 0),
                fact("AMD", 2019, "Q2", "2019-06-29", "USD", "", "revenue", "1531", "f.csv", 10, 0),
                fact("AMD", 2019, "Q3", "2019-09-28", "USD", "", "revenue", "1801", "f.csv", 11, 0),
                fact("AMD", 2019, "FY", "2019-12-28", "USD", "", "revenue", "6731", "f.csv", 12, 0));
        Dataset<Row> checks = Reconciliation.checks(FactResolution.resolve(facts, Fixtures.companies()));
        // 65,585 + 69,632 + 70,066 + 76,441 = 281,724; 76,441 - 24,014 = 52,427 against a reported 52,000
        assertRows(checks, "ticker, fiscal_year, fiscal_period, check_name, metric, expected, actual, difference, tolerance, passed",
                row("MSFT", 2025, "FY", "quarters_sum_to_fy", "revenue", 281724, 281724, 0, "140.862", true),
                row("MSFT", 2025, "Q4", "gross_profit_identity", "gross_profit", 52427, 52000, -427, "26.2135", false));
    }
}

package org.aivaluechain.transform;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;
import static org.apache.spark.sql.functions.col;

import java.sql.Date;

import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class FiscalCalendarTest {

    @Test
    void fiscalLabelsComeFromPeriodEndAndFiscalYearEndMonth() {
        // expected labels from the companies' own filings (fiscal_calendars.csv examples)
        Dataset<Row> ends = frame("ticker STRING, period_end DATE, fy_end_month INT",
                row("NVDA", Date.valueOf("2024-10-27"), 1),   // Q3 FY2025
                row("NVDA", Date.valueOf("2025-01-26"), 1),   // Q4 FY2025 (late January)
                row("MSFT", Date.valueOf("2025-12-31"), 6),   // Q2 FY2026
                row("ORCL", Date.valueOf("2025-11-30"), 5),   // Q2 FY2026
                row("BABA", Date.valueOf("2024-12-31"), 3),   // Q3 FY2025
                row("AAPL", Date.valueOf("2024-12-28"), 9),   // Q1 FY2025
                row("AVGO", Date.valueOf("2019-11-03"), 10),  // Q4 FY2019, 52/53 weeks, ends in November
                row("MU", Date.valueOf("2021-09-02"), 8),     // Q4 FY2021, ends in September
                row("INTC", Date.valueOf("2022-07-02"), 12),  // Q2 2022
                row("NVDA", Date.valueOf("2024-12-31"), 1));  // not a quarter end of a January year
        assertRows(ends.select(col("ticker"), col("period_end"),
                        FiscalCalendar.fiscalYear(col("period_end"), col("fy_end_month")).as("fy"),
                        FiscalCalendar.fiscalQuarter(col("period_end"), col("fy_end_month")).as("fq")),
                "ticker, period_end, fy, fq",
                row("NVDA", "2024-10-27", 2025, 3),
                row("NVDA", "2025-01-26", 2025, 4),
                row("MSFT", "2025-12-31", 2026, 2),
                row("ORCL", "2025-11-30", 2026, 2),
                row("BABA", "2024-12-31", 2025, 3),
                row("AAPL", "2024-12-28", 2025, 1),
                row("AVGO", "2019-11-03", 2019, 4),
                row("MU", "2021-09-02", 2021, 4),
                row("INTC", "2022-07-02", 2022, 2),
                row("NVDA", "2024-12-31", 2025, null));
    }

    @Test
    void calendarQuarterIsTheOneContainingTheMidpoint() {
        Dataset<Row> periods = frame("start DATE, end DATE",
                row(Date.valueOf("2024-07-29"), Date.valueOf("2024-10-27")),  // NVDA Q3 FY2025: midpoint 2024-09-12
                row(Date.valueOf("2024-10-28"), Date.valueOf("2025-01-26")),  // NVDA Q4 FY2025: midpoint 2024-12-12
                row(Date.valueOf("2025-06-01"), Date.valueOf("2025-08-31"))); // ORCL Q1 FY2026: midpoint 2025-07-16
        assertRows(periods.select(col("end"), FiscalCalendar.calendarQuarterOfMidpoint(col("start"), col("end")).as("cq"),
                        FiscalCalendar.quarterIndex(FiscalCalendar.calendarQuarterOfMidpoint(col("start"), col("end"))).as("qi")),
                "end, cq, qi",
                row("2024-10-27", "2024Q3", 2024 * 4 + 2),
                row("2025-01-26", "2024Q4", 2024 * 4 + 3),
                row("2025-08-31", "2025Q3", 2025 * 4 + 2));
    }

    @Test
    void aQuarterLabelStartsOnTheFirstDayOfItsFirstMonth() {
        assertRows(frame("q STRING", row("2021Q4"), row("2024Q1"), row("2019Q2"), row("2025Q3"))
                        .select(col("q"), FiscalCalendar.firstDayOfQuarter(col("q")).as("first_day")),
                "q, first_day",
                row("2021Q4", "2021-10-01"), row("2024Q1", "2024-01-01"), row("2019Q2", "2019-04-01"),
                row("2025Q3", "2025-07-01"));
    }
}

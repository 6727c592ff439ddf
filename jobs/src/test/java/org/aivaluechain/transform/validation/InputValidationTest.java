package org.aivaluechain.transform.validation;

import org.aivaluechain.transform.Split;

import static org.aivaluechain.testing.Fixtures.fact;
import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;

import org.aivaluechain.testing.Fixtures;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class InputValidationTest {

    @Test
    void everyBadFactIsQuarantinedWithAllItsReasonsAndGoodFactsPass() {
        Dataset<Row> facts = frame(Fixtures.FACTS,
                fact("NVDA", 2025, "Q3", "2024-10-27", "USD", "", "revenue", "35082", "f.csv", 2, 0),
                fact("XXXX", 2025, "Q3", "2024-10-27", "USD", "", "revenue", "1", "f.csv", 3, 0),
                fact("NVDA", 2024, "Q3", "2024-10-27", "USD", "", "capex", "813", "f.csv", 4, 0),
                fact("BABA", 2025, "Q3", "2024-12-31", "CNY", "", "revenue", "280154", "f.csv", 5, 0),
                fact("BABA", 2026, "Q3", "2025-12-31", "CNY", "", "revenue", "1", "f.csv", 6, 0),
                fact("MSFT", 2026, "Q1", "2025-09-30", "USD", "", "capex", "19394", "f.csv", 7, 0),
                fact("MSFT", 2026, "Q1", "2025-09-30", "USD", "", "capex", "19390", "f.csv", 8, 0),
                fact("MSFT", 2026, "Q1", "2025-09-30", "USD", "", "revenue", "77673", "f.csv", 9, 0),
                fact("MSFT", 2026, "Q1", "2025-09-30", "USD", "", "revenue", "77673", "f.csv", 10, 0),
                fact("MSFT", 2026, "Q1", "2025-09-30", "USD", "gaming", "revenue", "5", "f.csv", 11, 0),
                fact("MSFT", 2026, "Q1", "2025-09-30", "EUR", "", "net_income", "5", "f.csv", 12, 0),
                fact("MSFT", 2026, "Q1", "2025-09-30", "USD", "", "capex", "19000", "g.csv", 2, 1));
        Split split = InputValidation.facts(facts, Fixtures.companies(), Fixtures.segments(), Fixtures.fx());

        assertRows(split.valid(), "input_file, line_number",
                row("f.csv", 2), row("f.csv", 5), row("f.csv", 9), row("f.csv", 10), row("g.csv", 2));
        assertRows(split.quarantined(), "input_file, line_number, reason",
                row("f.csv", 3, "unknown ticker 'XXXX' (not in companies)"),
                row("f.csv", 4, "fiscal label FY2024 Q3 does not match period end 2024-10-27 "
                        + "(the company's fiscal calendar gives FY2025 Q3)"),
                row("f.csv", 6, "no FX rate for CNY in 2025Q4"),
                row("f.csv", 7, "conflicting values for the same fact in this file (lines 7, 8)"),
                row("f.csv", 8, "conflicting values for the same fact in this file (lines 7, 8)"),
                row("f.csv", 11, "unknown segment 'gaming' for MSFT (not in segments)"),
                row("f.csv", 12, "currency EUR differs from the company's reporting currency USD; "
                        + "no FX rate for EUR in 2025Q3"));
    }

    @Test
    void duplicateTickersInTheRegistryAreQuarantinedNotGuessed() {
        Dataset<Row> companies = Fixtures.companies().unionByName(Fixtures.companies().where("ticker = 'AMD'"));
        Split split = InputValidation.companies(companies);
        assertRows(split.valid(), "ticker", row("NVDA"), row("MSFT"), row("BABA"));
        assertRows(split.quarantined(), "line_number, reason",
                row(5, "key (ticker) appears more than once in this companies file"),
                row(5, "key (ticker) appears more than once in this companies file"));
    }

    @Test
    void depreciationParametersNeedAKnownTickerOncePerFile() {
        Dataset<Row> parameters = frame("ticker STRING, disclosed_server_life_years DECIMAL(20,4), "
                        + "effective_from DATE, server_share_of_capex DECIMAL(20,4), source STRING, note STRING, "
                        + "input_file STRING, line_number BIGINT, input_order INT",
                row("MSFT", new java.math.BigDecimal(6), java.sql.Date.valueOf("2022-07-01"), java.math.BigDecimal.ONE,
                        "10-Q", "", "d.csv", 2L, 0),
                row("XXXX", new java.math.BigDecimal(5), java.sql.Date.valueOf("2023-01-01"), java.math.BigDecimal.ONE,
                        "x", "", "d.csv", 3L, 0),
                row("NVDA", new java.math.BigDecimal(4), java.sql.Date.valueOf("2023-01-01"), java.math.BigDecimal.ONE,
                        "a", "", "d.csv", 4L, 0),
                row("NVDA", new java.math.BigDecimal(5), java.sql.Date.valueOf("2024-01-01"), java.math.BigDecimal.ONE,
                        "b", "", "d.csv", 5L, 0));
        Split split = InputValidation.depreciationParameters(parameters, Fixtures.companies());
        assertRows(split.valid(), "ticker, line_number", row("MSFT", 2));
        assertRows(split.quarantined(), "line_number, reason",
                row(3, "unknown ticker 'XXXX' (not in companies)"),
                row(4, "key (ticker) appears more than once in this depreciation parameters file"),
                row(5, "key (ticker) appears more than once in this depreciation parameters file"));
    }
}

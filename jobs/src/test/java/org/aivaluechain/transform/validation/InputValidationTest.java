package org.aivaluechain.transform.validation;

import org.aivaluechain.transform.Split;

import static org.aivaluechain.testing.Fixtures.fact;
import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;

import java.math.BigDecimal;
import java.sql.Date;

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
        Split split = InputValidation.facts(facts, Fixtures.companies(), Fixtures.segments(), Fixtures.fx(),
                java.time.LocalDate.of(2026, 1, 31));

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
    void negativeRevenueFuturePeriodsAndAmountsTooLargeToAddUpAreQuarantined() {
        Dataset<Row> facts = frame(Fixtures.FACTS,
                fact("NVDA", 2025, "Q3", "2024-10-27", "USD", "", "revenue", "-5", "f.csv", 2, 0),
                fact("NVDA", 2025, "Q3", "2024-10-27", "USD", "", "operating_income", "-5", "f.csv", 3, 0),
                fact("NVDA", 2025, "Q3", "2024-10-27", "USD", "", "capex", "-0.0001", "f.csv", 4, 0),
                fact("MSFT", 2026, "Q2", "2025-12-31", "USD", "", "revenue", "81273", "f.csv", 5, 0),
                fact("MSFT", 2026, "Q3", "2026-03-31", "USD", "", "revenue", "1", "f.csv", 6, 0),
                fact("BABA", 2025, "Q4", "2025-03-31", "CNY", "", "revenue", "999999999999.9999", "f.csv", 7, 0),
                fact("BABA", 2025, "Q4", "2025-03-31", "CNY", "", "net_income", "-1000000000000", "f.csv", 8, 0),
                // the last day a DATE holds: the fiscal calendar's arithmetic around it must not overflow
                fact("MSFT", 10000, "Q2", "9999-12-31", "USD", "", "revenue", "1", "f.csv", 9, 0));
        // the run date is a value the caller passes: 2026-01-31 makes MSFT's quarter ending 2026-03-31 a future one
        Split split = InputValidation.facts(facts, Fixtures.companies(), Fixtures.segments(), Fixtures.fx(),
                java.time.LocalDate.of(2026, 1, 31));

        assertRows(split.valid(), "line_number", row(3), row(5), row(7));
        assertRows(split.quarantined(), "line_number, reason",
                row(2, "revenue -5.0000 is negative, which a revenue cannot be"),
                row(4, "capex -0.0001 is negative, which a capex cannot be"),
                row(6, "period_end 2026-03-31 is after the run date 2026-01-31"),
                row(9, "period_end 9999-12-31 is after the run date 2026-01-31"),
                row(8, "value -1000000000000.0000 is out of range (limit: magnitude below 1000000000000 millions, "
                        + "also once converted to USD)"));
    }

    @Test
    void anAmountWithinRangeInItsCurrencyButNotInUsdIsQuarantined() {
        Dataset<Row> fx = frame("currency STRING, quarter STRING, avg_per_usd DECIMAL(20,4), end_per_usd DECIMAL(20,4), "
                        + "source STRING, input_file STRING, line_number BIGINT, input_order INT",
                row("CNY", "2025Q1", new BigDecimal("0.5000"), new BigDecimal("0.5000"), "made up", "fx.csv", 2L, 0));
        Dataset<Row> facts = frame(Fixtures.FACTS,
                fact("BABA", 2025, "Q4", "2025-03-31", "CNY", "", "revenue", "600000000000", "f.csv", 2, 0),
                fact("BABA", 2025, "Q4", "2025-03-31", "CNY", "", "capex", "400000000000", "f.csv", 3, 0));
        Split split = InputValidation.facts(facts, Fixtures.companies(), Fixtures.segments(), fx,
                java.time.LocalDate.of(2026, 1, 31));
        // 600,000,000,000 / 0.5 = 1.2 * 10^12 USD millions; 400,000,000,000 / 0.5 = 8 * 10^11
        assertRows(split.valid(), "line_number", row(3));
        assertRows(split.quarantined(), "line_number", row(2));
    }

    @Test
    void fxRatesMustBePositiveAndFitTheConversion() {
        Dataset<Row> fx = frame("currency STRING, quarter STRING, avg_per_usd DECIMAL(20,4), end_per_usd DECIMAL(20,4), "
                        + "source STRING, input_file STRING, line_number BIGINT, input_order INT",
                row("CNY", "2025Q1", new BigDecimal("7.2500"), new BigDecimal("7.2600"), "H.10", "fx.csv", 2L, 0),
                row("CNY", "2025Q2", new BigDecimal("0"), new BigDecimal("7.2600"), "H.10", "fx.csv", 3L, 0),
                row("CNY", "2025Q3", new BigDecimal("-7.1"), new BigDecimal("-7.2"), "H.10", "fx.csv", 4L, 0),
                row("VND", "2025Q3", new BigDecimal("26000"), new BigDecimal("1000000"), "H.10", "fx.csv", 5L, 0));
        Split split = InputValidation.fxRates(fx);
        assertRows(split.valid(), "line_number", row(2));
        assertRows(split.quarantined(), "line_number, reason",
                row(3, "avg_per_usd 0.0000 is not positive"),
                row(4, "avg_per_usd -7.1000 is not positive; end_per_usd -7.2000 is not positive"),
                row(5, "end_per_usd 1000000.0000 is above 999999.9999, the largest FX rate silver holds"));
    }

    @Test
    void depreciationParametersNeedAKnownTickerALifeAboveZeroAndAShareOfCapex() {
        Dataset<Row> parameters = frame("ticker STRING, disclosed_server_life_years DECIMAL(20,4), "
                        + "effective_from DATE, server_share_of_capex DECIMAL(20,4), source STRING, note STRING, "
                        + "input_file STRING, line_number BIGINT, input_order INT",
                row("MSFT", new BigDecimal(6), Date.valueOf("2022-07-01"), BigDecimal.ONE, "10-Q", "", "d.csv", 2L, 0),
                row("XXXX", new BigDecimal(5), Date.valueOf("2023-01-01"), BigDecimal.ONE, "x", "", "d.csv", 3L, 0),
                row("NVDA", BigDecimal.ZERO, Date.valueOf("2023-01-01"), BigDecimal.ONE, "a", "", "d.csv", 4L, 0),
                row("AMD", new BigDecimal(5), Date.valueOf("2024-01-01"), new BigDecimal("1.5"), "b", "", "d.csv", 5L, 0));
        Split split = InputValidation.depreciationParameters(parameters, Fixtures.companies());
        assertRows(split.valid(), "ticker, line_number", row("MSFT", 2));
        assertRows(split.quarantined(), "line_number, reason",
                row(3, "unknown ticker 'XXXX' (not in companies)"),
                row(4, "disclosed_server_life_years 0.0000 is not positive"),
                row(5, "server_share_of_capex 1.5000 is above 1, a share of capex"));
    }

    @Test
    void segmentsAndCiksOfUnknownCompaniesAreQuarantinedWithTheOneWording() {
        Dataset<Row> ciks = frame("ticker STRING, cik INT, filer_name STRING, valid_from DATE, valid_to DATE, "
                        + "source STRING, input_file STRING, line_number BIGINT, input_order INT",
                row("NVDA", 1045810, "NVIDIA CORP", null, null, "s", "k.csv", 2L, 0),
                row("NVDX", 1, "", null, null, "s", "k.csv", 3L, 0));
        assertRows(InputValidation.companyCiks(ciks, Fixtures.companies()).quarantined(), "line_number, reason",
                row(3, "unknown ticker 'NVDX' (not in companies)"));
        Dataset<Row> segments = Fixtures.segments().unionByName(frame(
                "ticker STRING, segment STRING, segment_name STRING, layer STRING, ai_datacenter_supply BOOLEAN, "
                        + "in_segment_profit_pool BOOLEAN, note STRING, source STRING, input_file STRING, "
                        + "line_number BIGINT, input_order INT",
                row("NVDX", "gaming", "Gaming", "chips", false, false, "", "s", "s.csv", 4L, 0)));
        assertRows(InputValidation.segments(segments, Fixtures.companies()).quarantined(), "line_number, reason",
                row(4, "unknown ticker 'NVDX' (not in companies)"));
    }

    @Test
    void secSegmentsThatSilverWouldCompareAsEqualAreQuarantinedTogether() {
        Dataset<Row> members = frame("ticker STRING, sec_segments STRING, segment STRING, source STRING, "
                        + "input_file STRING, line_number BIGINT, input_order INT",
                row("NVDA", "ProductOrService=DataCenter;", "data_center", "s", "m.csv", 2L, 0),
                // the same once the OperatingSegments qualifier is set aside: one fact on two rows
                row("NVDA", "ConsolidationItems=OperatingSegments;ProductOrService=DataCenter;", "data_center", "s",
                        "m.csv", 3L, 0),
                row("MSFT", "BusinessSegments=IntelligentCloud;", "intelligent_cloud", "s", "m.csv", 4L, 0),
                row("MSFT", "BusinessSegments=Gaming;", "gaming", "s", "m.csv", 5L, 0));
        Split split = InputValidation.secSegmentMembers(members, Fixtures.companies(), Fixtures.segments());
        assertRows(split.valid(), "ticker, line_number", row("MSFT", 4));
        String same = "sec_segments on lines 2, 3 are the same FSDS segments once pair order and "
                + "ConsolidationItems=OperatingSegments are set aside";
        assertRows(split.quarantined(), "line_number, reason",
                row(2, same), row(3, same),
                row(5, "unknown segment 'gaming' for MSFT (not in segments)"));
    }
}

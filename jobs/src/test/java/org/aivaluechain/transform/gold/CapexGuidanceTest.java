package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.Split;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;
import static org.aivaluechain.testing.Frames.sources;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class CapexGuidanceTest {

    static final String GUIDANCE = "company STRING, ticker STRING, announced_date STRING, period STRING, "
            + "low_usd_bn DECIMAL(20,4), high_usd_bn DECIMAL(20,4), currency STRING, basis_note STRING, source STRING, "
            + "input_file STRING, line_number BIGINT, input_order INT";
    static final String QUARTERLY = "ticker STRING, fiscal_year INT, fiscal_quarter INT, calendar_quarter STRING, "
            + "capex DECIMAL(20,4), finance_lease_principal DECIMAL(20,4), sources MAP<STRING, STRING>";

    static Object[] g(String ticker, String date, String period, Integer low, Integer high, String note, long line) {
        return row(ticker, ticker, date, period, dec(low), dec(high), "USD", note, "src", "g.csv", line, 0);
    }

    /** Each value reported is filed in "10-Q TICKER QUARTER"; revenue is in the map too but not an input. */
    static Object[] q(String ticker, int fy, int fq, String cq, Integer capex, Integer flp) {
        List<String> filed = new ArrayList<>(List.of("revenue", "10-Q " + ticker + " " + cq));
        if (capex != null) {
            filed.addAll(List.of("capex", "10-Q " + ticker + " " + cq));
        }
        if (flp != null) {
            filed.addAll(List.of("finance_lease_principal", "10-Q " + ticker + " " + cq));
        }
        return row(ticker, fy, fq, cq, dec(capex), dec(flp), sources(filed.toArray(String[]::new)));
    }

    /** The expected entries "metric quarter" -> "10-Q TICKER quarter" of one metric over the quarters named. */
    static List<String> filed(String ticker, String metric, String... quarters) {
        List<String> entries = new ArrayList<>();
        for (String cq : quarters) {
            entries.addAll(List.of(metric + " " + cq, "10-Q " + ticker + " " + cq));
        }
        return entries;
    }

    @SafeVarargs
    static Object expectedSources(List<String>... entries) {
        return sources(java.util.Arrays.stream(entries).flatMap(List::stream).toArray(String[]::new));
    }

    static BigDecimal dec(Integer v) {
        return v == null ? null : new BigDecimal(v);
    }

    static Dataset<Row> companies() {
        return frame("ticker STRING, fiscal_year_end_month STRING",
                row("MSFT", "6"), row("AMZN", "12"), row("META", "12"), row("TCEHY", "12"), row("AAPL", "9"));
    }

    /** Made-up quarters (USD millions), labelled as such: not the companies' reported figures. */
    static Dataset<Row> quarterly() {
        return frame(QUARTERLY,
                // MSFT, fiscal year ends in June: FY2025 = 2024Q3..2025Q2; FY2024 Q4 and FY2026 Q1 lie outside it
                q("MSFT", 2024, 4, "2024Q2", 14000, null),
                q("MSFT", 2025, 1, "2024Q3", 15000, null),
                q("MSFT", 2025, 2, "2024Q4", 16000, null),
                q("MSFT", 2025, 3, "2025Q1", 17000, null),
                q("MSFT", 2025, 4, "2025Q2", 18000, null),
                q("MSFT", 2026, 1, "2025Q3", 20000, null),
                // AMZN, calendar fiscal year
                q("AMZN", 2024, 4, "2024Q4", 9000, null),
                q("AMZN", 2025, 1, "2025Q1", 10000, null),
                q("AMZN", 2025, 2, "2025Q2", 15000, null),
                q("AMZN", 2025, 3, "2025Q3", 20000, null),
                q("AMZN", 2025, 4, "2025Q4", 20000, null),
                // META: 2025 has finance lease principal in every quarter, 2024 misses it in Q4
                q("META", 2024, 1, "2024Q1", 10000, 500),
                q("META", 2024, 2, "2024Q2", 10000, 500),
                q("META", 2024, 3, "2024Q3", 10000, 500),
                q("META", 2024, 4, "2024Q4", 10000, null),
                q("META", 2025, 1, "2025Q1", 15000, 1000),
                q("META", 2025, 2, "2025Q2", 16000, 1000),
                q("META", 2025, 3, "2025Q3", 17000, 1000),
                q("META", 2025, 4, "2025Q4", 18000, 1000));
    }

    @Test
    void badRowsAreQuarantinedWithTheirReasons() {
        Dataset<Row> guidance = frame(GUIDANCE,
                g("XYZ", "2025-01-03", "CY2025", 10, 10, "n", 2),
                g("AMZN", "2025-01-03", "CY2025", null, 10, "n", 3),
                g("AMZN", "2025-01-03", "CY2025", 12, 10, "n", 4),
                g("AMZN", "2025-01-03", "CY2025", 10, 12, "n", 5));
        Split split = CapexGuidance.validate(guidance, companies());
        assertRows(split.quarantined(), "line_number, reason",
                row(2L, "unknown ticker 'XYZ' (not in companies)"),
                row(3L, "high_usd_bn without low_usd_bn (a lower bound only goes in low_usd_bn)"),
                row(4L, "low_usd_bn is above high_usd_bn"));
        assertRows(split.valid(), "line_number", row(5L));
    }

    @Test
    void guidanceIsMatchedWithTheFiscalOrCalendarYearItNames() {
        Dataset<Row> guidance = frame(GUIDANCE,
                g("MSFT", "2025-01-03", "FY2025 (Jul-2024..Jun-2025)", 80, 80, "made-up cash capex guidance", 2),
                g("MSFT", "2025-01", "CY2025", 70, 80, "made-up; capital expenditures", 3),
                g("AMZN", "", "CY2025", 60, 70, "described as cash capex", 4),
                g("META", "2025-04-30", "CY2025", 64, 72, "including principal payments on finance leases", 5),
                g("META", "2024-02-01", "CY2024", 30, 37, "initial outlook", 6),
                g("0700.HK", "2025-03-19", "CY2025", null, null, "capex 'low teens' as % of revenue", 7),
                g("AAPL", "2025-02-24", "4 years (2025-2028)", 500, null, "NOT capex guidance: US investment commitment", 8),
                g("MSFT", "2025-02-01", "FY2025 (Jul-2024..Jun-2025)", 80, 80,
                        "'approximately $80 billion to build out AI-enabled datacenters'", 9),
                g("AMZN", "2026-02-05", "CY2026", 200, 200, "capital expenditures", 10));
        Split split = CapexGuidance.validate(guidance, companies());
        assertRows(split.quarantined(), "line_number");
        Dataset<Row> out = CapexGuidance.build(split.valid(), quarterly());
        // MSFT FY2025 = 15 + 16 + 17 + 18 = 66 vs 80: -17.5 %.  MSFT CY2025 has 2025Q1-Q3 only (FY2025 Q3-Q4, FY2026 Q1).
        // AMZN CY2025 = 10 + 15 + 20 + 20 = 65 = midpoint of 60-70.
        // META CY2025 = capex 66 + finance lease principal 4 = 70 vs midpoint 68: +2.941176471 %.
        assertRows(out, "source_line, ticker, source_ticker, announced_date, announced_date_precision, period_kind, "
                        + "period_year, basis, quarters_reported, actual_capex_usd_bn, actual_finance_lease_principal_usd_bn, "
                        + "guidance_reference_usd_bn, comparison, comparison_reason, compared_actual_usd_bn, "
                        + "difference_pct, within_guidance",
                row(2L, "MSFT", "MSFT", "2025-01-03", "day", "fiscal_year", 2025, "cash_capex", 4, 66, null, 80,
                        "comparable", "cash capex; compared with cash purchases of PP&E", 66, -17.5, false),
                row(3L, "MSFT", "MSFT", "2025-01-01", "month", "calendar_year", 2025, "unknown", 3, null, null, 75,
                        "pending", "3 of 4 quarters reported", null, null, null),
                row(4L, "AMZN", "AMZN", null, "unknown", "calendar_year", 2025, "cash_capex", 4, 65, null, 65,
                        "comparable", "cash capex; compared with cash purchases of PP&E", 65, 0.0, true),
                row(5L, "META", "META", "2025-04-30", "day", "calendar_year", 2025, "incl_finance_leases", 4, 66, 4, 68,
                        "comparable", "guidance includes principal payments on finance leases; compared with capex + finance_lease_principal",
                        70, 2.941176471, true),
                row(6L, "META", "META", "2024-02-01", "day", "calendar_year", 2024, "incl_finance_leases", 4, 40, null, 33.5,
                        "not_comparable", "guidance includes finance leases; we hold cash purchases of PP&E only",
                        null, null, null),
                row(7L, "TCEHY", "0700.HK", "2025-03-19", "day", "calendar_year", 2025, "pct_of_revenue", 0, null, null, null,
                        "not_comparable", "guidance is a percentage of revenue, not a dollar figure", null, null, null),
                row(8L, "AAPL", "AAPL", "2025-02-24", "day", "multi_year", null, "investment_pledge", null, null, null, 500,
                        "not_comparable", "investment pledge over several years, not capex guidance", null, null, null),
                row(9L, "MSFT", "MSFT", "2025-02-01", "day", "fiscal_year", 2025, "ai_datacenter_investment", 4, 66, null, 80,
                        "not_comparable", "AI-datacenter investment statement, not a capex range; lease treatment not stated",
                        null, null, null),
                // no quarter of 2026 yet: pending, never comparable
                row(10L, "AMZN", "AMZN", "2026-02-05", "day", "calendar_year", 2026, "unknown", 0, null, null, 200,
                        "pending", "0 of 4 quarters reported", null, null, null));
        // sources: the capex (and finance lease principal) of each quarter of the period found in silver, also when
        // fewer than 4 (pending) or when not comparable; nothing for a period without quarters or not one year
        Object msftFy2025 = expectedSources(filed("MSFT", "capex", "2024Q3", "2024Q4", "2025Q1", "2025Q2"));
        assertRows(out, "source_line, source, sources",
                row(2L, "src", msftFy2025),
                row(3L, "src", expectedSources(filed("MSFT", "capex", "2025Q1", "2025Q2", "2025Q3"))),
                row(4L, "src", expectedSources(filed("AMZN", "capex", "2025Q1", "2025Q2", "2025Q3", "2025Q4"))),
                row(5L, "src", expectedSources(filed("META", "capex", "2025Q1", "2025Q2", "2025Q3", "2025Q4"),
                        filed("META", "finance_lease_principal", "2025Q1", "2025Q2", "2025Q3", "2025Q4"))),
                row(6L, "src", expectedSources(filed("META", "capex", "2024Q1", "2024Q2", "2024Q3", "2024Q4"),
                        filed("META", "finance_lease_principal", "2024Q1", "2024Q2", "2024Q3"))),
                row(7L, "src", sources()),
                row(8L, "src", sources()),
                row(9L, "src", msftFy2025),
                row(10L, "src", sources()));
    }
}

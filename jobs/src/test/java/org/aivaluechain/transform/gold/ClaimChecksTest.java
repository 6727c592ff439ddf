package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.Split;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;

import java.math.BigDecimal;
import java.sql.Date;

import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class ClaimChecksTest {

    static final String CLAIMS = "claim_id STRING, article STRING, article_date DATE, claim_text STRING, "
            + "claim_text_en STRING, metric STRING, ticker STRING, segment STRING, period STRING, comparator STRING, "
            + "claimed_value DECIMAL(20,4), unit STRING, basis STRING, tolerance DECIMAL(20,4), tolerance_kind STRING, "
            + "notes STRING, input_file STRING, line_number BIGINT, input_order INT";
    static final String QUARTERLY = "ticker STRING, fiscal_year INT, fiscal_quarter INT, calendar_quarter STRING, "
            + "fx_avg_per_usd DECIMAL(12,6), revenue DECIMAL(20,4), gross_profit DECIMAL(20,4), "
            + "operating_income DECIMAL(20,4), net_income DECIMAL(20,4), capex DECIMAL(20,4), "
            + "finance_lease_principal DECIMAL(20,4)";

    static Object[] c(String id, String date, String metric, String ticker, String segment, String period,
                      String comparator, String claimed, String unit, String basis, String tolerance, String kind,
                      long line) {
        return row(id, "seed.txt: title", date == null ? null : Date.valueOf(date), "原文", "text", metric, ticker,
                segment, period, comparator, new BigDecimal(claimed), unit, basis, new BigDecimal(tolerance), kind, "",
                "claims.csv", line, 0);
    }

    /** Made-up quarters (USD millions except fx), labelled as such: not the companies' reported figures. */
    static Dataset<Row> quarterly() {
        return frame(QUARTERLY,
                row("NVDA", 2024, 3, "2023Q3", dec("1"), dec("18000"), null, null, dec("8000"), dec("300"), null),
                row("NVDA", 2025, 3, "2024Q3", dec("1"), dec("35082"), null, null, dec("20000"), dec("800"), null),
                row("MSFT", 2026, 2, "2025Q4", dec("1"), dec("81273"), null, null, dec("38458"), dec("29876"), null),
                // Alibaba reports in CNY; silver holds USD at the quarter's average rate
                row("BABA", 2024, 3, "2023Q4", dec("7"), dec("36000"), null, null, null, dec("1000"), null),
                row("BABA", 2025, 3, "2024Q4", dec("7.2"), dec("39000"), null, null, null, dec("4000"), null));
    }

    static Dataset<Row> segments() {
        return frame("ticker STRING, fiscal_year INT, fiscal_quarter INT, segment STRING, revenue DECIMAL(20,4)",
                row("NVDA", 2025, 3, "data_center", dec("30771")));
    }

    static Dataset<Row> guidance() {
        return frame("ticker STRING, period_kind STRING, period_year INT, announced_date DATE, "
                        + "guidance_reference_usd_bn DECIMAL(20,4), basis STRING",
                row("GOOGL", "calendar_year", 2026, Date.valueOf("2026-02-04"), dec("180"), "unknown"),
                row("META", "calendar_year", 2026, Date.valueOf("2026-01-28"), dec("125"), "incl_finance_leases"),
                // announced after the article: not what the article could have known
                row("META", "calendar_year", 2026, Date.valueOf("2026-03-01"), dec("150"), "incl_finance_leases"));
    }

    static BigDecimal dec(String v) {
        return new BigDecimal(v);
    }

    static Dataset<Row> companies() {
        return frame("ticker STRING", row("NVDA"), row("MSFT"), row("BABA"), row("GOOGL"), row("META"));
    }

    @Test
    void claimsNamingUnknownTickersOrMismatchedUnitsAreQuarantined() {
        Dataset<Row> claims = frame(CLAIMS,
                c("C01", null, "revenue", "NVDA+OPENAI", "", "FY2025", "approx", "1", "usd_bn", "", "0", "absolute", 2),
                c("C02", null, "gross_margin", "NVDA", "", "FY2025", "approx", "1", "usd_bn", "", "0", "absolute", 3),
                c("C03", null, "segment_revenue", "NVDA", "", "FY2025", "approx", "1", "usd_bn", "", "0", "absolute", 4),
                c("C04", null, "not_in_our_tables", "", "", "CY2025", "approx", "13", "usd_bn", "", "0", "absolute", 5));
        Split split = ClaimChecks.validate(claims, companies());
        assertRows(split.quarantined(), "line_number, reason",
                row(2L, "unknown ticker 'OPENAI' (not in companies)"),
                row(3L, "unit usd_bn does not fit metric gross_margin"),
                row(4L, "segment is empty for a segment metric"));
        assertRows(split.valid(), "claim_id", row("C04"));
    }

    @Test
    void eachClaimIsRecomputedAndGetsAVerdict() {
        Dataset<Row> claims = frame(CLAIMS,
                c("C01", null, "revenue", "NVDA", "", "FY2025Q3", "approx", "35.1", "usd_bn", "", "0.01", "relative", 2),
                c("C02", null, "net_income_growth_yoy", "NVDA", "", "FY2025Q3", "at_least", "500", "pct", "", "0",
                        "absolute", 3),
                c("C03", null, "segment_share_of_revenue", "NVDA", "data_center", "FY2025Q3", "approx", "88", "pct", "",
                        "1", "absolute", 4),
                c("C04", null, "capex", "MSFT", "", "FY2026Q2", "approx", "37.5", "usd_bn", "incl_finance_leases", "0.02",
                        "relative", 5),
                c("C05", null, "capex", "MSFT", "", "FY2027", "approx", "100", "usd_bn", "", "0.02", "relative", 6),
                c("C06", null, "not_in_our_tables", "", "", "CY2025", "approx", "13", "usd_bn", "", "0", "absolute", 7),
                c("C07", "2026-02-10", "capex_guidance", "GOOGL+META", "", "CY2026", "approx", "305", "usd_bn", "",
                        "0.01", "relative", 8),
                c("C08", null, "capex_growth_yoy", "BABA", "", "FY2025Q3", "approx", "260", "pct", "", "10",
                        "absolute", 9),
                c("C09", null, "capex", "BABA", "", "FY2025Q3", "approx", "28.8", "cny_bn", "", "0.01", "relative", 10));
        Split split = ClaimChecks.validate(claims, companies());
        assertRows(split.quarantined(), "line_number");
        // C01 35.082 vs 35.1. C02 20000 / 8000 - 1 = +150 %. C03 30771 / 35082 = 87.7116 %.
        // C08 in CNY: 4000 × 7.2 = 28800 vs 1000 × 7 = 7000 -> +311.4286 % (in USD it would be +300 %).
        assertRows(ClaimChecks.build(split.valid(), quarterly(), segments(), guidance()),
                "claim_id, our_value, difference, quarters_expected, quarters_found, verdict, verdict_reason",
                row("C01", 35.082, -0.018, 1, 1, "holds", "within tolerance (difference -0.02)"),
                row("C02", 150.0, -350.0, 1, 1, "does_not_hold", "below the claimed minimum by 350.00"),
                row("C03", 87.7116, -0.2884, 1, 1, "holds", "within tolerance (difference -0.29)"),
                row("C04", 29.876, -7.624, 1, 1, "cannot_check",
                        "claim counts finance leases; we hold cash capex only (our_value is cash purchases of PP&E)"),
                row("C05", null, null, 4, 0, "cannot_check", "period not in our data (0 of 4 quarters)"),
                row("C06", null, null, null, null, "cannot_check", "metric not in our tables"),
                row("C07", 305.0, 0.0, null, null, "holds", "within tolerance (difference 0.00)"),
                row("C08", 311.4286, 51.4286, 1, 1, "does_not_hold", "outside tolerance (difference 51.43)"),
                row("C09", 28.8, 0.0, 1, 1, "holds", "within tolerance (difference 0.00)"));
    }
}

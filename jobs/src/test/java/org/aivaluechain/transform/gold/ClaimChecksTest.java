package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.Split;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;
import static org.aivaluechain.testing.Frames.sources;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;

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
            + "finance_lease_principal DECIMAL(20,4), sources MAP<STRING, STRING>";

    static Object[] c(String id, String date, String metric, String ticker, String segment, String period,
                      String comparator, String claimed, String unit, String basis, String tolerance, String kind,
                      long line) {
        return row(id, "seed.txt: title", date == null ? null : Date.valueOf(date), "原文", "text", metric, ticker,
                segment, period, comparator, new BigDecimal(claimed), unit, basis, new BigDecimal(tolerance), kind, "",
                "claims.csv", line, 0);
    }

    /**
     * A quarter (USD millions; gross profit and operating income not reported): each value it has is filed in
     * "10-Q TICKER QUARTER".
     */
    static Object[] q(String ticker, int fy, int fq, String cq, String fx, String revenue, String netIncome,
                      String capex, String flp) {
        List<String> filed = new ArrayList<>();
        String[][] values = {{"revenue", revenue}, {"net_income", netIncome}, {"capex", capex},
                {"finance_lease_principal", flp}};
        for (String[] v : values) {
            if (v[1] != null) {
                filed.addAll(List.of(v[0], "10-Q " + ticker + " " + cq));
            }
        }
        return row(ticker, fy, fq, cq, dec(fx), dec(revenue), null, null, dec(netIncome), dec(capex), dec(flp),
                sources(filed.toArray(String[]::new)));
    }

    /** Made-up quarters (USD millions except fx), labelled as such: not the companies' reported figures. */
    static Dataset<Row> quarterly() {
        return frame(QUARTERLY,
                q("NVDA", 2024, 3, "2023Q3", "1", "18000", "8000", "300", null),
                q("NVDA", 2025, 3, "2024Q3", "1", "35082", "20000", "800", null),
                q("MSFT", 2026, 2, "2025Q4", "1", "81273", "38458", "29876", null),
                // Alibaba reports in CNY; silver holds USD at the quarter's average rate
                q("BABA", 2024, 3, "2023Q4", "7", "36000", null, "1000", null),
                q("BABA", 2025, 3, "2024Q4", "7.2", "39000", null, "4000", null),
                // Meta's capex definition adds finance lease principal
                q("META", 2025, 4, "2025Q4", "1", "59000", null, "30000", "1000"));
    }

    static Dataset<Row> segments() {
        return frame("ticker STRING, fiscal_year INT, fiscal_quarter INT, segment STRING, revenue DECIMAL(20,4), "
                        + "sources MAP<STRING, STRING>",
                row("NVDA", 2025, 3, "data_center", dec("30771"), sources("revenue", "10-Q NVDA segment note 2024Q3")));
    }

    static Dataset<Row> guidance() {
        return frame("ticker STRING, period_kind STRING, period_year INT, announced_date DATE, "
                        + "guidance_reference_usd_bn DECIMAL(20,4), basis STRING, source STRING",
                row("GOOGL", "calendar_year", 2026, Date.valueOf("2026-02-04"), dec("180"), "unknown", "GOOGL Q4 call"),
                row("META", "calendar_year", 2026, Date.valueOf("2026-01-28"), dec("125"), "incl_finance_leases",
                        "META Q4 call"),
                // announced after the article: not what the article could have known
                row("META", "calendar_year", 2026, Date.valueOf("2026-03-01"), dec("150"), "incl_finance_leases",
                        "META March update"));
    }

    static BigDecimal dec(String v) {
        return v == null ? null : new BigDecimal(v);
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
                c("C09", null, "capex", "BABA", "", "FY2025Q3", "approx", "28.8", "cny_bn", "", "0.01", "relative", 10),
                c("C10", null, "capex", "META", "", "2025Q4", "approx", "31", "usd_bn", "incl_finance_lease_principal",
                        "0.01", "relative", 11));
        Split split = ClaimChecks.validate(claims, companies());
        assertRows(split.quarantined(), "line_number");
        Dataset<Row> checks = ClaimChecks.build(split.valid(), quarterly(), segments(), guidance());
        // C01 35.082 vs 35.1. C02 20000 / 8000 - 1 = +150 %. C03 30771 / 35082 = 87.7116 %.
        // C08 in CNY: 4000 × 7.2 = 28800 vs 1000 × 7 = 7000 -> +311.4286 % (in USD it would be +300 %).
        assertRows(checks,
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
                row("C09", 28.8, 0.0, 1, 1, "holds", "within tolerance (difference 0.00)"),
                // C10: capex 30000 + finance lease principal 1000 = 31 bn
                row("C10", 31.0, 0.0, 1, 1, "holds", "within tolerance (difference 0.00)"));
        // sources: the claim's own line, then every value it was recomputed from, of this and (growth) the prior
        // year; the guidance statements for guidance claims (META's March update came after the article)
        String claim = "seed.txt: title";
        assertRows(checks, "claim_id, sources",
                row("C01", sources("claim", "claims.csv line 2: " + claim, "NVDA revenue 2024Q3", "10-Q NVDA 2024Q3")),
                row("C02", sources("claim", "claims.csv line 3: " + claim, "NVDA net_income 2024Q3", "10-Q NVDA 2024Q3",
                        "NVDA net_income 2023Q3", "10-Q NVDA 2023Q3")),
                row("C03", sources("claim", "claims.csv line 4: " + claim, "NVDA revenue 2024Q3", "10-Q NVDA 2024Q3",
                        "NVDA.data_center revenue 2024Q3", "10-Q NVDA segment note 2024Q3")),
                row("C04", sources("claim", "claims.csv line 5: " + claim, "MSFT capex 2025Q4", "10-Q MSFT 2025Q4")),
                row("C05", sources("claim", "claims.csv line 6: " + claim)),
                row("C06", sources("claim", "claims.csv line 7: " + claim)),
                row("C07", sources("claim", "claims.csv line 8: " + claim, "GOOGL capex_guidance CY2026", "GOOGL Q4 call",
                        "META capex_guidance CY2026", "META Q4 call")),
                row("C08", sources("claim", "claims.csv line 9: " + claim, "BABA capex 2024Q4", "10-Q BABA 2024Q4",
                        "BABA capex 2023Q4", "10-Q BABA 2023Q4")),
                row("C09", sources("claim", "claims.csv line 10: " + claim, "BABA capex 2024Q4", "10-Q BABA 2024Q4")),
                row("C10", sources("claim", "claims.csv line 11: " + claim, "META capex 2025Q4", "10-Q META 2025Q4",
                        "META finance_lease_principal 2025Q4", "10-Q META 2025Q4")));
    }
}

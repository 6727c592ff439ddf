package org.aivaluechain.transform.silver;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;
import static org.apache.spark.sql.functions.lit;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.aivaluechain.io.sec.FsdsReader;
import org.aivaluechain.io.sec.MetricTags;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The FSDS history fixtures (jobs/src/test/resources/sec/fsds/README.md: real rows of 2010q2 and 2019q1, one
 * illustrative 10-K/A) read by the FSDS reader and resolved into periods: every trap in one place.
 */
@ExtendWith(SharedSpark.class)
class SecPeriodsFsdsHistoryTest {

    @Test
    void theFsdsHistoryResolvesIntoFiscalPeriods() throws URISyntaxException {
        String history = Path.of(getClass().getResource("/sec/fsds/history").toURI()).toString();
        Dataset<Row> facts = new FsdsReader(SharedSpark.spark()).read(history).facts().withColumn("run_id", lit("r"));
        Dataset<Row> filers = frame("cik INT, ticker STRING", row(1045810, "NVDA"), row(320193, "AAPL"),
                row(1018724, "AMZN"), row(789019, "MSFT"));
        Dataset<Row> companies = frame("ticker STRING, fiscal_year_end_month STRING", row("NVDA", "1"),
                row("AAPL", "9"), row("AMZN", "12"), row("MSFT", "6"));
        Dataset<Row> periods = SecPeriods.build(facts, MetricTags.load(SharedSpark.spark()), filers, companies);
        assertRows(periods, "entity_id, metric, segments, fiscal_year, fiscal_period, period_end, value, derivation, "
                        + "value_first_reported, restated",
                // 52/53-week: the quarter ended 2010-05-02 is dated 2010-04-30 and is fiscal 2011 Q1 (the filing
                // itself says fy 2010, fp Q2, fye 1231); its comparative is fiscal 2010 Q1
                row("NVDA", "revenue", "", 2011, "Q1", "2010-04-30", 1001.813, null, 1001.813, false),
                row("NVDA", "revenue", "", 2010, "Q1", "2009-04-30", 664.231, null, 664.231, false),
                row("NVDA", "operating_income", "", 2011, "Q1", "2010-04-30", 147.393, null, 147.393, false),
                // the (illustrative) 10-K/A restates the 10-K: latest 11,700, first reported 11,716
                row("NVDA", "revenue", "", 2019, "FY", "2019-01-31", 11700, null, 11716, true),
                row("NVDA", "revenue", "", 2025, "Q3", "2024-10-31", 35082, null, 35082, false),
                row("NVDA", "revenue", "BusinessSegments=ComputeAndNetworking;", 2025, "Q3", "2024-10-31", 31036,
                        null, 31036, false),
                row("NVDA", "revenue", "BusinessSegments=Graphics;", 2025, "Q3", "2024-10-31", 4046, null, 4046,
                        false),
                // Apple: SalesRevenueNet in 2010, the ASC 606 tag in 2019 (tag migration); Q1 FY2010 from the
                // six months: 29,182 - 13,499 = 15,683
                row("AAPL", "revenue", "", 2010, "Q2", "2010-03-31", 13499, null, 13499, false),
                row("AAPL", "revenue", "", 2010, "H1", "2010-03-31", 29182, null, 29182, false),
                row("AAPL", "revenue", "", 2010, "Q1", "2009-12-31", 15683, "Q1 = H1 YTD - Q2", 15683, false),
                row("AAPL", "revenue", "", 2019, "Q1", "2018-12-31", 84310, null, 84310, false),
                // capex only as six months: kept as H1, no quarter can be derived from it alone
                row("AAPL", "capex", "", 2010, "H1", "2010-03-31", 650, null, 650, false),
                row("AAPL", "capex", "", 2009, "H1", "2009-03-31", 439, null, 439, false),
                // Amazon's trailing twelve months in a 10-Q is not a year; the quarter stays
                row("AMZN", "capex", "", 2010, "Q1", "2010-03-31", 140, null, 140, false),
                row("MSFT", "net_income", "", 2010, "Q3", "2010-03-31", 4006, null, 4006, false),
                row("MSFT", "net_income", "EquityComponents=RetainedEarnings;", 2010, "Q3", "2010-03-31", 4006, null,
                        4006, false),
                // filers outside the registry: Kimberly-Clark's 10-Q/A corrects 4,835 (dollars) to 4,835 million;
                // Exelon's co-registrant revenue is left out
                row("cik:55785", "revenue", "", 2010, "Q1", "2010-03-31", 4835, null, 0.0048, true),
                row("cik:1109357", "net_income", "", 2010, "Q1", "2010-03-31", 749, null, 749, false));
    }
}

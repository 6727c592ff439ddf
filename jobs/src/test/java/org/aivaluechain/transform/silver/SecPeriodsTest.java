package org.aivaluechain.transform.silver;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.apache.spark.sql.functions.col;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.local;
import static org.aivaluechain.testing.Frames.row;

import java.math.BigDecimal;
import java.sql.Date;

import org.aivaluechain.io.sec.MetricTags;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SEC facts as filed into fiscal periods: every rule with values small enough to check by hand. */
@ExtendWith(SharedSpark.class)
class SecPeriodsTest {

    static final String SEC_FACTS = "source_format STRING, source_file STRING, accession STRING, cik INT, "
            + "entity_name STRING, form STRING, filed DATE, filing_fiscal_year INT, filing_fiscal_period STRING, "
            + "fiscal_year_end STRING, taxonomy STRING, taxonomy_version STRING, tag STRING, unit STRING, "
            + "period_start DATE, period_end DATE, duration_quarters INT, segments STRING, coreg STRING, "
            + "frame STRING, value DECIMAL(28,4), run_id STRING";

    private static final int NVDA = 1045810;

    /** A companyfacts fact (duration from start and end). */
    static Object[] cf(int cik, String tag, String start, String end, long value, String accn, String form,
                               String filed) {
        return row("companyfacts", "f.json", accn, cik, "FILER " + cik, form, Date.valueOf(filed), null, null, null,
                "us-gaap", null, tag, "USD", Date.valueOf(start), Date.valueOf(end), null, "", "", null,
                BigDecimal.valueOf(value), "r");
    }

    /** An FSDS fact (month-end ddate, duration in quarters). */
    static Object[] fsds(int cik, String fye, String tag, String ddate, int qtrs, long value, String adsh,
                                 String form, String filed, String segments) {
        return row("fsds", "q.zip", adsh, cik, "FILER " + cik, form, Date.valueOf(filed), null, null, fye,
                "us-gaap", "us-gaap/2023", tag, "USD", null, Date.valueOf(ddate), qtrs, segments, "", null,
                BigDecimal.valueOf(value), "r");
    }

    private static Dataset<Row> build(Object[]... facts) {
        Dataset<Row> filers = frame("cik INT, ticker STRING", row(NVDA, "NVDA"), row(1288776, "GOOGL"),
                row(1652044, "GOOGL"));
        Dataset<Row> companies = frame("ticker STRING, fiscal_year_end_month STRING", row("NVDA", "1"),
                row("GOOGL", "12"));
        return local(SecPeriods.build(frame(SEC_FACTS, facts), MetricTags.load(SharedSpark.spark()), filers,
                companies));
    }

    @Test
    void nvidiaYearToDateFactsBecomeQuarters() {
        // real facts of NVIDIA's companyfacts (sample-data/sec/companyfacts): revenue FY2026 and D&A FY2026
        Dataset<Row> periods = build(
                cf(NVDA, "Revenues", "2025-01-27", "2025-04-27", 44062000000L, "0001045810-25-000116", "10-Q", "2025-05-28"),
                cf(NVDA, "Revenues", "2025-04-28", "2025-07-27", 46743000000L, "0001045810-25-000209", "10-Q", "2025-08-27"),
                cf(NVDA, "Revenues", "2025-01-27", "2025-07-27", 90805000000L, "0001045810-25-000209", "10-Q", "2025-08-27"),
                cf(NVDA, "Revenues", "2025-07-28", "2025-10-26", 57006000000L, "0001045810-25-000230", "10-Q", "2025-11-19"),
                cf(NVDA, "Revenues", "2025-01-27", "2025-10-26", 147811000000L, "0001045810-25-000230", "10-Q", "2025-11-19"),
                cf(NVDA, "Revenues", "2025-01-27", "2026-01-25", 215938000000L, "0001045810-26-000021", "10-K", "2026-02-25"),
                cf(NVDA, "DepreciationDepletionAndAmortization", "2025-01-27", "2025-04-27", 611000000L, "0001045810-25-000116", "10-Q", "2025-05-28"),
                cf(NVDA, "DepreciationDepletionAndAmortization", "2025-01-27", "2025-07-27", 1280000000L, "0001045810-25-000209", "10-Q", "2025-08-27"),
                cf(NVDA, "DepreciationDepletionAndAmortization", "2025-01-27", "2025-10-26", 2031000000L, "0001045810-25-000230", "10-Q", "2025-11-19"),
                cf(NVDA, "DepreciationDepletionAndAmortization", "2025-01-27", "2026-01-25", 2843000000L, "0001045810-26-000021", "10-K", "2026-02-25"));
        assertRows(periods, "entity_id, metric, fiscal_year, fiscal_period, period_end, value, derivation, accession",
                row("NVDA", "revenue", 2026, "Q1", "2025-04-27", 44062, null, "0001045810-25-000116"),
                row("NVDA", "revenue", 2026, "Q2", "2025-07-27", 46743, null, "0001045810-25-000209"),
                row("NVDA", "revenue", 2026, "Q3", "2025-10-26", 57006, null, "0001045810-25-000230"),
                // 215,938 - 147,811
                row("NVDA", "revenue", 2026, "Q4", "2026-01-25", 68127, "Q4 = FY - 9M YTD", "0001045810-26-000021"),
                row("NVDA", "revenue", 2026, "FY", "2026-01-25", 215938, null, "0001045810-26-000021"),
                row("NVDA", "revenue", 2026, "H1", "2025-07-27", 90805, null, "0001045810-25-000209"),
                row("NVDA", "revenue", 2026, "9M", "2025-10-26", 147811, null, "0001045810-25-000230"),
                row("NVDA", "depreciation_amortization", 2026, "Q1", "2025-04-27", 611, null, "0001045810-25-000116"),
                // 1,280 - 611; 2,031 - 1,280; 2,843 - 2,031
                row("NVDA", "depreciation_amortization", 2026, "Q2", "2025-07-27", 669, "Q2 = H1 YTD - Q1", "0001045810-25-000209"),
                row("NVDA", "depreciation_amortization", 2026, "Q3", "2025-10-26", 751, "Q3 = 9M YTD - H1 YTD", "0001045810-25-000230"),
                row("NVDA", "depreciation_amortization", 2026, "Q4", "2026-01-25", 812, "Q4 = FY - 9M YTD", "0001045810-26-000021"),
                row("NVDA", "depreciation_amortization", 2026, "FY", "2026-01-25", 2843, null, "0001045810-26-000021"),
                row("NVDA", "depreciation_amortization", 2026, "H1", "2025-07-27", 1280, null, "0001045810-25-000209"),
                row("NVDA", "depreciation_amortization", 2026, "9M", "2025-10-26", 2031, null, "0001045810-25-000230"));
        assertRows(periods.where("metric = 'depreciation_amortization' AND fiscal_period = 'Q3'"), "source",
                row("derived: Q3 = 9M YTD - H1 YTD from SEC 10-Q 0001045810-25-000230 "
                        + "us-gaap:DepreciationDepletionAndAmortization (9M YTD), 10-Q 0001045810-25-000209 "
                        + "us-gaap:DepreciationDepletionAndAmortization (H1 YTD)"));
    }

    @Test
    void aFirstQuarterFromSixMonthsEndsTheDayBeforeTheSecondQuarterStarts() {
        Dataset<Row> periods = build(
                cf(NVDA, "Revenues", "2025-04-28", "2025-07-27", 46743000000L, "0001045810-25-000209", "10-Q", "2025-08-27"),
                cf(NVDA, "Revenues", "2025-01-27", "2025-07-27", 90805000000L, "0001045810-25-000209", "10-Q", "2025-08-27"));
        assertRows(periods.where("fiscal_period = 'Q1'"), "fiscal_year, period_end, value, derivation",
                row(2026, "2025-04-27", 44062, "Q1 = H1 YTD - Q2"));
    }

    @Test
    void yearsAreNeverMixedAndTrailingTwelveMonthsInA10QIsNotAYear() {
        Dataset<Row> periods = build(
                // FY2025 and the 9 months of FY2026: no Q4 can come of them
                cf(NVDA, "DepreciationDepletionAndAmortization", "2024-01-29", "2025-01-26", 1864000000L, "0001045810-25-000023", "10-K", "2025-02-26"),
                cf(NVDA, "DepreciationDepletionAndAmortization", "2025-01-27", "2025-10-26", 2031000000L, "0001045810-25-000230", "10-Q", "2025-11-19"),
                // twelve months ending at a third quarter (Amazon-style trailing cash flows in a 10-Q)
                cf(NVDA, "PaymentsToAcquirePropertyPlantAndEquipment", "2024-10-28", "2025-10-26", 5000000000L, "0001045810-25-000230", "10-Q", "2025-11-19"));
        assertRows(periods, "metric, fiscal_year, fiscal_period, value, derivation",
                row("depreciation_amortization", 2025, "FY", 1864, null),
                row("depreciation_amortization", 2026, "9M", 2031, null));
    }

    @Test
    void theNewestTagWinsWherePresentAndOlderTagsFillTheRest() {
        Dataset<Row> periods = build(
                fsds(NVDA, "0131", "SalesRevenueNet", "2017-04-30", 1, 1937000000L, "a-2017-q1", "10-Q", "2017-05-23", ""),
                // the same quarter again as a comparative under the new tag, with a re-presented value
                fsds(NVDA, "0131", "RevenueFromContractWithCustomerExcludingAssessedTax", "2017-04-30", 1, 1940000000L, "a-2018-q1", "10-Q", "2018-05-24", ""),
                fsds(NVDA, "0131", "SalesRevenueNet", "2016-04-30", 1, 1305000000L, "a-2016-q1", "10-Q", "2016-05-19", ""),
                fsds(NVDA, "0131", "RevenueFromContractWithCustomerExcludingAssessedTax", "2018-04-30", 1, 3207000000L, "a-2018-q1", "10-Q", "2018-05-24", ""));
        assertRows(periods, "fiscal_year, fiscal_period, period_end, value, tag, value_first_reported, restated",
                row(2017, "Q1", "2016-04-30", 1305, "us-gaap:SalesRevenueNet", 1305, false),
                row(2018, "Q1", "2017-04-30", 1940, "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", 1937, true),
                row(2019, "Q1", "2018-04-30", 3207, "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", 3207, false));
    }

    @Test
    void anAmendmentRestatesAndTheFirstReportedValueIsKept() {
        Dataset<Row> periods = build(
                cf(1652044, "NetIncomeLoss", "2023-01-01", "2023-12-31", 73795000000L, "10k", "10-K", "2024-02-01"),
                cf(1652044, "NetIncomeLoss", "2023-01-01", "2023-12-31", 73000000000L, "10k-a", "10-K/A", "2024-04-01"),
                // a later 10-K repeating the amended figure: collapses into one fact
                cf(1652044, "NetIncomeLoss", "2023-01-01", "2023-12-31", 73000000000L, "10k-2024", "10-K", "2025-02-01"));
        assertRows(periods, "entity_id, fiscal_year, fiscal_period, value, accession, value_first_reported, "
                        + "accession_first_reported, restated",
                row("GOOGL", 2023, "FY", 73000, "10k-2024", 73795, "10k", true));
    }

    @Test
    void aPredecessorFilersFactsAndItsSuccessorsComparativesAreOneCompany() {
        // Google Inc. (CIK 1288776) filed FY2014; Alphabet (CIK 1652044) repeated it as a comparative in its
        // FY2015 10-K (revenue 66,001 million in both)
        Dataset<Row> periods = build(
                cf(1288776, "Revenues", "2014-01-01", "2014-12-31", 66001000000L, "google-10k-2014", "10-K", "2015-02-06"),
                cf(1652044, "Revenues", "2014-01-01", "2014-12-31", 66001000000L, "alphabet-10k-2015", "10-K", "2016-02-11"),
                cf(1652044, "Revenues", "2015-01-01", "2015-12-31", 74989000000L, "alphabet-10k-2015", "10-K", "2016-02-11"));
        assertRows(periods, "entity_id, cik, fiscal_year, fiscal_period, value, accession, accession_first_reported",
                row("GOOGL", 1652044, 2014, "FY", 66001, "alphabet-10k-2015", "google-10k-2014"),
                row("GOOGL", 1652044, 2015, "FY", 74989, "alphabet-10k-2015", "alphabet-10k-2015"));
    }

    @Test
    void fiftyTwoWeekQuartersRoundedToMonthEndsAndUnregisteredFilersKeepTheirOwnYearEnd() {
        Dataset<Row> periods = build(
                // NVIDIA's quarter ended 2010-05-02, dated 2010-04-30 in FSDS: fiscal 2011 Q1
                fsds(NVDA, "0131", "Revenues", "2010-04-30", 1, 1001813000L, "n", "10-Q", "2010-05-20", ""),
                fsds(NVDA, "0131", "Revenues", "2010-04-30", 1, 500000000L, "n", "10-Q", "2010-05-20",
                        "BusinessSegments=GpuMember;"),
                // a filer outside the registry, fiscal year ending in June (fye 0630): March is its Q3
                fsds(999, "0630", "Revenues", "2010-03-31", 1, 7000000L, "x", "10-Q", "2010-05-01", ""),
                fsds(999, "0630", "Revenues", "2010-03-31", 3, 20000000L, "x", "10-Q", "2010-05-01", ""));
        assertRows(periods, "entity_id, ticker, segments, fiscal_year, fiscal_period, value",
                row("NVDA", "NVDA", "", 2011, "Q1", 1001.813),
                row("NVDA", "NVDA", "BusinessSegments=GpuMember;", 2011, "Q1", 500),
                row("cik:999", null, "", 2010, "Q3", 7),
                row("cik:999", null, "", 2010, "9M", 20));
    }


    @Test
    void registeredValuesBecomeFactsWithMappedSegmentsOnlyAndInTheReportingCurrency() {
        Dataset<Row> values = frame("entity_id STRING, ticker STRING, metric STRING, segments STRING, currency STRING, "
                        + "fiscal_year INT, fiscal_period STRING, period_end DATE, value DECIMAL(20,4), derivation STRING, "
                        + "source STRING, value_first_reported DECIMAL(20,4), derivation_first_reported STRING, "
                        + "source_first_reported STRING",
                row("NVDA", "NVDA", "revenue", "", "USD", 2026, "Q4", Date.valueOf("2026-01-25"), new BigDecimal("68127"),
                        "Q4 = FY - 9M YTD", "derived", new BigDecimal("68000"), null, "first"),
                row("NVDA", "NVDA", "revenue", "BusinessSegments=DataCenterMember;", "USD", 2026, "Q4",
                        Date.valueOf("2026-01-25"), new BigDecimal("62314"), null, "dc", new BigDecimal("62314"), null, "dc"),
                row("NVDA", "NVDA", "revenue", "BusinessSegments=OtherMember;", "USD", 2026, "Q4",
                        Date.valueOf("2026-01-25"), new BigDecimal("5"), null, "unmapped", new BigDecimal("5"), null, "x"),
                row("NVDA", "NVDA", "revenue", "", "EUR", 2026, "Q4", Date.valueOf("2026-01-25"), new BigDecimal("1"),
                        null, "not the reporting currency", new BigDecimal("1"), null, "x"),
                row("cik:9", null, "revenue", "", "USD", 2026, "Q4", Date.valueOf("2026-01-25"), new BigDecimal("1"),
                        null, "unregistered", new BigDecimal("1"), null, "x"),
                // pairs in another order, and the OperatingSegments qualifier: the same segment
                row("GOOGL", "GOOGL", "revenue", "ProductOrService=Cloud;BusinessSegments=GoogleCloud;", "USD", 2026,
                        "Q2", Date.valueOf("2026-06-30"), new BigDecimal("24768"), null, "reordered",
                        new BigDecimal("24768"), null, "reordered"),
                row("GOOGL", "GOOGL", "revenue", "BusinessSegments=GoogleCloud;", "USD", 2026, "Q1",
                        Date.valueOf("2026-03-31"), new BigDecimal("20000"), null, "exact", new BigDecimal("20000"),
                        null, "exact"),
                row("GOOGL", "GOOGL", "revenue", "BusinessSegments=GoogleCloud;ConsolidationItems=OperatingSegments;",
                        "USD", 2026, "Q1", Date.valueOf("2026-03-31"), new BigDecimal("20000"), null, "qualified",
                        new BigDecimal("20000"), null, "qualified"),
                // an elimination keeps its pair and is no segment
                row("GOOGL", "GOOGL", "revenue",
                        "BusinessSegments=GoogleCloud;ConsolidationItems=IntersegmentEliminations;", "USD", 2026, "Q1",
                        Date.valueOf("2026-03-31"), new BigDecimal("-7"), null, "elimination", new BigDecimal("-7"),
                        null, "elimination"));
        Dataset<Row> companies = frame("ticker STRING, reporting_currency STRING", row("NVDA", "USD"),
                row("GOOGL", "USD"));
        Dataset<Row> members = frame("ticker STRING, sec_segments STRING, segment STRING",
                row("NVDA", "BusinessSegments=DataCenterMember;", "compute_networking"),
                row("GOOGL", "BusinessSegments=GoogleCloud;", "google_cloud"),
                row("GOOGL", "BusinessSegments=GoogleCloud;ProductOrService=Cloud;", "google_cloud"));
        assertRows(SecPeriods.asFacts(values, companies, members, false),
                "ticker, fiscal_period, segment, value, derivation, source, input_order",
                row("NVDA", "Q4", "", 68127, "Q4 = FY - 9M YTD", "derived", Integer.MAX_VALUE),
                row("NVDA", "Q4", "compute_networking", 62314, null, "dc", Integer.MAX_VALUE),
                row("GOOGL", "Q1", "google_cloud", 20000, null, "exact", Integer.MAX_VALUE),
                row("GOOGL", "Q2", "google_cloud", 24768, null, "reordered", Integer.MAX_VALUE));
        assertRows(SecPeriods.asFacts(values, companies, members, true), "segment, value, derivation, source",
                row("", 68000, null, "first"),
                row("compute_networking", 62314, null, "dc"),
                row("google_cloud", 20000, null, "exact"),
                row("google_cloud", 24768, null, "reordered"));
    }

    @Test
    void segmentsCompareAsSetsOfPairsWithoutTheOperatingSegmentsQualifier() {
        Dataset<Row> in = frame("segments STRING", row(""), row("BusinessSegments=GoogleCloud;"),
                row("ConsolidationItems=OperatingSegments;BusinessSegments=GoogleCloud;"),
                row("LegalEntity=CommonwealthEdisonCo;EquityComponents=CommonStock;"),
                row("BusinessSegments=Aws;ConsolidationItems=IntersegmentEliminations;"));
        assertRows(in.select(col("segments"), org.aivaluechain.model.FsdsSegments.key(col("segments")).as("key")), "segments, key",
                row("", ""),
                row("BusinessSegments=GoogleCloud;", "BusinessSegments=GoogleCloud"),
                row("ConsolidationItems=OperatingSegments;BusinessSegments=GoogleCloud;", "BusinessSegments=GoogleCloud"),
                row("LegalEntity=CommonwealthEdisonCo;EquityComponents=CommonStock;",
                        "EquityComponents=CommonStock;LegalEntity=CommonwealthEdisonCo"),
                row("BusinessSegments=Aws;ConsolidationItems=IntersegmentEliminations;",
                        "BusinessSegments=Aws;ConsolidationItems=IntersegmentEliminations"));
    }
}

package org.aivaluechain.transform.silver;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.local;
import static org.aivaluechain.testing.Frames.row;
import static org.apache.spark.sql.functions.col;

import org.aivaluechain.io.sec.MetricTags;
import org.aivaluechain.testing.Fixtures;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real SEC filings that went wrong (src/test/resources/sec/cases/README.md names each source), resolved into
 * fiscal periods. Every expected figure is read off the filing's own facts and computed by hand in the comment.
 */
@ExtendWith(SharedSpark.class)
class SecFieldCasesTest {

    private static Dataset<Row> filers() {
        return frame("cik INT, ticker STRING", row(320193, "AAPL"));
    }

    private static Dataset<Row> companies() {
        return frame("ticker STRING, fiscal_year_end_month STRING, calendar STRING, reporting_currency STRING, "
                        + "recast_from STRING", row("AAPL", "9", "52_53_week", "USD", ""));
    }

    private static Dataset<Row> periods(Dataset<Row> facts) {
        return SecPeriods.build(facts, MetricTags.load(SharedSpark.spark()), filers(), companies());
    }

    @Test
    void case01AProxyStatementNeverOverridesThe10K() {
        Dataset<Row> facts = SecCaseFiles.companyFacts("01-dx-def14a-scale/CIK0000826675.json");
        Dataset<Row> tags = MetricTags.load(SharedSpark.spark());
        assertRows(periods(facts), "entity_id, fiscal_year, fiscal_period, value, derivation, flag, restated",
                row("cik:826675", 2025, "Q1", -3.076, null, null, false),
                row("cik:826675", 2025, "Q2", -13.606, null, null, false),
                row("cik:826675", 2025, "Q3", 150.388, null, null, false),
                // 319.066 - 133.707: the 10-K's year less the third 10-Q's nine months; the proxy's 319,065 is unplaced
                row("cik:826675", 2025, "Q4", 185.359, "Q4 = FY - 9M YTD", null, false),
                row("cik:826675", 2025, "FY", 319.066, null, null, false),
                row("cik:826675", 2025, "H1", -16.682, null, null, false),
                row("cik:826675", 2025, "9M", 133.707, null, null, false));
        assertRows(SecPeriods.unplaced(facts, tags, filers(), companies()), "form, accession, value, reason",
                row("DEF 14A", "0000826675-26-900005", 319065, SecPeriods.SUPERSEDED_BY_PERIODIC_FORM));
        // 7 facts read: 6 placed + 1 unplaced
        assertRows(SecPeriods.placementCounts(facts, tags, filers(), companies()).groupBy("outcome").sum("facts"),
                "*", row("placed", 6L), row(SecPeriods.SUPERSEDED_BY_PERIODIC_FORM, 1L));
    }

    @Test
    void case02ASixteenWeekFirstQuarterIsAQuarter() {
        Dataset<Row> facts = SecCaseFiles.fsds("02-cava-16week-q1/fsds");
        // 16 weeks ended 2026-04-19 (ddate rounded to 2026-04-30), fiscal 2025 ended 2025-12-28 (fye 1228)
        assertRows(periods(facts), "entity_id, metric, fiscal_year, fiscal_period, period_end, value",
                row("cik:1639438", "revenue", 2026, "Q1", "2026-04-30", 438.27),
                row("cik:1639438", "revenue", 2025, "Q1", "2025-04-30", 331.826),
                row("cik:1639438", "net_income", 2026, "Q1", "2026-04-30", 23.566));
    }

    @Test
    void case05NoQuarterIsDerivedFromARestatedYearAndFirstReportedMonths() {
        Dataset<Row> facts = SecCaseFiles.fsds("05-aapl-2009-restatement-window/fsds");
        Dataset<Row> revenue = local(periods(facts).where(col("metric").equalTo("revenue")));
        assertRows(revenue, "fiscal_year, fiscal_period, value, derivation, flag, value_first_reported, flag_first_reported",
                row(2007, "FY", 24578, null, null, 24578, null),
                // the 10-K/A restated fiscal 2008 too; the 9 months (24,584) are as first reported: 37,491 - 24,584
                // mixes the two
                // the third quarter and 9 months as filed before that restatement are not on its basis either
                row(2008, "Q3", 7464, null, SecPeriods.MIXED_VINTAGE, 7464, null),
                row(2008, "Q4", 12907, "Q4 = FY - 9M YTD", SecPeriods.MIXED_VINTAGE, 12907, SecPeriods.MIXED_VINTAGE),
                row(2008, "FY", 37491, null, null, 37491, null),
                row(2008, "9M", 24584, null, SecPeriods.MIXED_VINTAGE, 24584, null),
                // restated Q1 and Q2 (fiscal 2010 10-Qs), first-reported Q3 and 9M (10-Q of July 2009), restated
                // year (10-K/A of 2010-01-25): 42,905 - 26,667 = 16,238 and 42,905 - 11,880 - 9,084 - 8,337 = 13,604
                // are both mixes; the first is shown, flagged. Q3 and 9M as filed in July 2009 stand as the latest
                // values only flagged (no filing here gives them restated); as first reported they are right
                row(2009, "Q1", 11880, null, null, 11880, null),
                row(2009, "Q2", 9084, null, null, 9084, null),
                row(2009, "Q3", 8337, null, SecPeriods.MIXED_VINTAGE, 8337, null),
                row(2009, "Q4", 16238, "Q4 = FY - 9M YTD", SecPeriods.MIXED_VINTAGE, 16238, SecPeriods.MIXED_VINTAGE),
                row(2009, "FY", 42905, null, null, 42905, null),
                row(2009, "H1", 20964, null, null, 20964, null),
                row(2009, "9M", 26667, null, SecPeriods.MIXED_VINTAGE, 26667, null),
                row(2010, "Q1", 15683, null, null, 15683, null),
                row(2010, "Q2", 13499, null, null, 13499, null),
                row(2010, "H1", 29182, null, null, 29182, null));

        // on to silver: the flagged Q4 is withheld (nothing derived in its place) and listed as a failed check
        Dataset<Row> resolved = local(FactResolution.resolve(SecPeriods.asFacts(revenue, companies(),
                frame("ticker STRING, sec_segments STRING, segment STRING"), false), companies()));
        assertRows(resolved.where("fiscal_year = 2009 AND fiscal_period IN ('Q3', 'Q4')"),
                "fiscal_period, value, withheld_value, flag",
                row("Q3", null, 8337, SecPeriods.MIXED_VINTAGE),
                row("Q4", null, 16238, SecPeriods.MIXED_VINTAGE));
        assertRows(Reconciliation.checks(resolved).where("fiscal_year = 2009"),
                "fiscal_period, check_name, actual, passed, reason",
                row("Q3", Reconciliation.DERIVED_VALUE_PLAUSIBLE, 8337, false, "withheld (mixed_vintage): reported"),
                row("Q4", Reconciliation.DERIVED_VALUE_PLAUSIBLE, 16238, false,
                        "withheld (mixed_vintage): Q4 = FY - 9M YTD"));
    }

    @Test
    void case06TheArchiveLayoutWithoutSegmentsGivesTheAmendedYear() {
        Dataset<Row> facts = SecCaseFiles.fsds("06-fsds-archive-layout/fsds");
        assertRows(periods(facts).where("fiscal_year = 2009 AND metric IN ('revenue', 'net_income', 'capex')"),
                "metric, fiscal_period, value, accession, tag",
                row("revenue", "FY", 42905, "0001193125-10-012091", "us-gaap:SalesRevenueNet"),
                row("net_income", "FY", 8235, "0001193125-10-012091", "us-gaap:NetIncomeLoss"),
                row("capex", "FY", 1144, "0001193125-10-012091", "us-gaap:PaymentsToAcquireProductiveAssets"));
    }

    @Test
    void case08AFilerWithNoAnnualReportYetTakesItsYearFromIts10Qs() {
        Dataset<Row> facts = SecCaseFiles.companyFacts("08-ionq-comparatives/CIK0001824920.json");
        assertRows(periods(facts), "entity_id, fiscal_year, fiscal_period, period_end, value",
                row("cik:1824920", 2024, "Q2", "2024-06-30", 11.381),
                row("cik:1824920", 2024, "Q3", "2024-09-30", 12.4),
                row("cik:1824920", 2025, "Q2", "2025-06-30", 20.694),
                row("cik:1824920", 2025, "Q3", "2025-09-30", 39.866));
    }

    @Test
    void realFilingsOf2010q2RetailCalendarsTagFamiliesAndAn8KRecast() {
        Dataset<Row> facts = SecCaseFiles.fsds("10-fsds-2010q2-kinds/fsds");
        Dataset<Row> periods = local(periods(facts).where("segments = ''"));
        // Kroger: 16 weeks ended 2010-05-22 (ddate 2010-05-31); its sub.txt says fp Q2, the dates say Q1
        assertRows(periods.where("entity_id = 'cik:56873'"), "metric, fiscal_year, fiscal_period, value, tag",
                row("net_income", 2010, "Q1", 431, "us-gaap:ProfitLoss"),
                row("net_income", 2011, "Q1", 375, "us-gaap:ProfitLoss"));
        // Costco: 12 weeks and 36 weeks ended 2010-05-09 (fye 0831); total revenue (Revenues, with membership
        // fees) over net sales (SalesRevenueNet 17,385)
        assertRows(periods.where("entity_id = 'cik:909832' AND metric IN ('revenue', 'net_income')"),
                "metric, fiscal_year, fiscal_period, value, tag",
                row("revenue", 2009, "Q3", 15806, "us-gaap:Revenues"),
                row("revenue", 2009, "9M", 49044, "us-gaap:Revenues"),
                row("revenue", 2010, "Q3", 17780, "us-gaap:Revenues"),
                row("revenue", 2010, "9M", 53821, "us-gaap:Revenues"),
                row("net_income", 2009, "Q3", 210, "us-gaap:NetIncomeLoss"),
                row("net_income", 2009, "9M", 712, "us-gaap:NetIncomeLoss"),
                row("net_income", 2010, "Q3", 306, "us-gaap:NetIncomeLoss"),
                row("net_income", 2010, "9M", 871, "us-gaap:NetIncomeLoss"));
        // Ventas: an 8-K (filed 2010-05-03) recasts 2007-2009; it fills the years no periodic report in this
        // quarter gives, and its 2009 net income (269.36, also in the 10-Q of 2010-04-30) does not override the 10-Q
        assertRows(periods.where("entity_id = 'cik:740260' AND fiscal_period = 'FY' "
                        + "AND metric IN ('revenue', 'net_income')"),
                "metric, fiscal_year, value, source",
                row("revenue", 2007, 744.748, "SEC 8-K 0001193125-10-103360 us-gaap:Revenues (not a periodic "
                        + "report: no 10-K or 10-Q gives this period)"),
                row("revenue", 2008, 921.77, "SEC 8-K 0001193125-10-103360 us-gaap:Revenues (not a periodic "
                        + "report: no 10-K or 10-Q gives this period)"),
                row("revenue", 2009, 934.203, "SEC 8-K 0001193125-10-103360 us-gaap:Revenues (not a periodic "
                        + "report: no 10-K or 10-Q gives this period)"),
                row("net_income", 2007, 273.681, "SEC 8-K 0001193125-10-103360 us-gaap:NetIncomeLoss (not a "
                        + "periodic report: no 10-K or 10-Q gives this period)"),
                row("net_income", 2008, 222.603, "SEC 8-K 0001193125-10-103360 us-gaap:NetIncomeLoss (not a "
                        + "periodic report: no 10-K or 10-Q gives this period)"),
                row("net_income", 2009, 269.36, "SEC 10-Q 0001193125-10-101917 us-gaap:ProfitLoss"));
    }

    @Test
    void dellsQ4FromRestatedYearsAndFirstReportedQuartersIsWithheld() {
        // sample-data/facts/core.csv: Dell fiscal 2020 quarters (ConceptStocks extract of companyfacts) and the
        // year restated for the VMware spin-off (Mir_US_Stocks extract)
        Dataset<Row> facts = frame(Fixtures.FACTS,
                Fixtures.fact("DELL", 2020, "Q1", "2019-05-03", "USD", "", "revenue", "21908", "core.csv", 1, 0),
                Fixtures.fact("DELL", 2020, "Q2", "2019-08-02", "USD", "", "revenue", "23370", "core.csv", 2, 0),
                Fixtures.fact("DELL", 2020, "Q3", "2019-11-01", "USD", "", "revenue", "22844", "core.csv", 3, 0),
                Fixtures.fact("DELL", 2020, "FY", "2020-01-31", "USD", "", "revenue", "84815", "core.csv", 4, 0),
                Fixtures.fact("DELL", 2020, "Q1", "2019-05-03", "USD", "", "gross_profit", "6797", "core.csv", 5, 0),
                Fixtures.fact("DELL", 2020, "Q2", "2019-08-02", "USD", "", "gross_profit", "7326", "core.csv", 6, 0),
                Fixtures.fact("DELL", 2020, "Q3", "2019-11-01", "USD", "", "gross_profit", "7126", "core.csv", 7, 0),
                Fixtures.fact("DELL", 2020, "FY", "2020-01-31", "USD", "", "gross_profit", "20639", "core.csv", 8, 0),
                // AMD 2019 (plausible Q4: 6,731 - 1,272 - 1,531 - 1,801 = 2,127)
                Fixtures.fact("AMD", 2019, "Q1", "2019-03-30", "USD", "", "revenue", "1272", "core.csv", 9, 0),
                Fixtures.fact("AMD", 2019, "Q2", "2019-06-29", "USD", "", "revenue", "1531", "core.csv", 10, 0),
                Fixtures.fact("AMD", 2019, "Q3", "2019-09-28", "USD", "", "revenue", "1801", "core.csv", 11, 0),
                Fixtures.fact("AMD", 2019, "FY", "2019-12-28", "USD", "", "revenue", "6731", "core.csv", 12, 0));
        Dataset<Row> companies = frame("ticker STRING, calendar STRING, recast_from STRING",
                row("DELL", "52_53_week", ""), row("AMD", "52_53_week", ""));
        Dataset<Row> resolved = local(FactResolution.resolve(facts, companies));
        // 84,815 - 21,908 - 23,370 - 22,844 = 16,693; 20,639 - 6,797 - 7,326 - 7,126 = -610: a gross loss no
        // reported quarter shows, so both Q4 values are withheld
        assertRows(resolved.where("fiscal_period = 'Q4'"), "ticker, metric, value, withheld_value, flag, derivation",
                row("AMD", "revenue", 2127, null, null, FactResolution.Q4_RULE),
                row("DELL", "gross_profit", null, -610, DerivedValueChecks.GROSS_LOSS_UNLIKE_REPORTED_QUARTERS,
                        "withheld (derived_gross_loss_unlike_reported_quarters): " + FactResolution.Q4_RULE),
                row("DELL", "revenue", null, 16693, DerivedValueChecks.GROSS_LOSS_UNLIKE_REPORTED_QUARTERS,
                        "withheld (derived_gross_loss_unlike_reported_quarters): " + FactResolution.Q4_RULE));
        assertRows(Reconciliation.checks(resolved).where("check_name = 'derived_value_plausible'"),
                "ticker, fiscal_period, metric, actual, passed",
                row("DELL", "Q4", "gross_profit", -610, false),
                row("DELL", "Q4", "revenue", 16693, false));
    }

    @Test
    void aCompanyRecastWithholdsTheDerivedQuartersOfTheYearsItsFirstAnnualReportRestatedWithoutAGrossProfitLine() {
        // Dell revenue only (facts/ext.csv: quarters as first reported, with VMware; years restated without it
        // from fiscal 2020); recast_from 2021Q4 (starts 2021-10-01): fiscal 2022, ending 2022-01-28, is the first
        // year ending after it, so fiscal 2020-2022 are the three years its 10-K presents restated
        Dataset<Row> facts = frame(Fixtures.FACTS,
                Fixtures.fact("DELL", 2019, "Q1", "2018-05-04", "USD", "", "revenue", "21356", "ext.csv", 1, 0),
                Fixtures.fact("DELL", 2019, "Q2", "2018-08-03", "USD", "", "revenue", "22942", "ext.csv", 2, 0),
                Fixtures.fact("DELL", 2019, "Q3", "2018-11-02", "USD", "", "revenue", "22482", "ext.csv", 3, 0),
                Fixtures.fact("DELL", 2019, "FY", "2019-02-01", "USD", "", "revenue", "90621", "ext.csv", 4, 0),
                Fixtures.fact("DELL", 2021, "Q1", "2020-05-01", "USD", "", "revenue", "21897", "ext.csv", 5, 0),
                Fixtures.fact("DELL", 2021, "Q2", "2020-07-31", "USD", "", "revenue", "22733", "ext.csv", 6, 0),
                Fixtures.fact("DELL", 2021, "Q3", "2020-10-30", "USD", "", "revenue", "23482", "ext.csv", 7, 0),
                Fixtures.fact("DELL", 2021, "FY", "2021-01-29", "USD", "", "revenue", "86670", "ext.csv", 8, 0),
                Fixtures.fact("DELL", 2022, "Q1", "2021-04-30", "USD", "", "revenue", "24487", "ext.csv", 9, 0),
                Fixtures.fact("DELL", 2022, "Q2", "2021-07-30", "USD", "", "revenue", "26122", "ext.csv", 10, 0),
                Fixtures.fact("DELL", 2022, "Q3", "2021-10-29", "USD", "", "revenue", "28394", "ext.csv", 11, 0),
                Fixtures.fact("DELL", 2022, "FY", "2022-01-28", "USD", "", "revenue", "101197", "ext.csv", 12, 0));
        Dataset<Row> companies = frame("ticker STRING, calendar STRING, recast_from STRING",
                row("DELL", "52_53_week", "2021Q4"));
        // 90,621 - 21,356 - 22,942 - 22,482 = 23,841 (fiscal 2019, before the restated years: kept);
        // 86,670 - 21,897 - 22,733 - 23,482 = 18,558 and 101,197 - 24,487 - 26,122 - 28,394 = 22,194: both inside
        // the year's reported quarters' bounds, withheld for the recast
        assertRows(local(FactResolution.resolve(facts, companies)).where("fiscal_period = 'Q4'"),
                "fiscal_year, value, withheld_value, flag",
                row(2019, 23841, null, null),
                row(2021, null, 18558, DerivedValueChecks.IN_YEARS_A_COMPANY_RECAST),
                row(2022, null, 22194, DerivedValueChecks.IN_YEARS_A_COMPANY_RECAST));
    }
}

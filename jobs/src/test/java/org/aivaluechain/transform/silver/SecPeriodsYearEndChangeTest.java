package org.aivaluechain.transform.silver;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;
import static org.aivaluechain.transform.silver.SecPeriodsTest.cf;
import static org.aivaluechain.transform.silver.SecPeriodsTest.fsds;

import java.sql.Date;

import org.aivaluechain.io.sec.MetricTags;
import org.aivaluechain.testing.SharedSpark;
import org.aivaluechain.transform.Split;
import org.aivaluechain.transform.validation.InputValidation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fiscal-year-end changes and their transition periods, on real filers that moved their year end from June to
 * December and filed a 10-KT (sources in src/test/resources/sec/cases/README.md, "Year-end changes"). Values in
 * millions as silver holds them (DECIMAL(20,4), so the filings' dollars round at the fourth decimal).
 */
@ExtendWith(SharedSpark.class)
class SecPeriodsYearEndChangeTest {

    private static final int RELMADA = 1553643;
    private static final int MYRIAD = 899923;

    private static final String RLMD_10K_2019 = "0001213900-19-018787";
    private static final String RLMD_10KT_2019 = "0001213900-20-007501";
    private static final String RLMD_10Q_2020Q1 = "0001213900-20-012693";
    private static final String MYGN_10KT_2020 = "0000899923-21-000021";

    private static Dataset<Row> facts(Object[]... rows) {
        return frame(SecCaseFiles.SEC_FACTS, rows);
    }

    private static Dataset<Row> filers() {
        return frame("cik INT, ticker STRING", row(MYRIAD, "MYGN"));
    }

    /** Myriad registered with its change: December from the day after its last June year end, 2020-06-30. */
    private static Dataset<Row> companies() {
        return frame("ticker STRING, fiscal_year_end_month STRING, previous_fiscal_year_end_month STRING, "
                + "previous_fiscal_year_end DATE", row("MYGN", "12", "6", Date.valueOf("2020-06-30")));
    }

    /** Relmada Therapeutics: June year ends until 2019-06-30, a six-month transition to 2019-12-31, then December. */
    private static Dataset<Row> relmada() {
        return facts(
                // 10-K for the fiscal year ended 2019-06-30
                cf(RELMADA, "NetIncomeLoss", "2018-07-01", "2019-06-30", -17318060L, RLMD_10K_2019, "10-K", "2019-09-24"),
                // 10-KT for the transition period 2019-07-01..2019-12-31, with the same six months a year earlier
                // (the first half of fiscal 2019) and fiscal 2019 again
                cf(RELMADA, "NetIncomeLoss", "2019-07-01", "2019-12-31", -8196542L, RLMD_10KT_2019, "10-KT", "2020-03-26"),
                cf(RELMADA, "NetIncomeLoss", "2018-07-01", "2018-12-31", -10509403L, RLMD_10KT_2019, "10-KT", "2020-03-26"),
                cf(RELMADA, "NetIncomeLoss", "2018-07-01", "2019-06-30", -17318060L, RLMD_10KT_2019, "10-KT", "2020-03-26"),
                // 10-Q for the first quarter of the new calendar year, with the same quarter of 2019
                cf(RELMADA, "NetIncomeLoss", "2020-01-01", "2020-03-31", -10673316L, RLMD_10Q_2020Q1, "10-Q", "2020-05-15"),
                cf(RELMADA, "NetIncomeLoss", "2019-01-01", "2019-03-31", -2686065L, RLMD_10Q_2020Q1, "10-Q", "2020-05-15"));
    }

    @Test
    void anInferredYearEndIsDatedByTheAnnualReportsAndTheTransitionPeriodIsItsOwnPeriod() {
        // Relmada is outside the registry: its 10-K dates a June year end (2019-06-30), its 10-KT a December one
        // (2019-12-31). One month for the whole history (June) made January-March 2020 "Q3 of fiscal 2020" and
        // the transition "H1 of fiscal 2020".
        Dataset<Row> periods = SecPeriods.build(relmada(), MetricTags.load(SharedSpark.spark()), filers(),
                companies());
        assertRows(periods, "entity_id, metric, fiscal_year, fiscal_period, period_end, value, derivation, accession, "
                        + "accession_first_reported, restated",
                // June calendar: fiscal 2019 = 2018-07-01..2019-06-30; the 10-KT repeats it unchanged
                row("cik:1553643", "net_income", 2019, "FY", "2019-06-30", -17.3181, null, RLMD_10KT_2019, RLMD_10K_2019, false),
                // July-December 2018 is the first half of fiscal 2019; January-March 2019 its third quarter
                row("cik:1553643", "net_income", 2019, "H1", "2018-12-31", -10.5094, null, RLMD_10KT_2019, RLMD_10KT_2019, false),
                row("cik:1553643", "net_income", 2019, "Q3", "2019-03-31", -2.6861, null, RLMD_10Q_2020Q1, RLMD_10Q_2020Q1, false),
                // no Q4 of fiscal 2019: neither its 9 months nor its first two quarters are reported
                // the transition period, labelled with the year it ends in under the new (December) year end
                row("cik:1553643", "net_income", 2019, "TP", "2019-12-31", -8.1965, null, RLMD_10KT_2019, RLMD_10KT_2019, false),
                // December calendar from 2020: January-March 2020 is Q1 of fiscal 2020
                row("cik:1553643", "net_income", 2020, "Q1", "2020-03-31", -10.6733, null, RLMD_10Q_2020Q1, RLMD_10Q_2020Q1, false));
        // 6 facts read, 6 placed
        assertRows(SecPeriods.placementCounts(relmada(), MetricTags.load(SharedSpark.spark()), filers(), companies())
                .groupBy("outcome").sum("facts"), "*", row(SecPeriods.PLACED, 6L));
    }

    /** Myriad Genetics' 10-KT for the six months 2020-07-01..2020-12-31: revenue and net income. */
    private static Dataset<Row> myriad() {
        return facts(
                cf(MYRIAD, "RevenueFromContractWithCustomerExcludingAssessedTax", "2020-07-01", "2020-12-31", 299800000L,
                        MYGN_10KT_2020, "10-KT", "2021-03-16"),
                cf(MYRIAD, "NetIncomeLoss", "2020-07-01", "2020-12-31", -53100000L, MYGN_10KT_2020, "10-KT", "2021-03-16"),
                // its last three months (October-December 2020)
                cf(MYRIAD, "RevenueFromContractWithCustomerExcludingAssessedTax", "2020-10-01", "2020-12-31", 154600000L,
                        MYGN_10KT_2020, "10-KT", "2021-03-16"),
                cf(MYRIAD, "NetIncomeLoss", "2020-10-01", "2020-12-31", -37900000L, MYGN_10KT_2020, "10-KT", "2021-03-16"));
    }

    @Test
    void aRegisteredYearEndChangePlacesTheTransitionAndNamesWhatFallsInsideIt() {
        Dataset<Row> tags = MetricTags.load(SharedSpark.spark());
        // under December alone the three months to 2020-12-31 would be "Q4 of fiscal 2020", a quarter of a year
        // that never existed (Myriad's fiscal 2020 ended 2020-06-30)
        assertRows(SecPeriods.build(myriad(), tags, filers(), companies()),
                "entity_id, metric, fiscal_year, fiscal_period, period_end, value, accession",
                row("MYGN", "net_income", 2020, "TP", "2020-12-31", -53.1, MYGN_10KT_2020),
                row("MYGN", "revenue", 2020, "TP", "2020-12-31", 299.8, MYGN_10KT_2020));
        assertRows(SecPeriods.unplaced(myriad(), tags, filers(), companies()),
                "metric, period_start, period_end, value, fiscal_year_end_month, reason",
                row("net_income", "2020-10-01", "2020-12-31", -37900000, 12, SecPeriods.WITHIN_TRANSITION_PERIOD),
                row("revenue", "2020-10-01", "2020-12-31", 154600000, 12, SecPeriods.WITHIN_TRANSITION_PERIOD));
        // 4 facts read = 2 placed + 2 unplaced with their reason
        assertRows(SecPeriods.placementCounts(myriad(), tags, filers(), companies()).groupBy("outcome").sum("facts"),
                "*", row(SecPeriods.PLACED, 2L), row(SecPeriods.WITHIN_TRANSITION_PERIOD, 2L));
    }

    @Test
    void fsdsRowsWithoutStartDatesFindTheTransitionByItsQuarters() {
        // the same 10-KT facts as FSDS gives them: ddate 20201231, qtrs 2 (the transition) and 1 (its last quarter)
        Dataset<Row> facts = facts(
                fsds(MYRIAD, "1231", "RevenueFromContractWithCustomerExcludingAssessedTax", "2020-12-31", 2, 299800000L,
                        MYGN_10KT_2020, "10-KT", "2021-03-16", ""),
                fsds(MYRIAD, "1231", "RevenueFromContractWithCustomerExcludingAssessedTax", "2020-12-31", 1, 154600000L,
                        MYGN_10KT_2020, "10-KT", "2021-03-16", ""));
        Dataset<Row> tags = MetricTags.load(SharedSpark.spark());
        assertRows(SecPeriods.build(facts, tags, filers(), companies()), "fiscal_year, fiscal_period, period_end, value",
                row(2020, "TP", "2020-12-31", 299.8));
        assertRows(SecPeriods.unplaced(facts, tags, filers(), companies()), "duration_quarters, value, reason",
                row(1, 154600000, SecPeriods.WITHIN_TRANSITION_PERIOD));
    }

    @Test
    void aStatedChangeOfYearEndThatCannotBeRightIsQuarantinedWithItsReason() {
        Dataset<Row> companies = frame("ticker STRING, fiscal_year_end_month STRING, "
                        + "previous_fiscal_year_end_month STRING, previous_fiscal_year_end DATE, input_file STRING, "
                        + "line_number BIGINT, input_order INT",
                row("MYGN", "12", "6", Date.valueOf("2020-06-30"), "c.csv", 2L, 0),
                row("NOCH", "12", "", null, "c.csv", 3L, 0),
                row("HALF", "12", "6", null, "c.csv", 4L, 0),
                row("SAME", "12", "12", Date.valueOf("2019-12-31"), "c.csv", 5L, 0),
                // a 52/53-week year end spilling into the next month (2018-02-02) still ends a January year
                row("WEEK", "12", "1", Date.valueOf("2018-02-02"), "c.csv", 6L, 0),
                row("BADD", "12", "6", Date.valueOf("2020-05-31"), "c.csv", 7L, 0));
        Split split = InputValidation.companies(companies);
        assertRows(split.valid(), "ticker", row("MYGN"), row("NOCH"), row("WEEK"));
        assertRows(split.quarantined(), "line_number, reason",
                row(4L, "fiscal year end change: give previous_fiscal_year_end_month and previous_fiscal_year_end "
                        + "together, or neither"),
                row(5L, "fiscal year end change: previous_fiscal_year_end_month equals fiscal_year_end_month: no change"),
                row(7L, "fiscal year end change: previous_fiscal_year_end is not a year end of "
                        + "previous_fiscal_year_end_month"));
    }
}

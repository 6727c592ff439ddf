package org.aivaluechain.transform.silver;

import org.aivaluechain.transform.FiscalCalendar;
import org.aivaluechain.transform.Reused;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.mode;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.ArrayList;
import java.util.List;

import org.aivaluechain.model.Amounts;
import org.aivaluechain.model.FsdsSegments;
import org.aivaluechain.model.Metrics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * From SEC facts as filed (bronze.sec_facts) to one value per entity × metric × fiscal period, the latest and
 * the first reported (silver.sec_period_values), and every fact of a mapped tag that lands in no period, with
 * its reason (silver.sec_unplaced_facts). Every rule works on columns, so it runs at any scale.
 *
 * <ol>
 *   <li>Only tags of {@code sec/metric_tags.csv}; of those, facts in a currency unit of the registrant itself
 *       (no coreg) are placed, the rest are unplaced with their reason ({@link #UNPLACED_REASONS}).</li>
 *   <li>Entity: the registered ticker of the CIK (a ticker may have several CIKs, e.g. Alphabet and its
 *       predecessor Google Inc.), else {@code cik:<CIK>}.</li>
 *   <li>Fiscal-year-end month, dated: the month in force at each period end ({@link #yearEnds}). The registry's,
 *       with its change of year end where it states one; else, for filers outside it, from dates before labels:
 *       the year ends of the filer's annual reports (a change of month between two of them is a change of year
 *       end from that date), else one month: the month before most year-to-date spans start (a filer with no
 *       10-K yet), else the most frequent FSDS {@code fye} over the filer's filings (one filing's wrong fye does
 *       not win), else the month the 10-Qs' own fiscal-period labels imply.</li>
 *   <li>Transition periods: after a change of year end, the months from the last old year end to the first new
 *       one (a 10-KT's or 10-QT's period, 1-11 months). A fact spanning exactly that is fiscal period
 *       {@value #TRANSITION_PERIOD} of the year it ends in; any other fact ending inside it (a quarter of it, a
 *       calendar year recast across it) is unplaced ({@value #WITHIN_TRANSITION_PERIOD}), so no quarter or year
 *       straddles two year ends and no Q4 = FY - 9M mixes two calendars.</li>
 *   <li>Period identity from dates, never from the filing's fy/fp: the span in quarters (FSDS qtrs, or the days
 *       between start and end: a quarter is 11 to 17 weeks, so a retailer's 16-week first quarter is one) and
 *       its position in the fiscal year, from the days since the previous year end (a first quarter ends 70-150
 *       days after it, a second 151-240, a third 241-320, a year 350-400: 52/53-week years and 16/12/12/12
 *       calendars included). A quarter span is the quarter its end closes; 6 and 9 months ending at Q2 and Q3
 *       are year to date; 12 months is a fiscal year only when it ends at the year end (trailing twelve months
 *       in 10-Qs are not).</li>
 *   <li>Form precedence: values of periodic reports ({@link #PERIODIC_FORMS}) win; another form (DEF 14A pay-
 *       versus-performance tables, 8-K, S-1, S-4, 424B...) fills a period only where no periodic report gives
 *       it, and its source says so.</li>
 *   <li>Tag per entity × metric × period: the tag the periodic reports used most recently first (a tag migration
 *       keeps the new tag for the periods it covers and older tags fill the rest), then the file's priority.</li>
 *   <li>Restatements: among the filings that report the chosen tag for a period, the latest filed wins; the
 *       first reported value is the earliest filing of any of the metric's tags; {@code restated} when a
 *       periodic filing changed a periodic value. Repeats collapse.</li>
 *   <li>Discrete quarters: Q2 = H1 - Q1 (or Q1 = H1 - Q2), Q3 = 9M - H1 (or 9M - Q1 - Q2), Q4 = FY - 9M (or
 *       FY - Q1 - Q2 - Q3), only within one fiscal year and one vintage: a fiscal year is restated by a
 *       periodic filing that changes one of its values or amends (/A) a report of it; after that, the latest
 *       values are derived only from operands last filed on or after the restatement, and the first-reported
 *       ones only from operands first filed before it; a quarter or year-to-date value last reported before the
 *       year's first restatement is not on the latest basis either. Where no rule has a consistent set the value
 *       is written with {@code flag} {@value #MIXED_VINTAGE}; a derived flow that cannot be negative (revenue, cost of
 *       revenue, capex, D&A) and is gets {@value #NEGATIVE_DERIVED_FLOW}. Flagged values never flow on.</li>
 * </ol>
 */
public final class SecPeriods {

    /** Spans whose reported value is on an older basis when filed before a restatement of their year. */
    private static final List<String> REBASED_SPANS = List.of("Q1", "Q2", "Q3", "Q4", "YTD6", "YTD9");

    /** The period between an old and a new fiscal year end (a 10-KT's), as its own fiscal period. */
    public static final String TRANSITION_PERIOD = "TP";

    /** Spans a fact can stand for, in the order their values are derived. */
    static final List<String> SPANS = List.of("Q1", "Q2", "Q3", "Q4", "YTD6", "YTD9", "FY", TRANSITION_PERIOD);

    /**
     * The periods of silver.sec_period_values: quarters, the year, the year-to-date spans as reported, and a
     * transition period as reported.
     */
    static final List<String> FISCAL_PERIODS = List.of("Q1", "Q2", "Q3", "Q4", "FY", "H1", "9M", TRANSITION_PERIOD);

    /** Optional companies.csv columns dating a change of year end: the month before it and its last year end. */
    public static final String PREVIOUS_FYE_MONTH = "previous_fiscal_year_end_month";
    public static final String PREVIOUS_FYE = "previous_fiscal_year_end";

    /** until_index of the year-end regime in force now. */
    private static final int IN_FORCE = Integer.MAX_VALUE;

    /** Periodic financial reports and their amendments; 6-K where a foreign filer tags quarterly results. */
    public static final List<String> PERIODIC_FORMS = List.of("10-K", "10-K/A", "10-Q", "10-Q/A", "10-KT",
            "10-KT/A", "10-QT", "10-QT/A", "20-F", "20-F/A", "40-F", "40-F/A", "6-K", "6-K/A");

    /** Flows that cannot be negative (the metric list says which): a negative derived one is an operand mix. */
    public static final List<String> NON_NEGATIVE_FLOWS = Metrics.nonNegativeFlows();

    public static final String MIXED_VINTAGE = "mixed_vintage";
    public static final String NEGATIVE_DERIVED_FLOW = "negative_derived_flow";

    // reasons of silver.sec_unplaced_facts (the one list: schemas/silver/sec_unplaced_facts.sql cites it)
    public static final String CO_REGISTRANT = "co_registrant";
    public static final String NOT_A_CURRENCY_AMOUNT = "not_a_currency_amount";
    public static final String SPAN_NOT_A_QUARTER_YTD_OR_YEAR = "span_not_a_quarter_ytd_or_year";
    public static final String YEAR_END_UNKNOWN = "fiscal_year_end_unknown";
    public static final String END_NOT_AT_FISCAL_PERIOD_END = "span_end_not_at_its_fiscal_period_end";
    public static final String SUPERSEDED_BY_PERIODIC_FORM = "non_periodic_form_superseded_by_periodic_report";
    public static final String SUPERSEDED_BY_TAG = "superseded_by_another_tag";
    public static final String WITHIN_TRANSITION_PERIOD = "within_transition_period_not_the_whole_of_it";
    public static final List<String> UNPLACED_REASONS = List.of(CO_REGISTRANT, NOT_A_CURRENCY_AMOUNT,
            SPAN_NOT_A_QUARTER_YTD_OR_YEAR, YEAR_END_UNKNOWN, END_NOT_AT_FISCAL_PERIOD_END,
            SUPERSEDED_BY_PERIODIC_FORM, SUPERSEDED_BY_TAG, WITHIN_TRANSITION_PERIOD);
    /** Outcomes of {@link #placementCounts} besides the reasons: placed, and facts of tags we do not map. */
    public static final String PLACED = "placed";
    public static final String NOT_A_METRIC_TAG = "not_a_metric_tag";

    private static final String[] IDENTITY = {"entity_id", "metric", "segments", "currency", "fiscal_year", "span"};
    private static final String[] YEAR = {"entity_id", "metric", "segments", "currency", "fiscal_year"};
    private static final String[] ANNUAL_FORMS = {"10-K", "10-K/A", "20-F", "20-F/A", "40-F", "40-F/A"};

    private SecPeriods() {
    }

    /**
     * @param secFacts  rows of bronze.sec_facts
     * @param tags      metric, taxonomy, tag, priority ({@link org.aivaluechain.io.sec.MetricTags})
     * @param filers    cik, ticker: the registry of CIKs (one ticker per CIK)
     * @param companies ticker, fiscal_year_end_month of the registered companies
     * @return rows of silver.sec_period_values
     */
    public static Dataset<Row> build(Dataset<Row> secFacts, Dataset<Row> tags, Dataset<Row> filers,
                                     Dataset<Row> companies) {
        return periodValues(classifiedAndRanked(secFacts, tags, filers, companies));
    }

    /**
     * Facts of mapped tags that land in no period of silver.sec_period_values, one row per fact with its reason
     * (contract: schemas/silver/sec_unplaced_facts.sql). Same arguments as {@link #build}.
     */
    public static Dataset<Row> unplaced(Dataset<Row> secFacts, Dataset<Row> tags, Dataset<Row> filers,
                                        Dataset<Row> companies) {
        return unplacedFacts(classifiedAndRanked(secFacts, tags, filers, companies));
    }

    /**
     * Per source file, filer and outcome ({@value #PLACED}, a reason of {@link #UNPLACED_REASONS} or
     * {@value #NOT_A_METRIC_TAG}): source_file, cik, outcome, facts (rows of silver.sec_fact_placement). Summed per
     * file it is the file's facts in bronze.sec_facts, so a run can print read = placed + unplaced (+ quarantined
     * at ingest). Same arguments as {@link #build}.
     */
    public static Dataset<Row> placementCounts(Dataset<Row> secFacts, Dataset<Row> tags, Dataset<Row> filers,
                                               Dataset<Row> companies) {
        return placementCounts(classifiedAndRanked(secFacts, tags, filers, companies), secFacts, tags);
    }

    /**
     * Every fact of a mapped tag classified and ranked, computed once ({@link Reused#once}) so that the three
     * tables of a resolution share it: facts that cannot stand for a period (reason set, tag_rank null) and the
     * placeable ones with tag_rank, _best_tag, _latest and _first (reason set where superseded). Same arguments
     * as {@link #build}; the input of {@link #periodValues}, {@link #unplacedFacts} and {@link #placementCounts}.
     */
    public static Dataset<Row> classifiedAndRanked(Dataset<Row> secFacts, Dataset<Row> tags, Dataset<Row> filers,
                                                   Dataset<Row> companies) {
        Dataset<Row> classified = Reused.once(classified(secFacts, tags, filers, companies));
        return Reused.once(classified.where(col("reason").isNotNull())
                .unionByName(ranked(placeable(classified)), true));
    }

    /** Rows of silver.sec_period_values from {@link #classifiedAndRanked}. */
    public static Dataset<Row> periodValues(Dataset<Row> classifiedAndRanked) {
        Dataset<Row> ranked = classifiedAndRanked.where(col("tag_rank").isNotNull());
        return discreteQuarters(perSpan(ranked), restatements(ranked));
    }

    /** Rows of silver.sec_unplaced_facts from {@link #classifiedAndRanked}. */
    public static Dataset<Row> unplacedFacts(Dataset<Row> classifiedAndRanked) {
        return classifiedAndRanked.where(col("reason").isNotNull())
                .select(col("source_format"), col("source_file"), col("accession"), col("cik"), col("entity_id"),
                        col("form"), col("filed"), col("taxonomy"), col("tag"), col("metric"), col("unit"),
                        col("period_start"), col("period_end"), col("duration_quarters"), col("segments"),
                        col("coreg"), col("value"), col("fye_month").as("fiscal_year_end_month"), col("reason"));
    }

    /**
     * Rows of silver.sec_fact_placement: the outcomes of {@link #classifiedAndRanked}, and the facts of
     * {@code secFacts} (the same facts it was made of) whose tag no metric maps.
     */
    public static Dataset<Row> placementCounts(Dataset<Row> classifiedAndRanked, Dataset<Row> secFacts,
                                               Dataset<Row> tags) {
        Dataset<Row> mapped = classifiedAndRanked
                .select(col("source_file"), col("cik"), coalesce(col("reason"), lit(PLACED)).as("outcome"));
        Dataset<Row> other = secFacts.join(broadcast(tags.select("taxonomy", "tag")), new String[]{"taxonomy", "tag"},
                "left_anti").select(col("source_file"), col("cik"), lit(NOT_A_METRIC_TAG).as("outcome"));
        return mapped.unionByName(other).groupBy("source_file", "cik", "outcome").agg(count(lit(1)).as("facts"));
    }

    /**
     * Mapped facts with entity_id, currency, span_quarters, periodic, fye_month, fiscal_year, span and reason
     * (null when the fact can stand for a fiscal period; else why not).
     */
    static Dataset<Row> classified(Dataset<Row> secFacts, Dataset<Row> tags, Dataset<Row> filers,
                                   Dataset<Row> companies) {
        // yearEnds reads the facts three ways and is joined back to them: one plan for them, not four copies
        Dataset<Row> facts = Reused.once(secFacts
                .join(broadcast(tags.select("metric", "taxonomy", "tag", "priority")),
                        new String[]{"taxonomy", "tag"})
                .join(broadcast(filers.select(col("cik"), col("ticker"))), new String[]{"cik"}, "left")
                .join(broadcast(registryYearEnds(companies)), new String[]{"ticker"}, "left")
                .withColumn("entity_id", coalesce(col("ticker"), concat(lit("cik:"), col("cik").cast("string"))))
                .withColumn("currency", col("unit"))
                .withColumn("periodic", col("form").isin(PERIODIC_FORMS.toArray()))
                .withColumn("span_quarters", coalesce(col("duration_quarters"),
                        quartersBetween(col("period_start"), col("period_end")))));

        Column position = fiscalQuarterPosition(col("period_end"), col("fiscal_year"), col("fye_month"));
        // the year end in force at the period end: the first regime still in force then (sorted by until_index)
        Column endIndex = monthIndex(col("period_end"));
        Column regime = element_at(filter(col("_year_ends"), r -> r.getField("until_index").geq(endIndex)), 1);
        Column transitionEnd = regime.getField("transition_after").plus(regime.getField("transition_months"));
        Column inTransition = regime.getField("transition_months").gt(0).and(endIndex.leq(transitionEnd));
        Column spanMonths = coalesce(endIndex.minus(monthIndex(date_sub(col("period_start"), 1))),
                col("duration_quarters").multiply(3));
        Column wholeTransition = inTransition.and(endIndex.equalTo(transitionEnd))
                .and(spanMonths.equalTo(regime.getField("transition_months")));
        Column span = when(wholeTransition, lit(TRANSITION_PERIOD))
                .when(inTransition, lit(null).cast("string"))
                .when(col("span_quarters").equalTo(1).and(position.isNotNull()),
                        concat(lit("Q"), position.cast("string")))
                .when(col("span_quarters").equalTo(2).and(position.equalTo(2)), lit("YTD6"))
                .when(col("span_quarters").equalTo(3).and(position.equalTo(3)), lit("YTD9"))
                .when(col("span_quarters").equalTo(4).and(position.equalTo(4)), lit("FY"));
        Column reason = when(col("coreg").notEqual(""), lit(CO_REGISTRANT))
                .when(col("unit").rlike("^[A-Z]{3}$").equalTo(false), lit(NOT_A_CURRENCY_AMOUNT))
                .when(col("_whole_transition"), lit(null).cast("string"))
                .when(col("_in_transition"), lit(WITHIN_TRANSITION_PERIOD))
                .when(col("span_quarters").isNull().or(col("span_quarters").equalTo(0)),
                        lit(SPAN_NOT_A_QUARTER_YTD_OR_YEAR))
                .when(col("fye_month").isNull(), lit(YEAR_END_UNKNOWN))
                .when(col("span").isNull(), lit(END_NOT_AT_FISCAL_PERIOD_END));
        return facts.join(yearEnds(facts), new String[]{"entity_id"}, "left")
                .withColumn("fye_month", regime.getField("fye_month"))
                .withColumn("_in_transition", coalesce(inTransition, lit(false)))
                .withColumn("_whole_transition", coalesce(wholeTransition, lit(false)))
                .withColumn("fiscal_year", FiscalCalendar.fiscalYear(col("period_end"), col("fye_month")))
                .withColumn("span", span)
                .withColumn("reason", reason)
                .drop("_year_ends", "_in_transition", "_whole_transition");
    }

    /**
     * ticker, _registry_fye_month, _registry_previous_month, _registry_previous_end_index: the registry's
     * year end and, where it states a change, the month before it and the month index of the last fiscal year
     * end under that month (companies.csv {@value #PREVIOUS_FYE_MONTH}, {@value #PREVIOUS_FYE}; optional
     * columns, absent in older registries).
     */
    private static Dataset<Row> registryYearEnds(Dataset<Row> companies) {
        List<String> columns = List.of(companies.columns());
        Column previousMonth = columns.contains(PREVIOUS_FYE_MONTH)
                ? when(col(PREVIOUS_FYE_MONTH).notEqual(""), col(PREVIOUS_FYE_MONTH).cast("int"))
                : lit(null).cast("int");
        Column previousEnd = columns.contains(PREVIOUS_FYE) ? col(PREVIOUS_FYE).cast("date") : lit(null).cast("date");
        return companies.select(col("ticker"), col("fiscal_year_end_month").cast("int").as("_registry_fye_month"),
                previousMonth.as("_registry_previous_month"),
                monthIndex(previousEnd).as("_registry_previous_end_index"));
    }

    /**
     * entity_id, _year_ends: the filer's fiscal-year-end regimes, each the year-end month in force for period ends
     * up to a month index, sorted by it: an array of struct(until_index, fye_month, transition_after,
     * transition_months); the last regime is in force until {@value #IN_FORCE}. A regime that follows a change
     * starts with a transition period: the months after {@code transition_after} (the last year end under the
     * old month) up to the first year end under the new month, (new - old) mod 12 months (1-11; SEC Rules
     * 13a-10 and 15d-10: a transition period between the old and the new fiscal year).
     * <ul>
     *   <li>Registry: its month; where it states a change, the previous month until its last year end.</li>
     *   <li>Else the filer's annual reports: the end of every year a 10-K / 20-F / 40-F or 10-KT shows (its own
     *       and its comparatives) and the end of each 10-KT (the transition period's) date a year end;
     *       consecutive year ends in the same month are one regime, so a change of month between two annual
     *       reports is a change of year end from that date. A year end counts when two reports show a year
     *       ending in its month or it ends a 10-KT, so one report with a wrong date does not invent two
     *       changes.</li>
     *   <li>Else one month for the whole history (a filer with no annual report yet): the month before most
     *       year-to-date spans start, else the most frequent FSDS {@code fye}, else the month the 10-Qs' own
     *       labels imply.</li>
     * </ul>
     * Facts as in {@link #classified} before labelling.
     */
    static Dataset<Row> yearEnds(Dataset<Row> facts) {
        Column usable = col("coreg").equalTo("").and(col("periodic"));
        Column annualReportMonth = when(usable.and(col("span_quarters").equalTo(4))
                .and(col("form").isin((Object[]) ANNUAL_FORMS)), monthOf(col("period_end")));
        // a year-to-date span starts the day after the previous fiscal year ended
        Column ytdStartMonth = when(usable.and(col("span_quarters").isin(2, 3)).and(col("period_start").isNotNull()),
                monthOf(date_sub(col("period_start"), 1)));
        Dataset<Row> fromFacts = facts.groupBy("entity_id")
                .agg(first(col("_registry_fye_month"), true).as("_registry"),
                        first(col("_registry_previous_month"), true).as("_registry_previous_month"),
                        first(col("_registry_previous_end_index"), true).as("_registry_previous_end_index"),
                        mode(annualReportMonth).as("_annual"), mode(ytdStartMonth).as("_ytd"));

        // per filing: the fye it declares, and the year end its 10-Q label implies (fp Qn ends 3n months in)
        Column fsdsFyeMonth = when(col("fiscal_year_end").rlike("^[01][0-9][0-3][0-9]$"),
                monthOf(make_date(lit(2000), substring(col("fiscal_year_end"), 1, 2).cast("int"),
                        substring(col("fiscal_year_end"), 3, 2).cast("int"))));
        Column quarterOfLabel = when(col("filing_fiscal_period").isin("Q1", "Q2", "Q3"),
                substring(col("filing_fiscal_period"), 2, 1).cast("int"));
        Dataset<Row> filings = facts.where(col("periodic"))
                .groupBy("entity_id", "accession")
                .agg(max(fsdsFyeMonth).as("_fye"), max(quarterOfLabel).as("_q"), max(col("period_end")).as("_end"))
                .withColumn("_label", when(col("_q").isNotNull(),
                        monthOf(col("_end")).minus(col("_q").multiply(3)).plus(11).mod(12).plus(1)));
        Dataset<Row> fromFilings = filings.groupBy("entity_id")
                .agg(mode(col("_fye")).as("_fsds"), mode(col("_label")).as("_labels"));

        Column registry = when(col("_registry_previous_month").isNotNull()
                        .and(col("_registry_previous_end_index").isNotNull()),
                array(regime(col("_registry_previous_end_index"), col("_registry_previous_month"), lit(null), lit(0)),
                        regime(lit(IN_FORCE), col("_registry"), col("_registry_previous_end_index"),
                                col("_registry").minus(col("_registry_previous_month")).plus(12).mod(12))))
                .otherwise(array(regime(lit(IN_FORCE), col("_registry"), lit(null), lit(0))));
        Column single = coalesce(col("_annual"), col("_ytd"), col("_fsds"), col("_labels"));
        return fromFacts.join(fromFilings, new String[]{"entity_id"}, "left")
                .join(annualReportYearEnds(facts), new String[]{"entity_id"}, "left")
                .select(col("entity_id"), when(col("_registry").isNotNull(), registry)
                        .when(col("_dated").isNotNull(), col("_dated"))
                        .when(single.isNotNull(), array(regime(lit(IN_FORCE), single, lit(null), lit(0))))
                        .as("_year_ends"));
    }

    /** entity_id, _dated: the year-end regimes the filer's annual reports date ({@link #yearEnds}). */
    private static Dataset<Row> annualReportYearEnds(Dataset<Row> facts) {
        Column transitionReport = col("form").startsWith("10-KT");
        // year ends an annual report shows: the ends of its years (its own and comparatives), and a 10-KT's end
        Dataset<Row> reports = facts.where(col("coreg").equalTo("").and(col("periodic"))
                        .and(col("form").isin((Object[]) ANNUAL_FORMS).or(transitionReport)))
                .withColumn("_transition_end", transitionReport.and(col("period_end")
                        .equalTo(max(col("period_end")).over(Window.partitionBy("entity_id", "accession")))))
                .where(col("span_quarters").equalTo(4).or(col("_transition_end")))
                .select(col("entity_id"), col("accession"), col("_transition_end"),
                        monthIndex(col("period_end")).as("_index"), monthOf(col("period_end")).as("_month"));
        Dataset<Row> yearEnds = reports
                .withColumn("_reports", size(collect_set(col("accession"))
                        .over(Window.partitionBy("entity_id", "_month"))))
                .where(col("_reports").gt(1).or(col("_transition_end")))
                .groupBy("entity_id", "_index").agg(first(col("_month")).as("_month"));
        // consecutive year ends in one month are one regime, in force until its last year end
        WindowSpec byDate = Window.partitionBy("entity_id").orderBy("_index");
        Column newRegime = coalesce(lag(col("_month"), 1).over(byDate).notEqual(col("_month")), lit(true));
        Dataset<Row> regimes = yearEnds
                .withColumn("_regime", sum(newRegime.cast("int")).over(byDate))
                .groupBy("entity_id", "_regime")
                .agg(first(col("_month")).as("_month"), max(col("_index")).as("_until"));
        WindowSpec byRegime = Window.partitionBy("entity_id").orderBy("_regime");
        Column previousMonth = lag(col("_month"), 1).over(byRegime);
        Column previousUntil = lag(col("_until"), 1).over(byRegime);
        Column last = lead(col("_regime"), 1).over(byRegime).isNull();
        return regimes
                .select(col("entity_id"), regime(when(last, lit(IN_FORCE)).otherwise(col("_until")), col("_month"),
                        previousUntil, coalesce(col("_month").minus(previousMonth).plus(12).mod(12), lit(0)))
                        .as("_regime"))
                .groupBy("entity_id").agg(array_sort(collect_list(col("_regime"))).as("_dated"));
    }

    private static Column regime(Column untilIndex, Column fyeMonth, Column transitionAfter, Column transitionMonths) {
        return struct(untilIndex.cast("int").as("until_index"), fyeMonth.cast("int").as("fye_month"),
                transitionAfter.cast("int").as("transition_after"),
                transitionMonths.cast("int").as("transition_months"));
    }

    /** year × 12 + month - 1 of a date read as {@link #monthOf} reads it: consecutive months differ by 1. */
    private static Column monthIndex(Column date) {
        Column anchor = date_sub(date, FiscalCalendar.WEEK_CALENDAR_SPILL_DAYS);
        return year(anchor).multiply(12).plus(month(anchor)).minus(1);
    }

    /** The month a date belongs to in a 52/53-week calendar (ends spilling a few days over are read earlier). */
    private static Column monthOf(Column date) {
        return month(date_sub(date, FiscalCalendar.WEEK_CALENDAR_SPILL_DAYS));
    }

    /**
     * 1-4: which fiscal quarter (or year, 4) a period ending on {@code periodEnd} closes, from the days since the
     * previous fiscal year end (the last day of the year-end month); null where the end is no quarter end. The
     * ranges hold 12/13/14-week and 16/12/12/12 calendars, 52/53-week years and FSDS month-end rounding.
     */
    static Column fiscalQuarterPosition(Column periodEnd, Column fiscalYear, Column fyeMonth) {
        Column previousYearEnd = last_day(make_date(fiscalYear.minus(1), fyeMonth, lit(1)));
        Column days = datediff(periodEnd, previousYearEnd);
        return when(days.between(70, 150), 1).when(days.between(151, 240), 2)
                .when(days.between(241, 320), 3).when(days.between(350, 400), 4);
    }

    private static Column[] columns(String[] names) {
        return java.util.Arrays.stream(names).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    /** Whole quarters between two dates: a quarter of 11 to 17 weeks, 52/53-week years; null for other lengths. */
    static Column quartersBetween(Column start, Column end) {
        Column days = datediff(end, start).plus(1);
        return when(days.between(77, 125), 1).when(days.between(160, 215), 2)
                .when(days.between(245, 300), 3).when(days.between(350, 380), 4);
    }

    private static Dataset<Row> placeable(Dataset<Row> classified) {
        return classified.where(col("reason").isNull());
    }

    /**
     * Placeable facts with tag_rank (1 = the entity's preferred tag for the metric: the one periodic reports
     * used most recently, then by priority), _latest and _first (1 = the fact giving the value and the first
     * reported value of its identity) and reason set for facts superseded by a periodic form or another tag.
     */
    static Dataset<Row> ranked(Dataset<Row> placeable) {
        Dataset<Row> usage = placeable.groupBy("entity_id", "metric", "taxonomy", "tag")
                .agg(max(when(col("periodic"), col("period_end"))).as("_last_used_periodic"),
                        max("period_end").as("_last_used"), min("priority").as("_priority"))
                .withColumn("tag_rank", dense_rank().over(Window.partitionBy("entity_id", "metric")
                        .orderBy(col("_last_used_periodic").desc_nulls_last(), col("_last_used").desc(),
                                col("_priority"), col("taxonomy"), col("tag"))))
                .drop("_last_used_periodic", "_last_used", "_priority");
        WindowSpec identity = Window.partitionBy(columns(IDENTITY));
        return placeable.join(usage, new String[]{"entity_id", "metric", "taxonomy", "tag"})
                .withColumn("_eligible", col("periodic").or(
                        max(col("periodic").cast("int")).over(identity).equalTo(0)))
                .withColumn("_best_tag", min(when(col("_eligible"), col("tag_rank"))).over(identity))
                .withColumn("_latest", row_number().over(identity.orderBy(col("_eligible").desc(),
                        col("tag_rank"), col("filed").desc_nulls_last(), col("accession").desc())))
                .withColumn("_first", row_number().over(identity.orderBy(col("_eligible").desc(),
                        col("filed").asc_nulls_last(), col("tag_rank"), col("accession"))))
                .withColumn("reason", when(col("_eligible").equalTo(false), lit(SUPERSEDED_BY_PERIODIC_FORM))
                        .when(col("tag_rank").gt(col("_best_tag")).and(col("_first").notEqual(1)),
                                lit(SUPERSEDED_BY_TAG)));
    }

    /**
     * Per fiscal year (entity × metric × segments × currency × fiscal_year): restated_on, the last filing date
     * on which a periodic report changed one of the year's values (of the preferred tag) or amended (/A) a
     * report of it, and first_restated_on, the first such date; both null for a year never restated.
     */
    static Dataset<Row> restatements(Dataset<Row> ranked) {
        Column comparable = col("periodic").and(col("tag_rank").equalTo(col("_best_tag")));
        WindowSpec earlier = Window.partitionBy(columns(IDENTITY)).orderBy(col("filed"), col("accession"))
                .rowsBetween(Window.unboundedPreceding(), -1);
        Column earlierMin = min(when(comparable, col("value"))).over(earlier);
        Column earlierMax = max(when(comparable, col("value"))).over(earlier);
        Column changes = comparable.and(col("form").endsWith("/A")
                .or(earlierMin.isNotNull().and(earlierMin.notEqual(col("value")).or(earlierMax.notEqual(col("value"))))));
        return ranked.withColumn("_changes", changes)
                .groupBy(columns(YEAR))
                .agg(max(when(col("_changes"), col("filed"))).as("restated_on"),
                        min(when(col("_changes"), col("filed"))).as("first_restated_on"));
    }

    /** One row per identity (entity × metric × segments × currency × fiscal year × span): latest and first. */
    static Dataset<Row> perSpan(Dataset<Row> ranked) {
        WindowSpec identity = Window.partitionBy(columns(IDENTITY));
        Column value = col("value").divide(lit(1_000_000)).cast(Amounts.AMOUNT);
        Column source = concat(concat_ws(" ", col("form"), col("accession"), concat(col("taxonomy"), lit(":"), col("tag"))),
                when(col("periodic"), lit("")).otherwise(lit(" (not a periodic report: no 10-K or 10-Q gives this period)")));
        Dataset<Row> withFacts = ranked
                // FSDS rounds period ends to month ends: an exact companyfacts date wins where both exist
                .withColumn("_exact_end", max(when(col("source_format").equalTo("companyfacts"), col("period_end")))
                        .over(identity))
                .withColumn("_exact_start", max(when(col("source_format").equalTo("companyfacts"),
                        col("period_start"))).over(identity))
                .withColumn("_fact", struct(value.as("value"), source.as("source"), col("accession"),
                        col("cik"), col("entity_name"), concat(col("taxonomy"), lit(":"), col("tag")).as("tag"),
                        col("filed"), col("periodic")));
        return withFacts.groupBy(columns(IDENTITY))
                .agg(first(col("ticker"), true).as("ticker"),
                        max(when(col("_latest").equalTo(1), col("_fact"))).as("latest"),
                        max(when(col("_first").equalTo(1), col("_fact"))).as("first_reported"),
                        coalesce(first(col("_exact_end"), true),
                                max(when(col("_latest").equalTo(1), col("period_end")))).as("period_end"),
                        first(col("_exact_start"), true).as("period_start"));
    }

    /** Quarters and fiscal years, each reported or derived from spans of the same fiscal year and vintage. */
    static Dataset<Row> discreteQuarters(Dataset<Row> perSpan, Dataset<Row> restatements) {
        List<Column> bySpan = new ArrayList<>();
        for (String s : SPANS) {
            bySpan.add(max(when(col("span").equalTo(s),
                    struct(col("latest"), col("first_reported"), col("period_end"), col("period_start")))).as(s));
        }
        Dataset<Row> years = perSpan.groupBy(columns(YEAR))
                .agg(first(col("ticker"), true).as("ticker"), bySpan.toArray(Column[]::new))
                .join(restatements, YEAR, "left");

        // each period's chosen rule once per chain, as its own column: the parts below refer to it instead of
        // repeating the rule conditions (which made the optimizer's plans grow with every part)
        // (one select, not a withColumn per column: each withColumn is another projection to analyse)
        List<Column> chosenRules = new ArrayList<>(List.of(col("*")));
        for (String q : FISCAL_PERIODS) {
            List<Rule> rules = rules(q);
            for (Version v : Version.values()) {
                chosenRules.add(coalesce(consistentRule(rules, v), chosenRule(rules, v, false)).as(ruleColumn(q, v)));
                chosenRules.add(consistentRule(rules, v).isNull().and(chosenRule(rules, v, false).isNotNull())
                        .as(mixedColumn(q, v)));
            }
        }
        years = years.select(chosenRules.toArray(Column[]::new));
        List<Column> periods = new ArrayList<>();
        for (String q : FISCAL_PERIODS) {
            periods.add(period(q));
        }
        Dataset<Row> exploded = years.select(col("entity_id"), col("ticker"), col("metric"), col("segments"),
                col("currency"), col("fiscal_year"), explode(array(periods.toArray(Column[]::new))).as("p"));
        Column negative = col("p.derivation").isNotNull().and(col("metric").isin(NON_NEGATIVE_FLOWS.toArray()))
                .and(col("p.value").lt(0));
        Column negativeFirst = col("p.derivation_first_reported").isNotNull()
                .and(col("metric").isin(NON_NEGATIVE_FLOWS.toArray())).and(col("p.value_first_reported").lt(0));
        return exploded.where(col("p.value").isNotNull())
                .select(col("entity_id"), col("ticker"), col("p.cik").as("cik"), col("p.entity_name").as("entity_name"),
                        col("metric"), col("segments"), col("currency"), col("fiscal_year"),
                        col("p.fiscal_period").as("fiscal_period"), col("p.period_end").as("period_end"),
                        col("p.value").as("value"), col("p.derivation").as("derivation"), col("p.source").as("source"),
                        col("p.accession").as("accession"), col("p.tag").as("tag"),
                        coalesce(col("p.flag"), when(negative, lit(NEGATIVE_DERIVED_FLOW))).as("flag"),
                        col("p.value_first_reported").as("value_first_reported"),
                        col("p.derivation_first_reported").as("derivation_first_reported"),
                        col("p.source_first_reported").as("source_first_reported"),
                        col("p.accession_first_reported").as("accession_first_reported"),
                        coalesce(col("p.flag_first_reported"), when(negativeFirst, lit(NEGATIVE_DERIVED_FLOW)))
                                .as("flag_first_reported"),
                        col("p.value").notEqual(col("p.value_first_reported"))
                                .and(col("p.periodic")).and(col("p.periodic_first_reported")).as("restated"));
    }

    /** The rules that give a fiscal period's value, tried in order; each is a list of spans to add up. */
    private static List<Rule> rules(String period) {
        return switch (period) {
            case "Q1" -> List.of(Rule.reported("Q1"), new Rule("Q1 = H1 YTD - Q2", "YTD6", "Q2"));
            case "Q2" -> List.of(Rule.reported("Q2"), new Rule("Q2 = H1 YTD - Q1", "YTD6", "Q1"));
            case "Q3" -> List.of(Rule.reported("Q3"), new Rule("Q3 = 9M YTD - H1 YTD", "YTD9", "YTD6"),
                    new Rule("Q3 = 9M YTD - Q1 - Q2", "YTD9", "Q1", "Q2"));
            case "Q4" -> List.of(Rule.reported("Q4"), new Rule("Q4 = FY - 9M YTD", "FY", "YTD9"),
                    new Rule(FactResolution.Q4_RULE, "FY", "Q1", "Q2", "Q3"));
            case "FY" -> List.of(Rule.reported("FY"));
            case "H1" -> List.of(Rule.reported("YTD6"));
            case "9M" -> List.of(Rule.reported("YTD9"));
            case TRANSITION_PERIOD -> List.of(Rule.reported(TRANSITION_PERIOD));
            default -> throw new IllegalArgumentException(period);
        };
    }

    /** A struct with the period's latest and first-reported value, derivation, source, accession and flags. */
    private static Column period(String period) {
        List<Rule> rules = rules(period);
        // a derived quarter ends where its minuend ends, except Q1 = H1 - Q2: it ends the day before Q2 starts
        // (FSDS gives no start: then the month end three months before Q2's, FSDS dates being month ends)
        Column periodEnd = period.equals("Q1")
                ? coalesce(col("Q1.period_end"), date_sub(col("Q2.period_start"), 1),
                        last_day(add_months(col("Q2.period_end"), -3)))
                : coalesce(rules.stream().map(r -> col(r.minuend + ".period_end")).distinct().toArray(Column[]::new));
        List<Column> fields = new ArrayList<>(List.of(lit(period).as("fiscal_period"), periodEnd.as("period_end")));
        for (Version v : Version.values()) {
            for (Part part : Part.values()) {
                fields.add(chosen(rules, col(ruleColumn(period, v)), v, part).as(part.column(v)));
            }
            fields.add(when(col(mixedColumn(period, v)), lit(MIXED_VINTAGE))
                    .as(v == Version.LATEST ? "flag" : "flag_first_reported"));
        }
        return struct(fields.toArray(Column[]::new));
    }

    /** The latest values, or the values as first reported: each chain is derived within its own vintage. */
    private enum Version {
        LATEST("latest", ""), FIRST_REPORTED("first_reported", "_first_reported");

        final String field;
        final String suffix;

        Version(String field, String suffix) {
            this.field = field;
            this.suffix = suffix;
        }

        /** An operand of a derivation is on this chain's basis: filed on or after (latest) or before (first) the restatement. */
        Column onBasis(Column fact) {
            return this == LATEST
                    ? col("restated_on").isNull().or(fact.getField("filed").geq(col("restated_on")))
                    : col("first_restated_on").isNull().or(fact.getField("filed").lt(col("first_restated_on")));
        }
    }

    private enum Part {
        VALUE, DERIVATION, SOURCE, ACCESSION, TAG, CIK, ENTITY_NAME, PERIODIC;

        String column(Version v) {
            return switch (this) {
                case VALUE -> "value" + v.suffix;
                case DERIVATION -> "derivation" + v.suffix;
                case SOURCE -> "source" + v.suffix;
                case ACCESSION -> "accession" + v.suffix;
                case TAG -> "tag" + v.suffix;
                case CIK -> "cik" + v.suffix;
                case ENTITY_NAME -> "entity_name" + v.suffix;
                case PERIODIC -> "periodic" + v.suffix;
            };
        }
    }

    /** Index of the first rule whose operands are all present (and, when {@code consistent}, on one basis). */
    private static Column chosenRule(List<Rule> rules, Version v, boolean consistent) {
        Column result = lit(null).cast("int");
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            Column applies = consistent ? r.applies(v).and(r.onOneBasis(v)) : r.applies(v);
            result = when(applies, lit(i)).otherwise(result);
        }
        return result;
    }

    private static Column consistentRule(List<Rule> rules, Version v) {
        return chosenRule(rules, v, true);
    }

    private static String ruleColumn(String period, Version v) {
        return "_rule_" + period + v.suffix;
    }

    private static String mixedColumn(String period, Version v) {
        return "_mixed_" + period + v.suffix;
    }

    /** The part of the rule at {@code index}: the first consistent rule, else the first applicable one. */
    private static Column chosen(List<Rule> rules, Column index, Version v, Part part) {
        Column result = null;
        for (int i = rules.size() - 1; i >= 0; i--) {
            Column value = rules.get(i).part(v, part);
            result = result == null ? when(index.equalTo(i), value) : when(index.equalTo(i), value).otherwise(result);
        }
        return result;
    }

    /** minuend - subtrahends, all spans of one fiscal year; a rule without subtrahends is a reported value. */
    private record Rule(String name, String minuend, String... subtrahends) {

        static Rule reported(String span) {
            return new Rule(null, span);
        }

        private Column fact(String span, Version v) {
            return col(span + "." + v.field);
        }

        private List<String> operands() {
            List<String> all = new ArrayList<>(List.of(minuend));
            all.addAll(List.of(subtrahends));
            return all;
        }

        Column applies(Version v) {
            Column all = lit(true);
            for (String s : operands()) {
                all = all.and(fact(s, v).isNotNull());
            }
            return all;
        }

        /**
         * A derivation needs every operand on the chain's basis. A reported value is its own basis, except a
         * quarter or year-to-date value among the latest ones that was last filed before its year was first
         * restated: the restated year's other values are on another basis (Apple's fiscal 2009 Q3 as filed in its
         * 10-Q, next to the year its 10-K/A restated), so it stands only where nothing consistent does, flagged.
         */
        Column onOneBasis(Version v) {
            if (subtrahends.length == 0) {
                return v == Version.LATEST && REBASED_SPANS.contains(minuend)
                        ? col("first_restated_on").isNull().or(fact(minuend, v).getField("filed")
                                .geq(col("first_restated_on")))
                        : lit(true);
            }
            Column all = lit(true);
            for (String s : operands()) {
                all = all.and(v.onBasis(fact(s, v)));
            }
            return all;
        }

        Column part(Version v, Part part) {
            Column m = fact(minuend, v);
            return switch (part) {
                case VALUE -> {
                    Column value = m.getField("value");
                    for (String s : subtrahends) {
                        value = value.minus(fact(s, v).getField("value"));
                    }
                    yield value.cast(Amounts.AMOUNT);
                }
                case DERIVATION -> name == null ? lit(null).cast("string") : lit(name);
                case SOURCE -> {
                    if (name == null) {
                        yield concat(lit("SEC "), m.getField("source"));
                    }
                    List<Column> parts = new ArrayList<>(List.of(lit("derived: " + name + " from SEC "),
                            m.getField("source"), lit(" (" + label(minuend) + ")")));
                    for (String s : subtrahends) {
                        parts.add(lit(", "));
                        parts.add(fact(s, v).getField("source"));
                        parts.add(lit(" (" + label(s) + ")"));
                    }
                    yield concat(parts.toArray(Column[]::new));
                }
                case ACCESSION -> m.getField("accession");
                case TAG -> m.getField("tag");
                case CIK -> m.getField("cik");
                case ENTITY_NAME -> m.getField("entity_name");
                case PERIODIC -> {
                    Column all = lit(true);
                    for (String s : operands()) {
                        all = all.and(fact(s, v).getField("periodic"));
                    }
                    yield all;
                }
            };
        }

        private static String label(String span) {
            return switch (span) {
                case "YTD6" -> "H1 YTD";
                case "YTD9" -> "9M YTD";
                default -> span;
            };
        }
    }

    /**
     * The registered companies' values in their reporting currency as fact rows of bronze.financial_facts'
     * shape (plus flag), ranked after every curated file so they win in {@link FactResolution}: whole-entity
     * values, and segment values whose FSDS segments are mapped to a segment by {@code segmentMembers} (ticker,
     * sec_segments, segment), compared by {@link FsdsSegments#key} (pair order and the OperatingSegments consolidation
     * qualifier aside). Where several mapped values give one segment, period and metric, one is kept: unflagged
     * first, then the one whose segments are written exactly as mapped, then the first segments in text order.
     * Unmapped segment values stay in silver.sec_period_values only. A flagged value comes along with its flag, so
     * that FactResolution withholds it and derives nothing in its place.
     *
     * @param firstReported the values as first reported instead of the latest
     */
    public static Dataset<Row> asFacts(Dataset<Row> secPeriodValues, Dataset<Row> companies,
                                       Dataset<Row> segmentMembers, boolean firstReported) {
        String suffix = firstReported ? "_first_reported" : "";
        Dataset<Row> members = segmentMembers.select(col("ticker").as("_member_ticker"),
                col("sec_segments").as("_sec_segments"), FsdsSegments.key(col("sec_segments")).as("_segments_key"),
                col("segment").as("_segment"));
        Column flag = java.util.Arrays.asList(secPeriodValues.columns()).contains("flag" + suffix)
                ? col("flag" + suffix) : lit(null).cast("string");
        return secPeriodValues
                .where(col("ticker").isNotNull().and(col("value" + suffix).isNotNull())
                        .and(col("fiscal_period").isin("Q1", "Q2", "Q3", "Q4", "FY")))
                .join(companies.select(col("ticker"), col("reporting_currency")), "ticker")
                .where(col("currency").equalTo(col("reporting_currency")))
                .join(broadcast(members), col("ticker").equalTo(col("_member_ticker"))
                        .and(FsdsSegments.key(col("segments")).equalTo(col("_segments_key"))), "left")
                .where(col("segments").equalTo("").or(col("_segment").isNotNull()))
                .withColumn("_segment", coalesce(col("_segment"), lit("")))
                .withColumn("_pick", row_number().over(Window
                        .partitionBy("ticker", "fiscal_year", "fiscal_period", "_segment", "metric")
                        .orderBy(flag.isNull().desc(), col("segments").equalTo(col("_sec_segments")).desc_nulls_last(),
                                col("segments"))))
                .where(col("_pick").equalTo(1))
                .select(col("ticker"), col("fiscal_year"), col("fiscal_period"), col("period_end"), col("currency"),
                        col("_segment").as("segment"), col("metric"),
                        col("value" + suffix).as("value"), col("source" + suffix).as("source"),
                        col("derivation" + suffix).as("derivation"), flag.as("flag"),
                        lit("bronze.sec_facts").as("input_file"),
                        lit(0L).as("line_number"), lit(Integer.MAX_VALUE).as("input_order"));
    }
}

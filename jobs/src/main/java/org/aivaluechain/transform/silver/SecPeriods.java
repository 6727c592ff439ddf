package org.aivaluechain.transform.silver;

import org.aivaluechain.model.Amounts;

import org.aivaluechain.transform.FiscalCalendar;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * From SEC facts as filed (bronze.sec_facts) to one value per entity × metric × fiscal period, the latest and
 * the first reported (silver.sec_period_values). Every rule works on columns, so it runs at any scale.
 *
 * <ol>
 *   <li>Only tags of {@code sec/metric_tags.csv}, currency units and the registrant itself (no coreg).</li>
 *   <li>Entity: the registered ticker of the CIK (a ticker may have several CIKs, e.g. Alphabet and its
 *       predecessor Google Inc.), else {@code cik:<CIK>}.</li>
 *   <li>Period identity from dates, never from the filing's fy/fp: the span in quarters (FSDS qtrs, or the
 *       days between start and end: 84-98, 175-189, 266-280, 357-371) and the fiscal quarter its end closes,
 *       from the company's fiscal-year-end month (registry; else FSDS fye; else the month most annual reports
 *       end in). A 3-month span is a quarter, 6 and 9 months ending at Q2 and Q3 are year to date, 12 months
 *       is a fiscal year only when it ends at the fiscal year end (trailing twelve months in 10-Qs are not).
 *       Ends are read 7 days early for 52/53-week years ({@link FiscalCalendar}).</li>
 *   <li>Tag per entity × metric × period: the tag used most recently first (a tag migration keeps the new
 *       tag for the periods it covers and older tags fill the rest), then the file's priority.</li>
 *   <li>Restatements: among the filings that report the chosen tag for a period, the latest filed wins; the
 *       first reported value is the earliest filing of any of the metric's tags. Repeats collapse.</li>
 *   <li>Discrete quarters: Q2 = H1 - Q1 (or Q1 = H1 - Q2), Q3 = 9M - H1 (or 9M - Q1 - Q2), Q4 = FY - 9M (or
 *       FY - Q1 - Q2 - Q3), only within one fiscal year, each flagged with its rule in {@code derivation}. The
 *       year-to-date spans themselves are kept as periods H1 and 9M.</li>
 * </ol>
 */
public final class SecPeriods {

    /** Spans a fact can stand for, in the order their values are derived. */
    static final List<String> SPANS = List.of("Q1", "Q2", "Q3", "Q4", "YTD6", "YTD9", "FY");

    /** The periods of silver.sec_period_values: quarters, the year, and the year-to-date spans as reported. */
    static final List<String> FISCAL_PERIODS = List.of("Q1", "Q2", "Q3", "Q4", "FY", "H1", "9M");

    private static final String[] IDENTITY = {"entity_id", "metric", "segments", "currency", "fiscal_year", "span"};
    private static final String[] YEAR = {"entity_id", "metric", "segments", "currency", "fiscal_year"};
    private static final String[] ANNUAL_FORMS = {"10-K", "10-K/A", "10-KT", "20-F", "20-F/A", "40-F", "40-F/A"};

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
        Dataset<Row> labeled = labeled(secFacts, tags, filers, companies);
        Dataset<Row> perSpan = perSpan(withTagRank(labeled));
        return discreteQuarters(perSpan);
    }

    /**
     * The registered companies' values in their reporting currency as fact rows of bronze.financial_facts'
     * shape, ranked after every curated file so they win in {@link FactResolution}: whole-entity values, and
     * segment values whose FSDS segments are mapped to a segment by {@code segmentMembers} (ticker,
     * sec_segments, segment). Unmapped segment values stay in silver.sec_period_values only.
     *
     * @param firstReported the values as first reported instead of the latest
     */
    public static Dataset<Row> asFacts(Dataset<Row> secPeriodValues, Dataset<Row> companies,
                                       Dataset<Row> segmentMembers, boolean firstReported) {
        String suffix = firstReported ? "_first_reported" : "";
        Dataset<Row> members = segmentMembers.select(col("ticker").as("_member_ticker"),
                col("sec_segments").as("_sec_segments"), col("segment").as("_segment"));
        return secPeriodValues
                .where(col("ticker").isNotNull().and(col("value" + suffix).isNotNull())
                        .and(col("fiscal_period").isin("Q1", "Q2", "Q3", "Q4", "FY")))
                .join(companies.select(col("ticker"), col("reporting_currency")), "ticker")
                .where(col("currency").equalTo(col("reporting_currency")))
                .join(broadcast(members), col("ticker").equalTo(col("_member_ticker"))
                        .and(col("segments").equalTo(col("_sec_segments"))), "left")
                .where(col("segments").equalTo("").or(col("_segment").isNotNull()))
                .select(col("ticker"), col("fiscal_year"), col("fiscal_period"), col("period_end"), col("currency"),
                        coalesce(col("_segment"), lit("")).as("segment"), col("metric"),
                        col("value" + suffix).as("value"), col("source" + suffix).as("source"),
                        col("derivation" + suffix).as("derivation"), lit("bronze.sec_facts").as("input_file"),
                        lit(0L).as("line_number"), lit(Integer.MAX_VALUE).as("input_order"));
    }

    /** Usable facts with entity, fiscal year and span; facts that stand for no fiscal span are left out. */
    static Dataset<Row> labeled(Dataset<Row> secFacts, Dataset<Row> tags, Dataset<Row> filers,
                                Dataset<Row> companies) {
        Dataset<Row> facts = secFacts
                .where(col("coreg").equalTo("").and(col("unit").rlike("^[A-Z]{3}$")))
                .join(broadcast(tags.select("metric", "taxonomy", "tag", "priority")),
                        new String[]{"taxonomy", "tag"})
                .join(broadcast(filers.select(col("cik"), col("ticker"))), new String[]{"cik"}, "left")
                .join(broadcast(companies.select(col("ticker"),
                        col("fiscal_year_end_month").cast("int").as("_registry_fye_month"))),
                        new String[]{"ticker"}, "left")
                .withColumn("entity_id", coalesce(col("ticker"), concat(lit("cik:"), col("cik").cast("string"))))
                .withColumn("currency", col("unit"))
                .withColumn("span_quarters", coalesce(col("duration_quarters"),
                        quartersBetween(col("period_start"), col("period_end"))));

        Column fsdsFyeMonth = when(col("fiscal_year_end").rlike("^[01][0-9][0-3][0-9]$"),
                month(date_sub(make_date(lit(2000), substring(col("fiscal_year_end"), 1, 2).cast("int"),
                        substring(col("fiscal_year_end"), 3, 2).cast("int")), FiscalCalendar.WEEK_CALENDAR_SPILL_DAYS)));
        Column annualReportMonth = when(col("span_quarters").equalTo(4).and(col("form").isin((Object[]) ANNUAL_FORMS)),
                month(date_sub(col("period_end"), FiscalCalendar.WEEK_CALENDAR_SPILL_DAYS)));
        Dataset<Row> fyeMonths = facts.groupBy("entity_id")
                .agg(first(col("_registry_fye_month"), true).as("_registry"), max(fsdsFyeMonth).as("_fsds"),
                        org.apache.spark.sql.functions.mode(annualReportMonth).as("_annual"))
                .select(col("entity_id"), coalesce(col("_registry"), col("_fsds"), col("_annual")).as("fye_month"));

        Column fiscalQuarter = FiscalCalendar.fiscalQuarter(col("period_end"), col("fye_month"));
        Column span = when(col("span_quarters").equalTo(1).and(fiscalQuarter.isNotNull()),
                        concat(lit("Q"), fiscalQuarter.cast("string")))
                .when(col("span_quarters").equalTo(2).and(fiscalQuarter.equalTo(2)), lit("YTD6"))
                .when(col("span_quarters").equalTo(3).and(fiscalQuarter.equalTo(3)), lit("YTD9"))
                .when(col("span_quarters").equalTo(4).and(fiscalQuarter.equalTo(4)), lit("FY"));
        return facts.join(fyeMonths, "entity_id")
                .withColumn("fiscal_year", FiscalCalendar.fiscalYear(col("period_end"), col("fye_month")))
                .withColumn("span", span)
                .where(col("span").isNotNull());
    }

    private static Column[] columns(String[] names) {
        return java.util.Arrays.stream(names).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    /** Whole quarters between two dates, tolerating 52/53-week calendars; null for other lengths. */
    static Column quartersBetween(Column start, Column end) {
        Column days = datediff(end, start).plus(1);
        return when(days.between(84, 98), 1).when(days.between(175, 189), 2)
                .when(days.between(266, 280), 3).when(days.between(357, 371), 4);
    }

    /** tag_rank 1 = the entity's preferred tag for the metric: the most recently used, then by priority. */
    static Dataset<Row> withTagRank(Dataset<Row> labeled) {
        Dataset<Row> usage = labeled.groupBy("entity_id", "metric", "taxonomy", "tag")
                .agg(max("period_end").as("_last_used"), min("priority").as("_priority"))
                .withColumn("tag_rank", dense_rank().over(Window.partitionBy("entity_id", "metric")
                        .orderBy(col("_last_used").desc(), col("_priority"), col("taxonomy"), col("tag"))))
                .drop("_last_used", "_priority");
        return labeled.join(usage, new String[]{"entity_id", "metric", "taxonomy", "tag"});
    }

    /** One row per identity (entity × metric × segments × currency × fiscal year × span): latest and first. */
    static Dataset<Row> perSpan(Dataset<Row> ranked) {
        WindowSpec identity = Window.partitionBy(columns(IDENTITY));
        Column value = col("value").divide(lit(1_000_000)).cast(Amounts.AMOUNT);
        Column source = concat_ws(" ", col("form"), col("accession"), concat(col("taxonomy"), lit(":"), col("tag")));
        Dataset<Row> withRanks = ranked
                .withColumn("_best_tag", min("tag_rank").over(identity))
                .withColumn("_latest", row_number().over(identity.orderBy(
                        col("tag_rank"), col("filed").desc_nulls_last(), col("accession").desc())))
                .withColumn("_first", row_number().over(identity.orderBy(
                        col("filed").asc_nulls_last(), col("tag_rank"), col("accession"))))
                // FSDS rounds period ends to month ends: an exact companyfacts date wins where both exist
                .withColumn("_exact_end", max(when(col("source_format").equalTo("companyfacts"), col("period_end")))
                        .over(identity))
                .withColumn("_exact_start", max(when(col("source_format").equalTo("companyfacts"),
                        col("period_start"))).over(identity))
                .withColumn("_fact", struct(value.as("value"), source.as("source"), col("accession"),
                        col("cik"), col("entity_name"), concat(col("taxonomy"), lit(":"), col("tag")).as("tag")));
        return withRanks.groupBy(columns(IDENTITY))
                .agg(first(col("ticker"), true).as("ticker"),
                        max(when(col("_latest").equalTo(1), col("_fact"))).as("latest"),
                        max(when(col("_first").equalTo(1), col("_fact"))).as("first_reported"),
                        coalesce(first(col("_exact_end"), true),
                                max(when(col("_latest").equalTo(1), col("period_end")))).as("period_end"),
                        first(col("_exact_start"), true).as("period_start"));
    }

    /** Quarters and fiscal years, each reported or derived from year-to-date spans of the same fiscal year. */
    static Dataset<Row> discreteQuarters(Dataset<Row> perSpan) {
        List<Column> bySpan = new ArrayList<>();
        bySpan.add(first(col("ticker"), true).as("ticker"));
        for (String s : SPANS) {
            bySpan.add(max(when(col("span").equalTo(s),
                    struct(col("latest"), col("first_reported"), col("period_end"), col("period_start")))).as(s));
        }
        Dataset<Row> years = perSpan.groupBy(columns(YEAR)).agg(bySpan.get(0), bySpan.subList(1, bySpan.size()).toArray(Column[]::new));

        List<Column> periods = new ArrayList<>();
        for (String q : FISCAL_PERIODS) {
            periods.add(period(q));
        }
        Dataset<Row> exploded = years.select(col("entity_id"), col("ticker"), col("metric"), col("segments"),
                col("currency"), col("fiscal_year"), explode(array(periods.toArray(Column[]::new))).as("p"));
        return exploded.where(col("p.value").isNotNull())
                .select(col("entity_id"), col("ticker"), col("p.cik").as("cik"), col("p.entity_name").as("entity_name"),
                        col("metric"), col("segments"), col("currency"), col("fiscal_year"),
                        col("p.fiscal_period").as("fiscal_period"), col("p.period_end").as("period_end"),
                        col("p.value").as("value"), col("p.derivation").as("derivation"), col("p.source").as("source"),
                        col("p.accession").as("accession"), col("p.tag").as("tag"),
                        col("p.value_first_reported").as("value_first_reported"),
                        col("p.derivation_first_reported").as("derivation_first_reported"),
                        col("p.source_first_reported").as("source_first_reported"),
                        col("p.accession_first_reported").as("accession_first_reported"),
                        col("p.value").notEqual(col("p.value_first_reported")).as("restated"));
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
            default -> throw new IllegalArgumentException(period);
        };
    }

    /** A struct with the period's latest and first-reported value, derivation, source and accession. */
    private static Column period(String period) {
        List<Rule> rules = rules(period);
        // a derived quarter ends where its minuend ends, except Q1 = H1 - Q2: it ends the day before Q2 starts
        // (FSDS gives no start: then the month end three months before Q2's, FSDS dates being month ends)
        Column periodEnd = period.equals("Q1")
                ? coalesce(col("Q1.period_end"), date_sub(col("Q2.period_start"), 1),
                        last_day(add_months(col("Q2.period_end"), -3)))
                : coalesce(rules.stream().map(r -> col(r.minuend + ".period_end")).distinct().toArray(Column[]::new));
        return struct(lit(period).as("fiscal_period"), periodEnd.as("period_end"),
                firstApplicable(rules, "latest", Part.VALUE).as("value"),
                firstApplicable(rules, "latest", Part.DERIVATION).as("derivation"),
                firstApplicable(rules, "latest", Part.SOURCE).as("source"),
                firstApplicable(rules, "latest", Part.ACCESSION).as("accession"),
                firstApplicable(rules, "latest", Part.TAG).as("tag"),
                firstApplicable(rules, "latest", Part.CIK).as("cik"),
                firstApplicable(rules, "latest", Part.ENTITY_NAME).as("entity_name"),
                firstApplicable(rules, "first_reported", Part.VALUE).as("value_first_reported"),
                firstApplicable(rules, "first_reported", Part.DERIVATION).as("derivation_first_reported"),
                firstApplicable(rules, "first_reported", Part.SOURCE).as("source_first_reported"),
                firstApplicable(rules, "first_reported", Part.ACCESSION).as("accession_first_reported"));
    }

    private enum Part { VALUE, DERIVATION, SOURCE, ACCESSION, TAG, CIK, ENTITY_NAME }

    private static Column firstApplicable(List<Rule> rules, String version, Part part) {
        Column result = null;
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            Column applies = r.applies(version);
            Column value = r.part(version, part);
            result = result == null ? when(applies, value) : when(applies, value).otherwise(result);
        }
        return result;
    }

    /** minuend - subtrahends, all spans of one fiscal year; a rule without subtrahends is a reported value. */
    private record Rule(String name, String minuend, String... subtrahends) {

        static Rule reported(String span) {
            return new Rule(null, span);
        }

        private Column fact(String span, String version) {
            return col(span + "." + version);
        }

        Column applies(String version) {
            Column all = fact(minuend, version).isNotNull();
            for (String s : subtrahends) {
                all = all.and(fact(s, version).isNotNull());
            }
            return all;
        }

        Column part(String version, Part part) {
            Column m = fact(minuend, version);
            return switch (part) {
                case VALUE -> {
                    Column v = m.getField("value");
                    for (String s : subtrahends) {
                        v = v.minus(fact(s, version).getField("value"));
                    }
                    yield v.cast(Amounts.AMOUNT);
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
                        parts.add(fact(s, version).getField("source"));
                        parts.add(lit(" (" + label(s) + ")"));
                    }
                    yield concat(parts.toArray(Column[]::new));
                }
                case ACCESSION -> m.getField("accession");
                case TAG -> m.getField("tag");
                case CIK -> m.getField("cik");
                case ENTITY_NAME -> m.getField("entity_name");
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
}

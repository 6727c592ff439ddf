package org.aivaluechain.transform.silver;

import org.aivaluechain.model.Metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * From validated fact rows (many per fact) to one value per fact, keyed on fiscal labels:
 * ticker × fiscal_year × fiscal_period × segment × metric, in the reporting currency.
 *
 * <ol>
 *   <li>A value the input's source text shows was computed before it reached the input files gets
 *       {@code derivation} "upstream: ..." and its source "derived upstream: ..." ({@link UpstreamDerivations}).</li>
 *   <li>Repeated facts collapse to one: the value from the latest input file (file order), then the
 *       latest line, wins. SEC values (see {@link SecPeriods#asFacts}) rank after every curated file.</li>
 *   <li>One period end per ticker × fiscal period: sources sometimes give the calendar month end for a
 *       52/53-week period (2019-12-31 for AMD's 2019-12-28); for such calendars the true week-based date wins,
 *       otherwise the date most facts agree on.</li>
 *   <li>Q4 = FY − Q1 − Q2 − Q3 where Q4 itself is not reported (nor withheld) and the other four are, all from
 *       the same fiscal year and currency; such rows carry {@code derivation}.</li>
 *   <li>Derived values are checked ({@link DerivedValueChecks}): one that cannot be right (a vintage mix
 *       flagged by {@link SecPeriods}, a negative flow, a gross loss no reported quarter of the year shows, a
 *       value far outside the year's reported quarters, a quarter of the years a company-wide recast restated)
 *       is withheld: value null, {@code withheld_value} the
 *       candidate, {@code flag} the reason, {@code derivation} and {@code source} starting "withheld".</li>
 * </ol>
 * Input may carry {@code derivation} (SEC quarters differenced from year-to-date values) and {@code flag}; output
 * columns: ticker, fiscal_year, fiscal_period, period_end, currency, segment, metric, value (null when
 * withheld), source, derivation (null for reported values), flag, withheld_value.
 */
public final class FactResolution {

    public static final String Q4_RULE = "Q4 = FY - Q1 - Q2 - Q3";

    private FactResolution() {
    }

    public static Dataset<Row> resolve(Dataset<Row> validFacts, Dataset<Row> companies) {
        Dataset<Row> facts = UpstreamDerivations.flagged(
                withColumnIfAbsent(withColumnIfAbsent(validFacts, "derivation"), "flag"));
        Dataset<Row> latest = latestValuePerFact(facts);
        Dataset<Row> dated = withResolvedPeriodEnd(latest, companies);
        return DerivedValueChecks.withheld(withDerivedQ4(dated), companies);
    }

    private static Dataset<Row> withColumnIfAbsent(Dataset<Row> df, String name) {
        return java.util.Arrays.asList(df.columns()).contains(name) ? df : df.withColumn(name, lit(null).cast("string"));
    }

    static Dataset<Row> latestValuePerFact(Dataset<Row> facts) {
        return facts
                .withColumn("_rank", row_number().over(Window
                        .partitionBy("ticker", "fiscal_year", "fiscal_period", "segment", "metric")
                        // a flagged SEC value wins only where nothing unflagged gives the fact
                        .orderBy(col("flag").isNull().desc(), col("input_order").desc(), col("line_number").desc())))
                .where(col("_rank").equalTo(1))
                .select("ticker", "fiscal_year", "fiscal_period", "period_end", "currency", "segment", "metric",
                        "value", "source", "derivation", "flag");
    }

    static Dataset<Row> withResolvedPeriodEnd(Dataset<Row> facts, Dataset<Row> companies) {
        Dataset<Row> calendars = companies.select(col("ticker"), col("calendar").as("_calendar"));
        Column calendarMonthEndForWeekYear = col("_calendar").equalTo("52_53_week")
                .and(dayofmonth(col("period_end")).equalTo(dayofmonth(last_day(col("period_end")))));
        Dataset<Row> chosen = facts.groupBy("ticker", "fiscal_year", "fiscal_period", "period_end")
                .agg(count(lit(1)).as("_facts"))
                .join(calendars, "ticker", "left")
                .withColumn("_rank", row_number().over(Window.partitionBy("ticker", "fiscal_year", "fiscal_period")
                        .orderBy(when(calendarMonthEndForWeekYear, 1).otherwise(0), col("_facts").desc(),
                                col("period_end").desc())))
                .where(col("_rank").equalTo(1))
                .select(col("ticker"), col("fiscal_year"), col("fiscal_period"), col("period_end").as("_period_end"));
        return facts.join(chosen, new String[]{"ticker", "fiscal_year", "fiscal_period"})
                .drop("period_end").withColumnRenamed("_period_end", "period_end")
                .select("ticker", "fiscal_year", "fiscal_period", "period_end", "currency", "segment", "metric",
                        "value", "source", "derivation", "flag");
    }

    static Dataset<Row> withDerivedQ4(Dataset<Row> facts) {
        Dataset<Row> reported = facts;
        Dataset<Row> byYear = facts.groupBy("ticker", "fiscal_year", "currency", "segment", "metric")
                .agg(periodValue("FY").as("_fy"), periodValue("Q1").as("_q1"), periodValue("Q2").as("_q2"),
                        periodValue("Q3").as("_q3"), periodValue("Q4").as("_q4"),
                        max(when(col("fiscal_period").equalTo("FY"), col("period_end"))).as("period_end"),
                        max(when(col("fiscal_period").isin("FY", "Q1", "Q2", "Q3"), col("flag"))).as("_operand_flag"));
        Dataset<Row> derived = byYear
                .where(col("metric").isin(Metrics.flows().toArray()))  // an instant (a balance) never adds up
                .where(col("_q4").isNull().and(col("_fy").isNotNull()).and(col("_q1").isNotNull())
                        .and(col("_q2").isNotNull()).and(col("_q3").isNotNull()))
                .select(col("ticker"), col("fiscal_year"), lit("Q4").as("fiscal_period"), col("period_end"),
                        col("currency"), col("segment"), col("metric"),
                        col("_fy").minus(col("_q1")).minus(col("_q2")).minus(col("_q3"))
                                .cast(org.aivaluechain.model.Amounts.AMOUNT).as("value"),
                        lit("derived: " + Q4_RULE).as("source"),
                        lit(Q4_RULE).as("derivation"), col("_operand_flag").as("flag"));
        return reported.unionByName(derived);
    }

    private static Column periodValue(String period) {
        // a flagged (withheld) SEC Q4 still has its value here, so nothing is derived in its place
        return max(when(col("fiscal_period").equalTo(period), col("value")));
    }
}

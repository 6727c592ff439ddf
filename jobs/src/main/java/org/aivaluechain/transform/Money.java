package org.aivaluechain.transform;

import org.aivaluechain.model.Amounts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;

/** Small column helpers shared by the silver transforms: pivoting facts, FX conversion, provenance. */
public final class Money {

    private Money() {
    }

    /** For a long frame of facts: the metric's value, source and derivation as three aggregate columns. */
    public static List<Column> pivot(List<String> metrics) {
        List<Column> aggs = new ArrayList<>();
        for (String m : metrics) {
            Column isMetric = col("metric").equalTo(m);
            aggs.add(max(when(isMetric, col("value"))).as(m));
            aggs.add(max(when(isMetric, col("source"))).as(m + "__source"));
            aggs.add(max(when(isMetric, col("derivation"))).as(m + "__derivation"));
        }
        return aggs;
    }

    /** Millions of reporting currency to millions of USD at the quarter's average rate (currency per USD). */
    public static Column toUsd(Column amount, Column fxPerUsd) {
        return round(amount.divide(fxPerUsd), 4).cast(Amounts.AMOUNT);
    }

    /** metric -> source text, for the metrics that have a value. */
    public static Column sources(List<String> metrics) {
        List<Column> kv = new ArrayList<>();
        for (String m : metrics) {
            kv.add(lit(m));
            kv.add(col(m + "__source"));
        }
        return map_filter(map(kv.toArray(Column[]::new)), (k, v) -> v.isNotNull());
    }

    /** "metric: rule" for every derived value, e.g. "revenue: Q4 = FY - Q1 - Q2 - Q3". */
    public static Column derivedValues(List<String> metrics) {
        List<Column> items = new ArrayList<>();
        for (String m : metrics) {
            items.add(when(col(m + "__derivation").isNotNull(),
                    org.apache.spark.sql.functions.concat(lit(m + ": "), col(m + "__derivation"))));
        }
        return filter(array(items.toArray(Column[]::new)), x -> x.isNotNull());
    }
}

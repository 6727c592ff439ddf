package org.aivaluechain.transform.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Values computed before they reached the input files: a quarter as the difference of two year-to-date values, a
 * Q4 as the fiscal year minus nine months, a segment as a share of revenue. The facts format has no column for
 * it; the row's source text says so. This is the one place that reads it.
 *
 * <p>The rule, from the real source strings of sample-data/facts: the value's own description is the text before
 * the first {@code " | "} (what follows are notes on other sources and consistency checks, which mention
 * arithmetic too, "consistency check FY minus Q1..Q3", "corroborated by: half-year minus other quarter", but
 * only check a reported value). A value was derived upstream when that description holds one of:
 * <ul>
 *   <li>{@code derived: ...} or {@code derived in source ...} (NVIDIA D&A "derived: YTD to 2024-10-27 minus YTD
 *       to 2024-07-28", NVIDIA capex "derived: PaymentsToAcquireProductiveAssets FY 6042 minus 9M 4758", TSMC HPC
 *       revenue "derived in source from HPC % share x revenue; approximate"), but not {@code re-derived} (Amazon
 *       and Oracle segment rows whose quarter label was re-derived from the filing date: the value is reported);</li>
 *   <li>{@code d = ...}, the source repository's own derivation flag (Micron Q4 capex "d = FY minus 9M by source
 *       repo", AMD "flagged d = FY 10-K minus 9M, computed by the source repo", NVIDIA operating cash flow "d = YTD
 *       difference computed by source repo");</li>
 *   <li>{@code YTD minus ...} (Intel and Palantir cash-flow quarters "fiscal YTD minus previous YTD").</li>
 * </ul>
 * "Q1 = YTD" (the first quarter's year to date is the quarter), "sign flipped" and "period_end computed as ..."
 * describe reported values and do not count.
 */
final class UpstreamDerivations {

    /** The derivation clause: from its marker to the end of its bracket or note. */
    static final String CLAUSE = "((?<!re-)\\bderived\\b[^()\\[\\]|]*|\\bd = [^()\\[\\]|]*|\\b(?:fiscal )?YTD minus [^()\\[\\]|]*)";
    /** derivation of such a value: "upstream: " and the clause, e.g. "upstream: fiscal YTD minus previous YTD". */
    static final String DERIVATION_PREFIX = "upstream: ";
    /** Its source, so gold lineage shows it too: "derived upstream: " and the original text. */
    static final String SOURCE_PREFIX = "derived upstream: ";

    private UpstreamDerivations() {
    }

    /**
     * Facts (source, derivation) in, the same with derivation set and source prefixed where a value not derived
     * here was derived upstream. A derivation already set (the SEC's year-to-date differences) is kept.
     */
    static Dataset<Row> flagged(Dataset<Row> facts) {
        Column clause = trim(regexp_extract(substring_index(col("source"), " | ", 1), CLAUSE, 1));
        Column upstream = col("derivation").isNull().and(clause.notEqual(""));
        Column rule = regexp_replace(clause, "^derived:\\s*", "");
        // both rewritten columns read the original source and derivation, so they are computed side by side
        return facts
                .withColumn("_upstream_rule", when(upstream, rule))
                .withColumn("source", when(col("_upstream_rule").isNotNull()
                                .and(col("source").startsWith("derived").equalTo(false)),
                        concat(lit(SOURCE_PREFIX), col("source"))).otherwise(col("source")))
                .withColumn("derivation", when(col("_upstream_rule").isNotNull(),
                        concat(lit(DERIVATION_PREFIX), col("_upstream_rule"))).otherwise(col("derivation")))
                .drop("_upstream_rule");
    }
}

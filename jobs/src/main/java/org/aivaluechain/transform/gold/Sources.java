package org.aivaluechain.transform.gold;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.transform_keys;

import java.util.List;

import org.apache.spark.sql.Column;

/**
 * Lineage of gold rows: the {@code sources} column of silver.quarterly_financials (metric -> source text: a filing
 * accession, a data file at a commit, or "derived: ..." with the arithmetic, including derivations done before the
 * data reached sample-data) narrowed to the metrics a gold row uses and keyed by metric and calendar quarter
 * ({@code "capex 2025Q4"}), so a row built from several quarters names every one of them.
 */
final class Sources {

    private Sources() {
    }

    /** The entries of {@code sources} for {@code metrics}, keys as "metric quarter". */
    static Column of(Column sources, List<String> metrics, Column calendarQuarter) {
        Column used = map_filter(sources, (k, v) -> k.isin(metrics.toArray()));
        return transform_keys(used, (k, v) -> concat(k, lit(" "), calendarQuarter));
    }

    /** An empty sources map, for rows with nothing to add. */
    static Column empty() {
        return org.apache.spark.sql.functions.map().cast("map<string,string>");
    }
}

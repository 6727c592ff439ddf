package org.aivaluechain.transform.gold;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_concat;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.map_contains_key;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.transform_keys;

import java.util.List;

import org.apache.spark.sql.Column;

/**
 * Lineage of gold rows: the {@code sources} column of silver.quarterly_financials (metric -> source text: a filing
 * accession, a data file at a commit, or "derived: ..." with the arithmetic; "derived upstream: ..." for values
 * derived before the data reached sample-data) narrowed to the metrics a gold row uses and keyed by metric and
 * calendar quarter ({@code "capex 2025Q4"}), so a row built from several quarters names every one of them. A row
 * that adds up several companies or segments keys each entry by its member too ({@code "MSFT capex 2025Q4"},
 * {@code "NVDA.data_center revenue 2025Q3"}). An input that is not a silver metric has a key naming it
 * ({@code "disclosed_server_life_years"}, {@code "claim"}, a deal id).
 */
final class Sources {

    private Sources() {
    }

    /** The entries of {@code sources} for {@code metrics}, keys as "metric quarter". */
    static Column of(Column sources, List<String> metrics, Column calendarQuarter) {
        Column used = map_filter(sources, (k, v) -> k.isin(metrics.toArray()));
        return transform_keys(used, (k, v) -> concat(k, lit(" "), calendarQuarter));
    }

    /** The entries of {@code sources} for {@code metrics}, keys as "member metric quarter". */
    static Column of(Column sources, List<String> metrics, Column member, Column calendarQuarter) {
        return transform_keys(of(sources, metrics, calendarQuarter), (k, v) -> concat(member, lit(" "), k));
    }

    /**
     * The entries of {@code sources} for the metrics in the array {@code metrics} (chosen per row, e.g. by a claim's
     * metric), keys as "member metric quarter".
     */
    static Column of(Column sources, Column metrics, Column member, Column calendarQuarter) {
        return transform_keys(only(sources, metrics),
                (k, v) -> concat(member, lit(" "), k, lit(" "), calendarQuarter));
    }

    /**
     * Aggregate: the entries of a group's sources maps, as one map (their keys name distinct inputs), in key order:
     * collect_list follows the rows' arrival order, which changes with the plan.
     */
    static Column merged(Column maps) {
        return map_from_entries(array_sort(map_entries(concatAll(collect_list(maps)))));
    }

    /**
     * The sources of {@code metrics} over the calendar quarters {@code quartersBack} .. 0 of the row's ticker on the
     * row's basis (a trailing sum names each quarter it adds up); needs what {@link QuarterWindows#sameBasis} needs.
     */
    static Column trailing(List<String> metrics, int quartersBack) {
        Column perRow = of(col("sources"), metrics, col("calendar_quarter"));
        if (quartersBack == 0) {
            return perRow;
        }
        Column maps = collect_list(perRow).over(QuarterWindows.sameBasis().rangeBetween(-quartersBack, 0));
        return concatAll(maps);
    }

    private static Column concatAll(Column arrayOfMaps) {
        return aggregate(arrayOfMaps, empty(), (acc, m) -> map_concat(acc, m));
    }

    /**
     * Several sources maps as one; a null map adds nothing, and a key already present (the same input, used by two
     * parts of a row) keeps its first entry.
     */
    static Column union(Column... maps) {
        Column all = empty();
        for (Column m : maps) {
            Column acc = all;
            all = map_concat(acc, map_filter(orEmpty(m), (k, v) -> not(map_contains_key(acc, k))));
        }
        return all;
    }

    /** One entry: {@code input} -> {@code source} (e.g. "claim" -> the article), null when the source is null. */
    static Column entry(Column input, Column source) {
        return org.apache.spark.sql.functions.when(source.isNotNull(), map(input, source));
    }

    /** The entries of {@code sources} whose key is in the array {@code inputs} (e.g. the deals of a cycle). */
    static Column only(Column sources, Column inputs) {
        return map_filter(sources, (k, v) -> array_contains(inputs, k));
    }

    /** The map, or an empty one where it is null (a left join that found no inputs). */
    static Column orEmpty(Column sources) {
        return coalesce(sources, empty());
    }

    /** An empty sources map, for rows with nothing to add. */
    static Column empty() {
        return map().cast("map<string,string>");
    }
}

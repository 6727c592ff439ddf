package org.aivaluechain.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which Delta version of each table readers see, from the rows of bronze.runs (run_id, state, at, table_versions):
 * the state the latest complete run left, or the one an earlier complete run left (history, {@code --as-of}).
 *
 * <p>A state is cumulative: per table, the version named by the latest complete row at or before the cutoff. A run
 * names every table it writes, but an ingest with --bronze-only names only the bronze tables it touched, so the
 * other tables stay as the runs before it published them, as readers saw them then.
 */
public final class RunHistory {

    /** --as-of names no complete run: unknown id, a run that never completed, a time before the first run. */
    public static final class NoSuchRunException extends IllegalArgumentException {
        NoSuchRunException(String message) {
            super(message);
        }
    }

    private RunHistory() {
    }

    /** Per table, the version the latest complete run published; empty when no run completed. */
    public static Map<String, Long> latest(Dataset<Row> runs) {
        return publishedBy(runs, lit(true));
    }

    /**
     * Per table, the version readers saw once the given run completed (a run id) or at the given time (the latest
     * run completed at or before it; see {@link #parseTime} for the forms).
     *
     * @throws NoSuchRunException when the run is unknown or did not complete, or no run completed by that time
     */
    public static Map<String, Long> asOf(Dataset<Row> runs, String runIdOrTime) {
        List<Row> states = runs.where(col("run_id").equalTo(runIdOrTime)).select("state", "at").collectAsList();
        if (!states.isEmpty()) {
            Optional<Timestamp> completed = states.stream().filter(r -> "complete".equals(r.getString(0)))
                    .map(r -> r.getTimestamp(1)).findFirst();
            if (completed.isEmpty()) {
                throw new NoSuchRunException("run " + runIdOrTime + " started at " + states.get(0).getTimestamp(1)
                        .toInstant() + " but did not complete (it died or is still running): it published no "
                        + "tables");
            }
            return publishedBy(runs, col("at").leq(lit(completed.get())));
        }
        Instant time = parseTime(runIdOrTime).orElseThrow(() -> new NoSuchRunException("no run " + runIdOrTime
                + " in bronze.runs, and not a time (YYYY-MM-DD[THH:MM[:SS]], UTC unless it ends in Z or +HH:MM); "
                + "runs: SELECT run_id, command, state, at FROM bronze.runs ORDER BY at"));
        Map<String, Long> versions = publishedBy(runs, col("at").leq(lit(Timestamp.from(time))));
        if (versions.isEmpty()) {
            Row first = runs.where(col("state").equalTo("complete")).selectExpr("min(at)").head();
            throw new NoSuchRunException("no run completed at or before " + time + (first.isNullAt(0)
                    ? ": no run has completed yet" : ": the first completed at " + first.getTimestamp(0).toInstant()));
        }
        return versions;
    }

    /**
     * A point in time as a user types it: 2026-11-30T09:15:00Z, 2026-11-30T10:15+01:00, 2026-11-30 09:15 (UTC),
     * or 2026-11-30 (its start, UTC, as Delta's TIMESTAMP AS OF reads a date). Empty when it is none of these.
     */
    public static Optional<Instant> parseTime(String text) {
        String t = text.strip().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException notWithZone) {
            // try the forms without a zone below
        }
        try {
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notDateTime) {
            // try a date alone
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }

    /** Per table, the version of the latest complete row among those matching the condition. */
    private static Map<String, Long> publishedBy(Dataset<Row> runs, Column condition) {
        Map<String, Long> versions = new TreeMap<>();
        runs.where(col("state").equalTo("complete").and(condition))
                .select(col("at"), explode(col("table_versions")).as(new String[]{"t", "v"}))
                .groupBy("t").agg(max_by(col("v"), col("at")))
                .collectAsList().forEach(r -> versions.put(r.getString(0), r.getLong(1)));
        return versions;
    }
}

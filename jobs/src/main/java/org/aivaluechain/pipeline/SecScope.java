package org.aivaluechain.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.aivaluechain.transform.Reused;
import org.aivaluechain.transform.silver.SecPeriods;
import org.aivaluechain.transform.silver.SecResolutionScope;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * What this run's SEC resolution covers: every filer, or only the filers with facts in a source file ingested,
 * replaced or removed since the last resolution ({@link SecResolutionScope}); silver.sec_period_values and
 * silver.sec_unplaced_facts keep the other filers' rows. Everything is resolved again when the warehouse has no
 * record of a resolution, when the key differs (the code, the CIK registry or a company's fiscal year end
 * changed: any of them can move every filer's periods), or when asked ({@code run --full-sec-resolution}).
 */
final class SecScope {

    /** What the last resolution read: source file, checksum and filer, with the key it was made under. */
    static final String RESOLVED_SOURCES = "silver.sec_resolved_sources";

    private final Warehouse warehouse;
    private final Dataset<Row> sources;
    private final String key;
    /** The filers to resolve again; null: all of them. */
    private final Dataset<Row> changed;
    private final String description;

    private SecScope(Warehouse warehouse, Dataset<Row> sources, String key, Dataset<Row> changed,
                     String description) {
        this.warehouse = warehouse;
        this.sources = sources;
        this.key = key;
        this.changed = changed;
        this.description = description;
    }

    /**
     * Reads the record of the last resolution (silver.sec_resolved_sources as it is before this run writes it)
     * and compares it with bronze.sec_facts now. The filers to resolve again are computed here, once.
     */
    static SecScope of(Warehouse warehouse, Dataset<Row> secFacts, Dataset<Row> filers, Dataset<Row> companies,
                       boolean full) {
        Dataset<Row> sources = Reused.once(SecResolutionScope.sources(secFacts));
        String key = key(filers, companies);
        if (full) {
            return new SecScope(warehouse, sources, key, null, all(sources, "--full-sec-resolution"));
        }
        // a resolution table missing (never written, or deleted by hand) would lose the kept filers' rows
        if (!warehouse.exists(RESOLVED_SOURCES) || !Tables.SEC_RESOLUTION.stream().allMatch(warehouse::exists)) {
            return new SecScope(warehouse, sources, key, null,
                    all(sources, "no earlier resolution in this warehouse"));
        }
        Dataset<Row> previous = warehouse.existingTable(RESOLVED_SOURCES);
        Set<String> keys = Set.copyOf(previous.select("resolution_key").distinct().as(Encoders.STRING())
                .collectAsList());
        if (keys.isEmpty() && !warehouse.existingTable(Tables.SEC_VALUES).isEmpty()) {
            return new SecScope(warehouse, sources, key, null, all(sources,
                    "no record of what the last resolution read"));
        }
        if (!keys.isEmpty() && !keys.equals(Set.of(key))) {
            return new SecScope(warehouse, sources, key, null, all(sources,
                    "the code, the CIK registry or a fiscal year end changed since the last resolution"));
        }
        Dataset<Row> changed = Reused.once(SecResolutionScope.changedFilers(previous, sources, filers));
        // counted among the filers with facts now or at the last resolution (changed also holds CIKs registered
        // to a changed ticker that filed nothing), both numbers in one job
        Row counts = sources.select("cik").union(previous.select("cik")).distinct()
                .join(changed.withColumn("_changed", lit(true)), new String[]{"cik"}, "left")
                .agg(count(lit(1)), count(col("_changed"))).first();
        return new SecScope(warehouse, sources, key, changed, "SEC resolution: " + counts.getLong(1) + " of "
                + counts.getLong(0) + " filers resolved again (their facts changed since the last run), the rest kept");
    }

    /** "SEC resolution: all N filers (why)", N the filers with facts in bronze (one counting job). */
    private static String all(Dataset<Row> sources, String why) {
        return "SEC resolution: all " + sources.select("cik").distinct().count() + " filers (" + why + ")";
    }

    /** One line for the run's progress: how many filers this run resolves, and why. */
    String description() {
        return description;
    }

    /** The facts this run resolves: all, or those of the changed filers. */
    Dataset<Row> facts(Dataset<Row> secFacts) {
        return changed == null ? secFacts : SecResolutionScope.ofFilers(secFacts, changed);
    }

    /**
     * A resolution table's rows: {@code rebuilt} (made of {@link #facts}), with the table's previous rows kept
     * for every filer not resolved again.
     */
    Dataset<Row> merge(String table, Dataset<Row> rebuilt) {
        return changed == null ? rebuilt : SecResolutionScope.merged(warehouse.existingTable(table), rebuilt, changed);
    }

    /** Rows of silver.sec_resolved_sources for this resolution. */
    Dataset<Row> resolvedSources() {
        return sources.select(col("source_file"), col("source_checksum"), col("cik"), lit(key).as("resolution_key"));
    }

    /**
     * SHA-256 of what decides every filer's periods besides its own facts: the code (rules and metric tags), the
     * CIK registry and the companies' fiscal-year-end columns. A few dozen rows, read on the driver.
     */
    private static String key(Dataset<Row> filers, Dataset<Row> companies) {
        List<String> lines = new ArrayList<>();
        filers.select("cik", "ticker").collectAsList().forEach(r -> lines.add("filer " + r.mkString("|")));
        List<String> yearEnds = new ArrayList<>(List.of("ticker", "fiscal_year_end_month"));
        for (String optional : List.of(SecPeriods.PREVIOUS_FYE_MONTH, SecPeriods.PREVIOUS_FYE)) {
            if (List.of(companies.columns()).contains(optional)) {
                yearEnds.add(optional);
            }
        }
        companies.select(yearEnds.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
                .collectAsList().forEach(r -> lines.add("company " + r.mkString("|")));
        lines.sort(null);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(CodeFingerprint.of().getBytes(StandardCharsets.UTF_8));
            lines.forEach(l -> digest.update((l + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package org.aivaluechain.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.aivaluechain.io.sec.MetricTags;
import org.aivaluechain.io.sec.SecFileTasks;
import org.aivaluechain.io.sec.SecRead;
import org.aivaluechain.io.sec.SecReader;
import org.aivaluechain.transform.validation.SecFactChecks;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Loads SEC bulk files into bronze. A source file (an FSDS quarter zip or folder, a companyfacts JSON or zip) is
 * immutable once published, so bronze holds each source's rows as one unit: an ingest replaces the rows of the
 * sources it reads (Delta replaceWhere on source_file, the partition column of bronze.sec_facts), and a source
 * already loaded with the same SHA-256 is skipped before it is read ({@link LoadedSources} answers that without
 * starting Delta while it describes the tables as they are; otherwise their partitions are read). bronze.load_runs gets one row per file read,
 * with rows read = loaded + quarantined, checked before anything is written. Silver and gold are rebuilt
 * afterwards by {@link CuratedPipeline}.
 *
 * <p>Spark work per ingest: one job for the checksums, one per bronze table to find sources already loaded, the
 * readers' staging job, one job that parses every file once (keeping its rows on local disk) and counts the
 * outcome per file, then one Delta commit per table from those rows, and the load_runs commit.
 */
public final class SecIngest {

    private static final String FACTS = "bronze.sec_facts";
    private static final String QUARANTINE = "bronze.sec_quarantine";
    private static final List<String> BRONZE = List.of(FACTS, QUARANTINE);
    /** A checksum that never matches: a file that could not be read is read (and reported) again. */
    private static final String UNREADABLE = "unreadable";

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final Progress progress;

    public SecIngest(SparkSession spark, Warehouse warehouse, Progress progress) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.progress = progress;
    }

    /**
     * What an ingest did: per file counts, files that could not be read at all, files skipped as already loaded
     * with the same checksum, and the rows written for the files read.
     */
    public record Report(String runId, List<FileCount> files, Map<String, String> unreadableFiles,
                         List<String> skippedFiles, long factsWritten, long quarantineRowsWritten) {
    }

    public Report ingest(String command, String path, SecReader reader) {
        String runId = UUID.randomUUID().toString();
        Timestamp startedAt = Timestamp.from(Instant.now());
        Map<String, List<String>> sources = reader.sources(path);
        Map<String, String> checksums = SecFileTasks.checksums(spark, sources);
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        Optional<LoadedSources> recorded = LoadedSources.current(warehouse, conf, BRONZE);
        Optional<LoadedSources> answering = recorded.filter(r -> r.knowsAll(checksums.keySet()));
        Set<String> skipped = answering.map(r -> r.sameChecksum(checksums)).orElseGet(() -> alreadyLoaded(checksums));
        List<String> toRead = sources.keySet().stream().filter(s -> !skipped.contains(s)).toList();
        progress.stage("checked " + sources.size() + " SEC files, " + skipped.size() + " already loaded");
        if (toRead.isEmpty()) {
            if (answering.isEmpty()) {
                // found in the tables: recorded, so that the next ingest of the same files need not look again
                LoadedSources.write(warehouse, conf, recorded, only(checksums, skipped),
                        Map.of(FACTS, warehouse.latestVersion(FACTS), QUARANTINE, warehouse.latestVersion(QUARANTINE)));
            }
            return new Report(runId, List.of(), Map.of(), List.copyOf(skipped), 0, 0);
        }

        RunManifest.started(spark, warehouse, runId, command);
        SecRead read = reader.read(path, toRead);
        try {
            SecFactChecks.Checked checked = SecFactChecks.units(read.facts(), MetricTags.load(spark));
            Dataset<Row> quarantine = read.quarantine().unionByName(checked.quarantine());
            Outcomes outcomes = count(checked.facts(), quarantine, read.rowsRead());
            progress.stage("read and checked " + outcomes.files().size() + " SEC files");

            Column checksum = checksumOf(checksums);
            Column replaced = ofSources(toRead);
            long factsVersion = warehouse.replaceWhere(FACTS, checked.facts()
                    .withColumn("source_checksum", checksum).withColumn("run_id", lit(runId)), replaced);
            long quarantineVersion = warehouse.replaceWhere(QUARANTINE, quarantine
                    .withColumn("source_checksum", checksum).withColumn("run_id", lit(runId)), replaced);
            progress.stage("replaced the rows of " + toRead.size() + " files in " + FACTS + ", " + QUARANTINE);

            Map<String, Long> versions = new java.util.LinkedHashMap<>(
                    Map.of(FACTS, factsVersion, QUARANTINE, quarantineVersion));
            versions.put(Tables.RUN_LOG, LoadRuns.append(spark, warehouse, runId, command, startedAt,
                    outcomes.files(), Map.of(FACTS, factsVersion, QUARANTINE, quarantineVersion)));
            RunManifest.complete(spark, warehouse, runId, command, versions);
            LoadedSources.write(warehouse, conf, recorded, loaded(checksums, skipped, outcomes),
                    Map.of(FACTS, factsVersion, QUARANTINE, quarantineVersion));
            long facts = outcomes.files().stream().mapToLong(FileCount::loaded).sum();
            long rejected = outcomes.files().stream().mapToLong(FileCount::quarantined).sum()
                    + outcomes.unreadable().size();
            return new Report(runId, outcomes.files(), outcomes.unreadable(), List.copyOf(skipped), facts, rejected);
        } finally {
            read.release().run();
        }
    }

    private record Outcomes(List<FileCount> files, Map<String, String> unreadable) {
    }

    /**
     * Source -> checksum of what bronze now holds from this ingest's files: those skipped as loaded, and those
     * read that left rows (a file with no rows at all is read again next time, as the tables would say).
     */
    private static Map<String, String> loaded(Map<String, String> checksums, Set<String> skipped, Outcomes outcomes) {
        Set<String> withRows = new HashSet<>(skipped);
        outcomes.files().stream().filter(c -> c.loaded() + c.quarantined() > 0)
                .forEach(c -> withRows.add(sourceOf(c.inputFile())));
        outcomes.unreadable().keySet().forEach(f -> withRows.add(sourceOf(f)));
        return only(checksums, withRows);
    }

    private static Map<String, String> only(Map<String, String> checksums, Set<String> sources) {
        Map<String, String> out = new TreeMap<>();
        checksums.forEach((source, sum) -> {
            if (sources.contains(source) && !UNREADABLE.equals(sum)) {
                out.put(source, sum);
            }
        });
        return out;
    }

    /** A companyfacts zip's entry (zip!CIK##########.json) belongs to the zip. */
    private static String sourceOf(String inputFile) {
        int bang = inputFile.indexOf('!');
        return bang < 0 ? inputFile : inputFile.substring(0, bang);
    }

    /**
     * One job counts every file's outcome (and names why a whole file could not be read); a file whose counts do
     * not add up stops the ingest before anything is written.
     */
    private static Outcomes count(Dataset<Row> facts, Dataset<Row> quarantine, Dataset<Row> rowsRead) {
        Column wholeFile = col("location").equalTo("");
        Dataset<Row> outcomes = facts
                .select(col("source_file"), lit("loaded").as("outcome"), lit(null).cast("string").as("reason"))
                .unionByName(quarantine.select(col("source_file"),
                        when(wholeFile, lit("unreadable")).otherwise(lit("quarantined")).as("outcome"),
                        when(wholeFile, col("reason")).as("reason")));
        Map<String, Map<String, Long>> byFile = new HashMap<>();
        Map<String, String> unreadable = new TreeMap<>();
        for (Row r : outcomes.groupBy("source_file", "outcome", "reason").count().collectAsList()) {
            byFile.computeIfAbsent(r.getString(0), k -> new HashMap<>()).merge(r.getString(1), r.getLong(3), Long::sum);
            if (!r.isNullAt(2)) {
                unreadable.put(r.getString(0), r.getString(2));
            }
        }
        List<FileCount> counts = new ArrayList<>();
        for (Row r : rowsRead.orderBy("source_file").collectAsList()) {
            Map<String, Long> o = byFile.getOrDefault(r.getString(0), Map.of());
            FileCount c = new FileCount(r.getString(0), r.getLong(1), o.getOrDefault("loaded", 0L),
                    o.getOrDefault("quarantined", 0L));
            if (c.read() != c.loaded() + c.quarantined()) {
                throw new IllegalStateException(c.inputFile() + ": read " + c.read() + " rows but loaded "
                        + c.loaded() + " and quarantined " + c.quarantined() + "; nothing was written");
            }
            counts.add(c);
        }
        return new Outcomes(counts, unreadable);
    }

    /**
     * The sources whose rows in bronze came from a file with the same checksum as now (and only from it), read
     * from the checksum column of their partitions. A source whose every item was quarantined is found in the
     * quarantine; a file with no items at all is read again, which costs little.
     */
    private Set<String> alreadyLoaded(Map<String, String> checksums) {
        Column ofSources = ofSources(checksums.keySet());
        Dataset<Row> seen = null;
        for (String table : BRONZE) {
            if (warehouse.exists(table)) {
                Dataset<Row> t = warehouse.existingTable(table).where(ofSources)
                        .select(substring_index(col("source_file"), "!", 1).as("source"), col("source_checksum"));
                seen = seen == null ? t : seen.union(t);
            }
        }
        if (seen == null) {
            return Set.of();
        }
        Map<String, Set<String>> found = new HashMap<>();
        for (Row r : seen.distinct().collectAsList()) {
            found.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getString(1));
        }
        Set<String> loaded = new HashSet<>();
        checksums.forEach((source, sum) -> {
            if (!UNREADABLE.equals(sum) && Set.of(sum).equals(found.get(source))) {
                loaded.add(source);
            }
        });
        return loaded;
    }

    /**
     * Rows of the given sources: source_file is the source itself, or an entry inside it (a companyfacts zip's
     * {@code zip!CIK##########.json}). Plain IN and prefix conditions, which Delta evaluates on partition values.
     */
    private static Column ofSources(java.util.Collection<String> sources) {
        Column condition = col("source_file").isin(sources.toArray());
        for (String s : sources) {
            if (s.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                condition = condition.or(col("source_file").startsWith(s + "!"));
            }
        }
        return condition;
    }

    /** The checksum of each row's source, looked up in a literal map (a few entries per ingest). */
    private static Column checksumOf(Map<String, String> checksums) {
        List<Column> entries = new ArrayList<>();
        checksums.forEach((source, sum) -> {
            entries.add(lit(source));
            entries.add(lit(sum));
        });
        return functions.element_at(functions.map(entries.toArray(Column[]::new)),
                substring_index(col("source_file"), "!", 1));
    }
}

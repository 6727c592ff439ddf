package org.aivaluechain.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.aivaluechain.io.sec.MetricTags;
import org.aivaluechain.io.sec.SecRead;
import org.aivaluechain.transform.validation.SecFactChecks;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Loads what an SEC reader read into bronze: facts and quarantine rows are merged on their keys (ingesting the
 * same files again changes nothing), and bronze.load_runs gets one row per file with rows read = loaded +
 * quarantined. Silver and gold are rebuilt afterwards by {@link CuratedPipeline}.
 */
public final class SecIngest {

    /** The grain of bronze.sec_facts (schemas/bronze/sec_facts.sql). */
    static final List<String> FACT_KEY = List.of("source_format", "accession", "taxonomy", "tag", "unit",
            "period_start", "period_end", "duration_quarters", "segments", "coreg");
    static final List<String> QUARANTINE_KEY = List.of("source_file", "location", "reason");

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final Progress progress;

    public SecIngest(SparkSession spark, Warehouse warehouse, Progress progress) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.progress = progress;
    }

    /** What an ingest did: per file counts, files that could not be read at all, rows new to bronze. */
    public record Report(String runId, List<FileCount> files, Map<String, String> unreadableFiles, long factsInserted,
                         long quarantineRowsInserted) {
    }

    public Report ingest(String command, SecRead read) {
        String runId = UUID.randomUUID().toString();
        Timestamp startedAt = Timestamp.from(Instant.now());
        SecFactChecks.Checked checked = SecFactChecks.units(read.facts(), MetricTags.load(spark));
        Dataset<Row> quarantine = read.quarantine().unionByName(checked.quarantine());

        // one job counts every file's outcome (and names why a whole file could not be read); a file whose
        // counts do not add up stops the ingest before writing
        Column wholeFile = col("location").equalTo("");
        Dataset<Row> outcomes = checked.facts()
                .select(col("source_file"), lit("loaded").as("outcome"), lit(null).cast("string").as("reason"))
                .unionByName(quarantine.select(col("source_file"),
                        when(wholeFile, lit("unreadable")).otherwise(lit("quarantined")).as("outcome"),
                        when(wholeFile, col("reason")).as("reason")));
        Map<String, Map<String, Long>> byFile = new HashMap<>();
        Map<String, String> unreadable = new java.util.TreeMap<>();
        for (Row r : outcomes.groupBy("source_file", "outcome", "reason").count().collectAsList()) {
            byFile.computeIfAbsent(r.getString(0), k -> new HashMap<>()).merge(r.getString(1), r.getLong(3), Long::sum);
            if (!r.isNullAt(2)) {
                unreadable.put(r.getString(0), r.getString(2));
            }
        }
        List<FileCount> counts = new ArrayList<>();
        for (Row r : read.rowsRead().orderBy("source_file").collectAsList()) {
            Map<String, Long> o = byFile.getOrDefault(r.getString(0), Map.of());
            counts.add(new FileCount(r.getString(0), r.getLong(1), o.getOrDefault("loaded", 0L),
                    o.getOrDefault("quarantined", 0L)));
        }
        progress.stage("read and checked " + counts.size() + " SEC files");

        Warehouse.InsertResult facts = warehouse.insertNew("bronze.sec_facts",
                checked.facts().dropDuplicates(withValue(FACT_KEY)).withColumn("run_id", lit(runId)), FACT_KEY);
        Warehouse.InsertResult rejects = warehouse.insertNew("bronze.sec_quarantine",
                quarantine.dropDuplicates(QUARANTINE_KEY.toArray(String[]::new)).withColumn("run_id", lit(runId)),
                QUARANTINE_KEY);
        progress.stage("merged into bronze.sec_facts, bronze.sec_quarantine");

        Timestamp finishedAt = Timestamp.from(Instant.now());
        Map<String, Long> versions = Map.of("bronze.sec_facts", facts.version(),
                "bronze.sec_quarantine", rejects.version());
        List<Row> runRows = new ArrayList<>();
        for (FileCount c : counts) {
            runRows.add(RowFactory.create(runId, command, startedAt, finishedAt, c.inputFile(), c.read(), c.loaded(),
                    c.quarantined(), scala.jdk.javaapi.CollectionConverters.asScala(versions)));
        }
        warehouse.append("bronze.load_runs", spark.createDataFrame(runRows, CuratedPipeline.LOAD_RUNS));
        spark.catalog().clearCache(); // the parsed files, persisted by the reader for the counts and both merges
        return new Report(runId, counts, unreadable, facts.rowsInserted(), rejects.rowsInserted());
    }

    private static String[] withValue(List<String> key) {
        List<String> columns = new ArrayList<>(key);
        columns.add("value");
        return columns.toArray(String[]::new);
    }
}

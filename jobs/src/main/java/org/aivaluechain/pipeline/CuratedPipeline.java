package org.aivaluechain.pipeline;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.aivaluechain.io.CuratedInputs;
import org.aivaluechain.warehouse.DataSize;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The whole pipeline on curated inputs: read and validate the files, then write the tables of {@link Tables}
 * wave by wave, then record the run. Only this class reads files and writes tables; the transforms it calls are
 * pure. Every table is replaced whole (one Delta commit each), so a rerun leaves the same tables.
 */
public final class CuratedPipeline {

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final Progress progress;
    private final boolean fullSecResolution;

    public CuratedPipeline(SparkSession spark, Warehouse warehouse, Progress progress) {
        this(spark, warehouse, progress, false);
    }

    private CuratedPipeline(SparkSession spark, Warehouse warehouse, Progress progress, boolean fullSecResolution) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.progress = progress;
        this.fullSecResolution = fullSecResolution;
    }

    /**
     * The same pipeline resolving every SEC filer's facts again when {@code full}; otherwise only the filers with
     * facts in files ingested or changed since the last resolution (see {@link SecScope}).
     */
    public CuratedPipeline fullSecResolution(boolean full) {
        return new CuratedPipeline(spark, warehouse, progress, full);
    }

    /**
     * The run; on data sized large, with the small-data settings except for the tables built from SEC facts as
     * ingested ({@link DataSize}).
     */
    public RunReport run(CuratedInputs inputs) {
        return DataSize.withSmallData(spark, () -> runPhases(inputs));
    }

    private RunReport runPhases(CuratedInputs inputs) {
        String runId = UUID.randomUUID().toString();
        Timestamp startedAt = Timestamp.from(Instant.now());
        RunManifest.started(spark, warehouse, runId, "run");
        ValidatedInputs validated = readInputs(inputs, startedAt).validate(spark);
        Dataset<Row> quarantine = validated.quarantine(spark, runId);
        List<FileCount> counts = validated.countRows(quarantine);
        progress.stage("validated inputs");
        Map<String, Long> versions = writeWaves(new Sources(spark, warehouse, validated, runId, quarantine,
                stepsByName(), Sources.readBySeveral(Tables.RUN), fullSecResolution, progress));
        List<Row> failures = reconciliationFailures();
        versions.put(Tables.RUN_LOG, recordRun(runId, startedAt, counts, versions));
        RunManifest.complete(spark, warehouse, runId, "run", versions);
        spark.catalog().clearCache();
        return new RunReport(runId, counts, failures, versions);
    }

    /** Every file first: a missing or unreadable one stops the run before anything is written. */
    private ValidatedInputs readInputs(CuratedInputs inputs, Timestamp startedAt) {
        ValidatedInputs read = ValidatedInputs.read(inputs,
                startedAt.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate());
        progress.stage("read " + read.fileCount() + " input files");
        return read;
    }

    /** Each wave's tables are written concurrently, then read back by the next (see {@link Waves}). */
    private Map<String, Long> writeWaves(Sources sources) {
        Map<String, Step> steps = stepsByName();
        List<List<String>> waves = Waves.of(Tables.RUN, Tables.INGESTED);
        Map<String, Long> versions = new LinkedHashMap<>();
        for (int w = 0; w < waves.size(); w++) {
            List<String> tables = waves.get(w);
            if (DataSize.byPhase()) {
                // the tables built from SEC facts first, on their own settings; then the rest of the wave
                List<String> onSecFacts = tables.stream().filter(t -> readsIngested(steps.get(t), steps)).toList();
                versions.putAll(DataSize.withLargeData(spark,
                        () -> warehouse.replaceAll(wave(onSecFacts, steps, sources))));
                versions.putAll(warehouse.replaceAll(wave(
                        tables.stream().filter(t -> !onSecFacts.contains(t)).toList(), steps, sources)));
            } else {
                versions.putAll(warehouse.replaceAll(wave(tables, steps, sources)));
            }
            progress.stage("wrote wave " + (w + 1) + " of " + waves.size() + ": " + describe(waves.get(w)));
        }
        // in registry order, whatever the waves
        Map<String, Long> ordered = new LinkedHashMap<>();
        Tables.written().forEach(t -> ordered.put(t, versions.get(t)));
        return ordered;
    }

    private static Map<String, Supplier<Dataset<Row>>> wave(List<String> tables, Map<String, Step> steps,
                                                            Sources sources) {
        Map<String, Supplier<Dataset<Row>>> wave = new LinkedHashMap<>();
        tables.forEach(table -> wave.put(table, () -> sources.build(steps.get(table))));
        return wave;
    }

    /** Whether a step reads an ingested table (bronze.sec_facts), itself or through intermediates. */
    private static boolean readsIngested(Step step, Map<String, Step> steps) {
        for (String read : step.reads()) {
            Step input = steps.get(read);
            if (Tables.INGESTED.contains(read) || input != null && !input.written() && readsIngested(input, steps)) {
                return true;
            }
        }
        return false;
    }

    private List<Row> reconciliationFailures() {
        return warehouse.table("silver.reconciliation").where(col("passed").equalTo(false))
                .orderBy("ticker", "fiscal_year", "fiscal_period", "check_name", "metric").collectAsList();
    }

    /** One bronze.load_runs row per input file, with the Delta version of every table written. */
    private long recordRun(String runId, Timestamp startedAt, List<FileCount> counts, Map<String, Long> versions) {
        long version = LoadRuns.append(spark, warehouse, runId, "run", startedAt, counts, versions);
        progress.stage("wrote " + Tables.RUN_LOG);
        return version;
    }

    private static Map<String, Step> stepsByName() {
        return Tables.RUN.stream().collect(Collectors.toMap(Step::name, Function.identity()));
    }

    /** "8 tables: bronze 2, silver 6" */
    private static String describe(List<String> tables) {
        Map<String, Long> byLayer = tables.stream().collect(Collectors.groupingBy(
                t -> t.substring(0, t.indexOf('.')), LinkedHashMap::new, Collectors.counting()));
        return tables.size() + " tables (" + byLayer.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }
}

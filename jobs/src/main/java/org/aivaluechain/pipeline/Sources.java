package org.aivaluechain.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.aivaluechain.transform.Reused;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a step's builder reads: validated inputs, tables written earlier in this run (read back from Delta, so
 * plans start from a short table scan), intermediates (computed once), and the SEC facts ingested before.
 * A table or intermediate must be among the step's declared reads, so the derived waves cannot be wrong.
 */
final class Sources {

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final ValidatedInputs inputs;
    private final String runId;
    private final Dataset<Row> quarantine;
    private final Map<String, Step> steps;
    private final Set<String> sharedReads;
    private final Map<String, Dataset<Row>> computed = new HashMap<>();
    private Optional<Dataset<Row>> secFacts;
    private SecScope secScope;
    private final boolean fullSecResolution;
    private final Progress progress;
    // the step being built on this thread: a wave's tables are built concurrently (Warehouse.replaceAll)
    private final ThreadLocal<Step> current = new ThreadLocal<>();

    Sources(SparkSession spark, Warehouse warehouse, ValidatedInputs inputs, String runId, Dataset<Row> quarantine,
            Map<String, Step> steps, Set<String> sharedReads, boolean fullSecResolution, Progress progress) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.inputs = inputs;
        this.runId = runId;
        this.quarantine = quarantine;
        this.steps = steps;
        this.sharedReads = sharedReads;
        this.fullSecResolution = fullSecResolution;
        this.progress = progress;
    }

    /** Builds a step's rows; its reads are checked against its declaration. */
    Dataset<Row> build(Step step) {
        Step caller = current.get();
        current.set(step);
        try {
            return step.build().apply(this);
        } finally {
            current.set(caller);
        }
    }

    SparkSession spark() {
        return spark;
    }

    String runId() {
        return runId;
    }

    Dataset<Row> valid(CuratedInput input) {
        return inputs.rows(input);
    }

    Dataset<Row> quarantine() {
        return quarantine;
    }

    /**
     * A table written earlier in this run, or an intermediate; computed once ({@link Reused#once}) when several
     * steps read it. Synchronized: a wave's steps read concurrently, and an intermediate is built once.
     */
    synchronized Dataset<Row> read(String name) {
        if (!current.get().reads().contains(name)) {
            throw new IllegalStateException(current.get().name() + " reads " + name + " without declaring it in Tables");
        }
        Dataset<Row> rows = computed.get(name);
        if (rows == null) {  // not computeIfAbsent: building an intermediate reads further names
            Step step = steps.get(name);
            rows = step.written() ? warehouse.table(name) : build(step);
            rows = sharedReads.contains(name) ? Reused.once(rows) : rows;
            computed.put(name, rows);
        }
        return rows;
    }

    /** bronze.sec_facts when an earlier ingest loaded any facts; empty otherwise (the SEC resolution is skipped). */
    synchronized Optional<Dataset<Row>> ingestedSecFacts() {
        if (secFacts == null) {
            String table = Tables.SEC_FACTS;
            secFacts = warehouse.exists(table) && !warehouse.existingTable(table).isEmpty()
                    ? Optional.of(warehouse.table(table)) : Optional.empty();
        }
        return secFacts;
    }

    /** Which filers this run's SEC resolution covers; decided once, before either of its tables is written. */
    synchronized SecScope secScope() {
        if (secScope == null) {
            secScope = SecScope.of(warehouse, ingestedSecFacts().orElseThrow(), valid(CuratedInput.COMPANY_CIKS),
                    valid(CuratedInput.COMPANIES), fullSecResolution);
            progress.note(secScope.description());
        }
        return secScope;
    }

    /** No rows, in a table's schema. */
    Dataset<Row> emptyRows(String table) {
        return warehouse.emptyRows(table);
    }

    static Set<String> readBySeveral(List<Step> steps) {
        Map<String, Integer> readers = new HashMap<>();
        steps.forEach(s -> s.reads().forEach(r -> readers.merge(r, 1, Integer::sum)));
        return Set.copyOf(readers.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList());
    }
}

package org.aivaluechain.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.aivaluechain.io.CuratedInputs;
import org.aivaluechain.pipeline.CuratedPipeline;
import org.aivaluechain.pipeline.FileCount;
import org.aivaluechain.pipeline.Progress;
import org.aivaluechain.pipeline.RunReport;
import org.aivaluechain.pipeline.Tables;
import org.aivaluechain.warehouse.RunLock;
import org.aivaluechain.warehouse.Sessions;
import org.aivaluechain.transform.silver.SecFileAccounts;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline on a folder of curated inputs: validates every file, then writes the "
                + "bronze, silver and gold tables listed below in dependency waves (each wave's tables concurrently, "
                + "each in one Delta commit), then appends the run to bronze.load_runs.",
                "Prints each stage with its time, then rows read / loaded / quarantined per input file and any "
                        + "failed reconciliation check. Progress and summary go to stderr.",
                "Tables are named <schema>.<table> in the current catalog. Other names (e.g. for a cluster's "
                        + "metastore) come from the Spark confs",
                "  spark.valuechain.catalog",
                "  spark.valuechain.schema.bronze|silver|gold",
                "while the folders under --warehouse keep the names bronze, silver, gold."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--input", paramLabel = "DIR",
            description = "Folder, any Hadoop-compatible path (hdfs://, s3a://, abfss://, file://), with the "
                    + "curated input files (companies.csv, facts/*.csv, reference/deals.csv, ...: every file and "
                    + "its columns in schemas/input/README.md; the run summary lists each file read). Default: "
                    + "the project's sample-data/.")
    String input; // a string, not a java.nio Path, which would turn s3a://bucket into s3a:/bucket

    @Option(names = "--strict", description = "Exit with code 1 when a reconciliation check fails.")
    boolean strict;

    @Option(names = "--full-sec-resolution", description = "Resolve every SEC filer's facts into fiscal periods "
            + "again. Without it a run resolves only the filers with facts in files ingested, replaced or removed "
            + "since the last run (all of them after a change of code, CIK registry or fiscal year end) and keeps "
            + "the rest.")
    boolean fullSecResolution;

    @Override
    public Integer call() {
        common.applyLogLevel();
        String inputDir = CommonOptions.inputOrSample(input);
        Progress progress = new Progress(System.err);
        try (RunLock lock = RunLock.acquire(common.warehouse, "run")) {
            SparkSession spark = Sessions.getOrCreate(common.warehouse);
            progress.stage("started Spark " + spark.version());
            Warehouse warehouse = new Warehouse(spark, common.warehouse);
            RunReport report = new CuratedPipeline(spark, warehouse, progress)
                    .fullSecResolution(fullSecResolution).run(
                    new CuratedInputs(inputDir, spark.sparkContext().hadoopConfiguration()));

            return summarize(report, warehouse, progress, strict);
        }
    }

    /** Files listed one by one in the summary; beyond that, their total. */
    private static final int FILES_LISTED = 20;

    /**
     * Where every ingested SEC fact went, per file (read = placed + unplaced + other tags + quarantined), then the
     * unplaced ones per reason: none is dropped without a word.
     */
    private static void printSecFacts(Warehouse warehouse) {
        // existingTable registers them: after `ingest --bronze-only` and `run`, only the run's own tables are
        if (!warehouse.exists(Tables.SEC_FACTS) || warehouse.existingTable(Tables.SEC_FACTS).isEmpty()) {
            return;
        }
        // the run's own classification of every fact, kept per file and filer (only changed filers' are redone)
        List<Row> files = SecFileAccounts.perFile(warehouse.table(Tables.SEC_PLACEMENT),
                        warehouse.existingTable("bronze.sec_quarantine"))
                .orderBy("source_file").collectAsList();
        // read: the file's facts in bronze and its quarantine rows, as its ingest loaded them
        System.err.printf("%nSEC facts per file (read = placed + unplaced + other tags + quarantined):%n");
        System.err.printf("  %9s %9s %9s %10s %11s  %s%n", "read", "placed", "unplaced", "other tags", "quarantined",
                "file");
        long[] total = new long[5];
        for (int i = 0; i < files.size(); i++) {
            Row f = files.get(i);
            for (int c = 0; c < total.length; c++) {
                total[c] += f.getLong(c + 1);
            }
            if (i < FILES_LISTED) {
                System.err.printf("  %9d %9d %9d %10d %11d  %s%n", f.getLong(1), f.getLong(2), f.getLong(3),
                        f.getLong(4), f.getLong(5), f.getString(0));
            }
        }
        if (files.size() > 1) {
            String more = files.size() > FILES_LISTED ? " (" + (files.size() - FILES_LISTED) + " more not listed)" : "";
            System.err.printf("  %9d %9d %9d %10d %11d  all %d files%s%n", total[0], total[1], total[2], total[3],
                    total[4], files.size(), more);
        }
        String table = "silver.sec_unplaced_facts";
        List<Row> reasons = warehouse.table(table).groupBy("reason").count().orderBy("reason").collectAsList();
        if (!reasons.isEmpty()) {
            System.err.printf("SEC facts of mapped tags placed in no fiscal period, per reason (SELECT * FROM %s):%n",
                    warehouse.name(table));
            reasons.forEach(r -> System.err.printf("  %9d  %s%n", r.getLong(1), r.getString(0)));
        }
    }

    /** Prints the run summary to stderr; the exit code is CHECKS_FAILED under --strict with failed checks. */
    static int summarize(RunReport report, Warehouse warehouse, Progress progress, boolean strict) {
        System.err.printf("%nRows per input file (read = loaded + quarantined):%n");
        System.err.printf("  %8s %8s %11s  %s%n", "read", "loaded", "quarantined", "file");
        long quarantined = 0;
        for (FileCount c : report.files()) {
            System.err.printf("  %8d %8d %11d  %s%n", c.read(), c.loaded(), c.quarantined(), c.inputFile());
            quarantined += c.quarantined();
        }
        if (quarantined > 0) {
            System.err.printf("  %d rows quarantined: SELECT * FROM bronze.quarantine%n", quarantined);
        }
        printSecFacts(warehouse);
        if (!report.reconciliationFailures().isEmpty()) {
            System.err.printf("%nReconciliation failures (%d; all checks: SELECT * FROM silver.reconciliation):%n",
                    report.reconciliationFailures().size());
            for (Row r : report.reconciliationFailures()) {
                // an identity check names the two sides; a plausibility check on a derived value names its reason
                Object reason = java.util.Arrays.asList(r.schema().fieldNames()).contains("reason") ? r.getAs("reason")
                        : null;
                String detail = reason != null ? "value " + r.getAs("actual") + " " + r.getAs("currency")
                        + " " + reason
                        : "expected " + r.getAs("expected") + ", actual " + r.getAs("actual") + ", difference "
                        + r.getAs("difference") + " " + r.getAs("currency");
                System.err.printf("  %-6s FY%d %-2s %-24s %-26s %s%n", r.getAs("ticker"),
                        (Integer) r.getAs("fiscal_year"), r.getAs("fiscal_period"), r.getAs("check_name"),
                        r.getAs("metric"), detail);
            }
        }
        System.err.printf("%nWrote %d tables under %s (run %s) in %.1fs.%n", report.tablesWritten().size() + 1,
                warehouse.root(), report.runId(), progress.totalSeconds());
        for (Map.Entry<String, Long> t : report.tablesWritten().entrySet()) {
            System.err.printf("  %-40s version %d%n", t.getKey(), t.getValue());
        }
        System.err.printf("  %-40s the run's complete row, naming these versions%n", Tables.RUN_MANIFEST);
        // by the configured name, which differs from gold.* when spark.valuechain.schema.gold is set
        System.err.println("Query them: bin/valuechain sql -e \"SELECT * FROM "
                + warehouse.name("gold.capex_intensity") + " LIMIT 10\"");
        if (strict && !report.reconciliationFailures().isEmpty()) {
            System.err.println("valuechain: --strict: " + report.reconciliationFailures().size()
                    + " reconciliation checks failed");
            return ExitCodes.CHECKS_FAILED;
        }
        return ExitCodes.OK;
    }
}

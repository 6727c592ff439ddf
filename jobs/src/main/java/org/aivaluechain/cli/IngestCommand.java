package org.aivaluechain.cli;

import java.util.concurrent.Callable;
import java.util.function.BiFunction;

import org.aivaluechain.io.CuratedInputs;
import org.aivaluechain.io.sec.CompanyFactsReader;
import org.aivaluechain.io.sec.FsdsReader;
import org.aivaluechain.io.sec.SecReader;
import org.aivaluechain.pipeline.CuratedPipeline;
import org.aivaluechain.pipeline.FileCount;
import org.aivaluechain.pipeline.Progress;
import org.aivaluechain.pipeline.RunReport;
import org.aivaluechain.pipeline.SecIngest;
import org.aivaluechain.warehouse.RunLock;
import org.aivaluechain.warehouse.Sessions;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `valuechain ingest sec-companyfacts|sec-fsds PATH`: SEC bulk files into bronze, then silver and gold again. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Loads SEC bulk data into bronze.sec_facts (each file's rows replace those of its earlier "
                + "ingest; a file already loaded with the same checksum is skipped), then rebuilds silver and gold from the curated inputs and every SEC fact ingested so "
                + "far, as `run` does. Bad facts and rows go to bronze.sec_quarantine with the reason; a file that "
                + "cannot be read at all is one quarantine row, the other files still load, and the command "
                + "ends with exit code 3 naming it.",
                "Downloads: https://www.sec.gov/dera/data/financial-statement-data-sets (FSDS zips) and "
                        + "https://www.sec.gov/edgar/sec-api-documentation (companyfacts.zip, CIK##########.json)."},
        subcommands = {IngestCommand.CompanyFacts.class, IngestCommand.Fsds.class, CommandLine.HelpCommand.class})
final class IngestCommand implements Callable<Integer> {

    /** No format named: the usage, and the exit code of a bad command line. */
    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return ExitCodes.USAGE;
    }

    /** Options of both ingest commands. */
    static final class IngestOptions {
        @Mixin
        CommonOptions common;

        @Option(names = "--input", paramLabel = "DIR",
                description = "Curated inputs to rebuild silver and gold with (default: the project's sample-data/); "
                        + "company_ciks.csv maps CIKs to tickers.")
        String input; // a string, not a java.nio Path, which would turn s3a://bucket into s3a:/bucket

        @Option(names = "--strict", description = "Exit with code 1 when a reconciliation check fails.")
        boolean strict;

        @Option(names = "--bronze-only", description = "Only load bronze; silver and gold are rebuilt by the "
                + "next `run` or ingest (for loading many files in several steps).")
        boolean bronzeOnly;
    }

    /** One ingest command: its options and path, and the reader that turns the path into facts. */
    abstract static class SecIngestCommand implements Callable<Integer> {
        @Mixin
        IngestOptions options;

        @Parameters(paramLabel = "PATH", description = "File, zip or directory of them (any Hadoop-compatible path).")
        String path;

        abstract SecReader reader(SparkSession spark, Warehouse warehouse);

        @Override
        public Integer call() {
            String command = "ingest " + getClass().getAnnotation(Command.class).name();
            try (RunLock lock = RunLock.acquire(options.common.warehouse, command + " " + path)) {
                return ingest(options, command, path, this::reader);
            }
        }
    }

    @Command(name = "sec-companyfacts", mixinStandardHelpOptions = true,
            description = "Ingest companyfacts JSON: a CIK##########.json file, a directory of them, or "
                    + "companyfacts.zip (or a directory of zips). Only whole-entity facts exist in this format.")
    static final class CompanyFacts extends SecIngestCommand {
        @Override
        SecReader reader(SparkSession spark, Warehouse warehouse) {
            return new CompanyFactsReader(spark);
        }
    }

    @Command(name = "sec-fsds", mixinStandardHelpOptions = true,
            description = "Ingest Financial Statement Data Sets: a quarterly zip (2010q2.zip), an extracted quarter "
                    + "folder holding sub.txt and num.txt, or a directory of them. num.txt rows join their "
                    + "submission in sub.txt; segments and co-registrant facts are kept as such.")
    static final class Fsds extends SecIngestCommand {
        @Override
        SecReader reader(SparkSession spark, Warehouse warehouse) {
            // unpacked next to the tables, where every executor of a cluster can read it; removed after the ingest
            return new FsdsReader(spark, warehouse.root() + "/_staging");
        }
    }

    /** The per-file counts of an SEC ingest (also printed by `update`). */
    static void printIngested(SecIngest.Report ingested) {
        System.err.printf("%nSEC items per file (read = loaded + quarantined):%n");
        System.err.printf("  %10s %10s %11s  %s%n", "read", "loaded", "quarantined", "file");
        for (FileCount c : ingested.files()) {
            System.err.printf("  %10d %10d %11d  %s%s%n", c.read(), c.loaded(), c.quarantined(), c.inputFile(),
                    ingested.unreadableFiles().containsKey(c.inputFile()) ? "  UNREADABLE" : "");
        }
        ingested.skippedFiles().forEach(f -> System.err.printf("  %10s %10s %11s  %s  skipped: already loaded, "
                + "same checksum%n", "", "", "", f));
        if (ingested.files().isEmpty() && !ingested.skippedFiles().isEmpty()) {
            System.err.printf("  nothing written: every file was loaded before, with the same checksum%n");
        } else {
            System.err.printf("  %d facts and %d quarantine rows written for the files read (replacing their "
                    + "earlier rows)%n", ingested.factsWritten(), ingested.quarantineRowsWritten());
        }
    }

    static int ingest(IngestOptions options, String command, String path,
                      BiFunction<SparkSession, Warehouse, SecReader> reader) {
        options.common.applyLogLevel();
        String inputDir = CommonOptions.inputOrSample(options.input);
        Progress progress = new Progress(System.err);
        SparkSession spark = Sessions.getOrCreate(options.common.warehouse);
        progress.stage("started Spark " + spark.version());
        Warehouse warehouse = new Warehouse(spark, options.common.warehouse);
        SecIngest.Report ingested = new SecIngest(spark, warehouse, progress)
                .ingest(command, path, reader.apply(spark, warehouse));
        printIngested(ingested);
        System.err.println();
        int exit = ExitCodes.OK;
        if (options.bronzeOnly) {
            System.err.println("Silver and gold not rebuilt (--bronze-only): run `bin/valuechain run --warehouse "
                    + options.common.warehouse + "` when done.");
        } else {
            RunReport report = new CuratedPipeline(spark, warehouse, progress)
                    .run(new CuratedInputs(inputDir, spark.sparkContext().hadoopConfiguration()));
            exit = RunCommand.summarize(report, warehouse, progress, options.strict);
        }
        // last, so the final lines a user sees name what was not loaded
        ingested.unreadableFiles().forEach((file, reason) ->
                System.err.println("valuechain: could not read " + file + ": " + reason));
        return ingested.unreadableFiles().isEmpty() ? exit : ExitCodes.INPUT_ERROR;
    }
}

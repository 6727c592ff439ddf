package org.aivaluechain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.aivaluechain.pipeline.Tables;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: `valuechain run | ingest | update | sql | serve | report`. A thin layer: parse options, call the jobs, map errors to exit codes. */
@Command(name = "valuechain", mixinStandardHelpOptions = true, version = "valuechain 0.1.0",
        description = "Turns quarterly filings of the AI infrastructure value chain into Delta tables "
                + "(bronze, silver, gold) and answers SQL over them.",
        subcommands = {RunCommand.class, IngestCommand.class, SqlCommand.class, ServeCommand.class,
                ReportCommand.class, UpdateCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:--strict and a reconciliation check failed, or a SQL statement failed",
                "2:bad command line",
                "3:an input or config file is missing or unusable, the warehouse cannot be used (or another "
                        + "run is writing to it), the port to serve on is taken, or update could not fetch some "
                        + "files",
                "4:internal error (stack trace on stderr)"},
        footerHeading = "%nExamples:%n",
        footer = {"  bin/valuechain run",
                "  bin/valuechain sql -e \"SELECT * FROM gold.capex_intensity WHERE ticker = 'MSFT'\"",
                "  bin/valuechain sql --format csv -f queries.sql > out.csv",
                "  bin/valuechain ingest sec-companyfacts sample-data/sec/companyfacts",
                "  bin/valuechain update --user-agent \"Jane Doe jane@example.com\" --fsds latest",
                "  bin/valuechain serve --port 15002",
                "  bin/valuechain report --out report   # then open report/index.html",
                "",
                "Option defaults come from --config FILE, else $VALUECHAIN_CONF, else",
                "./valuechain.properties if present. Keys are option names, e.g.",
                "warehouse=/data/warehouse, or sql.format=csv for one command only.",
                "Precedence: flag > config file > built-in default.",
                "",
                "On a cluster (README: Running on a cluster):",
                "  mvn -Pcluster package",
                "  spark-submit --class org.aivaluechain.cli.ValueChainCli \\",
                "    --packages io.delta:delta-spark_2.13:4.0.1 target/valuechain.jar \\",
                "    run --input s3a://... --warehouse s3a://...",
                "Catalog and schema names: Spark confs spark.valuechain.catalog (default:",
                "the current catalog) and spark.valuechain.schema.bronze|silver|gold",
                "(default: bronze, silver, gold); with spark-submit --conf, locally -D in",
                "VALUECHAIN_JAVA_OPTS."})
public final class ValueChainCli implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }

    /** Runs a command line and returns its exit code, without exiting (tests call this). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new ValueChainCli());
        cli.setErr(new PrintWriter(System.err, true));
        cli.setOut(new PrintWriter(System.out, true));
        withExitCodesInHelp(cli, cli.getCommandSpec().usageMessage());
        withTablesInRunHelp(cli.getSubcommands().get("run"));
        try {
            org.aivaluechain.warehouse.DataSize.check();
        } catch (IllegalArgumentException e) {
            cli.getErr().println("valuechain: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try {
            ConfigFile.locate(args, System.getenv(), Path.of(""))
                    .ifPresent(file -> cli.setDefaultValueProvider(ConfigFile.load(file, cli)));
        } catch (org.aivaluechain.io.InputFileException e) {
            cli.getErr().println("valuechain: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof org.aivaluechain.io.InputFileException) {
                commandLine.getErr().println("valuechain: " + e.getMessage());
                return ExitCodes.INPUT_ERROR;
            }
            if (e instanceof UsageException) {
                commandLine.getErr().println("valuechain: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            commandLine.getErr().println("valuechain: " + e);
            e.printStackTrace(commandLine.getErr());
            return ExitCodes.INTERNAL_ERROR;
        });
        return cli.execute(args);
    }

    /** Every command's --help lists the exit codes, not only the top-level one (ingest's nested ones too). */
    private static void withExitCodesInHelp(CommandLine command, CommandLine.Model.UsageMessageSpec top) {
        for (CommandLine sub : command.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().exitCodeListHeading(top.exitCodeListHeading())
                    .exitCodeList(top.exitCodeList());
            withExitCodesInHelp(sub, top);
        }
    }

    /** `run --help` lists the tables it writes, from the registry (never a second hand-kept list). */
    private static void withTablesInRunHelp(CommandLine run) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Tables written (schemas/<layer>/<table>.sql states each one's grain and rules):");
        for (String table : Tables.written()) {
            lines.add("  " + table);
        }
        lines.add("  " + Tables.RUN_LOG + " and " + Tables.RUN_MANIFEST + " (appended)");
        lines.add("  `ingest` merges into " + String.join(" and ", Tables.INGESTED) + ".");
        run.getCommandSpec().usageMessage().footer(lines.toArray(String[]::new));
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}

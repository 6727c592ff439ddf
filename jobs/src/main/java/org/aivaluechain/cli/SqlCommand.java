package org.aivaluechain.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.aivaluechain.io.InputFileException;
import org.aivaluechain.warehouse.Sessions;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Runs SQL over the tables of a warehouse (bronze.*, silver.*, gold.*).",
                "With -e or -f it runs the statements and exits; otherwise it opens an interactive shell "
                        + "(end a statement with ';', leave with 'quit;' or Ctrl-D).",
                "Results go to stdout; logs, prompts and errors to stderr."})
final class SqlCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "Statements to run (';'-separated).")
    String execute;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A file of ';'-separated statements.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). csv prints the "
                    + "header row and data rows only, NULL as an empty field; json prints one object per row.")
    ResultPrinter.Format format;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000",
            description = "Rows shown in table format (default: ${DEFAULT-VALUE}); csv and json print all.")
    int maxRows;

    @Override
    public Integer call() throws IOException {
        common.applyLogLevel();
        SparkSession spark = Sessions.getOrCreate(common.warehouse);
        Warehouse warehouse = new Warehouse(spark, common.warehouse);
        if (warehouse.registerExisting().isEmpty()) {
            throw new InputFileException("no tables under " + warehouse.root() + ": run 'bin/valuechain run' first"
                    + " or point --warehouse at an existing warehouse");
        }
        ResultPrinter printer = new ResultPrinter(format, System.out, maxRows);
        if (execute != null || file != null) {
            String text = execute != null ? execute : readFile(file);
            for (String statement : SqlStatements.split(text)) {
                if (!runOne(spark, printer, statement)) {
                    return ExitCodes.CHECKS_FAILED;
                }
            }
            return ExitCodes.OK;
        }
        return interactive(spark, printer);
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputFileException("cannot read SQL file " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean runOne(SparkSession spark, ResultPrinter printer, String statement) {
        try {
            printer.print(spark.sql(statement));
            return true;
        } catch (Exception e) {
            // a statement's own error (parse, analysis, runtime): report it, the caller decides what follows
            if (!(e instanceof org.apache.spark.SparkThrowable)) {
                throw e;
            }
            System.err.println("error: " + e.getMessage());
            return false;
        }
    }

    private int interactive(SparkSession spark, ResultPrinter printer) throws IOException {
        System.err.println("valuechain SQL shell on " + common.warehouse + ": tables in bronze, silver, gold "
                + "(SHOW TABLES IN gold;). End statements with ';', quit with 'quit;' or Ctrl-D.");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder buffer = new StringBuilder();
        boolean anyFailed = false;
        while (true) {
            System.err.print(buffer.length() == 0 ? "valuechain> " : "        ...> ");
            System.err.flush();
            String line = in.readLine();
            if (line == null) {
                break;
            }
            buffer.append(line).append('\n');
            if (!SqlStatements.complete(buffer.toString())) {
                continue;
            }
            List<String> statements = SqlStatements.split(buffer.toString());
            buffer.setLength(0);
            for (String statement : statements) {
                String word = statement.strip().toLowerCase(java.util.Locale.ROOT);
                if (word.equals("quit") || word.equals("exit")) {
                    return anyFailed ? ExitCodes.CHECKS_FAILED : ExitCodes.OK;
                }
                anyFailed |= !runOne(spark, printer, statement);
            }
        }
        System.err.println();
        return anyFailed ? ExitCodes.CHECKS_FAILED : ExitCodes.OK;
    }
}

package org.aivaluechain.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.aivaluechain.io.InputFileException;
import org.apache.spark.sql.SparkSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Runs SQL over the tables of a warehouse (bronze.*, silver.*, gold.*).",
                "With -e or -f it runs the statements and exits, stopping at the first that fails. Otherwise it "
                        + "reads statements from stdin: on a terminal an interactive shell with line editing and "
                        + "history (Up/Down, Ctrl-R to search; end a statement with ';', Ctrl-C cancels a running "
                        + "one, leave with 'quit;' or Ctrl-D); from a pipe it runs every statement, including "
                        + "those after one that fails.",
                "Results go to stdout; logs, prompts and errors (one line each, 'error: ...') to stderr."})
final class SqlCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "Statements to run (';'-separated).")
    String execute;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A file of ';'-separated statements.")
    Path file;

    @Option(names = "--history", paramLabel = "FILE", defaultValue = "${sys:user.home}/.valuechain_history",
            description = "Where the shell keeps the statements entered, across sessions, also those read "
                    + "from a pipe (default: ${DEFAULT-VALUE}). Not used with -e or -f.")
    Path history;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). csv prints the "
                    + "header row and data rows only, NULL as an empty field; json prints one object per row.")
    ResultPrinter.Format format;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000",
            description = "Rows shown in table format (default: ${DEFAULT-VALUE}); csv and json print all.")
    int maxRows;

    @Override
    public Integer call() throws IOException {
        if (execute != null && file != null) {
            throw new ParameterException(spec.commandLine(), "give -e or -f, not both");
        }
        SparkSession spark = common.openExistingWarehouse().spark();
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
        return new SqlShell(spark, printer, history).run(System.in, System.err);
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputFileException("cannot read SQL file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs one statement and prints its result, or its error in one line on stderr; false when it failed. */
    static boolean runOne(SparkSession spark, ResultPrinter printer, String statement) {
        try {
            printer.print(spark.sql(statement));
            return true;
        } catch (Exception e) {
            // a statement's own error (parse, analysis, runtime): report it, the caller decides what follows
            if (!(e instanceof org.apache.spark.SparkThrowable)) {
                throw e;
            }
            System.err.println("error: " + oneLine(e));
            return false;
        }
    }

    /** Spark's message on one line: without the analyzed plan and the quoted SQL that follow it. */
    static String oneLine(Exception e) {
        String message = e instanceof org.apache.spark.sql.AnalysisException a ? a.getSimpleMessage() : e.getMessage();
        StringBuilder line = new StringBuilder();
        for (String part : String.valueOf(message).split("\n")) {
            if (part.startsWith("== SQL") || part.startsWith("== Parsed")) {
                break;
            }
            if (!part.isBlank()) {
                line.append(line.length() == 0 ? "" : " ").append(part.strip());
            }
        }
        return line.toString();
    }
}

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
                "Read-only unless --allow-writes: queries, SHOW, DESCRIBE, EXPLAIN, USE and SET of spark.sql.* "
                        + "options run; writes are refused, checked on the analysed plan. Tables are pinned views of "
                        + "the latest complete run, so a table's history is read by its path: "
                        + "DESCRIBE HISTORY delta.`<warehouse>/gold/claim_checks`.",
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

    @Option(names = "--allow-writes",
            description = "Allow statements that write, drop or change tables or read files outside the warehouse "
                    + "(INSERT, MERGE, DELETE, UPDATE, DROP, CREATE, ALTER, VACUUM, RESTORE, CACHE, ADD JAR, "
                    + "parquet.`/path`, SET of non-SQL options, ...). Without it such a statement is refused "
                    + "before it runs, as a failed statement (exit code 1).")
    boolean allowWrites;

    @Mixin
    AsOfOption asOf;

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
        // pinned views are for readers; with --allow-writes the tables stay tables, writable at their latest version
        CommonOptions.OpenWarehouse opened = common.openExistingWarehouse(!allowWrites);
        asOf.pin(opened.warehouse());
        SparkSession spark = StatementRunner.session(opened, allowWrites);
        StatementRunner runner = new StatementRunner(spark, new ResultPrinter(format, System.out, maxRows),
                System.err, allowWrites ? null : opened.warehouse().root());
        if (execute != null || file != null) {
            String text = execute != null ? execute : readFile(file);
            return runner.runAll(text) ? ExitCodes.OK : ExitCodes.CHECKS_FAILED;
        }
        return new SqlShell(runner, history).run(System.in, System.err);
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputFileException("cannot read SQL file " + file + ": " + e.getMessage(), e);
        }
    }
}

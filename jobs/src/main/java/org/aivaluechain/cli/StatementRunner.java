package org.aivaluechain.cli;

import java.io.PrintStream;

import org.aivaluechain.warehouse.ReadOnlyPlans;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;

/**
 * Runs SQL statements for {@code sql -e}, {@code sql -f} and the shell alike: each result to the printer, each
 * failure (parse, analysis, runtime, or refused as not read-only) as one line on stderr.
 */
final class StatementRunner {

    private final SparkSession spark;
    private final ResultPrinter printer;
    private final PrintStream errors;
    private final String readOnlyRoot;

    /** @param readOnlyRoot the warehouse root when statements are read-only (checked as parsed too), else null */
    StatementRunner(SparkSession spark, ResultPrinter printer, PrintStream errors, String readOnlyRoot) {
        this.spark = spark;
        this.printer = printer;
        this.errors = errors;
        this.readOnlyRoot = readOnlyRoot;
    }

    SparkSession spark() {
        return spark;
    }

    /** Runs the ';'-separated statements of the text in order; false as soon as one fails. */
    boolean runAll(String text) {
        for (String statement : SqlStatements.split(text)) {
            if (!runOne(statement)) {
                return false;
            }
        }
        return true;
    }

    /** Runs one statement and prints its result, or its error in one line; false when it failed. */
    boolean runOne(String statement) {
        try {
            if (readOnlyRoot != null) {
                ReadOnlyPlans.checkParsed(spark.sessionState().sqlParser().parsePlan(statement), readOnlyRoot);
            }
            printer.print(spark.sql(statement));
            return true;
        } catch (Exception e) {
            // a statement's own error (parse, analysis, runtime, refused): report it, the caller decides what
            // follows; anything else is a bug and goes up with its stack trace
            if (!(e instanceof SparkThrowable)) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            errors.println("error: " + oneLine(e));
            return false;
        }
    }

    /** Spark's message on one line: without the analyzed plan and the quoted SQL that follow it. */
    static String oneLine(Exception e) {
        String message = e instanceof AnalysisException a ? a.getSimpleMessage() : e.getMessage();
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

    /** The session statements run in: read-only on the warehouse unless writes are allowed. */
    static SparkSession session(CommonOptions.OpenWarehouse opened, boolean allowWrites) {
        return allowWrites ? opened.spark()
                : ReadOnlyPlans.readOnlySession(opened.spark(), opened.warehouse().root());
    }
}

package org.aivaluechain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.aivaluechain.testing.CliRun;
import org.aivaluechain.testing.CliRun.Captured;
import org.aivaluechain.testing.SampleWarehouse;
import org.aivaluechain.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The `sql` shell fed through stdin, as from a pipe: results, the error line, the exit code and the history file. */
@ExtendWith(SharedSpark.class)
class SqlShellTest {

    @Test
    void pipedStatementsAllRunAFailureIsOneErrorLineAndExitCode1AndHistoryIsKept(@TempDir Path dir)
            throws IOException {
        Path history = dir.resolve("history");
        Captured c = shell(history, String.join("\n",
                "SELECT ticker, revenue FROM silver.quarterly_financials",
                "  WHERE ticker = 'NVDA' AND period_end = DATE'2024-10-27';",
                "SELECT * FROM gold.no_such_table;",
                "SELECT 1 + 1 AS two, 'a;b\\\\c' AS text WHERE 1 != 2; SELECT 'last' AS without_semicolon"));
        // every statement ran, the one after the failure too; the last one needed no ';'
        assertEquals("ticker,revenue\nNVDA,35082.0000\ntwo,text\n2,a;b\\c\nwithout_semicolon\nlast\n", c.out());
        assertEquals("error: [TABLE_OR_VIEW_NOT_FOUND] The table or view `gold`.`no_such_table` cannot be found. "
                + "Verify the spelling and correctness of the schema and catalog. If you did not qualify the name "
                + "with a schema, verify the current_schema() output, or qualify the name with the correct schema "
                + "and catalog. To tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS. "
                + "SQLSTATE: 42P01; line 1 pos 14\n", ownLines(c.err()));
        assertEquals(ExitCodes.CHECKS_FAILED, c.exit());
        // one entry per input (a multi-line statement is one entry, its newline escaped), backslashes escaped
        assertEquals(List.of(
                "SELECT ticker, revenue FROM silver.quarterly_financials\\n  WHERE ticker = 'NVDA' "
                        + "AND period_end = DATE'2024-10-27';",
                "SELECT * FROM gold.no_such_table;",
                "SELECT 1 + 1 AS two, 'a;b\\\\\\\\c' AS text WHERE 1 != 2; SELECT 'last' AS without_semicolon"),
                Files.readAllLines(history));

        // a second session appends to the same history, and quit ends it before the statements that follow
        Captured again = shell(history, "SELECT 2 AS two;\nquit\nSELECT 3 AS three;\n");
        assertEquals("two\n2\n", again.out());
        assertEquals("", ownLines(again.err()));
        assertEquals(ExitCodes.OK, again.exit());
        List<String> entries = Files.readAllLines(history);
        assertEquals(List.of("SELECT 2 AS two;", "quit"), entries.subList(3, entries.size()));
    }

    @Test
    void aHistoryFileThatCannotBeCreatedIsOneLineAndTheShellStillRuns(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "");
        Path history = notADirectory.resolve("history");
        Captured c = shell(history, "SELECT 1 AS one;\n");
        assertEquals("one\n1\n", c.out());
        assertEquals(ExitCodes.OK, c.exit());
        assertTrue(ownLines(c.err()).matches("valuechain: cannot create history file " + history
                + " \\(java.nio.file.\\w+Exception: .*\\): history is not kept\n"), c.err());
    }

    @Test
    void eAndFTogetherAreAUsageError() {
        Captured c = CliRun.cli("sql", "-e", "SELECT 1", "-f", "queries.sql");
        assertEquals(ExitCodes.USAGE, c.exit());
        assertTrue(c.err().startsWith("give -e or -f, not both\n"), c.err());
    }

    private static Captured shell(Path history, String stdin) {
        return shell(SampleWarehouse.path(), history, stdin);
    }

    /** The shell over a warehouse, fed through stdin as from a pipe, results in CSV. */
    static Captured shell(Path warehouse, Path history, String stdin) {
        InputStream oldIn = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRun.cli("sql", "--warehouse", warehouse.toString(), "--format", "csv",
                    "--history", history.toString());
        } finally {
            System.setIn(oldIn);
        }
    }

    /** What the command printed itself, without Spark's log lines (HH:MM:SS LEVEL ...). */
    static String ownLines(String err) {
        StringBuilder own = new StringBuilder();
        err.lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d \\w+ .*")).forEach(l -> own.append(l).append('\n'));
        return own.toString();
    }
}

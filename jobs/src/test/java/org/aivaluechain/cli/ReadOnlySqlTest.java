package org.aivaluechain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.aivaluechain.testing.CliRun;
import org.aivaluechain.testing.CliRun.Captured;
import org.aivaluechain.testing.SampleWarehouse;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * `sql` is read-only unless --allow-writes: every kind of write is refused with one line and exit code 1 and leaves
 * the table as it was; queries, metadata and time travel still run. On a copy of two sample tables, so a refusal
 * that failed could not damage the warehouse other tests read.
 */
@ExtendWith(SharedSpark.class)
class ReadOnlySqlTest {

    private static final String TABLE = "gold.claim_checks";

    @AfterAll
    static void pointTheCatalogBackAtTheSampleWarehouse() {
        SampleWarehouse.register();
    }

    @Test
    void everyKindOfWriteIsRefusedWithExitCode1AndTheTablesStayAsTheyWere(@TempDir Path dir) throws IOException {
        Path warehouse = copyOfSampleTables(dir.resolve("warehouse"));
        Path outside = dir.resolve("outside");
        SharedSpark.spark().sql("SELECT '1' AS a").write().parquet(outside.toString());
        String sample = SampleWarehouse.path().toAbsolutePath().toString();
        State before = state(warehouse);

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("DROP TABLE " + TABLE, "the statement DropTable");
        refused.put("DROP DATABASE gold CASCADE", "the statement DropNamespace");
        refused.put("DELETE FROM " + TABLE, "the statement DeleteFromTable");
        refused.put("UPDATE " + TABLE + " SET verdict = 'holds'", "the statement UpdateTable");
        refused.put("INSERT INTO " + TABLE + " SELECT * FROM " + TABLE, "the statement InsertIntoStatement");
        refused.put("INSERT OVERWRITE " + TABLE + " SELECT * FROM " + TABLE + " LIMIT 1",
                "the statement InsertIntoStatement");
        refused.put("MERGE INTO " + TABLE + " t USING " + TABLE + " s ON t.claim_id = s.claim_id "
                + "WHEN MATCHED THEN DELETE", "the statement MergeIntoTable");
        refused.put("CREATE TABLE gold.scratch (a INT) USING delta", "the statement CreateTable");
        refused.put("CREATE TABLE gold.scratch USING delta AS SELECT 1 AS a", "the statement CreateTableAsSelect");
        refused.put("CREATE TEMPORARY VIEW v AS SELECT 1 AS a", "the statement CreateViewCommand");
        refused.put("ALTER TABLE " + TABLE + " ADD COLUMNS (note STRING)", "the statement AddColumns");
        refused.put("VACUUM " + TABLE + " RETAIN 0 HOURS", "the statement VacuumTableCommand");
        refused.put("RESTORE TABLE " + TABLE + " TO VERSION AS OF 0", "the statement RestoreTableStatement");
        refused.put("TRUNCATE TABLE " + TABLE, "the statement TruncateTable");
        refused.put("ALTER TABLE " + TABLE + " SET TBLPROPERTIES ('delta.logRetentionDuration' = '1 days')",
                "the statement SetTableProperties");
        refused.put("OPTIMIZE " + TABLE, "the statement OptimizeTableCommand");
        refused.put("CACHE TABLE " + TABLE, "the statement CacheTable");
        refused.put("ADD JAR " + dir.resolve("x.jar"), "the statement AddJarsCommand");
        refused.put("INSERT OVERWRITE DIRECTORY '" + dir.resolve("out") + "' USING csv SELECT 1 AS a",
                "the statement InsertIntoDataSourceDirCommand");
        refused.put("EXECUTE IMMEDIATE 'DROP TABLE " + TABLE + "'", "the statement DropTable");
        // EXPLAIN analyses the statement without Delta's rewrite of it
        refused.put("EXPLAIN DELETE FROM " + TABLE, "the statement DeleteFromTable");
        refused.put("SELECT * FROM parquet.`" + outside + "`", "reading file:" + outside + " (outside the warehouse)");
        refused.put("SELECT * FROM delta.`" + sample + "/gold/claim_checks`",
                "reading file:" + sample + "/gold/claim_checks (outside the warehouse)");
        refused.put("SELECT * FROM " + TABLE + " WHERE claim_id IN (SELECT a FROM parquet.`" + outside + "`)",
                "reading file:" + outside + " (outside the warehouse)");
        refused.put("SELECT reflect('java.lang.System', 'getProperty', 'user.home')", "reflect()");
        refused.put("SET spark.hadoop.fs.defaultFS=file:///", "SET spark.hadoop.fs.defaultFS");
        refused.put("SET spark.sql.catalog.other=org.example.Catalog", "SET spark.sql.catalog.other");

        List<String> wrong = new java.util.ArrayList<>();
        refused.forEach((statement, what) -> {
            Captured c = sql(warehouse, statement);
            String expected = "error: read-only: " + what + " is refused; run with --allow-writes to allow writes\n";
            if (c.exit() != ExitCodes.CHECKS_FAILED || !expected.equals(SqlShellTest.ownLines(c.err()))
                    || !c.out().isEmpty()) {
                wrong.add(statement + " -> exit " + c.exit() + ": " + SqlShellTest.ownLines(c.err()) + c.out());
            }
        });
        assertEquals(List.of(), wrong);
        assertEquals(before, state(warehouse));
        assertTrue(Files.notExists(dir.resolve("out")));
    }

    @Test
    void onTablesPinnedToTheLatestRunStatementsOnATableAreRefusedByName(@TempDir Path dir) throws IOException {
        // a whole warehouse with bronze.runs: sql reads pinned views, on which these statements would fail analysis
        // with a Spark error about views instead of the refusal
        Path warehouse = SampleWarehouse.copy(dir.resolve("warehouse"));
        State before = state(warehouse);
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("VACUUM " + TABLE + " RETAIN 0 HOURS", "the statement VacuumTableCommand");
        refused.put("RESTORE TABLE " + TABLE + " TO VERSION AS OF 0", "the statement RestoreTableStatement");
        refused.put("TRUNCATE TABLE " + TABLE, "the statement TruncateTable");
        refused.put("OPTIMIZE " + TABLE, "the statement OptimizeTableCommand");
        refused.put("ALTER TABLE " + TABLE + " SET TBLPROPERTIES ('delta.logRetentionDuration' = '1 days')",
                "the statement SetTableProperties");
        List<String> wrong = new java.util.ArrayList<>();
        refused.forEach((statement, what) -> {
            Captured c = sql(warehouse, statement);
            String expected = "error: read-only: " + what + " is refused; run with --allow-writes to allow writes\n";
            if (c.exit() != ExitCodes.CHECKS_FAILED || !expected.equals(SqlShellTest.ownLines(c.err()))) {
                wrong.add(statement + " -> exit " + c.exit() + ": " + SqlShellTest.ownLines(c.err()) + c.out());
            }
        });
        assertEquals(List.of(), wrong);
        assertEquals(before, state(warehouse));
    }

    @Test
    void queriesMetadataExplainAndTimeTravelStillRun(@TempDir Path dir) throws IOException {
        Path warehouse = copyOfSampleTables(dir.resolve("warehouse"));
        long rows = state(warehouse).rows();
        assertTrue(rows > 1 && state(warehouse).version() > 0, state(warehouse).toString());
        Map<String, String> allowed = new LinkedHashMap<>();
        allowed.put("SELECT count(*) AS n FROM " + TABLE, "n\n" + rows + "\n");
        // version 0 is the empty table created from its DDL, the run's rows came in a later version
        allowed.put("SELECT count(*) AS n FROM " + TABLE + " VERSION AS OF 0", "n\n0\n");
        allowed.put("SELECT count(*) AS n FROM " + TABLE + " VERSION AS OF " + state(warehouse).version(),
                "n\n" + rows + "\n");
        allowed.put("WITH c AS (SELECT claim_id FROM " + TABLE + ") SELECT count(*) AS n FROM c "
                + "WHERE claim_id IN (SELECT claim_id FROM " + TABLE + ")", "n\n" + rows + "\n");
        allowed.put("SELECT count(*) AS n FROM delta.`" + warehouse.toAbsolutePath() + "/gold/claim_checks`",
                "n\n" + rows + "\n");
        allowed.put("SHOW TABLES IN silver", "namespace,tableName,isTemporary\n");
        allowed.put("DESCRIBE HISTORY " + TABLE, null);
        allowed.put("DESCRIBE DETAIL " + TABLE, null);
        allowed.put("DESCRIBE " + TABLE, null);
        allowed.put("SHOW DATABASES", null);
        allowed.put("EXPLAIN SELECT * FROM " + TABLE, null);
        allowed.put("SET spark.sql.shuffle.partitions=3", "key,value\nspark.sql.shuffle.partitions,3\n");
        allowed.put("SET spark.sql.shuffle.partitions", "key,value\nspark.sql.shuffle.partitions,2\n");
        allowed.put("USE gold", "\n"); // a result with no columns: an empty CSV header
        allowed.forEach((statement, expected) -> {
            Captured c = sql(warehouse, statement);
            assertEquals(ExitCodes.OK, c.exit(), statement + "\n" + c.err());
            assertEquals("", SqlShellTest.ownLines(c.err()), statement);
            if (expected != null && !statement.startsWith("SHOW TABLES")) {
                assertEquals(expected, c.out(), statement);
            }
        });
    }

    @Test
    void asOfReadsTablesAtTheGivenVersionsUntilTheyAreRegisteredAgain(@TempDir Path dir) throws IOException {
        Path warehouse = copyOfSampleTables(dir.resolve("warehouse"));
        State latest = state(warehouse);
        String count = "SELECT count(*) AS n FROM " + TABLE;
        // version 0 is the empty table created from its DDL
        Captured pinned = CliRun.cli("sql", "--warehouse", warehouse.toString(), "--format", "csv",
                "--as-of", TABLE + "=0", "-e", count);
        assertEquals(ExitCodes.OK, pinned.exit(), pinned.err());
        assertEquals("n\n0\n", pinned.out());
        assertEquals("n\n" + latest.rows() + "\n", sql(warehouse, count).out());

        Captured unknown = CliRun.cli("sql", "--warehouse", warehouse.toString(), "--as-of", "gold.nope=1",
                "-e", count);
        assertEquals(ExitCodes.USAGE, unknown.exit(), unknown.err());
        assertTrue(SqlShellTest.ownLines(unknown.err()).matches("valuechain: --as-of: no table gold.nope \\(tables: "
                + "bronze.financial_facts, [^\n]*\n"), unknown.err());

        Captured missing = CliRun.cli("sql", "--warehouse", warehouse.toString(), "--as-of",
                TABLE + "=" + (latest.version() + 5), "-e", count);
        assertEquals(ExitCodes.INPUT_ERROR, missing.exit(), missing.err());
        assertTrue(SqlShellTest.ownLines(missing.err()).matches("valuechain: --as-of: .*\n"), missing.err());
        assertEquals(1, SqlShellTest.ownLines(missing.err()).lines().count(), missing.err());
    }

    @Test
    void asOfARunOrATimeReadsEveryTableAsThatCompleteRunLeftIt(@TempDir Path dir) throws IOException {
        Path warehouse = copyOfSampleTables(dir.resolve("warehouse"));
        long rows = state(warehouse).rows();
        long latest = state(warehouse).version();
        // r1 published claim_checks' empty version 0, r2 its rows; r3 died after starting
        appendRun(warehouse, "r1", "started", "2026-01-01T00:00:00Z", null);
        appendRun(warehouse, "r1", "complete", "2026-01-01T00:10:00Z", Map.of(TABLE, 0L));
        appendRun(warehouse, "r2", "started", "2026-02-01T00:00:00Z", null);
        appendRun(warehouse, "r2", "complete", "2026-02-01T00:10:00Z", Map.of(TABLE, latest));
        appendRun(warehouse, "r3", "started", "2026-03-01T00:00:00Z", null);

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(null, "n\n" + rows + "\n"); // the latest complete run: r2
        expected.put("r1", "n\n0\n");
        expected.put("r2", "n\n" + rows + "\n");
        expected.put("2026-01-01T00:10:00Z", "n\n0\n"); // completed at or before: r1
        expected.put("2026-02-01 00:09", "n\n0\n"); // UTC when no zone is given
        expected.put("2026-02-01T01:10+01:00", "n\n" + rows + "\n");
        expected.put("2026-02-02", "n\n" + rows + "\n");
        expected.put("2026-03-02", "n\n" + rows + "\n"); // r3 never completed: still r2
        expected.forEach((asOf, out) -> {
            Captured c = asOf == null ? sql(warehouse, "SELECT count(*) AS n FROM " + TABLE)
                    : CliRun.cli("sql", "--warehouse", warehouse.toString(), "--format", "csv", "--as-of", asOf,
                    "-e", "SELECT count(*) AS n FROM " + TABLE);
            assertEquals(ExitCodes.OK, c.exit(), asOf + ": " + c.err());
            assertEquals(out, c.out(), String.valueOf(asOf));
        });

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("2025-12-31", "no run completed at or before 2025-12-31T00:00:00Z: the first completed at "
                + "2026-01-01T00:10:00Z");
        refused.put("r3", "run r3 started at 2026-03-01T00:00:00Z but did not complete (it died or is still "
                + "running): it published no tables");
        refused.put("nope", "no run nope in bronze.runs, and not a time (YYYY-MM-DD[THH:MM[:SS]], UTC unless it "
                + "ends in Z or +HH:MM); runs: SELECT run_id, command, state, at FROM bronze.runs ORDER BY at");
        refused.put("gold.claim_checks=x", "'gold.claim_checks=x' is not TABLE=VERSION (e.g. "
                + "gold.capex_intensity=3); give a run id, a time or TABLE=VERSION,...");
        refused.forEach((asOf, message) -> {
            for (String command : List.of("sql", "report")) {
                Captured c = CliRun.cli(command, "--warehouse", warehouse.toString(), "--as-of", asOf,
                        command.equals("sql") ? "-e" : "--out", command.equals("sql") ? "SELECT 1" : dir.toString());
                assertEquals(ExitCodes.USAGE, c.exit(), command + " " + asOf + ": " + c.err());
                assertEquals("valuechain: --as-of: " + message + "\n", SqlShellTest.ownLines(c.err()), command);
                assertEquals("", c.out(), command);
            }
        });
    }

    /** Appends a row to the warehouse's bronze.runs (created from its DDL first), as a run or ingest does. */
    static void appendRun(Path warehouse, String runId, String state, String at, Map<String, Long> versions) {
        org.apache.spark.sql.SparkSession spark = SharedSpark.spark();
        new org.aivaluechain.warehouse.Warehouse(spark, warehouse.toString()).ensureTable("bronze.runs");
        Object map = versions == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(versions);
        // by location: the name may be registered as a pinned view by a reader in this JVM
        spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(runId, "run", state,
                        java.sql.Timestamp.from(java.time.Instant.parse(at)), "1@test", map)),
                org.aivaluechain.model.Ddl.schema("bronze.runs"))
                .write().format("delta").mode("append").save(warehouse.toAbsolutePath() + "/bronze/runs");
    }

    @Test
    void allowWritesLetsAWriteThrough(@TempDir Path dir) throws IOException {
        Path warehouse = copyOfSampleTables(dir.resolve("warehouse"));
        State before = state(warehouse);
        String first = SharedSpark.spark().read().format("delta").load(warehouse.toAbsolutePath()
                + "/gold/claim_checks").selectExpr("min(claim_id)").head().getString(0);
        Captured c = CliRun.cli("sql", "--warehouse", warehouse.toString(), "--format", "csv", "--allow-writes",
                "-e", "DELETE FROM " + TABLE + " WHERE claim_id = '" + first + "'");
        assertEquals(ExitCodes.OK, c.exit(), c.err());
        State after = state(warehouse);
        assertEquals(new State(before.rows() - 1, before.version() + 1), after);
    }

    @Test
    void theShellRefusesAWriteAndRunsTheRest(@TempDir Path dir) throws IOException {
        Path warehouse = copyOfSampleTables(dir.resolve("warehouse"));
        State before = state(warehouse);
        Captured c = SqlShellTest.shell(warehouse, dir.resolve("history"),
                "DROP TABLE " + TABLE + ";\nSELECT count(*) AS n FROM " + TABLE + ";\n");
        assertEquals(ExitCodes.CHECKS_FAILED, c.exit(), c.err());
        assertEquals("error: read-only: the statement DropTable is refused; run with --allow-writes to allow "
                + "writes\n", SqlShellTest.ownLines(c.err()));
        assertEquals("n\n" + before.rows() + "\n", c.out());
        assertEquals(before, state(warehouse));
    }

    private static Captured sql(Path warehouse, String statement) {
        return CliRun.cli("sql", "--warehouse", warehouse.toString(), "--format", "csv", "-e", statement);
    }

    /** A table's row count and latest Delta version, read by path (not through the catalog the test changes). */
    record State(long rows, long version) {
    }

    private static State state(Path warehouse) {
        String location = warehouse.toAbsolutePath() + "/gold/claim_checks";
        long rows = SharedSpark.spark().read().format("delta").load(location).count();
        Row latest = io.delta.tables.DeltaTable.forPath(SharedSpark.spark(), location).history(1).head();
        return new State(rows, latest.getLong(latest.fieldIndex("version")));
    }

    /** gold.claim_checks and silver.fx_rates of the sample warehouse, copied (Delta logs hold relative paths). */
    static Path copyOfSampleTables(Path target) {
        return SampleWarehouse.copy(target, "gold/claim_checks", "silver/fx_rates");
    }
}

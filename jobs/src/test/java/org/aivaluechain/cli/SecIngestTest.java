package org.aivaluechain.cli;

import static org.aivaluechain.testing.CliRun.cli;
import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.aivaluechain.testing.CliRun.Captured;
import org.aivaluechain.testing.SampleWarehouse;
import org.aivaluechain.testing.SharedSpark;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** `valuechain ingest` on SEC files in the SEC's own layout, as a user runs it. */
@ExtendWith(SharedSpark.class)
class SecIngestTest {

    private static final String LOADED_SOURCES = "_sec_sources.properties";
    private static final Path NVDA_COMPANYFACTS = SampleWarehouse.SAMPLE_DATA.resolve("sec/companyfacts");

    private static SparkSession spark() {
        return SharedSpark.spark();
    }

    private static void use(Path warehouse) {
        new Warehouse(spark(), warehouse.toString()).registerExisting();
    }

    @Test
    void nvidiaCompanyfactsLoadIntoBronzeAndReingestingTheSameFileSkipsIt(@TempDir Path dir) {
        // what NVIDIA's facts become in silver is checked where `update` rebuilds from the same file
        // (edgar.UpdateCommandTest): one whole pipeline run for both
        Path warehouse = dir.resolve("w");
        Captured first = cli("ingest", "sec-companyfacts", NVDA_COMPANYFACTS.toString(), "--bronze-only",
                "--input", SampleWarehouse.SAMPLE_DATA.toString(), "--warehouse", warehouse.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains("39 facts and 0 quarantine rows written"), first.err());
        use(warehouse);
        assertRows(spark().sql("SELECT rows_read, rows_loaded, rows_quarantined FROM bronze.load_runs "
                + "WHERE command = 'ingest sec-companyfacts'"), "*", row(39, 39, 0));
        assertEquals(39, spark().table("bronze.sec_facts").count());

        Captured again = cli("ingest", "sec-companyfacts", NVDA_COMPANYFACTS.toString(), "--bronze-only",
                "--input", SampleWarehouse.SAMPLE_DATA.toString(), "--warehouse", warehouse.toString());
        assertEquals(0, again.exit(), again.err());
        // the same file, same checksum: skipped without being read
        assertTrue(again.err().contains("skipped: already loaded, same checksum"), again.err());
        assertTrue(again.err().contains("nothing written: every file was loaded before, with the same checksum"),
                again.err());
        use(warehouse);
        assertEquals(39, spark().table("bronze.sec_facts").count());
        // answered from the record of what bronze holds, written with the tables' versions
        assertTrue(Files.exists(warehouse.resolve(LOADED_SOURCES)));

        // a write the record did not see (here a DELETE of the file's rows): it is not trusted, the tables are
        // asked, and the file is read again instead of skipped with nothing in bronze
        spark().sql("DELETE FROM bronze.sec_facts");
        Captured afterDelete = cli("ingest", "sec-companyfacts", NVDA_COMPANYFACTS.toString(), "--bronze-only",
                "--input", SampleWarehouse.SAMPLE_DATA.toString(), "--warehouse", warehouse.toString());
        assertEquals(0, afterDelete.exit(), afterDelete.err());
        assertTrue(afterDelete.err().contains("39 facts and 0 quarantine rows written"), afterDelete.err());
        use(warehouse);
        assertEquals(39, spark().table("bronze.sec_facts").count());
    }

    @Test
    void badFilesAndFactsAreQuarantinedWithReasonsAndTheRestLoads(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectories(dir.resolve("companyfacts"));
        String good = Files.readString(NVDA_COMPANYFACTS.resolve("CIK0001045810.json"));
        Files.writeString(in.resolve("CIK0000000001-truncated.json"), good.substring(0, good.length() / 2));
        Files.writeString(in.resolve("CIK0000000002.json"), """
                {"cik": 2, "entityName": "TEST FILER", "facts": {"us-gaap": {
                  "Revenues": {"units": {
                    "XYZ": [{"start":"2024-01-01","end":"2024-03-31","val":5,"accn":"a-1","form":"10-Q","filed":"2024-05-01"}],
                    "USD": [{"start":"2024-01-01","end":"2024-03-31","val":7000000,"accn":"a-1","form":"10-Q","filed":"2024-05-01"},
                            {"start":"2024-01-01","end":"2024-03-31","accn":"a-1","form":"10-Q","filed":"2024-05-01"},
                            {"start":"2024-01-01","end":"31/03/2024","val":1,"accn":"a-1","form":"10-Q"}]}},
                  "EntityCommonStockSharesOutstanding": {"units": {"shares": [{"end":"2024-03-31","val":100,"accn":"a-1"}]}}}}}
                """);
        Path warehouse = dir.resolve("w");
        Captured c = cli("ingest", "sec-companyfacts", in.toString(), "--bronze-only",
                "--input", SampleWarehouse.SAMPLE_DATA.toString(), "--warehouse", warehouse.toString());
        assertEquals(ExitCodes.INPUT_ERROR, c.exit(), c.err());
        String truncated = in.resolve("CIK0000000001-truncated.json").toUri().toString().replace("file:///", "file:/");
        assertTrue(c.err().contains("valuechain: could not read " + truncated + ": not valid companyfacts JSON"), c.err());
        use(warehouse);
        String bad = truncated.replace("CIK0000000001-truncated.json", "CIK0000000002.json");
        String whole = spark().sql("SELECT reason FROM bronze.sec_quarantine WHERE location = ''").head().getString(0);
        assertTrue(whole.startsWith("not valid companyfacts JSON (") && whole.endsWith(
                "the file may be truncated; none of its facts were loaded"), whole);
        assertRows(spark().sql("SELECT source_file, location, reason FROM bronze.sec_quarantine"), "*",
                row(truncated, "", whole),
                row(bad, "facts/us-gaap/Revenues/units/USD[1]", "no val"),
                row(bad, "facts/us-gaap/Revenues/units/USD[2]", "end '31/03/2024' is not a date (yyyy-mm-dd)"),
                row(bad, "a-1 us-gaap:Revenues XYZ 2024-01-01..2024-03-31 ",
                        "unit 'XYZ' is not a currency, but us-gaap:Revenues reports a money amount"));
        assertRows(spark().sql("SELECT input_file, rows_read, rows_loaded, rows_quarantined FROM bronze.load_runs"), "*",
                row(truncated, 0, 0, 0),
                row(bad, 5, 2, 3));
    }

    @Test
    void fsdsFoldersThatCannotBeReadAreNamedAndTheirRowsAccountedFor(@TempDir Path dir) throws Exception {
        Path bad = Path.of(getClass().getResource("/sec/fsds/bad").toURI());
        Path warehouse = dir.resolve("w");
        Captured c = cli("ingest", "sec-fsds", bad.toString(), "--bronze-only",
                "--input", SampleWarehouse.SAMPLE_DATA.toString(), "--warehouse", warehouse.toString());
        assertEquals(ExitCodes.INPUT_ERROR, c.exit(), c.err());
        String root = bad.toUri().toString().replace("file:///", "file:/");
        for (String folder : new String[]{"no-num: num.txt not found", "no-sub: sub.txt not found",
                "wrong-header: num.txt header lacks column 'qtrs'"}) {
            assertTrue(c.err().contains("valuechain: could not read " + root + folder), c.err());
        }
        use(warehouse);
        assertRows(spark().sql("SELECT substring_index(input_file, '/', -1), rows_read, rows_loaded, rows_quarantined "
                        + "FROM bronze.load_runs"), "*",
                row("no-num", 0, 0, 0), row("no-sub", 0, 0, 0), row("wrong-header", 0, 0, 0), row("rows", 10, 1, 9));
    }

    @Test
    void archiveLayoutLandsInBronzeAndAChangedFileReplacesItsRows(@TempDir Path dir) throws Exception {
        Path quarter = Files.createDirectories(dir.resolve("in/2010q1"));
        Path fixture = Path.of(getClass().getResource("/sec/cases/06-fsds-archive-layout/fsds/2010q1").toURI());
        Files.copy(fixture.resolve("sub.txt"), quarter.resolve("sub.txt"));
        Files.copy(fixture.resolve("num.txt"), quarter.resolve("num.txt"));
        Path warehouse = dir.resolve("w");
        Captured c = cli("ingest", "sec-fsds", dir.resolve("in").toString(), "--bronze-only",
                "--input", SampleWarehouse.SAMPLE_DATA.toString(), "--warehouse", warehouse.toString());
        assertEquals(0, c.exit(), c.err());
        use(warehouse);
        // Apple's FY2009 10-K/A (fixture README), USD
        assertRows(spark().sql("SELECT tag, segments, value FROM bronze.sec_facts WHERE cik = 320193 "
                        + "AND period_end = '2009-09-30' AND duration_quarters = 4 AND tag IN ('SalesRevenueNet', "
                        + "'NetIncomeLoss', 'PaymentsToAcquireProductiveAssets')"), "*",
                row("NetIncomeLoss", "", "8235000000"), row("PaymentsToAcquireProductiveAssets", "", "1144000000"),
                row("SalesRevenueNet", "", "42905000000"));

        // the file changes (a line dropped): its rows are replaced, not added to
        List<String> lines = Files.readAllLines(quarter.resolve("num.txt"));
        Files.write(quarter.resolve("num.txt"), lines.subList(0, lines.size() - 1));
        Captured again = cli("ingest", "sec-fsds", dir.resolve("in").toString(), "--bronze-only",
                "--input", SampleWarehouse.SAMPLE_DATA.toString(), "--warehouse", warehouse.toString());
        assertEquals(0, again.exit(), again.err());
        use(warehouse);
        assertRows(spark().sql("SELECT count(*), count(DISTINCT run_id) FROM bronze.sec_facts"), "*", row(214L, 1L));
        assertRows(spark().sql("SELECT rows_read, rows_loaded FROM bronze.load_runs ORDER BY started_at"), "*",
                row(215, 215), row(214, 214));
    }

    @Test
    void companyfactsNamedWithACommaAndAValueBeyondTheDecimalLoadTheRest(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectories(dir.resolve("companyfacts"));
        Files.writeString(in.resolve("CIK0000000002, copy.json"), """
                {"cik": 2, "entityName": "TEST FILER", "facts": {"us-gaap": {"Revenues": {"units": {"USD": [
                  {"start":"2024-01-01","end":"2024-03-31","val":7000000,"accn":"a-1","form":"10-Q","filed":"2024-05-01"},
                  {"start":"2024-01-01","end":"2024-03-31","val":1e400,"accn":"a-2","form":"10-Q","filed":"2024-05-01"}]}}}}}
                """);
        Path warehouse = dir.resolve("w");
        Captured c = cli("ingest", "sec-companyfacts", in.toString(), "--bronze-only",
                "--input", SampleWarehouse.SAMPLE_DATA.toString(), "--warehouse", warehouse.toString());
        assertEquals(0, c.exit(), c.err());
        use(warehouse);
        assertRows(spark().sql("SELECT substring_index(input_file, '/', -1), rows_read, rows_loaded, rows_quarantined "
                + "FROM bronze.load_runs"), "*", row("CIK0000000002, copy.json", 2, 1, 1));
        assertRows(spark().sql("SELECT location, reason FROM bronze.sec_quarantine"), "*",
                row("facts/us-gaap/Revenues/units/USD[1]",
                        "val '1e400' is out of range for DECIMAL(28,4) (more than 24 digits before the point)"));
    }

    @Test
    void ingestWithoutAFormatPrintsItsUsageAndFailsAsABadCommandLine() {
        Captured none = cli("ingest");
        assertEquals(ExitCodes.USAGE, none.exit(), none.err());
        assertTrue(none.err().contains("sec-fsds"), none.err());
    }
}

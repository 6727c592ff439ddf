package org.aivaluechain.cli;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.row;
import static org.aivaluechain.testing.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.aivaluechain.testing.CliRun.Captured;
import org.aivaluechain.testing.SampleWarehouse;
import org.apache.spark.sql.Dataset;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user runs it, on the real sample data and on deliberately broken inputs. */
@ExtendWith(SharedSpark.class)
class EndToEndTest {

    private static final Path SAMPLE = SampleWarehouse.SAMPLE_DATA;
    private static final List<Path> INPUT_FILES = Stream.of("companies.csv", "company_ciks.csv", "segments.csv", "fx_rates.csv",
            "reference/depreciation_parameters.csv", "reference/sec_segment_members.csv", "facts/core.csv", "facts/ext.csv", "facts/turn2.csv",
            "reference/parties.csv",
            "reference/deals.csv", "reference/capex_guidance.csv", "claims.csv").map(SAMPLE::resolve).toList();

    private static Path sampleWarehouse;

    @BeforeAll
    static void runOnSampleData() {
        sampleWarehouse = SampleWarehouse.path();
    }

    @AfterAll
    static void pointTheCatalogBackAtTheSampleWarehouse() {
        SampleWarehouse.register();
    }

    private static SparkSession spark() {
        return SharedSpark.spark();
    }

    private static void useWarehouse(Path warehouse) {
        new org.aivaluechain.warehouse.Warehouse(spark(), warehouse.toString()).registerExisting();
    }

    @Test
    void realReportedFiguresLandInSilver() {
        useWarehouse(sampleWarehouse);
        // NVIDIA 10-Q for the quarter ended 2024-10-27: revenue $35,082 million; 10-K FY2026: Q4 revenue 68,127
        assertRows(spark().sql("SELECT ticker, fiscal_year, fiscal_quarter, calendar_quarter, revenue "
                        + "FROM silver.quarterly_financials WHERE ticker = 'NVDA' "
                        + "AND period_end IN (DATE'2024-10-27', DATE'2026-01-25')"), "*",
                row("NVDA", 2025, 3, "2024Q3", 35082),
                row("NVDA", 2026, 4, "2025Q4", 68127));
    }

    @Test
    void dellsMarginsAreComparedOnlyOnOneSideOfTheVmwareSpinOff() {
        useWarehouse(sampleWarehouse);
        // companies.csv: DELL recast_from 2021Q4. Fiscal 2023 Q1-Q3 (facts/ext.csv, SEC companyfacts): gross profit
        // 5,784 / 5,439 / 5,707 on revenue 26,116 / 26,425 / 24,721; fiscal 2022 Q4 (2021Q4) is withheld (a year
        // restated without VMware minus quarters with it), so the first change on the new basis is 2022Q2:
        // (5439/26425 - 5784/26116) x 10,000 = -156.46 bp, then (5707/24721 - 5439/26425) x 10,000 = 250.29 bp.
        // No year-ago change reaches back to the quarters with VMware.
        assertRows(spark().sql("SELECT calendar_quarter, gross_margin_yoy_bps, round(gross_margin_qoq_bps, 2) "
                        + "FROM gold.margin_trends WHERE ticker = 'DELL' "
                        + "AND calendar_quarter BETWEEN '2021Q4' AND '2022Q3'"), "*",
                row("2021Q4", null, null),
                row("2022Q1", null, null),
                row("2022Q2", null, -156.46),
                row("2022Q3", null, 250.29));
    }

    @Test
    void everyInputRowIsAccountedFor() throws IOException {
        useWarehouse(sampleWarehouse);
        List<Row> runs = spark().sql("SELECT input_file, rows_read, rows_loaded, rows_quarantined "
                + "FROM bronze.load_runs WHERE run_id = (SELECT min_by(run_id, started_at) FROM bronze.load_runs)")
                .collectAsList();
        long dataLines = 0;
        for (Path f : INPUT_FILES) {
            try (Stream<String> lines = Files.lines(f)) {
                dataLines += lines.skip(1).filter(l -> !l.isBlank()).count();
            }
        }
        long read = 0;
        for (Row r : runs) {
            assertEquals(r.getLong(1), r.getLong(2) + r.getLong(3), r.getString(0));
            read += r.getLong(1);
        }
        assertEquals(INPUT_FILES.size(), runs.size());
        assertEquals(dataLines, read);
        assertEquals(0L, spark().table("bronze.quarantine").count(), "the sample data is clean");
    }

    @Test
    void tablesKeepTheirGrain() {
        useWarehouse(sampleWarehouse);
        String[][] grains = {
                {"silver.quarterly_financials", "ticker, fiscal_year, fiscal_quarter"},
                {"silver.quarterly_financials_as_reported", "ticker, fiscal_year, fiscal_quarter"},
                {"silver.company_ciks", "cik"},
                {"silver.segment_financials", "ticker, fiscal_year, fiscal_quarter, segment"},
                {"gold.capex_intensity", "ticker, calendar_quarter"},
                {"gold.margin_trends", "ticker, calendar_quarter"},
                {"gold.value_concentration", "calendar_quarter, grouping, member"},
                {"gold.supplier_capture", "calendar_quarter"},
                {"gold.value_migration", "window_quarters, layer"},
                {"gold.depreciation_scenarios", "ticker, calendar_quarter, useful_life_years"},
                {"silver.financing_deals", "deal_id"},
                {"gold.financing_cycles", "cycle_id"},
                {"gold.financing_party_flows", "party"},
                {"gold.capex_guidance_vs_actual", "source_line"},
                {"gold.claim_checks", "claim_id"}};
        for (String[] grain : grains) {
            Row counts = spark().sql("SELECT count(*), count(DISTINCT struct(" + grain[1] + ")) FROM " + grain[0])
                    .first();
            assertEquals(counts.getLong(0), counts.getLong(1), grain[0] + " has duplicate keys");
        }
    }

    /**
     * A second whole run, so with -Pintegration (tag integration), not in the default suite: it alone took three of
     * the suite's minutes. bench/reliability.sh checks the same after killed runs (a rerun equals a clean run).
     */
    @Test
    @Tag("integration")
    void aRerunLeavesTheSameTables(@TempDir Path dir) {
        // the rerun writes: on a copy, so the other tests (and the other test JVM) keep reading the first run
        Path warehouse = SampleWarehouse.copy(dir.resolve("warehouse"));
        useWarehouse(warehouse);
        java.util.Map<String, Long> versions = new java.util.LinkedHashMap<>();
        for (String table : org.aivaluechain.pipeline.Tables.written()) {
            versions.put(table, spark().sql("DESCRIBE HISTORY " + table + " LIMIT 1").first().getLong(0));
        }
        Captured again = cli("run", "--input", SAMPLE.toString(),
                "--warehouse", warehouse.toString());
        assertEquals(0, again.exit(), again.err());
        // every table the run writes holds the same rows as before (its previous Delta version), bronze but run ids
        for (java.util.Map.Entry<String, Long> t : versions.entrySet()) {
            Dataset<Row> now = spark().table(t.getKey()).drop("run_id");
            Dataset<Row> before = spark().sql("SELECT * FROM " + t.getKey() + " VERSION AS OF " + t.getValue())
                    .drop("run_id");
            assertEquals("", org.aivaluechain.testing.TableContents.difference(before, now), t.getKey());
        }
        assertEquals(2L * INPUT_FILES.size(), spark().table("bronze.load_runs").count(), "two runs x every input file");
    }

    @Test
    void sqlCsvPrintsOnlyHeaderAndRowsWithNullAsEmpty() {
        Captured c = cli("sql", "--warehouse", sampleWarehouse.toString(),
                "--format", "csv", "-e",
                "SELECT ticker, revenue, CAST(NULL AS STRING) AS note FROM silver.quarterly_financials "
                        + "WHERE ticker = 'NVDA' AND period_end = DATE'2024-10-27'");
        assertEquals(0, c.exit(), c.err());
        assertEquals("ticker,revenue,note\nNVDA,35082.0000,\n", c.out());
    }

    @Test
    void theNotebookQuestionsRunAgainstTheSampleTables() {
        Captured c = cli("sql", "--warehouse", sampleWarehouse.toString(),
                "--format", "csv", "-f", "notebooks/questions.sql");
        assertEquals(0, c.exit(), c.err());
        // five result sets, each with a header and at least one data row
        assertEquals(5, c.out().lines().filter(l -> l.startsWith("ticker,") || l.startsWith("calendar_quarter,")).count(),
                c.out());
        assertTrue(c.out().contains("\nMSFT,") && c.out().contains("\nNVDA,"), c.out());
    }

    @Test
    void aMissingInputFileStopsTheRunWithOneLineAndExitCode3(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("facts"));
        Files.copy(SAMPLE.resolve("companies.csv"), dir.resolve("companies.csv"));
        Captured c = cli("run", "--input", dir.toString(),
                "--warehouse", dir.resolve("w").toString());
        assertEquals(ExitCodes.INPUT_ERROR, c.exit());
        // inputs are read in CuratedInput order: companies.csv is there, company_ciks.csv is the first missing
        assertTrue(c.err().contains("valuechain: input file not found: " + dir.resolve("company_ciks.csv")), c.err());
    }
}

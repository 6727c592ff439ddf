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
import org.junit.jupiter.api.BeforeAll;
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
    void tablesKeepTheirGrainAndARerunLeavesTheSameTables() {
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
        java.util.Map<String, Long> versions = new java.util.LinkedHashMap<>();
        for (String[] grain : grains) {
            long rows = spark().table(grain[0]).count();
            long keys = spark().sql("SELECT DISTINCT " + grain[1] + " FROM " + grain[0]).count();
            assertEquals(rows, keys, grain[0] + " has duplicate keys");
        }
        for (String table : org.aivaluechain.pipeline.Tables.written()) {
            versions.put(table, spark().sql("DESCRIBE HISTORY " + table + " LIMIT 1").first().getLong(0));
        }
        Captured again = cli("run", "--input", SAMPLE.toString(),
                "--warehouse", sampleWarehouse.toString());
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
    void badRowsAreQuarantinedWithReasonsAndStrictFailsOnReconciliation(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("input");
        Files.createDirectories(input.resolve("facts"));
        Files.createDirectories(input.resolve("reference"));
        for (String f : List.of("companies.csv", "company_ciks.csv", "segments.csv", "fx_rates.csv", "reference/parties.csv",
                "reference/deals.csv", "reference/depreciation_parameters.csv", "reference/capex_guidance.csv",
                "reference/sec_segment_members.csv",
                "claims.csv")) {
            Files.copy(SAMPLE.resolve(f), input.resolve(f));
        }
        Files.writeString(input.resolve("facts/bad.csv"), String.join("\n",
                "ticker,fiscal_year,fiscal_period,period_end,currency,segment,metric,value,source",
                "NVDA,2025,Q3,2024-10-27,USD,,revenue,35082,NVIDIA 10-Q Q3 FY2025",
                "NVDA,2025,Q3,2024-10-27,USD,,cost_of_revenue,8926,NVIDIA 10-Q Q3 FY2025",
                "NVDA,2025,Q3,2024-10-27,USD,,gross_profit,26000,deliberately wrong",
                "NVDA,2025,Q3,2024-10-27,USD,,capex,eight hundred,typo",
                "ZZZZ,2025,Q3,2024-10-27,USD,,revenue,1,unknown company",
                "NVDA,2025,Q3,2024-10-27,USD,,net_income,19309,NVIDIA 10-Q",
                "NVDA,2025,Q3,2024-10-27,USD,,net_income,19300,a different value",
                "BABA,2027,Q2,2026-09-30,CNY,,revenue,1,no FX rate yet",
                "NVDA,2025,Q3,2024-10-27,USD") + "\n");
        Path warehouse = dir.resolve("warehouse");
        Captured c = cli("run", "--strict", "--input", input.toString(),
                "--warehouse", warehouse.toString());
        assertEquals(ExitCodes.CHECKS_FAILED, c.exit(), c.err());
        assertTrue(c.err().contains("gross_profit_identity"), c.err());
        useWarehouse(warehouse);
        String bad = input.resolve("facts/bad.csv").toString();
        assertRows(spark().sql("SELECT input_file, line_number, reason FROM bronze.quarantine"), "*",
                row(bad, 5, "value 'eight hundred' is not a number"),
                row(bad, 6, "unknown ticker 'ZZZZ' (not in companies)"),
                row(bad, 7, "conflicting values for the same fact in this file (lines 7, 8)"),
                row(bad, 8, "conflicting values for the same fact in this file (lines 7, 8)"),
                row(bad, 9, "no FX rate for CNY in 2026Q3"),
                row(bad, 10, "expected 9 fields, found 5"));
        assertRows(spark().sql("SELECT rows_read, rows_loaded, rows_quarantined FROM bronze.load_runs "
                + "WHERE input_file = '" + bad + "'"), "*", row(9, 3, 6));
        // 35,082 - 8,926 = 26,156 against the 26,000 in the file
        assertRows(spark().sql("SELECT expected, actual, passed FROM silver.reconciliation "
                + "WHERE check_name = 'gross_profit_identity'"), "*", row(26156, 26000, false));
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

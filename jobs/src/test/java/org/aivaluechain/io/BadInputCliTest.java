package org.aivaluechain.io;

import static org.aivaluechain.testing.CliRun.cli;
import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.aivaluechain.cli.ExitCodes;
import org.aivaluechain.testing.CliRun.Captured;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * `valuechain run` on a tiny input folder holding the inputs that used to crash it (exit 4) or pass in silence:
 * each is now a quarantine row with its reason (exit 0) or a one-line error naming the file (exit 3).
 */
@ExtendWith(SharedSpark.class)
class BadInputCliTest {

    private static final Path SAMPLE = InputDamage.SAMPLE;
    private static final String FACTS_HEADER = "ticker,fiscal_year,fiscal_period,period_end,currency,segment,metric,value,source";

    /** The sample's reference files, and no facts. */
    private static Path inputFolder(Path dir) throws IOException {
        Path input = dir.resolve("input");
        Files.createDirectories(input.resolve("facts"));
        Files.createDirectories(input.resolve("reference"));
        for (String f : List.of("companies.csv", "company_ciks.csv", "segments.csv", "fx_rates.csv",
                "reference/parties.csv", "reference/deals.csv", "reference/depreciation_parameters.csv",
                "reference/capex_guidance.csv", "reference/sec_segment_members.csv", "claims.csv")) {
            Files.copy(SAMPLE.resolve(f), input.resolve(f));
        }
        return input;
    }

    private static SparkSession spark() {
        return SharedSpark.spark();
    }

    /**
     * One run over every kind of bad row (a full run costs most of a minute, so the kinds share it): values that used
     * to crash the run, rows that used to pass in silence, and rows that are wrong in the ordinary ways. With
     * {@code --strict} it fails on the deliberately wrong gross profit, never with exit 4.
     */
    @Test
    void badRowsAreQuarantinedWithTheirReasonsAndStrictFailsOnReconciliation(@TempDir Path dir) throws IOException {
        Path input = inputFolder(dir);
        Files.writeString(input.resolve("fx_rates.csv"), "EUR,2024Q1,0,0.9,made up\nGBP,2024Q1,-0.8,-0.8,made up\n",
                StandardOpenOption.APPEND);
        // an upper-case extension is still a CSV
        Files.writeString(input.resolve("facts/a.CSV"), String.join("\n", FACTS_HEADER,
                "NVDA,2025,Q3,2024-10-27,USD,,cost_of_revenue,1e17,typo",
                "NVDA,2025,Q3,2024-10-27,USD,,capex,-813,sign flipped",
                "MSFT,2099,Q3,2099-03-31,USD,,revenue,1,a future quarter",
                "BABA,2025,Q3,2024-12-31,CNY,,revenue,9000000000000,units mistaken",
                "NVDA,2025,Q3,2024-10-27,USD,,net_income,19" + '\0' + "309,binary",
                "NVDA,2025,Q3,2024-02-30,USD,,net_income,19309,no such day") + "\n");
        Files.writeString(input.resolve("facts/bad.csv"), String.join("\n", FACTS_HEADER,
                "NVDA,2025,Q3,2024-10-27,USD,,revenue,35082,NVIDIA 10-Q Q3 FY2025",
                "NVDA,2025,Q3,2024-10-27,USD,,cost_of_revenue,8926,NVIDIA 10-Q Q3 FY2025",
                "NVDA,2025,Q3,2024-10-27,USD,,gross_profit,26000,deliberately wrong",
                "NVDA,2025,Q3,2024-10-27,USD,,capex,eight hundred,typo",
                "ZZZZ,2025,Q3,2024-10-27,USD,,revenue,1,unknown company",
                "NVDA,2025,Q3,2024-10-27,USD,,net_income,19309,NVIDIA 10-Q",
                "NVDA,2025,Q3,2024-10-27,USD,,net_income,19300,a different value",
                "BABA,2027,Q2,2026-09-30,CNY,,revenue,1,no FX rate yet",
                "NVDA,2025,Q3,2024-10-27,USD") + "\n");
        // the optional segment column left out
        Files.writeString(input.resolve("facts/b.csv"), "ticker,fiscal_year,fiscal_period,period_end,currency,metric,value,source\n"
                + "MSFT,2026,Q1,2025-09-30,USD,revenue,77673,Microsoft 10-Q Q1 FY2026\n");
        Path warehouse = dir.resolve("warehouse");

        Captured c = cli("run", "--strict", "--input", input.toString(), "--warehouse", warehouse.toString());

        assertEquals(ExitCodes.CHECKS_FAILED, c.exit(), c.err());
        assertTrue(c.err().contains("gross_profit_identity"), c.err());
        new org.aivaluechain.warehouse.Warehouse(spark(), warehouse.toString()).registerExisting();
        String a = input.resolve("facts/a.CSV").toString();
        String bad = input.resolve("facts/bad.csv").toString();
        String fx = input.resolve("fx_rates.csv").toString();
        assertRows(spark().sql("SELECT input_file, line_number, reason FROM bronze.quarantine "
                        + "WHERE NOT startswith(reason, 'period_end 2099')"), "*",
                row(a, 2, "value '1e17' is out of range for DECIMAL(20,4) (at most 16 digits before the point)"),
                row(a, 3, "capex -813.0000 is negative, which a capex cannot be"),
                row(a, 5, "value 9000000000000.0000 is out of range (limit: magnitude below 1000000000000 millions, "
                        + "also once converted to USD)"),
                row(a, 6, "contains NUL bytes (\\0): binary data or a UTF-16 file?"),
                row(a, 7, "period_end '2024-02-30' is not a date (YYYY-MM-DD)"),
                row(bad, 5, "value 'eight hundred' is not a number"),
                row(bad, 6, "unknown ticker 'ZZZZ' (not in companies)"),
                row(bad, 7, "conflicting values for the same fact in this file (lines 7, 8)"),
                row(bad, 8, "conflicting values for the same fact in this file (lines 7, 8)"),
                row(bad, 9, "no FX rate for CNY in 2026Q3"),
                row(bad, 10, "expected 9 fields, found 5"),
                row(fx, 92, "avg_per_usd 0.0000 is not positive"),
                row(fx, 93, "avg_per_usd -0.8000 is not positive; end_per_usd -0.8000 is not positive"));
        assertRows(spark().sql("SELECT input_file, line_number FROM bronze.quarantine "
                + "WHERE startswith(reason, 'period_end 2099-03-31 is after the run date ')"), "*", row(a, 4));
        assertRows(spark().sql("SELECT input_file, rows_read, rows_loaded, rows_quarantined FROM bronze.load_runs "
                        + "WHERE input_file LIKE '%/facts/%' OR input_file = '" + fx + "'"), "*",
                row(fx, 92, 90, 2),
                row(a, 6, 0, 6),
                row(bad, 9, 3, 6),
                row(input.resolve("facts/b.csv").toString(), 1, 1, 0));
        assertRows(spark().sql("SELECT ticker, fiscal_year, fiscal_quarter, revenue FROM silver.quarterly_financials"),
                "*", row("MSFT", 2026, 1, 77673), row("NVDA", 2025, 3, 35082));
        // 35,082 - 8,926 = 26,156 against the 26,000 in the file
        assertRows(spark().sql("SELECT expected, actual, passed FROM silver.reconciliation "
                + "WHERE check_name = 'gross_profit_identity'"), "*", row(26156, 26000, false));
    }

    @Test
    void aRepeatedCompanyStopsTheRunNamingBothLines(@TempDir Path dir) throws IOException {
        Path input = inputFolder(dir);
        Path companies = input.resolve("companies.csv");
        List<String> lines = Files.readAllLines(companies);
        String nvidia = lines.stream().filter(l -> l.startsWith("NVDA,")).findFirst().orElseThrow();
        Files.writeString(companies, nvidia + "\n", StandardOpenOption.APPEND);
        Files.writeString(input.resolve("facts/a.csv"), FACTS_HEADER + "\n");

        Captured c = cli("run", "--input", input.toString(), "--warehouse", dir.resolve("w").toString());

        assertEquals(ExitCodes.INPUT_ERROR, c.exit(), c.err());
        assertEquals("valuechain: input file " + companies + " lists ticker 'NVDA' twice, on lines "
                + (lines.indexOf(nvidia) + 1) + " and " + (lines.size() + 1) + ": keep one of them",
                c.err().lines().filter(l -> l.startsWith("valuechain:")).findFirst().orElse(c.err()));
    }

    @Test
    void aCompanyRowThatCannotBeRightStopsTheRunNamingItInsteadOfCascading(@TempDir Path dir) throws IOException {
        Path input = inputFolder(dir);
        Path companies = input.resolve("companies.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(companies));
        // the optional year-end-change columns, given for NVIDIA by half (a month without its last year end)
        lines.set(0, lines.get(0) + ",previous_fiscal_year_end_month,previous_fiscal_year_end");
        int nvidia = -1;
        for (int i = 1; i < lines.size(); i++) {
            boolean isNvidia = lines.get(i).startsWith("NVDA,");
            lines.set(i, lines.get(i) + (isNvidia ? ",12," : ",,"));
            nvidia = isNvidia ? i + 1 : nvidia;
        }
        assertTheRunStopsOnCompanyRow(dir, lines, nvidia, "fiscal year end change: give "
                + "previous_fiscal_year_end_month and previous_fiscal_year_end together, or neither");
    }

    @Test
    void aCompanyValueNotInItsColumnsFormStopsTheRunToo(@TempDir Path dir) throws IOException {
        // refused by the reader (recast_from must be a calendar quarter), not by the checks after it: the same stop
        Path input = inputFolder(dir);
        Path companies = input.resolve("companies.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(companies));
        int dell = -1;
        for (int i = 1; i < lines.size(); i++) {
            dell = lines.get(i).startsWith("DELL,") ? i + 1 : dell;
        }
        lines.set(dell - 1, lines.get(dell - 1).replace(",2021Q4,", ",2021Q5,"));
        assertTheRunStopsOnCompanyRow(dir, lines, dell, "recast_from '2021Q5' is not a calendar quarter like 2024Q3");
    }

    /** companies.csv as given, a facts file with its header only: the run stops at the line, with the reason. */
    private static void assertTheRunStopsOnCompanyRow(Path dir, List<String> companyLines, int line, String reason)
            throws IOException {
        Path input = dir.resolve("input");
        Path companies = input.resolve("companies.csv");
        Files.write(companies, companyLines);
        Files.writeString(input.resolve("facts/a.csv"), FACTS_HEADER + "\n");

        Captured c = cli("run", "--input", input.toString(), "--warehouse", dir.resolve("w").toString());

        assertEquals(ExitCodes.INPUT_ERROR, c.exit(), c.err());
        assertEquals("valuechain: input file " + companies + " line " + line + ": " + reason + "; fix the row "
                        + "(every other input is checked against this file, so leaving the row out would turn all of its "
                        + "company's facts into unknown tickers)",
                c.err().lines().filter(l -> l.startsWith("valuechain:")).findFirst().orElse(c.err()));
    }

    @Test
    void aFolderOrAFileThatIsNotCsvInFactsStopsTheRunNamingIt(@TempDir Path dir) throws IOException {
        Path input = inputFolder(dir);
        Files.writeString(input.resolve("facts/a.csv"), FACTS_HEADER + "\n");
        Files.createDirectories(input.resolve("facts/2025"));

        Captured c = cli("run", "--input", input.toString(), "--warehouse", dir.resolve("w").toString());
        assertEquals(ExitCodes.INPUT_ERROR, c.exit(), c.err());
        assertTrue(c.err().contains("valuechain: facts/ holds a folder, " + input.resolve("facts/2025")), c.err());

        Files.delete(input.resolve("facts/2025"));
        Files.writeString(input.resolve("facts/notes.txt"), "not a CSV\n");
        c = cli("run", "--input", input.toString(), "--warehouse", dir.resolve("w").toString());
        assertEquals(ExitCodes.INPUT_ERROR, c.exit(), c.err());
        assertTrue(c.err().contains("valuechain: facts/ holds " + input.resolve("facts/notes.txt")
                + ", which is not a .csv file"), c.err());
    }
}

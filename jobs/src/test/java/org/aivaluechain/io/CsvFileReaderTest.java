package org.aivaluechain.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileReaderTest {

    private static final String HEADER = "ticker,fiscal_year,fiscal_period,period_end,currency,segment,metric,value,source\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void badRowsAreQuarantinedWithLineAndReasonAndGoodRowsAreTyped() throws IOException {
        Path file = write("facts.csv", HEADER
                + "NVDA,2025,Q3,2024-10-27,USD,,revenue,35082,NVIDIA 10-Q\n"          // line 2: good
                + "NVDA,2025,Q3,2024-10-27,USD,,revenue,n/a,NVIDIA 10-Q\n"            // line 3: not a number
                + "NVDA,2025,Q3,2024-10-27,USD,,revenue\n"                            // line 4: too few fields
                + "NVDA,2025,Q5,27/10/2024,USD,,sales,1,x\n"                          // line 5: three problems
                + "\n"
                + "MSFT,2026,Q1,2025-09-30,USD,,\"capex\",19394,\"MSFT 10-Q, cash flow\"\n"); // line 7: good, quoted
        ParsedFile parsed = CsvFileReader.read(file, CuratedInputs.FACTS);

        assertEquals(5, parsed.rowsRead());
        assertEquals(2, parsed.rows().size());
        Object[] first = parsed.rows().get(0);
        assertEquals("NVDA", first[0]);
        assertEquals(2025, first[1]);
        assertEquals(java.sql.Date.valueOf("2024-10-27"), first[3]);
        assertEquals("", first[5]);
        assertEquals(new BigDecimal("35082"), first[7]);
        assertEquals(2L, first[10]);
        assertEquals("MSFT 10-Q, cash flow", parsed.rows().get(1)[8]);
        assertEquals(7L, parsed.rows().get(1)[10]);

        List<QuarantinedRecord> rejects = parsed.rejects();
        assertEquals(3L, rejects.get(0).lineNumber());
        assertEquals("value 'n/a' is not a number", rejects.get(0).reason());
        assertEquals(4L, rejects.get(1).lineNumber());
        assertEquals("expected 9 fields, found 7", rejects.get(1).reason());
        assertEquals(5L, rejects.get(2).lineNumber());
        assertEquals("fiscal_period 'Q5' is not one of [FY, Q1, Q2, Q3, Q4]; "
                + "period_end '27/10/2024' is not a date (YYYY-MM-DD); "
                + "metric 'sales' is not one of [capex, cost_of_revenue, depreciation, depreciation_amortization, "
                + "finance_lease_principal, gross_profit, net_income, operating_income, revenue]", rejects.get(2).reason());
    }

    @Test
    void lastRowWithoutLineEndKeepsItsLineNumber() throws IOException {
        Path file = write("facts.csv", HEADER + "NVDA,2025,Q3,2024-10-27,USD,,revenue,35082,a\n"
                + "NVDA,2025,Q3,2024-10-27,USD,,capex,x,b");
        ParsedFile parsed = CsvFileReader.read(file, CuratedInputs.FACTS);
        assertEquals(2L, parsed.rows().get(0)[10]);
        assertEquals(3L, parsed.rejects().get(0).lineNumber());
    }

    @Test
    void missingFileStopsWithOneLineError() {
        InputFileException e = assertThrows(InputFileException.class,
                () -> CsvFileReader.read(dir.resolve("nope.csv"), CuratedInputs.FACTS));
        assertEquals("input file not found: " + dir.resolve("nope.csv"), e.getMessage());
    }

    @Test
    void headerWithoutARequiredColumnStopsTheRun() throws IOException {
        Path file = write("fx.csv", "currency,quarter,avg_per_usd,source\nCNY,2024Q1,7.19,x\n");
        InputFileException e = assertThrows(InputFileException.class, () -> CsvFileReader.read(file, CuratedInputs.FX_RATES));
        assertTrue(e.getMessage().contains("has no column 'end_per_usd'"), e.getMessage());
    }

    @Test
    void unknownColumnIsAnErrorNotSilentlyIgnored() throws IOException {
        Path file = write("fx.csv", "currency,quarter,avg_per_usd,end_per_usd,source,comment\nCNY,2024Q1,7.19,7.2,x,y\n");
        InputFileException e = assertThrows(InputFileException.class, () -> CsvFileReader.read(file, CuratedInputs.FX_RATES));
        assertTrue(e.getMessage().contains("unknown column 'comment'"), e.getMessage());
    }

    @Test
    void inputFolderGivenAsAFileUriIsReadThroughHadoopFileSystem() throws IOException {
        Files.createDirectories(dir.resolve("facts"));
        Files.writeString(dir.resolve("facts/b.csv"), HEADER + "NVDA,2025,Q3,2024-10-27,USD,,revenue,35082,x\n");
        Files.writeString(dir.resolve("facts/a.csv"), HEADER + "NVDA,2025,Q3,2024-10-27,USD,,capex,813,y\n");
        Files.writeString(dir.resolve("facts/notes.txt"), "not an input\n");
        String uri = dir.toUri().toString(); // file:///tmp/.../
        CuratedInputs inputs = new CuratedInputs(uri, new org.apache.hadoop.conf.Configuration());

        List<InputFile> facts = inputs.factFiles();
        // Hadoop writes file:///tmp/x as file:/tmp/x
        assertEquals(List.of("file:" + dir.resolve("facts/a.csv"), "file:" + dir.resolve("facts/b.csv")),
                facts.stream().map(InputFile::toString).toList());
        ParsedFile parsed = CsvFileReader.read(facts.get(1), CuratedInputs.FACTS);
        assertEquals(new BigDecimal("35082"), parsed.rows().get(0)[7]);
        assertEquals(facts.get(1).toString(), parsed.inputFile());
        InputFileException e = assertThrows(InputFileException.class,
                () -> CsvFileReader.read(inputs.companies(), CuratedInputs.COMPANIES));
        assertEquals("input file not found: " + inputs.companies(), e.getMessage());
    }
}

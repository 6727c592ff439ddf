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
                // the allowed names are the one metric list, sorted
                + "metric 'sales' is not one of " + new java.util.TreeSet<>(org.aivaluechain.model.Metrics.names()),
                rejects.get(2).reason());
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
        Files.writeString(dir.resolve("facts/.DS_Store"), "hidden: not an input\n");
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

    @Test
    void factFilesInAnyCaseOfExtensionAreLoadedAndAnythingElseIsNamedInAnError() throws IOException {
        Files.createDirectories(dir.resolve("facts"));
        Files.writeString(dir.resolve("facts/b.CSV"), HEADER);
        Files.writeString(dir.resolve("facts/a.csv"), HEADER);
        Files.writeString(dir.resolve("facts/_SUCCESS"), "");
        CuratedInputs inputs = new CuratedInputs(dir);
        assertEquals(List.of(dir.resolve("facts/a.csv").toString(), dir.resolve("facts/b.CSV").toString()),
                inputs.factFiles().stream().map(InputFile::toString).toList());

        Files.writeString(dir.resolve("facts/c.csv.bak"), HEADER);
        InputFileException e = assertThrows(InputFileException.class, inputs::factFiles);
        assertEquals("facts/ holds " + dir.resolve("facts/c.csv.bak")
                + ", which is not a .csv file: move it out of facts/ (or rename a CSV file to *.csv)", e.getMessage());
        Files.delete(dir.resolve("facts/c.csv.bak"));

        Files.createDirectories(dir.resolve("facts/2025.csv"));
        e = assertThrows(InputFileException.class, inputs::factFiles);
        assertEquals("facts/ holds a folder, " + dir.resolve("facts/2025.csv")
                + ": facts files are the *.csv files directly in facts/", e.getMessage());
    }

    @Test
    void numbersMustFitTheAmountTypeExactlyAndDatesMustExist() throws IOException {
        Path file = write("facts.csv", HEADER
                + "NVDA,2025,Q3,2024-10-27,USD,,revenue,9999999999999999.9999,a\n"   // line 2: largest DECIMAL(20,4)
                + "NVDA,2025,Q3,2024-10-27,USD,,revenue,10000000000000000,a\n"       // line 3: one more
                + "NVDA,2025,Q3,2024-10-27,USD,,revenue,1e400,a\n"                   // line 4
                + "NVDA,2025,Q3,2024-10-27,USD,,revenue,1.00001,a\n"                 // line 5: would be rounded
                + "NVDA,2025,Q3,2024-10-27,USD,,revenue,1.23450000,a\n"              // line 6: trailing zeros fit
                + "NVDA,2025,Q3,2024-10-27,USD,,revenue,NaN,a\n"                     // line 7
                + "NVDA,2025,Q3,2024-02-30,USD,,revenue,1,a\n"                       // line 8
                + "NVDA,2025,Q3,+12024-10-27,USD,,revenue,1,a\n"                     // line 9
                + "NVDA,2025.5,Q3,2024-10-27,USD,,revenue,1,a\n");                   // line 10
        ParsedFile parsed = CsvFileReader.read(file, CuratedInputs.FACTS);
        assertEquals(List.of(2L, 6L), parsed.rows().stream().map(r -> (Long) r[10]).toList());
        assertEquals(List.of(
                "value '10000000000000000' is out of range for DECIMAL(20,4) (at most 16 digits before the point)",
                "value '1e400' is out of range for DECIMAL(20,4) (at most 16 digits before the point)",
                "value '1.00001' has more than 4 decimal places",
                "value 'NaN' is not a number",
                "period_end '2024-02-30' is not a date (YYYY-MM-DD)",
                "period_end '+12024-10-27' is not a date (YYYY-MM-DD)",
                "fiscal_year '2025.5' is not a whole number"),
                parsed.rejects().stream().map(QuarantinedRecord::reason).toList());
    }

    @Test
    void aDateOrMonthIsADayOrAMonthThatExists() throws IOException {
        Path file = write("deals.csv", "deal_id,announced_date,from_party,to_party,deal_type,amount_usd_bn,"
                + "amount_note,gigawatts,source\n"
                + "D1,2023-09,A,B,warrant,,,,s\n"
                + "D2, 2024-02-29 ,A,B,warrant,,,,s\n"
                + "D3,2023-13,A,B,warrant,,,,s\n"
                + "D4,2025-02-29,A,B,warrant,,,,s\n"
                + "D5,2025,A,B,warrant,,,,s\n"
                + "D6,,A,B,warrant,,,,s\n");
        ParsedFile parsed = CsvFileReader.read(file, DealInputs.DEALS);
        assertEquals(List.of("2023-09", "2024-02-29"), parsed.rows().stream().map(r -> (String) r[1]).toList());
        assertEquals(List.of(
                "announced_date '2023-13' is not a date (YYYY-MM-DD) or a month (YYYY-MM)",
                "announced_date '2025-02-29' is not a date (YYYY-MM-DD) or a month (YYYY-MM)",
                "announced_date '2025' is not a date (YYYY-MM-DD) or a month (YYYY-MM)",
                "announced_date is empty"),
                parsed.rejects().stream().map(QuarantinedRecord::reason).toList());
    }

    @Test
    void aRepeatedKeyInAReferenceFileStopsTheRunNamingBothLines() throws IOException {
        Path file = write("fx.csv", "currency,quarter,avg_per_usd,end_per_usd,source\n"
                + "CNY,2024Q1,7.19,7.2,x\n"
                + "CNY,2024Q2,7.2,7.2,x\n"
                + "CNY,2024Q1,7.1,7.2,y\n");
        InputFileException e = assertThrows(InputFileException.class, () -> CsvFileReader.read(file, CuratedInputs.FX_RATES));
        assertEquals("input file " + file + " lists currency 'CNY', quarter '2024Q1' twice, on lines 2 and 4: "
                + "keep one of them", e.getMessage());
    }

    @Test
    void anOptionalColumnMayBeAbsent() throws IOException {
        Path file = write("facts.csv", "ticker,fiscal_year,fiscal_period,period_end,currency,metric,value,source\n"
                + "NVDA,2025,Q3,2024-10-27,USD,revenue,35082,a\n");
        ParsedFile parsed = CsvFileReader.read(file, CuratedInputs.FACTS);
        assertEquals(List.of(), parsed.rejects());
        assertEquals("", parsed.rows().get(0)[5]);
        assertEquals(new BigDecimal("35082"), parsed.rows().get(0)[7]);
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreRead() throws IOException {
        Path file = write("facts.csv", "\uFEFF" + HEADER.replace("\n", "\r\n")
                + "NVDA,2025,Q3,2024-10-27,USD,,revenue,35082,\"a\r\nb\"\r\n"
                + "NVDA,2025,Q3,2024-10-27,USD,,capex,813,c\r\n");
        ParsedFile parsed = CsvFileReader.read(file, CuratedInputs.FACTS);
        assertEquals(List.of(), parsed.rejects());
        assertEquals(List.of(2L, 4L), parsed.rows().stream().map(r -> (Long) r[10]).toList());
    }

    @Test
    void nulBytesAreAReasonInARowAndAnErrorInTheHeader() throws IOException {
        Path file = write("facts.csv", HEADER + "NVDA,2025,Q3,2024-10-27,USD,,revenue,350" + '\0' + "82,a\n");
        ParsedFile parsed = CsvFileReader.read(file, CuratedInputs.FACTS);
        assertEquals(List.of(new QuarantinedRecord(file.toString(), 2, "NVDA,2025,Q3,2024-10-27,USD,,revenue,350\\082,a",
                "contains NUL bytes (\\0): binary data or a UTF-16 file?")), parsed.rejects());

        Path utf16 = dir.resolve("utf16.csv");
        Files.writeString(utf16, HEADER, java.nio.charset.StandardCharsets.UTF_16LE);
        InputFileException e = assertThrows(InputFileException.class, () -> CsvFileReader.read(utf16, CuratedInputs.FACTS));
        assertEquals("input file " + utf16 + " has NUL bytes in its header: not a UTF-8 text file (UTF-16, or binary data?)",
                e.getMessage());
    }
}

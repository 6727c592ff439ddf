package org.aivaluechain.io.sec;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.row;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.aivaluechain.io.InputFileException;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The FSDS reader on the hand-made fixtures under sec/fsds (see their README) and on the real sample quarter. */
@ExtendWith(SharedSpark.class)
class FsdsReaderTest {

    /** bronze.sec_facts without run_id, in DDL order. */
    private static final String FACT_COLUMNS = "source_format:string, source_file:string, accession:string, cik:int, "
            + "entity_name:string, form:string, filed:date, filing_fiscal_year:int, filing_fiscal_period:string, "
            + "fiscal_year_end:string, taxonomy:string, taxonomy_version:string, tag:string, unit:string, "
            + "period_start:date, period_end:date, duration_quarters:int, segments:string, coreg:string, "
            + "frame:string, value:decimal(28,4)";

    /** Column "file": the source file's last path element (the absolute prefix depends on the machine). */
    private static Dataset<Row> named(Dataset<Row> frame) {
        return frame.withColumn("file", expr("substring_index(source_file, '/', -1)"));
    }

    @TempDir
    Path tmp;

    private static final FsdsReader READER = new FsdsReader(SharedSpark.spark());

    /**
     * The reader's three Datasets evaluated once and held as local frames, so each assertion does not replan
     * and rerun the joins (the tests' cost is per Spark job, not per row).
     */
    private static SecRead read(String path) {
        SecRead read = READER.read(path);
        return new SecRead(local(read.facts()), local(read.quarantine()), local(read.rowsRead()));
    }

    private static Dataset<Row> local(Dataset<Row> frame) {
        return SharedSpark.spark().createDataFrame(frame.collectAsList(), frame.schema());
    }

    private static Path fixture(String name) {
        try {
            return Path.of(FsdsReaderTest.class.getResource("/sec/fsds/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String schemaOf(Dataset<Row> frame) {
        return Arrays.stream(frame.schema().fields())
                .map(f -> f.name() + ":" + f.dataType().simpleString()).collect(Collectors.joining(", "));
    }

    /** rows_read = facts + quarantined lines for every file: what the ingest checks per run. */
    private static void assertEveryLineAccountedFor(SecRead read) {
        read.rowsRead().createOrReplaceTempView("fsds_rows_read");
        read.facts().createOrReplaceTempView("fsds_facts");
        read.quarantine().createOrReplaceTempView("fsds_quarantine");
        assertRows(SharedSpark.spark().sql("SELECT r.source_file FROM fsds_rows_read r WHERE r.rows_read <> "
                        + "(SELECT count(*) FROM fsds_facts f WHERE f.source_file = r.source_file) + "
                        + "(SELECT count(*) FROM fsds_quarantine q WHERE q.source_file = r.source_file AND q.location <> '')"),
                "source_file");
    }

    /** A zip of the fixture folder's files, plus a readme.htm the reader must skip. */
    private Path zipOf(Path folder, String zipName) throws IOException {
        Path zip = tmp.resolve(zipName);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
             Stream<Path> files = Files.list(folder)) {
            z.putNextEntry(new ZipEntry("readme.htm"));
            z.write("<html>not data</html>".getBytes());
            for (Path file : files.sorted().toList()) {
                z.putNextEntry(new ZipEntry(file.getFileName().toString()));
                z.write(Files.readAllBytes(file));
            }
        }
        return zip;
    }

    private Path copyFolder(Path folder, String name) throws IOException {
        Path target = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    @Test
    void directoryOfQuarterFoldersLoadsEveryFactWithItsSubmission() {
        SecRead read = read(fixture("history").toString());

        assertEquals(FACT_COLUMNS, schemaOf(read.facts()));
        assertRows(named(read.facts()), "file, accession, tag, period_end, duration_quarters, segments, coreg, value",
                // 2010q2: real rows of the SEC's 2010q2.zip
                row("2010q2", "0001045810-10-000018", "Revenues", "2010-04-30", 1, "", "", "1001813000"),
                row("2010q2", "0001045810-10-000018", "Revenues", "2009-04-30", 1, "", "", "664231000"),
                row("2010q2", "0001045810-10-000018", "OperatingIncomeLoss", "2010-04-30", 1, "", "", "147393000"),
                row("2010q2", "0001045810-10-000018", "IncomeLossBeforeIncomeTaxExpenseBenefit", "2010-04-30", 1, "", "",
                        "150725000"),
                row("2010q2", "0001193125-10-088957", "SalesRevenueNet", "2010-03-31", 1, "", "", "13499000000"),
                row("2010q2", "0001193125-10-088957", "SalesRevenueNet", "2010-03-31", 2, "", "", "29182000000"),
                row("2010q2", "0001193125-10-088957", "PaymentsToAcquireProductiveAssets", "2010-03-31", 2, "", "",
                        "650000000"),
                row("2010q2", "0001193125-10-088957", "PaymentsToAcquireProductiveAssets", "2009-03-31", 2, "", "",
                        "439000000"),
                row("2010q2", "0001193125-10-090367", "PaymentsToAcquirePropertyPlantAndEquipment", "2010-03-31", 1, "",
                        "", "140000000"),
                row("2010q2", "0001193125-10-090367", "PaymentsToAcquirePropertyPlantAndEquipment", "2010-03-31", 4, "",
                        "", "458000000"),
                row("2010q2", "0001193125-10-090116", "NetIncomeLoss", "2010-03-31", 1, "", "", "4006000000"),
                row("2010q2", "0001193125-10-090116", "NetIncomeLoss", "2010-03-31", 1,
                        "EquityComponents=RetainedEarnings;", "", "4006000000"),
                row("2010q2", "0000055785-10-000019", "SalesRevenueNet", "2010-03-31", 1, "", "", "4835"),
                row("2010q2", "0000055785-10-000026", "SalesRevenueNet", "2010-03-31", 1, "", "", "4835000000"),
                row("2010q2", "0001193125-10-091626", "NetIncomeLoss", "2010-03-31", 1, "", "", "749000000"),
                row("2010q2", "0001193125-10-091626", "Revenues", "2010-03-31", 1, "LegalEntity=ExelonGenerationCoLLC;",
                        "ExelonGenerationCoLLC", "2421000000"),
                row("2019q1", "0000320193-19-000010", "RevenueFromContractWithCustomerExcludingAssessedTax",
                        "2018-12-31", 1, "", "", "84310000000"),
                row("2019q1", "0001045810-19-000023", "RevenueFromContractWithCustomerExcludingAssessedTax",
                        "2019-01-31", 4, "", "", "11716000000"),
                row("2019q2", "0001045810-19-999999", "RevenueFromContractWithCustomerExcludingAssessedTax",
                        "2019-01-31", 4, "", "", "11700000000"),
                row("2024q4", "0001045810-24-000316", "Revenues", "2024-10-31", 1, "", "", "35082000000"),
                row("2024q4", "0001045810-24-000316", "Revenues", "2024-10-31", 1,
                        "BusinessSegments=ComputeAndNetworking;", "", "31036000000"),
                row("2024q4", "0001045810-24-000316", "Revenues", "2024-10-31", 1, "BusinessSegments=Graphics;", "",
                        "4046000000"));
        String submission = "source_format, accession, cik, entity_name, form, filed, filing_fiscal_year, "
                + "filing_fiscal_period, fiscal_year_end, unit, period_start, frame";
        assertRows(read.facts().selectExpr(submission.split(", ")).distinct(), submission,
                row("fsds", "0001045810-10-000018", 1045810, "NVIDIA CORP", "10-Q", "2010-05-21", 2010, "Q2", "1231", "USD", null, null),
                row("fsds", "0001193125-10-088957", 320193, "APPLE INC", "10-Q", "2010-04-21", 2010, "Q2", "0930", "USD", null, null),
                row("fsds", "0001193125-10-090367", 1018724, "AMAZON COM INC", "10-Q", "2010-04-23", 2010, "Q1", "1231", "USD", null, null),
                row("fsds", "0001193125-10-090116", 789019, "MICROSOFT CORP", "10-Q", "2010-04-22", 2010, "Q3", "0630", "USD", null, null),
                row("fsds", "0000055785-10-000019", 55785, "KIMBERLY CLARK CORP", "10-Q", "2010-05-07", 2010, "Q1", "1231", "USD", null, null),
                row("fsds", "0000055785-10-000026", 55785, "KIMBERLY CLARK CORP", "10-Q/A", "2010-05-14", 2010, "Q1", "1231", "USD", null, null),
                row("fsds", "0001193125-10-091626", 1109357, "EXELON CORP", "10-Q", "2010-04-23", 2010, "Q1", "1231", "USD", null, null),
                row("fsds", "0000320193-19-000010", 320193, "APPLE INC", "10-Q", "2019-01-30", 2019, "Q1", "0930", "USD", null, null),
                row("fsds", "0001045810-19-000023", 1045810, "NVIDIA CORP", "10-K", "2019-02-21", 2019, "FY", "0131", "USD", null, null),
                row("fsds", "0001045810-19-999999", 1045810, "NVIDIA CORP", "10-K/A", "2019-05-15", 2019, "FY", "0131", "USD", null, null),
                row("fsds", "0001045810-24-000316", 1045810, "NVIDIA CORP", "10-Q", "2024-11-20", 2025, "Q3", "0131", "USD", null, null));
        assertRows(read.facts().select("taxonomy_version", "taxonomy").distinct(), "taxonomy_version, taxonomy",
                row("us-gaap/2009", "us-gaap"), row("us-gaap/2018", "us-gaap"), row("us-gaap/2024", "us-gaap"),
                row("0001045810-10-000018", "custom"));
        assertRows(read.quarantine(), "source_file");
        assertRows(named(read.rowsRead()), "file, rows_read",
                row("2010q2", 16L), row("2019q1", 2L), row("2019q2", 1L), row("2024q4", 3L));
        assertEveryLineAccountedFor(read);
    }

    @Test
    void quarterlyZipReadsLikeItsExtractedFolder() throws IOException {
        Path zip = zipOf(fixture("history/2010q2"), "2010q2.zip");
        SecRead read = read(zip.toString());

        assertRows(read.rowsRead(), "source_file, rows_read", row("file:" + zip, 16L));
        String[] sameColumns = Arrays.stream(FACT_COLUMNS.split(", ")).map(c -> c.split(":")[0])
                .filter(c -> !c.equals("source_file")).toArray(String[]::new);
        Dataset<Row> fromFolder = read(fixture("history/2010q2").toString()).facts()
                .selectExpr(sameColumns);
        Dataset<Row> fromZip = read.facts().selectExpr(sameColumns);
        assertEquals(16, fromZip.count());
        assertEquals(0, fromZip.exceptAll(fromFolder).count());
        assertEquals(0, fromFolder.exceptAll(fromZip).count());
        assertRows(read.quarantine(), "source_file");
    }

    @Test
    void badNumLinesAreQuarantinedWithFileLineAndReason() {
        SecRead read = read(fixture("bad/rows").toString());

        assertRows(read.facts(), "accession, period_end, value", row("0000000001-10-000001", "2010-03-31", "100"));
        assertRows(named(read.quarantine()), "file, location, reason",
                row("rows", "num.txt line 3", "expected 10 fields, found 9"),
                row("rows", "num.txt line 4", "value '12abc' is not a number"),
                row("rows", "num.txt line 5", "ddate '2010-03-31' is not a date (yyyymmdd); qtrs 'one' is not a whole number"),
                row("rows", "num.txt line 6", "no value"),
                row("rows", "num.txt line 7", "no sub.txt row for adsh 0000000001-10-000009"),
                row("rows", "num.txt line 8", "sub.txt line 3: filed '2010-05-06' is not a date (yyyymmdd)"),
                row("rows", "num.txt line 9", "sub.txt has 2 rows for adsh 0000000001-10-000003"),
                row("rows", "num.txt line 10", "sub.txt line 6: expected 36 fields, found 35"),
                row("rows", "num.txt line 11", "ddate '20100231' is not a date (yyyymmdd)"));
        assertRows(read.quarantine().filter("location = 'num.txt line 4'"), "raw_record",
                row("0000000001-10-000001\tRevenues\tus-gaap/2009\t20100331\t1\tUSD\t\t\t12abc\t"));
        assertRows(named(read.rowsRead()), "file, rows_read", row("rows", 10L));
        assertEveryLineAccountedFor(read);
    }

    @Test
    void brokenFilesAreQuarantinedWholeAndTheOthersStillLoad() throws IOException {
        zipOf(fixture("headers-only/2009q1"), "2009q1.zip");
        zipOf(fixture("bad/no-num"), "no-num.zip");
        Files.writeString(tmp.resolve("not-a-zip.zip"), "adsh\tcik\n");
        byte[] whole = Files.readAllBytes(zipOf(fixture("history/2010q2"), "whole.zip"));
        Files.delete(tmp.resolve("whole.zip"));
        Files.write(tmp.resolve("truncated.zip"), Arrays.copyOf(whole, whole.length / 2));
        copyFolder(fixture("bad/no-sub"), "no-sub");
        copyFolder(fixture("bad/wrong-header"), "wrong-header");
        copyFolder(fixture("history/2019q2"), "2019q2");
        Files.createDirectories(tmp.resolve("not-fsds"));
        Files.writeString(tmp.resolve("notes.txt"), "not FSDS data");

        SecRead read = read(tmp.toString());

        assertRows(named(read.quarantine()).withColumn("reason_head", expr("regexp_replace(reason, ': java.*', '')")),
                "file, location, raw_record, reason_head",
                row("no-num.zip", "", null, "num.txt not found"),
                row("not-a-zip.zip", "", null, "num.txt not found; sub.txt not found"),
                row("truncated.zip", "", null, "cannot read zip"),
                row("no-sub", "", null, "sub.txt not found"),
                row("wrong-header", "", null, "num.txt header lacks column 'qtrs'"));
        assertRows(named(read.rowsRead()), "file, rows_read",
                row("2009q1.zip", 0L), row("no-num.zip", 0L), row("not-a-zip.zip", 0L), row("truncated.zip", 0L),
                row("no-sub", 0L), row("wrong-header", 0L), row("2019q2", 1L));
        assertRows(named(read.facts()), "file, accession, value", row("2019q2", "0001045810-19-999999", "11700000000"));
        assertEveryLineAccountedFor(read);
    }

    @Test
    void realSampleQuarterLoadsCompletely() {
        SecRead read = read("sample-data/sec/fsds/2010q2");

        assertRows(named(read.rowsRead()), "file, rows_read", row("2010q2", 212L));
        assertRows(read.quarantine(), "source_file");
        assertEquals(212, read.facts().count());
        // checked by hand against num.txt and sub.txt of the SEC's 2010q2.zip
        assertRows(read.facts().filter("(cik = 1045810 AND tag = 'Revenues') OR (cik = 789019 AND tag = 'Revenues' "
                        + "AND duration_quarters = 3)"),
                "accession, entity_name, form, filed, fiscal_year_end, tag, period_end, duration_quarters, value",
                row("0001045810-10-000018", "NVIDIA CORP", "10-Q", "2010-05-21", "1231", "Revenues", "2010-04-30", 1, "1001813000"),
                row("0001045810-10-000018", "NVIDIA CORP", "10-Q", "2010-05-21", "1231", "Revenues", "2009-04-30", 1, "664231000"),
                row("0001193125-10-090116", "MICROSOFT CORP", "10-Q", "2010-04-22", "0630", "Revenues", "2010-03-31", 3, "46445000000"),
                row("0001193125-10-090116", "MICROSOFT CORP", "10-Q", "2010-04-22", "0630", "Revenues", "2009-03-31", 3, "45338000000"));
        assertEveryLineAccountedFor(read);
    }

    @Test
    void zipStreamYieldsMarkersAndCleanNumberedLinesOfSubAndNumOnly() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("2010q2/"));
            z.putNextEntry(new ZipEntry("2010q2/pre.txt"));
            z.write("adsh\treport\n".getBytes());
            z.putNextEntry(new ZipEntry("2010q2/num.txt"));
            z.write("\uFEFFadsh\ttag\r\na\tb\r\n".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("sub.txt"));
        }
        List<String> rows = new ArrayList<>();
        FsdsLines.zipLines("q.zip", new ByteArrayInputStream(bytes.toByteArray()))
                .forEachRemaining(r -> rows.add(r.mkString("|")));
        assertEquals(List.of("q.zip||0|null|null", "q.zip|num.txt|0|null|null",
                "q.zip|num.txt|1|adsh\ttag|null", "q.zip|num.txt|2|a\tb|null", "q.zip|sub.txt|0|null|null"), rows);
    }

    @Test
    void missingPathIsAnInputFileError() {
        InputFileException e = assertThrows(InputFileException.class,
                () -> READER.read(tmp.resolve("nope.zip").toString()));
        assertEquals("FSDS input not found: " + tmp.resolve("nope.zip"), e.getMessage());
        InputFileException empty = assertThrows(InputFileException.class, () -> READER.read(tmp.toString()));
        assertEquals("no FSDS zip or folder with sub.txt / num.txt in " + tmp, empty.getMessage());
        // a path is a name, never a pattern
        InputFileException glob = assertThrows(InputFileException.class, () -> READER.read(tmp + "/2010q*.zip"));
        assertEquals("FSDS input not found: " + tmp + "/2010q*.zip", glob.getMessage());
    }

    @Test
    void namesWithCommasAndGlobCharactersAreReadAsNames() throws IOException {
        zipOf(fixture("history/2019q2"), "2019q2, amended [copy].zip");

        SecRead read = read(tmp.toString());

        assertRows(named(read.rowsRead()), "file, rows_read", row("2019q2, amended [copy].zip", 1L));
        assertRows(named(read.facts()), "file, value", row("2019q2, amended [copy].zip", "11700000000"));
    }

    @Test
    void archiveLayoutWithoutSegmentsReadsAsWholeEntityFacts() throws URISyntaxException {
        // Apple's FY2009 10-K/A in the SEC's archive layout (field case 06, sec/cases/README.md): num.txt has no
        // segments column
        SecRead read = read(Path.of(FsdsReaderTest.class.getResource("/sec/cases/06-fsds-archive-layout/fsds/2010q1")
                .toURI()).toString());

        assertRows(named(read.rowsRead()), "file, rows_read", row("2010q1", 215L));
        assertRows(read.quarantine(), "source_file");
        assertRows(read.facts().filter("period_end = '2009-09-30' AND duration_quarters = 4 AND tag IN "
                        + "('SalesRevenueNet', 'NetIncomeLoss', 'PaymentsToAcquireProductiveAssets')"),
                "cik, form, fiscal_year_end, tag, segments, coreg, value",
                row(320193, "10-K/A", "0930", "NetIncomeLoss", "", "", "8235000000"),
                row(320193, "10-K/A", "0930", "PaymentsToAcquireProductiveAssets", "", "", "1144000000"),
                row(320193, "10-K/A", "0930", "SalesRevenueNet", "", "", "42905000000"));
        assertEveryLineAccountedFor(read);
    }
}

package org.aivaluechain.io.sec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The streaming companyfacts parser on documents small enough to read whole; no Spark needed. */
class CompanyFactsReaderTest {

    private static final String DOC = """
            {"cik": 1045810, "entityName": "NVIDIA CORP", "facts": {
              "dei": {"EntityCommonStockSharesOutstanding": {"label": "x", "units": {"shares": [
                {"end": "2025-11-14", "val": 24300000000, "accn": "0001045810-25-000230", "fy": 2026, "fp": "Q3",
                 "form": "10-Q", "filed": "2025-11-19", "frame": "CY2025Q3I"}]}}},
              "us-gaap": {"Revenues": {"label": "Revenues", "description": "d", "units": {"USD": [
                {"start": "2025-07-28", "end": "2025-10-26", "val": 57006000000, "accn": "0001045810-25-000230",
                 "fy": 2026, "fp": "Q3", "form": "10-Q", "filed": "2025-11-19", "frame": "CY2025Q3"},
                "not a fact"]}}}}}
            """;

    private static List<Row> parse(String doc) {
        return CompanyFactsReader.parseJson("f.json", new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyUnitsElementIsAFactOrAQuarantineRowAndTheFileCountsThemAll() {
        List<Row> rows = parse(DOC);
        assertEquals(List.of(
                "[fact,null,null,null,null,companyfacts,f.json,0001045810-25-000230,1045810,NVIDIA CORP,10-Q,2025-11-19,"
                        + "2026,Q3,null,dei,null,EntityCommonStockSharesOutstanding,shares,null,2025-11-14,null,,,"
                        + "CY2025Q3I,24300000000.0000]",
                "[fact,null,null,null,null,companyfacts,f.json,0001045810-25-000230,1045810,NVIDIA CORP,10-Q,2025-11-19,"
                        + "2026,Q3,null,us-gaap,null,Revenues,USD,2025-07-28,2025-10-26,null,,,CY2025Q3,57006000000.0000]",
                "[quarantine,facts/us-gaap/Revenues/units/USD[1],<not an object>,a fact must be a JSON object,null,null,"
                        + "f.json,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null]",
                "[count,null,null,null,3,null,f.json,null,null,null,null,null,null,null,null,null,null,null,null,null,null,"
                        + "null,null,null,null,null]"),
                rows.stream().map(Row::toString).toList());
    }

    @Test
    void aTruncatedDocumentLoadsNothingAndSaysSo() {
        List<Row> rows = parse(DOC.substring(0, 300));
        assertEquals(2, rows.size());
        assertEquals("quarantine", rows.get(0).getString(0));
        assertEquals("", rows.get(0).getString(1));
        assertEquals(0L, rows.get(1).getLong(4));
    }

    @Test
    void eachJsonEntryOfAZipIsItsOwnSourceFile() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : List.of("CIK0001045810.json", "CIK0000000002.json")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(DOC.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("ignored".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        List<Row> counts = CompanyFactsReader.parseZip("cf.zip", new ByteArrayInputStream(bytes.toByteArray()))
                .stream().filter(r -> r.getString(0).equals("count")).toList();
        assertEquals(List.of("cf.zip!CIK0001045810.json=3", "cf.zip!CIK0000000002.json=3"),
                counts.stream().map(r -> r.getString(6) + "=" + r.getLong(4)).toList());
    }

    @Test
    void valuesThatDoNotFitTheDecimalAreQuarantinedWithTheReason() {
        String doc = """
                {"cik": 2, "entityName": "TEST FILER", "facts": {"us-gaap": {"Revenues": {"units": {"USD": [
                  {"end": "2024-03-31", "val": 1e400, "accn": "a-1"},
                  {"end": "2024-03-31", "val": 1e999999999, "accn": "a-1"},
                  {"end": "2024-03-31", "val": 0.12345, "accn": "a-1"},
                  {"end": "2024-03-31", "val": 123456789012345678901234, "accn": "a-1"}]}}}}}
                """;
        List<String> reasons = parse(doc).stream().filter(r -> r.getString(0).equals("quarantine"))
                .map(r -> r.getString(3)).toList();
        String outOfRange = "is out of range for DECIMAL(28,4) (more than 24 digits before the point)";
        assertEquals(List.of("val '1e400' " + outOfRange, "val '1e999999999' " + outOfRange,
                "val '0.12345' has more than 4 decimals"), reasons);
        // 24 digits before the point still fit
        assertEquals(1, parse(doc).stream().filter(r -> r.getString(0).equals("fact")).count());
    }
}

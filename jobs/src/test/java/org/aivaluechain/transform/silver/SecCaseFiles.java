package org.aivaluechain.transform.silver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.aivaluechain.io.sec.CompanyFactsReader;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.lit;

/**
 * bronze.sec_facts rows from the field cases under src/test/resources/sec/cases. FSDS quarter folders are read
 * here by header name, so both the current layout and the SEC's archive layout without {@code segments}
 * (case 06) and abridged {@code sub.txt} files (case 05) give the same rows, independently of the production
 * readers (io/sec, being rewritten); companyfacts JSON goes through {@link CompanyFactsReader}.
 */
final class SecCaseFiles {

    static final String SEC_FACTS = "source_format STRING, source_file STRING, accession STRING, cik INT, "
            + "entity_name STRING, form STRING, filed DATE, filing_fiscal_year INT, filing_fiscal_period STRING, "
            + "fiscal_year_end STRING, taxonomy STRING, taxonomy_version STRING, tag STRING, unit STRING, "
            + "period_start DATE, period_end DATE, duration_quarters INT, segments STRING, coreg STRING, "
            + "frame STRING, value DECIMAL(28,4), run_id STRING";

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private SecCaseFiles() {
    }

    static Path resource(String relative) {
        try {
            return Path.of(SecCaseFiles.class.getResource("/sec/cases/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Dataset<Row> companyFacts(String relative) {
        return new CompanyFactsReader(SharedSpark.spark()).read(resource(relative).toString()).facts()
                .withColumn("run_id", lit("r"));
    }

    /** Every num.txt row of every quarter folder under {@code relative}, joined to its sub.txt row. */
    static Dataset<Row> fsds(String relative) {
        List<Row> rows = new ArrayList<>();
        try (var quarters = Files.list(resource(relative))) {
            for (Path q : quarters.sorted().toList()) {
                rows.addAll(quarter(q));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SharedSpark.spark().createDataFrame(rows, StructType.fromDDL(SEC_FACTS));
    }

    private static List<Row> quarter(Path folder) throws IOException {
        Map<String, Map<String, String>> subs = new HashMap<>();
        for (Map<String, String> s : table(folder.resolve("sub.txt"))) {
            subs.put(s.get("adsh"), s);
        }
        List<Row> rows = new ArrayList<>();
        for (Map<String, String> n : table(folder.resolve("num.txt"))) {
            Map<String, String> s = subs.get(n.get("adsh"));
            String version = n.get("version");
            String taxonomy = version.equals(n.get("adsh")) ? "custom"
                    : version.startsWith("ifrs/") ? "ifrs-full" : version.substring(0, version.indexOf('/'));
            rows.add(RowFactory.create("fsds", folder.getFileName().toString(), n.get("adsh"),
                    Integer.valueOf(s.get("cik")), s.get("name"), s.get("form"), date(s.get("filed")),
                    s.get("fy").isEmpty() ? null : Integer.valueOf(s.get("fy")), s.get("fp"), s.get("fye"),
                    taxonomy, version, n.get("tag"), n.get("uom"), null, date(n.get("ddate")),
                    Integer.valueOf(n.get("qtrs")), n.getOrDefault("segments", ""), n.get("coreg"), null,
                    new BigDecimal(n.get("value")), "r"));
        }
        return rows;
    }

    private static Date date(String yyyymmdd) {
        return Date.valueOf(LocalDate.parse(yyyymmdd, YYYYMMDD));
    }

    private static List<Map<String, String>> table(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = Arrays.copyOf(line.split("\t", -1), header.length);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], fields[i] == null ? "" : fields[i]);
            }
            out.add(row);
        }
        return out;
    }
}

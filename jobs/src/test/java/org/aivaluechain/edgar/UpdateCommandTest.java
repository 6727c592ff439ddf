package org.aivaluechain.edgar;

import static org.aivaluechain.testing.CliRun.cli;
import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aivaluechain.testing.CliRun.Captured;
import org.aivaluechain.testing.SampleWarehouse;
import org.aivaluechain.testing.SharedSpark;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** `valuechain update` as a user runs it, against a local EDGAR serving NVIDIA's real companyfacts. */
@ExtendWith(SharedSpark.class)
class UpdateCommandTest {

    static final String USER_AGENT = "valuechain tests test@example.com";
    static final String NVIDIA_FACTS = EdgarClientTest.NVIDIA_FACTS;
    static final String NVIDIA_SUBMISSIONS = LocalEdgar.cikPath("/submissions/", EdgarClientTest.NVIDIA);

    @TempDir
    Path dir;
    LocalEdgar edgar;

    @BeforeEach
    void start() throws IOException {
        edgar = new LocalEdgar();
        edgar.serve(NVIDIA_FACTS, Files.readAllBytes(EdgarClientTest.SAMPLE_SEC.resolve("companyfacts/CIK0001045810.json")));
    }

    @AfterEach
    void stop() throws IOException {
        edgar.close();
    }

    private Captured update(Path warehouse, String... more) {
        List<String> args = new ArrayList<>(List.of("update", "--sec-data-url", edgar.url(),
                "--input", SampleWarehouse.SAMPLE_DATA.toString(), "--warehouse", warehouse.toString(),
                "--timeout", "2s", "--retries", "2", "--retry-delay", "20ms"));
        args.addAll(Arrays.asList(more));
        return cli(args.toArray(String[]::new));
    }

    @Test
    void withoutAUserAgentUpdateFailsInOneLineBeforeAnyRequest() {
        Captured c = update(dir.resolve("w"), "--ticker", "NVDA");
        assertEquals(2, c.exit(), c.err());
        assertEquals(List.of("valuechain: update needs --user-agent \"Your Name you@example.com\" (or user-agent= in "
                + "the config file): the SEC blocks automated requests that do not say who is asking"), c.err().lines().toList());
        assertEquals(List.of(), edgar.requests());
    }

    @Test
    void helpDocumentsEveryVisibleOptionAndTheTuningOnesStayHidden() {
        Captured help = cli("update", "--help");
        assertEquals(0, help.exit(), help.err());
        for (String option : List.of("--user-agent", "--sec-data-url", "--sec-archives-url", "--landing", "--offline",
                "--fsds", "--ticker", "--timeout", "--retries", "--input", "--warehouse", "--strict", "--config")) {
            assertTrue(help.out().contains(option), option + " missing from:\n" + help.out());
        }
        assertTrue(help.out().contains("//data.sec.gov)"), help.out());
        assertFalse(help.out().contains("--retry-delay"), help.out());
        assertTrue(help.out().contains("Exit codes:"), help.out());
    }

    @Test
    void anUnknownFsdsRangeIsOneLineAndExitCode2BeforeAnyRequest() {
        Captured c = update(dir.resolve("w"), "--user-agent", USER_AGENT, "--fsds", "2026q3:2025q1");
        assertEquals(2, c.exit(), c.err());
        assertEquals(List.of("valuechain: --fsds: range 2026q3:2025q1 ends before it starts (or latest)"),
                c.err().lines().toList());
        assertEquals(List.of(), edgar.requests());
    }

    @Test
    void aFileThatCannotBeFetchedIsNamedWithExitCode3AndNothingOfItLands() {
        edgar.faultAlways(NVIDIA_FACTS, LocalEdgar.Fault.HTML_200);
        Path warehouse = dir.resolve("w");
        Captured c = update(warehouse, "--user-agent", USER_AGENT, "--ticker", "NVDA,TCEHY");
        assertEquals(3, c.exit(), c.err());
        List<String> lines = c.err().lines().toList();
        assertEquals("valuechain: could not fetch " + edgar.url() + NVIDIA_FACTS + " (companyfacts NVDA CIK 1045810): "
                + "HTTP 200 but an HTML page, not JSON (an error page?) after 3 attempts", lines.get(lines.size() - 1));
        assertTrue(c.err().contains("Nothing new to ingest"), c.err());
        // the submissions JSON is not served here: a 404, reported, not a failure
        assertTrue(c.err().contains("not on EDGAR (404): submissions NVDA CIK 1045810"), c.err());
        assertTrue(c.err().contains("TCEHY  Tencent Holdings: does not file with the SEC; curated data ends "
                + "FY2025 Q3 (2025-09-30)"), c.err());
        assertFalse(Files.exists(warehouse.resolve("landing/companyfacts/CIK0001045810.json")));
    }

    @Test
    void updateLoadsWhatIngestLoadsResolvesNvidiasQuartersThenASecondUpdateDownloadsNothingAndRebuildsNothing()
            throws Exception {
        List<JsonNode> filings = nvidiaFilings();
        edgar.serve(NVIDIA_SUBMISSIONS, submissions(filings.subList(1, filings.size())));
        // on top of the sample run (which resolved no SEC facts), with the FSDS history in bronze first: its
        // (illustrative) 10-K/A restates NVIDIA's FY2019 revenue
        Path updated = SampleWarehouse.copy(dir.resolve("updated"));
        Path history = Path.of(getClass().getResource("/sec/fsds/history").toURI());
        Captured fsds = cli("ingest", "sec-fsds", history.toString(), "--bronze-only",
                "--input", SampleWarehouse.SAMPLE_DATA.toString(), "--warehouse", updated.toString());
        assertEquals(0, fsds.exit(), fsds.err());
        Captured first = update(updated, "--user-agent", USER_AGENT, "--ticker", "NVDA");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains("NVDA   NVIDIA                       10-Q period 2026-04-26 filed 2026-05-20 "
                + "(latest; first download); newest FY2027 Q2 (2026-07-26)"), first.err());
        // every filer is new since the sample run: the incremental path, resolving all of them
        java.util.regex.Matcher resolved = java.util.regex.Pattern.compile(
                "SEC resolution: (\\d+) of (\\d+) filers resolved again \\(their facts changed since the last run\\), "
                        + "the rest kept").matcher(first.err());
        assertTrue(resolved.find(), first.err());
        assertEquals(resolved.group(2), resolved.group(1));
        // the summary accounts for every fact of the file: read = placed + unplaced + other tags + quarantined
        String file = first.err().lines().filter(l -> l.endsWith("CIK0001045810.json")
                && l.trim().matches("(\\d+\\s+){5}\\S+")).findFirst().orElseThrow(() -> new AssertionError(first.err()));
        long[] n = Arrays.stream(file.trim().split("\\s+")).limit(5).mapToLong(Long::parseLong).toArray();
        assertEquals(39, n[0], file);
        assertEquals(n[0], n[1] + n[2] + n[3] + n[4], file);

        // the same landed file through `ingest` (bronze only: silver and gold are the same rebuild of the same
        // bronze and curated inputs, and a second full rebuild would cost the suite a minute)
        Path ingested = dir.resolve("ingested");
        Captured ingest = cli("ingest", "sec-companyfacts", updated.resolve("landing/companyfacts").toString(),
                "--bronze-only", "--input", SampleWarehouse.SAMPLE_DATA.toString(), "--warehouse", ingested.toString());
        assertEquals(0, ingest.exit(), ingest.err());
        for (String table : List.of("bronze/sec_facts", "bronze/sec_quarantine")) {
            assertEquals(rows(ingested, table), rows(updated, table), table);
        }
        assertEquals(List.of("{\"command\":\"update sec-companyfacts\",\"rows_read\":39,\"rows_loaded\":39,"
                        + "\"rows_quarantined\":0}"),
                rows(updated, "bronze/load_runs", "command LIKE 'update%'", "command", "rows_read", "rows_loaded",
                        "rows_quarantined"));
        assertNvidiaQuarters(updated);

        // EDGAR now lists one more filing; the companyfacts are unchanged
        edgar.serve(NVIDIA_SUBMISSIONS, submissions(filings));
        Captured second = update(updated, "--user-agent", USER_AGENT, "--ticker", "NVDA");
        assertEquals(0, second.exit(), second.err());
        List<LocalEdgar.Request> factRequests = edgar.requests(NVIDIA_FACTS);
        assertEquals(2, factRequests.size());
        assertTrue(factRequests.get(1).headers().containsKey("If-None-Match"));
        assertTrue(second.err().contains("  companyfacts         0             1          0       0          0"),
                second.err());
        assertTrue(second.err().contains("10-Q period 2026-07-26 filed 2026-08-26"), second.err());
        assertTrue(second.err().contains("Nothing new to ingest: bronze, silver and gold left as they are."), second.err());
        assertFalse(second.err().contains("started Spark"), second.err());
    }

    /** What NVIDIA's real companyfacts (and the FSDS history) become in silver, SEC values winning over curated. */
    private static void assertNvidiaQuarters(Path warehouse) {
        new Warehouse(SharedSpark.spark(), warehouse.toString()).registerExisting();
        SparkSession spark = SharedSpark.spark();
        // Q4 FY2026 revenue = FY 215,938 - 9M 147,811; Q3 FY2026 D&A = 9M 2,031 - H1 1,280 (USD millions)
        assertRows(spark.sql("SELECT fiscal_year, fiscal_quarter, revenue, depreciation_amortization, "
                        + "derived_values, sources['revenue'] FROM silver.quarterly_financials "
                        + "WHERE ticker = 'NVDA' AND fiscal_year = 2026 AND fiscal_quarter IN (3, 4)"), "*",
                // operating cash flow (curated) and Q4 capex (curated: 6,042 - 4,758 = 1,284) were derived before they
                // reached sample-data, as their source text says
                row(2026, 3, 57006, 751, "[depreciation_amortization: Q3 = 9M YTD - H1 YTD, operating_cash_flow: "
                                + "upstream: d = YTD difference computed by source repo]",
                        "SEC 10-Q 0001045810-25-000230 us-gaap:Revenues"),
                row(2026, 4, 68127, 812, "[revenue: Q4 = FY - 9M YTD, cost_of_revenue: Q4 = FY - 9M YTD, "
                                + "gross_profit: Q4 = FY - 9M YTD, capex: upstream: PaymentsToAcquireProductiveAssets FY "
                                + "6042 minus 9M 4758, depreciation_amortization: Q4 = FY - 9M YTD, operating_cash_flow: "
                                + "upstream: d = YTD difference computed by source repo]",
                        "derived: Q4 = FY - 9M YTD from SEC 10-K 0001045810-26-000021 us-gaap:Revenues (FY), "
                                + "10-Q 0001045810-25-000230 us-gaap:Revenues (9M YTD)"));
        // 52/53-week: the FY2011 Q1 revenue NVIDIA filed in 2010, resolved into the company's own quarter
        assertRows(spark.sql("SELECT fiscal_year, fiscal_quarter, period_end, calendar_quarter, revenue "
                        + "FROM silver.quarterly_financials WHERE ticker = 'NVDA' AND fiscal_year = 2011"), "*",
                row(2011, 1, "2010-04-30", "2010Q1", 1001.813));
        // FY2019 Q4 = FY - Q1 - Q2 - Q3 with the curated quarters (3,207 + 3,123 + 3,181): the latest FY of
        // 11,700 gives 2,189; as first reported, 11,716 gives 2,205
        assertRows(spark.sql("SELECT l.revenue, filter(l.derived_values, d -> d LIKE 'revenue:%'), r.revenue "
                        + "FROM silver.quarterly_financials l "
                        + "JOIN silver.quarterly_financials_as_reported r USING (ticker, fiscal_year, fiscal_quarter) "
                        + "WHERE ticker = 'NVDA' AND fiscal_year = 2019 AND fiscal_quarter = 4"), "*",
                row(2189, "[revenue: Q4 = FY - Q1 - Q2 - Q3]", 2205));
        assertEquals(39 + 22, spark.table("bronze.sec_facts").count());
    }

    /** The filings of NVIDIA's real companyfacts (accession, form, filed, latest period end), newest first. */
    private static List<JsonNode> nvidiaFilings() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode facts = json.readTree(EdgarClientTest.SAMPLE_SEC.resolve("companyfacts/CIK0001045810.json").toFile());
        Map<String, ObjectNode> byAccession = new TreeMap<>();
        facts.path("facts").forEach(taxonomy -> taxonomy.forEach(tag -> tag.path("units").forEach(unit ->
                unit.forEach(f -> {
                    ObjectNode filing = byAccession.computeIfAbsent(f.path("accn").asText(), a -> json.createObjectNode()
                            .put("accessionNumber", a).put("form", f.path("form").asText())
                            .put("filingDate", f.path("filed").asText()).put("reportDate", ""));
                    if (f.path("end").asText().compareTo(filing.path("reportDate").asText()) > 0) {
                        filing.put("reportDate", f.path("end").asText());
                    }
                }))));
        List<JsonNode> filings = new ArrayList<>(byAccession.values());
        filings.sort(Comparator.comparing((JsonNode f) -> f.path("filingDate").asText()).reversed());
        return filings;
    }

    /** A submissions JSON in EDGAR's shape (filings.recent as parallel arrays) listing these filings. */
    private static byte[] submissions(List<JsonNode> filings) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode recent = json.createObjectNode();
        for (String column : List.of("accessionNumber", "form", "reportDate", "filingDate")) {
            ArrayNode values = recent.putArray(column);
            filings.forEach(f -> values.add(f.path(column).asText()));
        }
        ObjectNode root = json.createObjectNode().put("cik", "0001045810").put("name", "NVIDIA CORP");
        root.putObject("filings").set("recent", recent);
        return json.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    }

    /** A table's companyfacts rows as sorted JSON (run ids aside, which differ by design). */
    private static List<String> rows(Path warehouse, String table) {
        Dataset<Row> frame = SharedSpark.spark().read().format("delta").load(warehouse.resolve(table).toString());
        return rows(frame.where("source_file LIKE '%/companyfacts/%'").drop("run_id"));
    }

    private static List<String> rows(Path warehouse, String table, String where, String... columns) {
        return rows(SharedSpark.spark().read().format("delta").load(warehouse.resolve(table).toString())
                .where(where).selectExpr(columns));
    }

    private static List<String> rows(Dataset<Row> frame) {
        return frame.selectExpr("to_json(struct(*))").as(Encoders.STRING()).collectAsList().stream().sorted().toList();
    }
}

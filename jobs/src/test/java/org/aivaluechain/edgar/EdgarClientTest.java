package org.aivaluechain.edgar;

import static org.aivaluechain.edgar.LocalEdgar.Fault.HTML_200;
import static org.aivaluechain.edgar.LocalEdgar.Fault.RATE_LIMITED;
import static org.aivaluechain.edgar.LocalEdgar.Fault.RESET_MID_BODY;
import static org.aivaluechain.edgar.LocalEdgar.Fault.SLOW;
import static org.aivaluechain.edgar.LocalEdgar.Fault.TRUNCATED;
import static org.aivaluechain.edgar.LocalEdgar.Fault.UNAVAILABLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.aivaluechain.edgar.FetchResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EDGAR client against a local EDGAR serving the real files of sample-data/sec/ (NVIDIA's companyfacts, the
 * 2010q2 FSDS extract zipped here), with the faults of a real network injected. Short timeouts and backoffs keep
 * it to seconds; the rate cap is the real one (10 requests per second).
 */
class EdgarClientTest {

    static final Path SAMPLE_SEC = Path.of("sample-data/sec");
    static final int NVIDIA = 1045810;
    static final String NVIDIA_FACTS = LocalEdgar.cikPath("/api/xbrl/companyfacts/", NVIDIA);

    @TempDir
    Path dir;
    LocalEdgar edgar;
    Landing landing;
    EdgarClient client;
    byte[] nvidiaFacts;

    static EdgarClient.Settings fast() {
        // 2 s: short enough for the slow-response test, long enough for a loaded 2-core machine to answer
        return new EdgarClient.Settings("valuechain tests test@example.com", Duration.ofSeconds(2), 3,
                Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5),
                EdgarClient.Settings.SEC_REQUESTS_PER_SECOND);
    }

    static TransferProgress quietProgress() {
        return new TransferProgress(new PrintStream(OutputStream.nullOutputStream()), false);
    }

    @BeforeEach
    void start() throws IOException {
        edgar = new LocalEdgar();
        nvidiaFacts = Files.readAllBytes(SAMPLE_SEC.resolve("companyfacts/CIK0001045810.json"));
        edgar.serve(NVIDIA_FACTS, nvidiaFacts);
        landing = new Landing(dir.resolve("landing"));
        client = new EdgarClient(fast(), landing, quietProgress());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        edgar.close();
    }

    private EdgarFile nvidiaFacts() {
        return EdgarFile.companyFacts(edgar.url(), NVIDIA, "NVDA");
    }

    @Test
    void landsTheFileAsServedWithItsValidatorsThenAnUnchangedFileIsAnswered304AndNotDownloadedAgain() throws IOException {
        FetchResult first = client.fetch(nvidiaFacts());
        assertEquals(Outcome.FETCHED, first.outcome(), first.detail());
        Path landed = landing.root().resolve("companyfacts/CIK0001045810.json");
        assertArrayEquals(nvidiaFacts, Files.readAllBytes(landed));
        LandedFile meta = landing.landed(nvidiaFacts()).orElseThrow();
        assertEquals(edgar.url() + NVIDIA_FACTS, meta.url());
        assertEquals("\"" + LocalEdgar.sha256(nvidiaFacts).substring(0, 16) + "\"", meta.etag());
        assertEquals(LocalEdgar.LAST_MODIFIED, meta.lastModified());
        assertEquals(LocalEdgar.sha256(nvidiaFacts), meta.sha256());
        assertEquals("valuechain tests test@example.com", edgar.requests().get(0).headers().get("User-Agent"));

        FetchResult second = client.fetch(nvidiaFacts());
        assertEquals(Outcome.NOT_MODIFIED, second.outcome());
        assertEquals(0, second.bytes());
        List<LocalEdgar.Request> requests = edgar.requests(NVIDIA_FACTS);
        assertEquals(2, requests.size());
        assertEquals(meta.etag(), requests.get(1).headers().get("If-None-Match"));
        assertEquals(LocalEdgar.LAST_MODIFIED, requests.get(1).headers().get("If-Modified-Since"));
        assertArrayEquals(nvidiaFacts, Files.readAllBytes(landed));
        assertTrue(landing.landed(nvidiaFacts()).orElseThrow().checkedAt().isAfter(meta.checkedAt())
                || landing.landed(nvidiaFacts()).orElseThrow().checkedAt().equals(meta.checkedAt()));
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfter() {
        edgar.fault(NVIDIA_FACTS, RATE_LIMITED);
        FetchResult r = client.fetch(nvidiaFacts());
        assertEquals(Outcome.FETCHED, r.outcome(), r.detail());
        List<LocalEdgar.Request> requests = edgar.requests(NVIDIA_FACTS);
        assertEquals(2, requests.size());
        long waitedMillis = (requests.get(1).nanos() - requests.get(0).nanos()) / 1_000_000;
        assertTrue(waitedMillis >= 1_000, "retried after " + waitedMillis + " ms, Retry-After was 1 s");
    }

    @Test
    void aRetryAfterLongerThanTheCapFailsTheFileAtOnceInsteadOfStalling() {
        edgar.retryAfterSeconds = 600;
        edgar.fault(NVIDIA_FACTS, RATE_LIMITED);
        FetchResult r = client.fetch(nvidiaFacts());
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.detail().startsWith("HTTP 429 (Retry-After 600 s)"), r.detail());
        assertEquals(1, edgar.requests(NVIDIA_FACTS).size());
        assertNothingLanded();
    }

    @Test
    void a503AResetConnectionATruncatedBodyASlowResponseAndAnHtmlPageAreEachRetriedUntilTheFileLands() {
        edgar.fault(NVIDIA_FACTS, UNAVAILABLE, RESET_MID_BODY, TRUNCATED);
        FetchResult r = client.fetch(nvidiaFacts());
        assertEquals(Outcome.FETCHED, r.outcome(), r.detail());
        assertEquals(4, r.attempts());

        Path second = Path.of("/api/xbrl/companyfacts/CIK0000000002.json");
        edgar.serve(second.toString(), nvidiaFacts);
        edgar.slowMillis = 8_000;
        edgar.fault(second.toString(), SLOW, HTML_200);
        long started = System.nanoTime();
        FetchResult slow = client.fetch(EdgarFile.companyFacts(edgar.url(), 2, "second"));
        assertEquals(Outcome.FETCHED, slow.outcome(), slow.detail());
        assertEquals(3, slow.attempts());
        // the slow answer was abandoned after the 2 s timeout, not waited out (8 s)
        assertTrue((System.nanoTime() - started) / 1_000_000 < 7_000, "took too long: the timeout did not fire");
        assertNoTemporaryFiles();
    }

    @Test
    void whenEveryAttemptFailsNothingPartialOrInvalidLandsAndTheFileIsReportedFailed() throws IOException {
        for (LocalEdgar.Fault fault : List.of(RESET_MID_BODY, TRUNCATED, HTML_200, UNAVAILABLE, SLOW)) {
            edgar.faultAlways(NVIDIA_FACTS, fault);
            FetchResult r = client.fetch(nvidiaFacts());
            assertEquals(Outcome.FAILED, r.outcome(), fault + ": " + r.detail());
            assertEquals(4, r.attempts(), fault.toString()); // the first try and 3 retries
            assertTrue(r.detail().endsWith("after 4 attempts"), r.detail());
            assertNothingLanded();
        }
        // a landed file survives a failed refresh untouched
        edgar.healthy(NVIDIA_FACTS);
        edgar.serve(NVIDIA_FACTS, nvidiaFacts);
        assertEquals(Outcome.FETCHED, client.fetch(nvidiaFacts()).outcome());
        edgar.serve(NVIDIA_FACTS, "{\"cik\": 1045810, \"facts\": {}}".getBytes());
        edgar.faultAlways(NVIDIA_FACTS, TRUNCATED);
        assertEquals(Outcome.FAILED, client.fetch(nvidiaFacts()).outcome());
        assertArrayEquals(nvidiaFacts, Files.readAllBytes(landing.path(nvidiaFacts())));
        assertTrue(landing.landed(nvidiaFacts()).isPresent());
        assertNoTemporaryFiles();
    }

    @Test
    void aCompanyWithoutXbrlDataIsA404ThatIsNotRetried() {
        FetchResult r = client.fetch(EdgarFile.companyFacts(edgar.url(), 1577552, "BABA"));
        assertEquals(Outcome.NOT_FOUND, r.outcome());
        assertEquals(1, edgar.requests().size());
        assertNothingLanded();
    }

    @Test
    void fsdsZipsLandWhenTheyOpenAndHoldSubAndNum() throws IOException {
        byte[] zip = zip(SAMPLE_SEC.resolve("fsds/2010q2"), "sub.txt", "num.txt");
        String path = "/files/dera/data/financial-statement-data-sets/2010q2.zip";
        edgar.serve(path, zip);
        edgar.fault(path, TRUNCATED);
        EdgarFile quarter = EdgarFile.fsds(edgar.url(), FsdsQuarter.parse("2010q2"));
        FetchResult r = client.fetch(quarter);
        assertEquals(Outcome.FETCHED, r.outcome(), r.detail());
        assertArrayEquals(zip, Files.readAllBytes(landing.root().resolve("fsds/2010q2.zip")));

        String other = "/files/dera/data/financial-statement-data-sets/2010q3.zip";
        edgar.serve(other, zip(SAMPLE_SEC.resolve("fsds/2010q2"), "sub.txt"));
        FetchResult noNum = client.fetch(EdgarFile.fsds(edgar.url(), FsdsQuarter.parse("2010q3")));
        assertEquals(Outcome.FAILED, noNum.outcome());
        assertTrue(noNum.detail().startsWith("HTTP 200 but zip without num.txt"), noNum.detail());
        assertFalse(Files.exists(landing.root().resolve("fsds/2010q3.zip")));
    }

    @Test
    void requestsFromSeveralThreadsRetriesIncludedStayUnderTenPerSecond() {
        List<EdgarFile> files = new ArrayList<>();
        for (int cik = 1; cik <= 24; cik++) {
            String path = LocalEdgar.cikPath("/api/xbrl/companyfacts/", cik);
            edgar.serve(path, nvidiaFacts);
            if (cik % 4 == 0) {
                edgar.fault(path, UNAVAILABLE);
            }
            files.add(EdgarFile.companyFacts(edgar.url(), cik, "filer " + cik));
        }
        List<FetchResult> results = EdgarUpdate.fetchAll(client, files);
        assertTrue(results.stream().allMatch(r -> r.outcome() == Outcome.FETCHED));
        List<Long> times = edgar.requests().stream().map(LocalEdgar.Request::nanos).sorted().toList();
        assertEquals(30, times.size()); // 24 files, 6 of them twice
        // at most 10 in any second; 2 more allowed for the scheduling jitter between a permit and the server's
        // accept on a loaded 2-core machine (the span below bounds the average rate tightly)
        for (int i = 0; i < times.size(); i++) {
            int j = i;
            while (j < times.size() && times.get(j) - times.get(i) < 1_000_000_000L) {
                j++;
            }
            assertTrue(j - i <= 12, (j - i) + " requests within one second from request " + i);
        }
        // evenly paced: 30 requests take at least 2.9 s at 10 per second
        assertTrue(times.get(29) - times.get(0) >= 2_800_000_000L,
                "30 requests in " + (times.get(29) - times.get(0)) / 1_000_000 + " ms");
    }

    private void assertNothingLanded() {
        assertFalse(Files.exists(landing.path(nvidiaFacts())) && landing.landed(nvidiaFacts()).isEmpty(),
                "an unchecked file landed");
        assertNoTemporaryFiles();
    }

    private void assertNoTemporaryFiles() {
        if (!Files.isDirectory(landing.root())) {
            return;
        }
        try (Stream<Path> files = Files.walk(landing.root())) {
            List<Path> parts = files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
            assertEquals(List.of(), parts);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] zip(Path folder, String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(Files.readAllBytes(folder.resolve(name)));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}

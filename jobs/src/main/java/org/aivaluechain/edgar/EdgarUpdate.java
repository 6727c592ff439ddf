package org.aivaluechain.edgar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The download half of {@code valuechain update}: fetching a list of EDGAR files into the landing folder, finding
 * the newest published FSDS quarter, and listing the landed files not yet ingested. The ingest half lives in the
 * CLI command, which owns the Spark session.
 */
public final class EdgarUpdate {

    /** Concurrent downloads: enough to reach the rate cap on slow responses; the rate limiter does the pacing. */
    static final int THREADS = 4;
    /** How many quarters before the last ended one `--fsds latest` tries (a quarter is published days after it ends). */
    static final int LATEST_FSDS_LOOKBACK = 2;

    private EdgarUpdate() {
    }

    /** A landed file the warehouse has not ingested with this content. */
    public record Pending(EdgarFile.Source source, String landingPath, Path file, String sha256) {
    }

    /** Fetches every file, {@link #THREADS} at a time; results in the order of {@code files}. */
    public static List<FetchResult> fetchAll(EdgarClient client, List<EdgarFile> files) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "edgar-download");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FetchResult>> futures = new ArrayList<>();
            for (EdgarFile f : files) {
                futures.add(pool.submit(() -> client.fetch(f)));
            }
            List<FetchResult> results = new ArrayList<>();
            for (Future<FetchResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("update interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("download thread failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The newest FSDS quarter the SEC has published: the last quarter ended by {@code today}, else up to
     * {@link #LATEST_FSDS_LOOKBACK} quarters before it, stopping at the first that is not a 404. Returns every
     * attempt's result (the 404s too, so the summary can say which quarters were not there yet).
     */
    public static List<FetchResult> fetchLatestFsds(EdgarClient client, String archivesUrl, LocalDate today,
                                                    TransferProgress progress) {
        List<FetchResult> results = new ArrayList<>();
        FsdsQuarter quarter = FsdsQuarter.lastEndedBefore(today);
        for (int i = 0; i <= LATEST_FSDS_LOOKBACK; i++, quarter = quarter.previous()) {
            if (i > 0) {
                progress.expect(1);
            }
            FetchResult r = client.fetch(EdgarFile.fsds(archivesUrl, quarter));
            results.add(r);
            if (r.outcome() != FetchResult.Outcome.NOT_FOUND) {
                break;
            }
        }
        return results;
    }

    /**
     * The landed companyfacts JSON and FSDS zips whose content the state does not record as ingested, in name
     * order. The whole landing folder counts, not only this run's downloads: files landed by an update that was
     * interrupted before its ingest are ingested now.
     */
    public static List<Pending> pending(Landing landing, IngestState state) throws IOException {
        List<Pending> pending = new ArrayList<>();
        for (Landed f : landed(landing)) {
            String sha = Landing.sha256(f.path());
            if (!state.isIngested(f.relative(), sha)) {
                pending.add(new Pending(f.source(), f.relative(), f.path(), sha));
            }
        }
        return pending;
    }

    /** A landed companyfacts JSON or FSDS zip: its source, its path relative to the landing folder, its path. */
    public record Landed(EdgarFile.Source source, String relative, Path path) {
    }

    /** Every landed companyfacts JSON and FSDS zip, in name order (sidecars and partial downloads aside). */
    public static List<Landed> landed(Landing landing) throws IOException {
        List<Landed> landed = new ArrayList<>();
        for (EdgarFile.Source source : List.of(EdgarFile.Source.COMPANYFACTS, EdgarFile.Source.FSDS)) {
            Path folder = landing.root().resolve(source.folder);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            String suffix = source == EdgarFile.Source.FSDS ? ".zip" : ".json";
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (Files.isRegularFile(f) && !name.startsWith(".") && name.endsWith(suffix)) {
                        landed.add(new Landed(source, source.folder + "/" + name, f));
                    }
                }
            }
        }
        return landed;
    }
}

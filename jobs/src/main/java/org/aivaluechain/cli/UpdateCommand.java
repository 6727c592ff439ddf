package org.aivaluechain.cli;

import static org.apache.spark.sql.functions.expr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.aivaluechain.edgar.EdgarClient;
import org.aivaluechain.edgar.EdgarFile;
import org.aivaluechain.edgar.EdgarUpdate;
import org.aivaluechain.edgar.FetchResult;
import org.aivaluechain.edgar.FsdsQuarter;
import org.aivaluechain.edgar.IngestState;
import org.aivaluechain.edgar.Landing;
import org.aivaluechain.edgar.RegisteredCompanies;
import org.aivaluechain.edgar.RegisteredCompanies.Company;
import org.aivaluechain.edgar.Submissions;
import org.aivaluechain.edgar.TransferProgress;
import org.aivaluechain.io.CuratedInputs;
import org.aivaluechain.io.InputFileException;
import org.aivaluechain.io.sec.CompanyFactsReader;
import org.aivaluechain.io.sec.FsdsReader;
import org.aivaluechain.io.sec.SecReader;
import org.aivaluechain.pipeline.CuratedPipeline;
import org.aivaluechain.pipeline.Progress;
import org.aivaluechain.pipeline.RunReport;
import org.aivaluechain.pipeline.SecIngest;
import org.aivaluechain.warehouse.Sessions;
import org.aivaluechain.warehouse.RunLock;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `valuechain update`: fetch what is new on SEC EDGAR into the landing folder, ingest what changed, rebuild. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Fetches from SEC EDGAR, for every registered company that files with the SEC (its CIKs in "
                + "company_ciks.csv), its companyfacts JSON (XBRL facts) and its submissions JSON (its filings, to "
                + "say what is new), and with --fsds the quarterly Financial Statement Data Sets, into a landing "
                + "folder kept as downloaded (with retrieval time, ETag and Last-Modified in a .properties sidecar "
                + "per file). Then ingests the landed files that are new or changed since their last ingest, as "
                + "`ingest` does, and rebuilds silver and gold; when nothing changed it rebuilds nothing.",
                "EDGAR's fair-access rules are built in: a User-Agent naming you, at most 10 requests per second, "
                        + "retries with backoff on 429, 5xx and network errors (honouring Retry-After), "
                        + "conditional requests (an unchanged file costs a 304), and a file lands only complete "
                        + "and valid. Run it again after an interruption: what landed stays, the rest is fetched.",
                "Exit code 3 when some files could not be fetched after retries (named at the end); the rest is "
                        + "still ingested."})
final class UpdateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--input", paramLabel = "DIR",
            description = "Curated inputs (default: the project's sample-data/): companies.csv and "
                    + "company_ciks.csv say whom to fetch; silver and gold are rebuilt from them.")
    String input;

    @Option(names = "--user-agent", paramLabel = "\"NAME EMAIL\"",
            description = "Who is asking, e.g. \"Jane Doe jane@example.com\": the SEC requires it of automated "
                    + "access and blocks requests without it. Required unless --offline (config key user-agent).")
    String userAgent;

    @Option(names = "--sec-data-url", paramLabel = "URL", defaultValue = "https://data.sec.gov",
            description = "Where companyfacts and submissions JSON come from, or a mirror in EDGAR's layout "
                    + "(default: ${DEFAULT-VALUE}).")
    String dataUrl;

    @Option(names = "--sec-archives-url", paramLabel = "URL", defaultValue = "https://www.sec.gov",
            description = "Where the FSDS zips come from, or a mirror in EDGAR's layout (default: ${DEFAULT-VALUE}).")
    String archivesUrl;

    @Option(names = "--landing", paramLabel = "DIR",
            description = "Local folder for the downloaded files (default: <warehouse>/landing).")
    Path landingDir;

    @Option(names = "--offline", description = "Fetch nothing: ingest what is in the landing folder and not yet "
            + "ingested, then rebuild.")
    boolean offline;

    @Option(names = "--fsds", paramLabel = "RANGE|latest",
            description = "Also fetch Financial Statement Data Sets (all filers): a quarter (2025q1), a range "
                    + "(2025q1:2026q3) or latest (the newest published quarter).")
    String fsds;

    @Option(names = "--ticker", paramLabel = "TICKER", split = ",",
            description = "Only these registered companies (default: all).")
    List<String> tickers;

    @Option(names = "--strict", description = "Exit with code 1 when a reconciliation check fails.")
    boolean strict;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Give up on a response that sends nothing for this long, then retry "
                    + "(e.g. 30s, 500ms; default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "5",
            description = "Retries per file after the first attempt (default: ${DEFAULT-VALUE}).")
    int retries;

    // tuning for tests and mirrors, not shown in --help
    @Option(names = "--retry-delay", hidden = true, defaultValue = "1s", converter = DurationConverter.class)
    Duration retryDelay;

    @Option(names = "--max-retry-delay", hidden = true, defaultValue = "60s", converter = DurationConverter.class)
    Duration maxRetryDelay;

    @Option(names = "--max-retry-after", hidden = true, defaultValue = "2m", converter = DurationConverter.class)
    Duration maxRetryAfter;

    @Override
    public Integer call() throws IOException {
        common.applyLogLevel();
        if (!offline && (userAgent == null || !userAgent.contains("@"))) {
            System.err.println("valuechain: update needs --user-agent \"Your Name you@example.com\" (or user-agent= "
                    + "in the config file): the SEC blocks automated requests that do not say who is asking");
            return ExitCodes.USAGE;
        }
        List<FsdsQuarter> fsdsQuarters;
        try {
            fsdsQuarters = fsds == null || isLatest() ? List.of() : FsdsQuarter.range(fsds);
        } catch (IllegalArgumentException e) {
            System.err.println("valuechain: --fsds: " + e.getMessage() + " (or latest)");
            return ExitCodes.USAGE;
        }
        String inputDir = CommonOptions.inputOrSample(input);
        List<Company> companies = selected(RegisteredCompanies.read(new CuratedInputs(inputDir, new Configuration())));
        Landing landing = new Landing(landingDir != null ? landingDir : localWarehouse().resolve("landing"));
        int leftovers = landing.removeLeftovers();
        if (leftovers > 0) {
            System.err.println("Removed " + leftovers + " partial downloads of an interrupted update.");
        }

        Map<Integer, List<Submissions.Filing>> reportsBefore = periodicReports(landing, companies);
        List<FetchResult> fetched = offline ? List.of() : download(landing, companies, fsdsQuarters);
        Map<Integer, List<Submissions.Filing>> reportsNow = periodicReports(landing, companies);

        IngestState state = IngestState.load(landing.root());
        if (!warehouseHasSecFacts()) {
            state = state.forgotten();
        }
        List<EdgarUpdate.Pending> pending = EdgarUpdate.pending(landing, state);
        Map<String, String> newestInSilver = Map.of();
        Map<String, String> unreadable = Map.of();
        int exit = ExitCodes.OK;
        // listed, not hashed again: a landing folder of whole FSDS quarters takes long to hash
        if (pending.isEmpty() && offline && EdgarUpdate.landed(landing).isEmpty()) {
            System.err.printf("%nNothing to ingest: no landed files under %s (update without --offline downloads "
                    + "them first).%n", landing.root());
        } else if (pending.isEmpty()) {
            System.err.printf("%nNothing new to ingest: bronze, silver and gold left as they are.%n");
        } else {
            Ingested ingested;
            // the downloads need no lock; merging into bronze and rebuilding do, as for run and ingest
            try (RunLock lock = RunLock.acquire(common.warehouse, "update")) {
                ingested = ingestAndRebuild(inputDir, pending, state);
            }
            exit = ingested.exit();
            newestInSilver = ingested.newestInSilver();
            unreadable = ingested.unreadable();
        }
        printSummary(fetched, companies, reportsBefore, reportsNow, newestInSilver, landing);

        // last, so the final lines a user sees name what is missing
        List<FetchResult> failed = fetched.stream().filter(r -> r.outcome() == FetchResult.Outcome.FAILED).toList();
        failed.forEach(r -> System.err.println("valuechain: could not fetch " + r.file().url() + " (" + r.file()
                + "): " + r.detail()));
        unreadable.forEach((file, reason) -> System.err.println("valuechain: could not read " + file + ": " + reason));
        return failed.isEmpty() && unreadable.isEmpty() ? exit : ExitCodes.INPUT_ERROR;
    }

    // ---- steps ----

    private List<Company> selected(List<Company> all) {
        if (tickers == null || tickers.isEmpty()) {
            return all;
        }
        Set<String> wanted = tickers.stream().map(t -> t.strip().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        List<Company> chosen = all.stream().filter(c -> wanted.contains(c.ticker())).toList();
        if (chosen.size() < wanted.size()) {
            Set<String> known = all.stream().map(Company::ticker).collect(Collectors.toSet());
            throw new InputFileException("not registered in companies.csv: " + wanted.stream()
                    .filter(t -> !known.contains(t)).sorted().collect(Collectors.joining(", ")));
        }
        return chosen;
    }

    /** companyfacts of every CIK (predecessors too), submissions of current CIKs, then the FSDS quarters asked for. */
    private List<FetchResult> download(Landing landing, List<Company> companies, List<FsdsQuarter> fsdsQuarters) {
        List<EdgarFile> files = new ArrayList<>();
        for (Company c : companies) {
            for (int cik : c.allCiks()) {
                files.add(EdgarFile.companyFacts(dataUrl, cik, c.ticker() + " CIK " + cik));
            }
            for (int cik : c.currentCiks()) {
                files.add(EdgarFile.submissions(dataUrl, cik, c.ticker() + " CIK " + cik));
            }
        }
        fsdsQuarters.forEach(q -> files.add(EdgarFile.fsds(archivesUrl, q)));
        boolean latest = isLatest();
        TransferProgress progress = new TransferProgress(System.err, System.console() != null);
        progress.expect(files.size() + (latest ? 1 : 0));
        try (EdgarClient client = new EdgarClient(settings(), landing, progress)) {
            List<FetchResult> results = new ArrayList<>(EdgarUpdate.fetchAll(client, files));
            if (latest) {
                results.addAll(EdgarUpdate.fetchLatestFsds(client, archivesUrl, LocalDate.now(ZoneOffset.UTC), progress));
            }
            return results;
        } finally {
            progress.close();
        }
    }

    private boolean isLatest() {
        return fsds != null && fsds.strip().equalsIgnoreCase("latest");
    }

    EdgarClient.Settings settings() {
        return new EdgarClient.Settings(userAgent.strip(), timeout, retries, retryDelay, maxRetryDelay, maxRetryAfter,
                EdgarClient.Settings.SEC_REQUESTS_PER_SECOND);
    }

    /** What the ingest step left: the rebuild's exit code, unreadable files, each company's newest quarter. */
    private record Ingested(int exit, Map<String, String> unreadable, Map<String, String> newestInSilver) {
    }

    /** Merges the pending files into bronze (one ingest per source), rebuilds silver and gold, records the state. */
    private Ingested ingestAndRebuild(String inputDir, List<EdgarUpdate.Pending> pending, IngestState state)
            throws IOException {
        Progress progress = new Progress(System.err);
        SparkSession spark = Sessions.getOrCreate(common.warehouse);
        progress.stage("started Spark " + spark.version());
        Warehouse warehouse = new Warehouse(spark, common.warehouse);
        Map<String, String> unreadable = new TreeMap<>();
        Map<EdgarFile.Source, SecReader> readers = new EnumMap<>(EdgarFile.Source.class);
        readers.put(EdgarFile.Source.COMPANYFACTS, new CompanyFactsReader(spark));
        readers.put(EdgarFile.Source.FSDS, new FsdsReader(spark, warehouse.root() + "/_staging"));
        for (Map.Entry<EdgarFile.Source, SecReader> reader : readers.entrySet()) {
            // the source's landing folder: the ingest reads the files whose checksum it has not loaded yet
            List<Path> folders = pending.stream().filter(p -> p.source() == reader.getKey())
                    .map(p -> p.file().getParent()).distinct().toList();
            for (Path folder : folders) {
                SecIngest.Report report = new SecIngest(spark, warehouse, progress)
                        .ingest("update sec-" + reader.getKey().folder, folder.toString(), reader.getValue());
                IngestCommand.printIngested(report);
                unreadable.putAll(report.unreadableFiles());
            }
        }
        RunReport report = new CuratedPipeline(spark, warehouse, progress)
                .run(new CuratedInputs(inputDir, spark.sparkContext().hadoopConfiguration()));
        int exit = RunCommand.summarize(report, warehouse, progress, strict);
        // recorded only now that silver and gold hold them: an update that died in the rebuild ingests them again
        for (EdgarUpdate.Pending p : pending) {
            boolean read = unreadable.keySet().stream().noneMatch(f -> f.endsWith("/" + p.landingPath()));
            if (read) {
                state.markIngested(p.landingPath(), p.sha256());
            }
        }
        state.save();
        return new Ingested(exit, unreadable, newestQuarters(spark, warehouse));
    }

    /** One read over several files: the union of what the reader makes of each (still lazy, one ingest). */
    /** ticker -> its newest fiscal quarter in silver.quarterly_financials, e.g. FY2027 Q3 (2026-10-26). */
    private static Map<String, String> newestQuarters(SparkSession spark, Warehouse warehouse) {
        Map<String, String> newest = new TreeMap<>();
        for (Row r : spark.table(warehouse.name("silver.quarterly_financials")).groupBy("ticker")
                .agg(expr("max_by(concat('FY', fiscal_year, ' Q', fiscal_quarter, ' (', period_end, ')'), period_end)"))
                .collectAsList()) {
            newest.put(r.getString(0), r.getString(1));
        }
        return newest;
    }

    private static Map<Integer, List<Submissions.Filing>> periodicReports(Landing landing, List<Company> companies) {
        Map<Integer, List<Submissions.Filing>> reports = new LinkedHashMap<>();
        for (Company c : companies) {
            for (int cik : c.currentCiks()) {
                Path file = landing.path(EdgarFile.submissions("", cik, c.ticker()));
                try {
                    reports.put(cik, java.nio.file.Files.isRegularFile(file) ? Submissions.periodicReports(file) : null);
                } catch (UncheckedIOException e) {
                    throw new InputFileException(e.getMessage(), e);
                }
            }
        }
        return reports;
    }

    // ---- summary ----

    private void printSummary(List<FetchResult> fetched, List<Company> companies,
                              Map<Integer, List<Submissions.Filing>> before, Map<Integer, List<Submissions.Filing>> now,
                              Map<String, String> newestInSilver, Landing landing) {
        System.err.printf("%nEDGAR update (landing folder %s)%n", landing.root());
        if (offline) {
            System.err.println("  --offline: nothing fetched");
        } else {
            System.err.printf("  %-13s %8s %13s %10s %7s %10s%n", "source", "fetched", "not modified", "not found",
                    "failed", "bytes");
            for (EdgarFile.Source source : EdgarFile.Source.values()) {
                List<FetchResult> of = fetched.stream().filter(r -> r.file().source() == source).toList();
                if (!of.isEmpty()) {
                    System.err.printf("  %-13s %8d %13d %10d %7d %10d%n", source.folder,
                            count(of, FetchResult.Outcome.FETCHED), count(of, FetchResult.Outcome.NOT_MODIFIED),
                            count(of, FetchResult.Outcome.NOT_FOUND), count(of, FetchResult.Outcome.FAILED),
                            of.stream().mapToLong(FetchResult::bytes).sum());
                }
            }
            fetched.stream().filter(r -> r.outcome() == FetchResult.Outcome.NOT_FOUND).forEach(r ->
                    System.err.println("  not on EDGAR (404): " + r.file() + switch (r.file().source()) {
                        case FSDS -> " (not published yet?)";
                        case COMPANYFACTS -> " (no XBRL financial data for this CIK)";
                        case SUBMISSIONS -> " (no filing index for this CIK)";
                    }));
        }

        System.err.printf("%nCompanies: periodic reports new since the last update; newest quarter in silver%n");
        List<String> cannotRefresh = new ArrayList<>();
        for (Company c : companies) {
            if (!c.filesWithSec() || c.currentCiks().isEmpty()) {
                cannotRefresh.add(String.format(Locale.ROOT, "  %-6s %s: does not file with the SEC; curated data ends %s",
                        c.ticker(), c.name(), orNone(c.curatedEnd())));
                continue;
            }
            List<String> news = new ArrayList<>();
            boolean quarterly = false;
            boolean known = false;
            for (int cik : c.currentCiks()) {
                List<Submissions.Filing> reports = now.get(cik);
                if (reports == null) {
                    continue;
                }
                known = true;
                quarterly |= Submissions.filesQuarterly(reports);
                List<Submissions.Filing> previous = before.get(cik);
                List<Submissions.Filing> fresh = previous == null ? reports.stream().limit(1).toList()
                        : Submissions.newSince(previous, reports);
                fresh.forEach(f -> news.add(f.form() + " period " + orNone(f.reportDate()) + " filed " + f.filingDate()
                        + (previous == null ? " (latest; first download)" : "")));
            }
            System.err.printf(Locale.ROOT, "  %-6s %-28s %s%s%n", c.ticker(), truncate(c.name(), 28),
                    news.isEmpty() ? (known ? "no new reports" : "filings unknown (submissions not fetched)")
                            : String.join("; ", news),
                    newestInSilver.containsKey(c.ticker()) ? "; newest " + newestInSilver.get(c.ticker()) : "");
            if (known && !quarterly) {
                cannotRefresh.add(String.format(Locale.ROOT, "  %-6s %s: files only annual reports (20-F/40-F) with "
                        + "the SEC, its quarters come from its own releases; curated data ends %s", c.ticker(), c.name(),
                        orNone(c.curatedEnd())));
            }
        }
        if (newestInSilver.isEmpty()) {
            System.err.println("  (silver not rebuilt: newest quarters as before; SELECT ticker, max(period_end) "
                    + "FROM silver.quarterly_financials GROUP BY ticker)");
        }
        if (!cannotRefresh.isEmpty()) {
            System.err.printf("%nNot refreshed from EDGAR (update their curated facts by hand):%n");
            cannotRefresh.forEach(System.err::println);
        }
    }

    private static long count(List<FetchResult> results, FetchResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    private static String orNone(String s) {
        return s == null || s.isEmpty() ? "(none)" : s;
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    // ---- paths ----

    /** The warehouse as a local folder, for the default landing folder (a remote warehouse needs --landing). */
    private Path localWarehouse() {
        URI uri = URI.create(common.warehouse.replace('\\', '/'));
        if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
            throw new InputFileException("the warehouse " + common.warehouse + " is not a local folder: give "
                    + "--landing DIR, a local folder for the downloaded files");
        }
        return uri.getScheme() == null ? Path.of(common.warehouse) : Path.of(uri);
    }

    /** Whether bronze.sec_facts exists: a new or wiped warehouse must get every landed file again. */
    private boolean warehouseHasSecFacts() throws IOException {
        org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(common.warehouse, "bronze/sec_facts/_delta_log");
        return FileSystem.get(log.toUri(), new Configuration()).exists(log);
    }

    /** Durations as people write them: 30s, 500ms, 2m (or ISO-8601, PT30S). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (v.startsWith("pt")) {
                return Duration.parse(v);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(v);
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 30s, 500ms or 2m");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        }
    }
}

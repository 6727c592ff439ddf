package org.aivaluechain.edgar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The periodic reports listed in a submissions JSON ({@code filings.recent}: parallel arrays {@code
 * accessionNumber, form, reportDate, filingDate, ...}, the filer's latest 1,000 filings or the last year,
 * whichever is more; older pages are not needed to see what is new).
 */
public final class Submissions {

    /** Forms that carry financial statements: annual and quarterly reports of domestic and foreign filers. */
    static final Set<String> PERIODIC_FORMS = Set.of("10-K", "10-Q", "10-KT", "10-QT", "20-F", "40-F",
            "10-K/A", "10-Q/A", "20-F/A", "40-F/A");
    private static final Set<String> QUARTERLY_FORMS = Set.of("10-Q", "10-Q/A", "10-QT");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param form       e.g. 10-Q
     * @param reportDate the period the report covers (its balance-sheet date), may be empty
     * @param filingDate when it was filed
     */
    public record Filing(String accession, String form, String reportDate, String filingDate) {
    }

    private Submissions() {
    }

    /** The periodic reports in the file, newest filing first; none when the file does not exist. */
    public static List<Filing> periodicReports(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            JsonNode recent = JSON.readTree(file.toFile()).path("filings").path("recent");
            JsonNode accession = recent.path("accessionNumber");
            List<Filing> reports = new ArrayList<>();
            for (int i = 0; i < accession.size(); i++) {
                String form = recent.path("form").path(i).asText("");
                if (PERIODIC_FORMS.contains(form)) {
                    reports.add(new Filing(accession.path(i).asText(), form,
                            recent.path("reportDate").path(i).asText(""), recent.path("filingDate").path(i).asText("")));
                }
            }
            reports.sort(Comparator.comparing(Filing::filingDate).reversed());
            return reports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read submissions JSON " + file, e);
        }
    }

    /** Reports in {@code now} that {@code before} did not list, newest first. */
    public static List<Filing> newSince(List<Filing> before, List<Filing> now) {
        Set<String> known = before.stream().map(Filing::accession).collect(Collectors.toSet());
        return now.stream().filter(f -> !known.contains(f.accession())).toList();
    }

    /**
     * Whether the filer files quarterly reports (10-Q) with the SEC; a foreign private issuer files only annual
     * 20-F or 40-F reports there, so its quarters must come from elsewhere (its own releases, curated).
     */
    public static boolean filesQuarterly(List<Filing> reports) {
        return reports.stream().anyMatch(f -> QUARTERLY_FORMS.contains(f.form()));
    }
}

package org.aivaluechain.edgar;

import java.net.URI;
import java.util.Locale;

/**
 * One file EDGAR publishes, where it is fetched from and where it lands.
 *
 * <p>URL layouts (SEC, "EDGAR Application Programming Interfaces" and "Financial Statement Data Sets"):
 * {@code {data-url}/api/xbrl/companyfacts/CIK##########.json}, {@code {data-url}/submissions/CIK##########.json}
 * (CIK zero-padded to 10 digits) and {@code {archives-url}/files/dera/data/financial-statement-data-sets/2025q1.zip}.
 * The landing folder keeps the same file names under {@code companyfacts/}, {@code submissions/} and {@code fsds/}.
 *
 * @param source      what kind of file it is
 * @param label       what it is for a person: a ticker and CIK, or a quarter
 * @param url         where it is fetched from
 * @param landingPath where it lands, relative to the landing folder ('/'-separated)
 */
public record EdgarFile(Source source, String label, URI url, String landingPath) {

    /** The kinds of file update fetches; {@link #folder} is also the landing sub-folder. */
    public enum Source {
        COMPANYFACTS("companyfacts"), SUBMISSIONS("submissions"), FSDS("fsds");

        public final String folder;

        Source(String folder) {
            this.folder = folder;
        }
    }

    /** The companyfacts JSON of one filer: all its XBRL facts in standard taxonomies. */
    public static EdgarFile companyFacts(String dataUrl, int cik, String label) {
        String name = cikFileName(cik);
        return new EdgarFile(Source.COMPANYFACTS, label, uri(dataUrl, "/api/xbrl/companyfacts/" + name),
                Source.COMPANYFACTS.folder + "/" + name);
    }

    /** The submissions JSON of one filer: its recent filings (form, report date, filing date, accession). */
    public static EdgarFile submissions(String dataUrl, int cik, String label) {
        String name = cikFileName(cik);
        return new EdgarFile(Source.SUBMISSIONS, label, uri(dataUrl, "/submissions/" + name),
                Source.SUBMISSIONS.folder + "/" + name);
    }

    /** The Financial Statement Data Sets zip of one calendar quarter of filing dates. */
    public static EdgarFile fsds(String archivesUrl, FsdsQuarter quarter) {
        String name = quarter + ".zip";
        return new EdgarFile(Source.FSDS, quarter.toString(),
                uri(archivesUrl, "/files/dera/data/financial-statement-data-sets/" + name),
                Source.FSDS.folder + "/" + name);
    }

    /** {@code CIK0001045810.json}: EDGAR's name for a filer's JSON files. */
    public static String cikFileName(int cik) {
        return String.format(Locale.ROOT, "CIK%010d.json", cik);
    }

    private static URI uri(String base, String path) {
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(trimmed + path);
    }

    @Override
    public String toString() {
        return source.folder + " " + label;
    }
}

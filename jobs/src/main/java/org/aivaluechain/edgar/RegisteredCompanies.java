package org.aivaluechain.edgar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.aivaluechain.io.ColumnSpec;
import org.aivaluechain.io.CsvFileReader;
import org.aivaluechain.io.CuratedInputs;
import org.aivaluechain.io.InputFile;
import org.aivaluechain.io.InputFileException;
import org.aivaluechain.io.ParsedFile;

/**
 * The companies of the curated inputs as update sees them: which file with the SEC and under which CIKs
 * ({@code companies.csv} files_with_sec, {@code company_ciks.csv}), and the last fiscal quarter their curated
 * facts reach ({@code facts/*.csv}), for the companies update cannot refresh from EDGAR.
 */
public final class RegisteredCompanies {

    /**
     * @param ticker        the company's ticker
     * @param name          its name
     * @param filesWithSec  companies.csv files_with_sec
     * @param currentCiks   CIKs it files under now (no valid_to): their submissions list new filings
     * @param allCiks       every CIK it filed under, predecessors included: their companyfacts hold its history
     * @param curatedEnd    the last fiscal quarter of its curated facts, e.g. {@code FY2026 Q3 (2025-10-26)}, or null
     */
    public record Company(String ticker, String name, boolean filesWithSec, List<Integer> currentCiks,
                          List<Integer> allCiks, String curatedEnd) {
    }

    private RegisteredCompanies() {
    }

    /** In ticker order; a malformed row of companies.csv or company_ciks.csv is an input error. */
    public static List<Company> read(CuratedInputs inputs) {
        ParsedFile companies = parse(inputs.companies(), CuratedInputs.COMPANIES);
        ParsedFile ciks = parse(inputs.companyCiks(), CuratedInputs.COMPANY_CIKS);
        Map<String, List<Integer>> current = new HashMap<>();
        Map<String, List<Integer>> all = new HashMap<>();
        int cikTicker = column(CuratedInputs.COMPANY_CIKS, "ticker");
        int cik = column(CuratedInputs.COMPANY_CIKS, "cik");
        int validTo = column(CuratedInputs.COMPANY_CIKS, "valid_to");
        for (Object[] r : ciks.rows()) {
            all.computeIfAbsent((String) r[cikTicker], t -> new ArrayList<>()).add((Integer) r[cik]);
            if (r[validTo] == null) {
                current.computeIfAbsent((String) r[cikTicker], t -> new ArrayList<>()).add((Integer) r[cik]);
            }
        }
        Map<String, String> curatedEnds = curatedEnds(inputs);
        Map<String, Company> byTicker = new TreeMap<>();
        // by column name: optional columns in the spec move the positions (a year-end change added two)
        int companyTicker = column(CuratedInputs.COMPANIES, "ticker");
        int name = column(CuratedInputs.COMPANIES, "name");
        int filesWithSec = column(CuratedInputs.COMPANIES, "files_with_sec");
        for (Object[] r : companies.rows()) {
            String ticker = (String) r[companyTicker];
            byTicker.put(ticker, new Company(ticker, (String) r[name], (Boolean) r[filesWithSec],
                    List.copyOf(current.getOrDefault(ticker, List.of())), List.copyOf(all.getOrDefault(ticker, List.of())),
                    curatedEnds.get(ticker)));
        }
        return List.copyOf(byTicker.values());
    }

    /** The position of a column in a file's spec, which is the position of its value in a parsed row. */
    private static int column(List<ColumnSpec> spec, String name) {
        for (int i = 0; i < spec.size(); i++) {
            if (spec.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no column " + name + " in the spec");
    }

    private static Map<String, String> curatedEnds(CuratedInputs inputs) {
        Map<String, LocalDate> lastEnd = new HashMap<>();
        Map<String, String> label = new LinkedHashMap<>();
        for (InputFile f : inputs.factFiles()) {
            // a malformed fact row is skipped here; the rebuild quarantines and reports it
            for (Object[] r : CsvFileReader.read(f, CuratedInputs.FACTS).rows()) {
                String ticker = (String) r[0];
                String period = (String) r[2];
                LocalDate end = ((java.sql.Date) r[3]).toLocalDate();
                if (period.startsWith("Q") && (lastEnd.get(ticker) == null || end.isAfter(lastEnd.get(ticker)))) {
                    lastEnd.put(ticker, end);
                    label.put(ticker, "FY" + r[1] + " " + period + " (" + end + ")");
                }
            }
        }
        return label;
    }

    private static ParsedFile parse(InputFile file, List<org.aivaluechain.io.ColumnSpec> columns) {
        ParsedFile parsed = CsvFileReader.read(file, columns);
        if (!parsed.rejects().isEmpty()) {
            // these files decide what is fetched: a company silently left out would look up to date
            throw new InputFileException(file + ": " + parsed.rejects().size() + " malformed rows (first: line "
                    + parsed.rejects().get(0).lineNumber() + ", " + parsed.rejects().get(0).reason() + ")");
        }
        return parsed;
    }
}

package org.aivaluechain.io;

import static org.aivaluechain.io.ColumnSpec.Kind.BOOLEAN;
import static org.aivaluechain.io.ColumnSpec.Kind.DATE;
import static org.aivaluechain.io.ColumnSpec.Kind.DECIMAL;
import static org.aivaluechain.io.ColumnSpec.Kind.INT;
import static org.aivaluechain.io.ColumnSpec.Kind.STRING;
import static org.aivaluechain.io.ColumnSpec.matching;
import static org.aivaluechain.io.ColumnSpec.oneOf;
import static org.aivaluechain.io.ColumnSpec.optional;
import static org.aivaluechain.io.ColumnSpec.required;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The curated input layout (documented in schemas/input/README.md): one folder holding companies.csv,
 * segments.csv, fx_rates.csv, claims.csv, facts/*.csv and reference/*.csv; every path is named here once.
 * Column specs of the filing data live here too; those of the deal and analyst files in
 * {@link DealInputs} and {@link AnalystInputs}.
 */
public final class CuratedInputs {

    public static final Set<String> LAYERS = Set.of("chips", "foundry", "memory", "hyperscaler", "neocloud",
            "devices", "servers_networking", "applications");
    public static final Set<String> METRICS = Set.of("revenue", "cost_of_revenue", "gross_profit",
            "operating_income", "net_income", "capex", "finance_lease_principal", "depreciation_amortization",
            "depreciation");
    public static final Set<String> FISCAL_PERIODS = Set.of("Q1", "Q2", "Q3", "Q4", "FY");
    private static final String QUARTER = "\\d{4}Q[1-4]";
    private static final String CURRENCY = "[A-Z]{3}";
    private static final Set<String> MONTHS = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");

    public static final List<ColumnSpec> COMPANIES = List.of(
            required("ticker", STRING),
            required("name", STRING),
            optional("sec_cik", STRING),
            oneOf("layer", true, LAYERS),
            oneOf("fiscal_year_end_month", true, MONTHS),
            oneOf("calendar", true, Set.of("month_end", "52_53_week")),
            matching("reporting_currency", CURRENCY, "a three-letter currency code"),
            required("files_with_sec", BOOLEAN),
            matching("coverage_start", QUARTER, "a calendar quarter like 2024Q3"),
            required("source", STRING));

    public static final List<ColumnSpec> SEGMENTS = List.of(
            required("ticker", STRING),
            required("segment", STRING),
            required("segment_name", STRING),
            oneOf("layer", true, LAYERS),
            required("ai_datacenter_supply", BOOLEAN),
            required("in_segment_profit_pool", BOOLEAN),
            optional("note", STRING),
            required("source", STRING));

    public static final List<ColumnSpec> FX_RATES = List.of(
            matching("currency", CURRENCY, "a three-letter currency code"),
            matching("quarter", QUARTER, "a calendar quarter like 2024Q3"),
            required("avg_per_usd", DECIMAL),
            required("end_per_usd", DECIMAL),
            required("source", STRING));

    public static final List<ColumnSpec> FACTS = List.of(
            required("ticker", STRING),
            required("fiscal_year", INT),
            oneOf("fiscal_period", true, FISCAL_PERIODS),
            required("period_end", DATE),
            matching("currency", CURRENCY, "a three-letter currency code"),
            optional("segment", STRING),
            oneOf("metric", true, METRICS),
            required("value", DECIMAL),
            required("source", STRING));

    public static final List<ColumnSpec> COMPANY_CIKS = List.of(
            required("ticker", STRING),
            required("cik", INT),
            optional("filer_name", STRING),
            optional("valid_from", DATE),
            optional("valid_to", DATE),
            required("source", STRING));

    public static final List<ColumnSpec> SEC_SEGMENT_MEMBERS = List.of(
            required("ticker", STRING),
            required("sec_segments", STRING),
            required("segment", STRING),
            required("source", STRING));

    public static final List<ColumnSpec> DEPRECIATION_PARAMETERS = List.of(
            required("ticker", STRING),
            required("disclosed_server_life_years", DECIMAL),
            required("effective_from", DATE),
            required("server_share_of_capex", DECIMAL),
            required("source", STRING),
            optional("note", STRING));

    private final Path root;

    public CuratedInputs(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path companies() {
        return root.resolve("companies.csv");
    }

    public Path segments() {
        return root.resolve("segments.csv");
    }

    public Path companyCiks() {
        return root.resolve("company_ciks.csv");
    }

    public Path secSegmentMembers() {
        return root.resolve("reference/sec_segment_members.csv");
    }

    public Path fxRates() {
        return root.resolve("fx_rates.csv");
    }

    public Path deals() {
        return root.resolve("reference/deals.csv");
    }

    public Path parties() {
        return root.resolve("reference/parties.csv");
    }

    public Path capexGuidance() {
        return root.resolve("reference/capex_guidance.csv");
    }

    public Path claims() {
        return root.resolve("claims.csv");
    }

    public Path depreciationParameters() {
        return root.resolve("reference/depreciation_parameters.csv");
    }

    /** facts/*.csv in name order; a later file's value for the same fact wins (an overlay of corrections). */
    public List<Path> factFiles() {
        Path dir = root.resolve("facts");
        if (!Files.isDirectory(dir)) {
            throw new InputFileException("input folder " + root + " has no facts/ directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> csvs = files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
            if (csvs.isEmpty()) {
                throw new InputFileException("no *.csv files in " + dir);
            }
            return csvs;
        } catch (IOException e) {
            throw new InputFileException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

}

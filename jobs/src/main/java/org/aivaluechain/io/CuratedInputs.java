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

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.aivaluechain.model.Metrics;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The curated input layout (documented in schemas/input/README.md): one folder holding companies.csv,
 * segments.csv, fx_rates.csv, claims.csv, facts/*.csv and reference/*.csv; every path is named here once.
 * The folder may be on any Hadoop-compatible file system (a local path, file://, hdfs://, s3a://, abfss://).
 * Column specs of the filing data live here too; those of the deal and analyst files in
 * {@link DealInputs} and {@link AnalystInputs}.
 */
public final class CuratedInputs {

    public static final Set<String> LAYERS = Set.of("chips", "foundry", "memory", "hyperscaler", "neocloud",
            "devices", "servers_networking", "applications");
    public static final Set<String> FISCAL_PERIODS = Set.of("Q1", "Q2", "Q3", "Q4", "FY");
    private static final String QUARTER = "\\d{4}Q[1-4]";
    private static final String CURRENCY = "[A-Z]{3}";
    private static final Set<String> MONTHS = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");

    public static final List<ColumnSpec> COMPANIES = List.of(
            required("ticker", STRING).asKey(),
            required("name", STRING),
            optional("sec_cik", STRING),
            oneOf("layer", true, LAYERS),
            oneOf("fiscal_year_end_month", true, MONTHS),
            // a change of year end, dated: the month before it and the last year end under that month
            oneOf("previous_fiscal_year_end_month", false, MONTHS),
            optional("previous_fiscal_year_end", DATE),
            oneOf("calendar", true, Set.of("month_end", "52_53_week")),
            matching("reporting_currency", CURRENCY, "a three-letter currency code"),
            required("files_with_sec", BOOLEAN),
            matching("coverage_start", QUARTER, "a calendar quarter like 2024Q3"),
            // the first calendar quarter on a changed company-wide basis, where the quarters before it are unrecast
            matching("recast_from", false, QUARTER, "a calendar quarter like 2024Q3"),
            required("source", STRING));

    public static final List<ColumnSpec> SEGMENTS = List.of(
            required("ticker", STRING).asKey(),
            required("segment", STRING).asKey(),
            required("segment_name", STRING),
            oneOf("layer", true, LAYERS),
            required("ai_datacenter_supply", BOOLEAN),
            required("in_segment_profit_pool", BOOLEAN),
            optional("note", STRING),
            // the first calendar quarter on changed segment definitions, where the history before it is unrecast
            matching("recast_from", false, QUARTER, "a calendar quarter like 2024Q3"),
            required("source", STRING));

    public static final List<ColumnSpec> FX_RATES = List.of(
            matching("currency", CURRENCY, "a three-letter currency code").asKey(),
            matching("quarter", QUARTER, "a calendar quarter like 2024Q3").asKey(),
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
            oneOf("metric", true, Metrics.names()),
            required("value", DECIMAL),
            required("source", STRING));

    public static final List<ColumnSpec> COMPANY_CIKS = List.of(
            required("ticker", STRING),
            required("cik", INT).asKey(),
            optional("filer_name", STRING),
            optional("valid_from", DATE),
            optional("valid_to", DATE),
            required("source", STRING));

    public static final List<ColumnSpec> SEC_SEGMENT_MEMBERS = List.of(
            required("ticker", STRING).asKey(),
            required("sec_segments", STRING).asKey(),
            required("segment", STRING),
            required("source", STRING));

    public static final List<ColumnSpec> DEPRECIATION_PARAMETERS = List.of(
            required("ticker", STRING).asKey(),
            required("disclosed_server_life_years", DECIMAL),
            required("effective_from", DATE),
            required("server_share_of_capex", DECIMAL),
            required("source", STRING),
            optional("note", STRING));

    private final Path root;
    private final Configuration hadoopConf;

    /** @param hadoopConf the session's Hadoop settings (spark.sparkContext().hadoopConfiguration()) */
    public CuratedInputs(String root, Configuration hadoopConf) {
        this.root = new Path(root);
        this.hadoopConf = hadoopConf;
    }

    /** A local folder, default Hadoop settings. */
    public CuratedInputs(java.nio.file.Path root) {
        this(root.toString(), new Configuration());
    }

    public Path root() {
        return root;
    }

    private InputFile file(String relative) {
        return new InputFile(new Path(root, relative), hadoopConf);
    }

    public InputFile companies() {
        return file("companies.csv");
    }

    public InputFile companyCiks() {
        return file("company_ciks.csv");
    }

    public InputFile secSegmentMembers() {
        return file("reference/sec_segment_members.csv");
    }

    public InputFile segments() {
        return file("segments.csv");
    }

    public InputFile fxRates() {
        return file("fx_rates.csv");
    }

    public InputFile deals() {
        return file("reference/deals.csv");
    }

    public InputFile parties() {
        return file("reference/parties.csv");
    }

    public InputFile capexGuidance() {
        return file("reference/capex_guidance.csv");
    }

    public InputFile claims() {
        return file("claims.csv");
    }

    public InputFile depreciationParameters() {
        return file("reference/depreciation_parameters.csv");
    }

    /**
     * facts/*.csv in name order (the extension in any case: .csv, .CSV); a later file's value for the same fact
     * wins (an overlay of corrections). Hidden names (starting with '.' or '_', as Spark's file sources skip
     * them: .DS_Store, editor swap files, _SUCCESS) are not inputs; any other file or folder stops the run with
     * its name, so nothing in facts/ is left out in silence.
     */
    public List<InputFile> factFiles() {
        Path dir = new Path(root, "facts");
        FileStatus[] listing;
        try {
            FileSystem fs = dir.getFileSystem(hadoopConf);
            if (!fs.getFileStatus(dir).isDirectory()) {
                throw new InputFileException("input folder " + root + " has no facts/ directory");
            }
            listing = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            throw new InputFileException("input folder " + root + " has no facts/ directory", e);
        } catch (IOException e) {
            throw new InputFileException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<FileStatus> inputs = Arrays.stream(listing)
                .filter(s -> !isHidden(s.getPath().getName()))
                .sorted(Comparator.comparing(s -> s.getPath().getName()))
                .toList();
        for (FileStatus s : inputs) {
            String name = s.getPath().getName();
            if (!s.isFile()) {
                throw new InputFileException("facts/ holds a folder, " + new Path(dir, name)
                        + ": facts files are the *.csv files directly in facts/");
            }
            if (!isCsv(name)) {
                throw new InputFileException("facts/ holds " + new Path(dir, name)
                        + ", which is not a .csv file: move it out of facts/ (or rename a CSV file to *.csv)");
            }
        }
        if (inputs.isEmpty()) {
            throw new InputFileException("no *.csv files in " + dir);
        }
        // named under the folder as given (the listing returns fully qualified paths)
        return inputs.stream().map(s -> new InputFile(new Path(dir, s.getPath().getName()), hadoopConf)).toList();
    }

    private static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    private static boolean isCsv(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".csv");
    }
}

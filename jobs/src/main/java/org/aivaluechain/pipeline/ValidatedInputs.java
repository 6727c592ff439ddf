package org.aivaluechain.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.aivaluechain.io.CsvFileReader;
import org.aivaluechain.io.CuratedInputs;
import org.aivaluechain.io.Frames;
import org.aivaluechain.io.InputFileException;
import org.aivaluechain.io.ParsedFile;
import org.aivaluechain.transform.Split;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The curated inputs parsed and checked: per input its valid rows (with input_file, line_number and input_order)
 * and every rejected row with its reasons, and per file read = loaded + quarantined.
 */
final class ValidatedInputs {

    private final Map<CuratedInput, List<ParsedFile>> files;
    private final Map<CuratedInput, Split> splits = new EnumMap<>(CuratedInput.class);
    private final LocalDate runDate;

    private ValidatedInputs(Map<CuratedInput, List<ParsedFile>> files, LocalDate runDate) {
        this.files = files;
        this.runDate = runDate;
    }

    /** Reads every input file; a missing or unreadable one stops the run (InputFileException) before any write. */
    static ValidatedInputs read(CuratedInputs inputs, LocalDate runDate) {
        Map<CuratedInput, List<ParsedFile>> files = new LinkedHashMap<>();
        for (CuratedInput input : CuratedInput.values()) {
            files.put(input, input.files(inputs).stream().map(f -> CsvFileReader.read(f, input.columns())).toList());
        }
        return new ValidatedInputs(files, runDate);
    }

    /** The run's date (UTC): a fact whose period ends after it cannot have been reported yet. */
    LocalDate runDate() {
        return runDate;
    }

    int fileCount() {
        return files.values().stream().mapToInt(List::size).sum();
    }

    /** Checks every input in order; each split is cached so its checks run once for both of its sides. */
    ValidatedInputs validate(SparkSession spark) {
        for (CuratedInput input : CuratedInput.values()) {
            if (input.rejectedRowStopsTheRun()) {
                stopOnUnparsedRow(files.get(input));
            }
            Split split = input.check(Frames.rows(spark, files.get(input), input.columns()), this).cached();
            if (input.rejectedRowStopsTheRun()) {
                stopOnRejectedRow(split);
            }
            splits.put(input, split);
        }
        return this;
    }

    /** Throws InputFileException naming the first row the reader refused (a value not in its column's form). */
    private static void stopOnUnparsedRow(List<ParsedFile> parsed) {
        parsed.stream().flatMap(file -> file.rejects().stream()).findFirst().ifPresent(r -> {
            throw stop(r.inputFile(), r.lineNumber(), r.reason());
        });
    }

    /** Throws InputFileException naming the first rejected row (file, line, reason), if any. */
    private static void stopOnRejectedRow(Split split) {
        List<Row> rejected = split.quarantined().orderBy("input_file", "line_number").limit(1).collectAsList();
        if (!rejected.isEmpty()) {
            Row r = rejected.get(0);
            throw stop(r.getAs("input_file"), r.getAs("line_number"), r.getAs("reason"));
        }
    }

    private static InputFileException stop(String file, long line, String reason) {
        return new InputFileException("input file " + file + " line " + line + ": " + reason + "; fix the row "
                + "(every other input is checked against this file, so leaving the row out would turn all of its "
                + "company's facts into unknown tickers)");
    }

    /** The valid rows of an input validated already. */
    Dataset<Row> rows(CuratedInput input) {
        Split split = splits.get(input);
        if (split == null) {
            throw new IllegalStateException(input + " is read before it is validated: reorder CuratedInput");
        }
        return split.valid();
    }

    /** Rows of bronze.quarantine: parse failures first, then every input's rejected rows. */
    Dataset<Row> quarantine(SparkSession spark, String runId) {
        Dataset<Row> quarantine = Frames.parseRejects(spark, allFiles());
        for (Split split : splits.values()) {
            quarantine = quarantine.unionByName(split.quarantined());
        }
        return quarantine.withColumn("run_id", lit(runId));
    }

    /** Per file, in input order: rows read (from the parser); loaded and quarantined counted in one job. */
    List<FileCount> countRows(Dataset<Row> quarantine) {
        Dataset<Row> outcomes = quarantine.select(col("input_file"), lit(false).as("loaded"));
        for (Split split : splits.values()) {
            outcomes = outcomes.unionByName(split.valid().select(col("input_file"), lit(true).as("loaded")));
        }
        Map<String, Long> loaded = new HashMap<>();
        Map<String, Long> quarantined = new HashMap<>();
        for (Row r : outcomes.groupBy("input_file", "loaded").count().collectAsList()) {
            (r.getBoolean(1) ? loaded : quarantined).put(r.getString(0), r.getLong(2));
        }
        List<FileCount> counts = new ArrayList<>();
        for (ParsedFile f : allFiles()) {
            counts.add(new FileCount(f.inputFile(), f.rowsRead(), loaded.getOrDefault(f.inputFile(), 0L),
                    quarantined.getOrDefault(f.inputFile(), 0L)));
        }
        return counts;
    }

    private List<ParsedFile> allFiles() {
        return files.values().stream().flatMap(List::stream).toList();
    }
}

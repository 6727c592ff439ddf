package org.aivaluechain.model;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The columns a curated reader adds to every parsed row: the file, its 1-based line, and the file's position in
 * the run (a later file's value for the same fact wins). They travel to bronze and the quarantine, not to silver.
 */
public final class Lineage {

    public static final String INPUT_FILE = "input_file";
    public static final String LINE_NUMBER = "line_number";
    public static final String INPUT_ORDER = "input_order";
    public static final List<String> COLUMNS = List.of(INPUT_FILE, LINE_NUMBER, INPUT_ORDER);

    private Lineage() {
    }

    /** The frame without the lineage columns. */
    public static Dataset<Row> drop(Dataset<Row> rows) {
        return rows.drop(COLUMNS.toArray(String[]::new));
    }

    /** A frame's own columns, without lineage. */
    public static String[] recordColumns(Dataset<Row> rows) {
        return Arrays.stream(rows.columns()).filter(c -> !COLUMNS.contains(c)).toArray(String[]::new);
    }
}

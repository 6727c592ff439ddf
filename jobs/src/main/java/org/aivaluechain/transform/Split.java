package org.aivaluechain.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.util.Arrays;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows checked against a set of rules: those that passed and those that did not. Quarantined rows have the
 * shape of {@code bronze.quarantine} (input_file, line_number, raw_record, reason), so nothing leaves a load
 * unaccounted. Both sides derive from one {@code checked} frame, which a caller may cache to evaluate the
 * checks once.
 */
public record Split(Dataset<Row> checked, String[] validColumns, String[] recordColumns) {

    private static final String REASON = "_reason";

    /**
     * Checks {@code rows} with {@code reason}: an empty reason is a valid row (kept with
     * {@code validColumns}), anything else a quarantine row whose raw_record joins {@code recordColumns}.
     */
    public static Split onReason(Dataset<Row> rows, Column reason, String[] validColumns, String... recordColumns) {
        return new Split(rows.withColumn(REASON, reason), validColumns, recordColumns);
    }

    public Dataset<Row> valid() {
        return checked.where(col(REASON).equalTo(""))
                .select(Arrays.stream(validColumns).map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }

    public Dataset<Row> quarantined() {
        Column raw = concat_ws(",", Arrays.stream(recordColumns).map(c -> col(c).cast("string")).toArray(Column[]::new));
        return checked.where(col(REASON).notEqual(""))
                .select(col("input_file"), col("line_number"), raw.as("raw_record"), col(REASON).as("reason"));
    }

    /** The same split over {@code checked} computed once ({@link Reused#once}), so the checks run once for both sides. */
    public Split cached() {
        return new Split(Reused.once(checked), validColumns, recordColumns);
    }

    /** Reasons joined by "; "; conditions that do not apply (null) are skipped. */
    public static Column reasons(Column... reasons) {
        return concat_ws("; ", reasons);
    }
}

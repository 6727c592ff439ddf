package org.aivaluechain.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.util.Arrays;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows that passed a check and rows that did not. Quarantined rows have the shape of
 * {@code bronze.quarantine} (input_file, line_number, raw_record, reason), so nothing leaves a load unaccounted.
 */
public record Split(Dataset<Row> valid, Dataset<Row> quarantined) {

    /**
     * Splits {@code checked} on a reason column: an empty reason is a valid row (returned with
     * {@code validColumns}), anything else a quarantine row whose raw_record joins {@code recordColumns}.
     */
    public static Split onReason(Dataset<Row> checked, Column reason, String[] validColumns, String... recordColumns) {
        Dataset<Row> withReason = checked.withColumn("_reason", reason);
        Dataset<Row> valid = withReason.where(col("_reason").equalTo(""))
                .select(Arrays.stream(validColumns).map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
        Column raw = concat_ws(",", Arrays.stream(recordColumns).map(c -> col(c).cast("string")).toArray(Column[]::new));
        Dataset<Row> quarantined = withReason.where(col("_reason").notEqual(""))
                .select(col("input_file"), col("line_number"), raw.as("raw_record"), col("_reason").as("reason"));
        return new Split(valid, quarantined);
    }

    /** Reasons joined by "; "; conditions that do not apply (null) are skipped. */
    public static Column reasons(Column... reasons) {
        return concat_ws("; ", reasons);
    }
}

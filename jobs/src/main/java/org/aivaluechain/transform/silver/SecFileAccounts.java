package org.aivaluechain.transform.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where every SEC fact of every ingested file went, so a run can print, per file, read = placed + unplaced + other
 * tags + quarantined (issue 10: nothing vanishes). Pure: the caller reads the tables.
 */
public final class SecFileAccounts {

    private SecFileAccounts() {
    }

    /**
     * @param placementCounts source_file, outcome, facts ({@link SecPeriods#placementCounts})
     * @param quarantine      rows of bronze.sec_quarantine (source_file): what the ingest could not read as a fact
     * @return one row per source file: source_file, read, placed, unplaced (facts of mapped tags in no period, with
     *     their reasons in silver.sec_unplaced_facts), other_tags (facts of tags no metric maps), quarantined; all
     *     BIGINT, and read = placed + unplaced + other_tags + quarantined
     */
    public static Dataset<Row> perFile(Dataset<Row> placementCounts, Dataset<Row> quarantine) {
        Column outcome = col("outcome");
        Dataset<Row> facts = placementCounts.groupBy("source_file").agg(
                sumWhere(outcome.equalTo(SecPeriods.PLACED)).as("placed"),
                // every other outcome is a reason: nothing falls between the columns
                sumWhere(outcome.notEqual(SecPeriods.PLACED).and(outcome.notEqual(SecPeriods.NOT_A_METRIC_TAG)))
                        .as("unplaced"),
                sumWhere(outcome.equalTo(SecPeriods.NOT_A_METRIC_TAG)).as("other_tags"));
        Dataset<Row> quarantined = quarantine.groupBy("source_file").agg(count(lit(1)).as("quarantined"));
        Column zero = lit(0L);
        return facts.join(quarantined, new String[]{"source_file"}, "full_outer")
                .select(col("source_file"),
                        coalesce(col("placed"), zero).as("placed"),
                        coalesce(col("unplaced"), zero).as("unplaced"),
                        coalesce(col("other_tags"), zero).as("other_tags"),
                        coalesce(col("quarantined"), zero).as("quarantined"))
                .withColumn("read", col("placed").plus(col("unplaced")).plus(col("other_tags")).plus(col("quarantined")))
                .select("source_file", "read", "placed", "unplaced", "other_tags", "quarantined");
    }

    private static Column sumWhere(Column condition) {
        return coalesce(sum(when(condition, col("facts"))), lit(0L));
    }
}

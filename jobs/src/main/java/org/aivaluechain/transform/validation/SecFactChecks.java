package org.aivaluechain.transform.validation;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.Currency;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Checks on SEC facts that need the tag map: a fact of one of our monetary metrics must be in a currency.
 * Per-share amounts and share counts are never summed into a metric; a unit nobody knows is quarantined with
 * the reason rather than dropped. Other tags keep whatever unit the filer used.
 */
public final class SecFactChecks {

    private static final Object[] CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).sorted().toArray();

    private SecFactChecks() {
    }

    /** Facts that pass, and quarantine rows (source_file, location, raw_record, reason) for those that do not. */
    public record Checked(Dataset<Row> facts, Dataset<Row> quarantine) {
    }

    public static Checked units(Dataset<Row> facts, Dataset<Row> tags) {
        Dataset<Row> monetary = tags.select(col("taxonomy"), col("tag"), lit(true).as("_monetary")).distinct();
        Dataset<Row> checked = facts.join(broadcast(monetary), new String[]{"taxonomy", "tag"}, "left")
                .withColumn("_reason", when(col("_monetary").isNotNull().and(not(col("unit").isin(CURRENCIES))),
                        concat(lit("unit '"), col("unit"), lit("' is not a currency, but "), col("taxonomy"), lit(":"),
                                col("tag"), lit(" reports a money amount"))));
        Column location = concat_ws(" ", col("accession"), concat(col("taxonomy"), lit(":"), col("tag")), col("unit"),
                concat_ws("..", col("period_start").cast("string"), col("period_end").cast("string")),
                col("segments"));
        Column raw = concat_ws(",", col("cik").cast("string"), col("form"), col("filed").cast("string"),
                col("value").cast("string"));
        return new Checked(
                checked.where(col("_reason").isNull()).select(facts.columns()[0],
                        java.util.Arrays.copyOfRange(facts.columns(), 1, facts.columns().length)),
                checked.where(col("_reason").isNotNull())
                        .select(col("source_file"), location.as("location"), raw.as("raw_record"), col("_reason").as("reason")));
    }
}

package org.aivaluechain.transform.validation;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.aivaluechain.io.CsvFileReader;
import org.aivaluechain.io.CuratedInputs;
import org.aivaluechain.io.Frames;
import org.aivaluechain.io.InputDamage;
import org.aivaluechain.io.InputFileException;
import org.aivaluechain.io.ParsedFile;
import org.aivaluechain.model.Metrics;
import org.aivaluechain.testing.SharedSpark;
import org.aivaluechain.transform.Split;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Reader and validation together on damaged real facts and FX rates (the two files whose values reach a decimal,
 * a division and a date): no exception but InputFileException, every row read is loaded or quarantined, and no
 * loaded fact is negative where its metric cannot be, after the run date, or without a positive FX rate.
 * Spark evaluates each try, so the tries are few and the files small (a few seconds in all).
 */
class FactValidationProperties {

    private static final LocalDate RUN_DATE = LocalDate.of(2026, 1, 31);

    @Provide
    Arbitrary<InputDamage.Case> cases() {
        return InputDamage.cases(12);
    }

    @Property(tries = 8)
    void everyDamagedFactOrRateIsLoadedOrQuarantinedNeverACrash(@ForAll("cases") InputDamage.Case facts,
                                                                @ForAll("cases") InputDamage.Case rates)
            throws IOException {
        SparkSession spark = SharedSpark.spark();
        Path dir = Files.createTempDirectory("damaged-facts");
        try {
            Path factsFile = InputDamage.write(dir, "facts.csv", "facts/core.csv", facts);
            Path fxFile = InputDamage.write(dir, "fx_rates.csv", "fx_rates.csv", rates);
            ParsedFile factsParsed;
            ParsedFile fxParsed;
            ParsedFile companiesParsed = CsvFileReader.read(InputDamage.SAMPLE.resolve("companies.csv"),
                    CuratedInputs.COMPANIES);
            ParsedFile segmentsParsed = CsvFileReader.read(InputDamage.SAMPLE.resolve("segments.csv"),
                    CuratedInputs.SEGMENTS);
            try {
                factsParsed = CsvFileReader.read(factsFile, CuratedInputs.FACTS);
                fxParsed = CsvFileReader.read(fxFile, CuratedInputs.FX_RATES);
            } catch (InputFileException e) {
                return; // a one-line error for the file: CuratedReaderProperties checks its shape
            }
            Dataset<Row> companies = InputValidation.companies(
                    Frames.rows(spark, List.of(companiesParsed), CuratedInputs.COMPANIES)).valid();
            Dataset<Row> segments = InputValidation.segments(
                    Frames.rows(spark, List.of(segmentsParsed), CuratedInputs.SEGMENTS), companies).valid();
            Split fx = InputValidation.fxRates(Frames.rows(spark, List.of(fxParsed), CuratedInputs.FX_RATES)).cached();
            Split checked = InputValidation.facts(Frames.rows(spark, List.of(factsParsed), CuratedInputs.FACTS),
                    companies, segments, fx.valid(), RUN_DATE).cached();

            assertEquals(fxParsed.rows().size(), fx.valid().count() + fx.quarantined().count());
            assertEquals(0L, fx.valid().where(col("avg_per_usd").leq(0).or(col("end_per_usd").leq(0))).count());
            Dataset<Row> valid = checked.valid().cache();
            assertEquals(factsParsed.rows().size(), valid.count() + checked.quarantined().count());
            assertEquals(0L, valid.where(col("metric").isin(Metrics.nonNegative().toArray())
                    .and(col("value").lt(0))).count());
            assertEquals(0L, valid.where(col("period_end").gt(java.sql.Date.valueOf(RUN_DATE))).count());
            valid.unpersist();
        } finally {
            InputDamage.delete(dir);
        }
    }
}

package org.aivaluechain.io.sec;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The one row shape a streaming SEC parser emits per input item: a fact, a quarantined item, or the count of
 * items read from one file. Parsers run inside executors and emit all three kinds in one pass; {@link #split}
 * turns the result into a {@link SecRead} without reading the files again.
 */
public final class SecFactRecord {

    public static final List<String> FACT_COLUMNS = List.of("source_format", "source_file", "accession", "cik",
            "entity_name", "form", "filed", "filing_fiscal_year", "filing_fiscal_period", "fiscal_year_end",
            "taxonomy", "taxonomy_version", "tag", "unit", "period_start", "period_end", "duration_quarters",
            "segments", "coreg", "frame", "value");

    public static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("location", DataTypes.StringType)
            .add("raw_record", DataTypes.StringType)
            .add("reason", DataTypes.StringType)
            .add("rows_read", DataTypes.LongType)
            .add("source_format", DataTypes.StringType)
            .add("source_file", DataTypes.StringType, false)
            .add("accession", DataTypes.StringType)
            .add("cik", DataTypes.IntegerType)
            .add("entity_name", DataTypes.StringType)
            .add("form", DataTypes.StringType)
            .add("filed", DataTypes.DateType)
            .add("filing_fiscal_year", DataTypes.IntegerType)
            .add("filing_fiscal_period", DataTypes.StringType)
            .add("fiscal_year_end", DataTypes.StringType)
            .add("taxonomy", DataTypes.StringType)
            .add("taxonomy_version", DataTypes.StringType)
            .add("tag", DataTypes.StringType)
            .add("unit", DataTypes.StringType)
            .add("period_start", DataTypes.DateType)
            .add("period_end", DataTypes.DateType)
            .add("duration_quarters", DataTypes.IntegerType)
            .add("segments", DataTypes.StringType)
            .add("coreg", DataTypes.StringType)
            .add("frame", DataTypes.StringType)
            .add("value", DataTypes.createDecimalType(28, 4));

    private static final int FACT_OFFSET = 5;

    private SecFactRecord() {
    }

    /** A fact; {@code values} follow {@link #FACT_COLUMNS}. */
    public static Row fact(Object... values) {
        if (values.length != FACT_COLUMNS.size()) {
            throw new IllegalArgumentException("a fact has " + FACT_COLUMNS.size() + " values, got " + values.length);
        }
        Object[] row = new Object[FACT_OFFSET + values.length];
        row[0] = "fact";
        System.arraycopy(values, 0, row, FACT_OFFSET, values.length);
        return RowFactory.create(row);
    }

    /** An item (or, with location "", a whole file) that could not be loaded. */
    public static Row quarantined(String sourceFile, String location, String rawRecord, String reason) {
        Object[] row = new Object[SCHEMA.size()];
        row[0] = "quarantine";
        row[1] = location;
        row[2] = rawRecord;
        row[3] = reason;
        row[FACT_OFFSET + 1] = sourceFile;
        return RowFactory.create(row);
    }

    /** How many items the file held, counted while reading it. */
    public static Row count(String sourceFile, long rowsRead) {
        Object[] row = new Object[SCHEMA.size()];
        row[0] = "count";
        row[4] = rowsRead;
        row[FACT_OFFSET + 1] = sourceFile;
        return RowFactory.create(row);
    }

    public static Date date(String yyyyMmDd) {
        return Date.valueOf(yyyyMmDd);
    }

    /** Digits bronze keeps before the decimal point: value is DECIMAL(28,4) (the FSDS readme's NUMERIC(28,4)). */
    private static final int INTEGER_DIGITS = 24;

    /**
     * A value as bronze stores it.
     *
     * @throws NumberFormatException when the text is not a number
     * @throws ArithmeticException   when it has more than 4 decimals or does not fit DECIMAL(28,4)
     */
    public static BigDecimal decimal(String text) {
        String problem = decimalProblem(text);
        if (problem != null) {
            if (problem.equals(NOT_A_NUMBER)) {
                throw new NumberFormatException("'" + text + "' " + problem);
            }
            throw new ArithmeticException("'" + text + "' " + problem);
        }
        return new BigDecimal(text).setScale(4, java.math.RoundingMode.UNNECESSARY);
    }

    private static final String NOT_A_NUMBER = "is not a number";

    /**
     * Why {@code text} cannot be a bronze value (a phrase to follow the value), or null when it can. Checked on
     * the exponent before any rescaling, so a value such as 1e999999999 costs nothing.
     */
    public static String decimalProblem(String text) {
        BigDecimal parsed;
        try {
            parsed = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return NOT_A_NUMBER;
        }
        if (parsed.signum() == 0) {
            return null;
        }
        if ((long) parsed.precision() - parsed.scale() > INTEGER_DIGITS) {
            return "is out of range for DECIMAL(28,4) (more than " + INTEGER_DIGITS + " digits before the point)";
        }
        if (parsed.stripTrailingZeros().scale() > 4) {
            return "has more than 4 decimals";
        }
        return null;
    }

    /**
     * Splits parsed records into a {@link SecRead}; the records are persisted on local disk (not the heap: the
     * nightly companyfacts.zip holds tens of millions) once first computed, since all three parts are read, and
     * unpersisted by the read's release.
     */
    public static SecRead split(Dataset<Row> records) {
        Dataset<Row> persisted = records.persist(StorageLevel.DISK_ONLY());
        Column[] factColumns = FACT_COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new);
        return new SecRead(
                persisted.where(col("kind").equalTo("fact")).select(factColumns),
                persisted.where(col("kind").equalTo("quarantine"))
                        .select("source_file", "location", "raw_record", "reason"),
                persisted.where(col("kind").equalTo("count")).select("source_file", "rows_read"),
                persisted::unpersist);
    }
}

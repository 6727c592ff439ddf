package org.aivaluechain.io;

import java.util.ArrayList;
import java.util.List;

import org.aivaluechain.model.Ddl;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Turns parsed curated files into DataFrames: the typed rows, and the rows quarantined while parsing. */
public final class Frames {

    /** Rows of bronze.quarantine as a reader makes them: the table's columns without the run's id. */
    public static final StructType QUARANTINE = new StructType(java.util.Arrays.stream(Ddl.schema("bronze.quarantine").fields())
            .filter(f -> !f.name().equals("run_id")).toArray(StructField[]::new));

    private Frames() {
    }

    /** Schema of a parsed file: its columns, then input_file, line_number and input_order (file position in the run). */
    public static StructType schemaOf(List<ColumnSpec> columns) {
        List<StructField> fields = new ArrayList<>();
        for (ColumnSpec c : columns) {
            fields.add(DataTypes.createStructField(c.name(), c.sparkType(), !c.required() || c.kind() == ColumnSpec.Kind.STRING));
        }
        fields.add(DataTypes.createStructField("input_file", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("line_number", DataTypes.LongType, false));
        fields.add(DataTypes.createStructField("input_order", DataTypes.IntegerType, false));
        return DataTypes.createStructType(fields);
    }

    /** All files' good rows in one frame; input_order is each file's index in {@code files}. */
    public static Dataset<Row> rows(SparkSession spark, List<ParsedFile> files, List<ColumnSpec> columns) {
        List<Row> rows = new ArrayList<>();
        for (int order = 0; order < files.size(); order++) {
            for (Object[] values : files.get(order).rows()) {
                Object[] withOrder = java.util.Arrays.copyOf(values, values.length + 1);
                withOrder[values.length] = order;
                rows.add(RowFactory.create(withOrder));
            }
        }
        return spark.createDataFrame(rows, schemaOf(columns));
    }

    public static Dataset<Row> parseRejects(SparkSession spark, List<ParsedFile> files) {
        List<Row> rows = new ArrayList<>();
        for (ParsedFile file : files) {
            for (QuarantinedRecord r : file.rejects()) {
                rows.add(RowFactory.create(r.inputFile(), r.lineNumber(), r.rawRecord(), r.reason()));
            }
        }
        return spark.createDataFrame(rows, QUARANTINE);
    }
}

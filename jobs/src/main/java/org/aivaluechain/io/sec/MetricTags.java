package org.aivaluechain.io.sec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.aivaluechain.model.Metrics;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which XBRL tags report which of our metrics: the data file {@code sec/metric_tags.csv} in the jar
 * (metric, taxonomy, tag, priority, note). A company's tag for a metric is chosen per period by
 * {@link org.aivaluechain.transform.silver.SecPeriods}: the tag it used most recently first, then priority.
 * Adding an alias is an edit to the file, not to code.
 */
public final class MetricTags {

    public static final String RESOURCE = "/sec/metric_tags.csv";

    public static final StructType SCHEMA = new StructType()
            .add("metric", DataTypes.StringType, false)
            .add("taxonomy", DataTypes.StringType, false)
            .add("tag", DataTypes.StringType, false)
            .add("priority", DataTypes.IntegerType, false);

    private MetricTags() {
    }

    public static Dataset<Row> load(SparkSession spark) {
        return spark.createDataFrame(rows(), SCHEMA);
    }

    /** The file's rows, checked: a known metric, a positive priority, each taxonomy:tag once. */
    public static List<Row> rows() {
        try (InputStream in = MetricTags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + RESOURCE + " in the jar");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static List<Row> parse(Reader reader) throws IOException {
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        for (CSVRecord r : format.parse(reader)) {
            String where = RESOURCE + " line " + (r.getRecordNumber() + 1);
            String metric = r.get("metric");
            if (!Metrics.names().contains(metric)) {
                throw new IllegalStateException(where + ": unknown metric '" + metric + "'");
            }
            String key = r.get("taxonomy") + ":" + r.get("tag");
            if (!seen.add(key)) {
                throw new IllegalStateException(where + ": " + key + " is listed twice");
            }
            int priority = Integer.parseInt(r.get("priority"));
            if (priority < 1) {
                throw new IllegalStateException(where + ": priority must be 1 or more");
            }
            rows.add(RowFactory.create(metric, r.get("taxonomy"), r.get("tag"), priority));
        }
        return rows;
    }
}

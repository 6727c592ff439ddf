package org.aivaluechain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The metric list, the silver DDL files and the SEC tag map name the same metrics: one forgotten edit fails here. */
class MetricsContractTest {

    @Test
    void quarterlyFinancialsHasOneAmountColumnPerMetricInListOrder() {
        assertEquals(Metrics.consolidated(), amountColumns("silver.quarterly_financials"));
    }

    @Test
    void segmentFinancialsHasOneAmountColumnPerSegmentMetric() {
        assertEquals(Metrics.bySegment(), amountColumns("silver.segment_financials"));
    }

    @Test
    void asReportedTwinHasTheSameColumnsAsItsOriginal() {
        assertEquals(Ddl.schema("silver.quarterly_financials"), Ddl.schema("silver.quarterly_financials_as_reported"));
    }

    @Test
    void everyMetricInTheSecTagMapIsInTheList() throws IOException {
        Set<String> tagged = new TreeSet<>();
        try (Reader in = new InputStreamReader(getClass().getResourceAsStream("/sec/metric_tags.csv"),
                StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                tagged.add(r.get("metric"));
            }
        }
        tagged.removeAll(Metrics.names());
        assertEquals(Set.of(), tagged, "metrics in sec/metric_tags.csv that are not in Metrics.ALL");
    }

    /** The DECIMAL(20,4) columns of a table, in order: its metrics. */
    private static List<String> amountColumns(String table) {
        StructType schema = Ddl.schema(table);
        return Arrays.stream(schema.fields()).filter(f -> f.dataType().equals(Amounts.AMOUNT))
                .map(StructField::name).collect(Collectors.toList());
    }
}

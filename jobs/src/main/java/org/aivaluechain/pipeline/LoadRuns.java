package org.aivaluechain.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.aivaluechain.model.Ddl;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Rows of bronze.load_runs: per run (or ingest) and input file, read = loaded + quarantined, and the versions written. */
final class LoadRuns {

    static final StructType SCHEMA = Ddl.schema(Tables.RUN_LOG);

    private LoadRuns() {
    }

    /** Appends one row per file in one commit; returns the version written. */
    static long append(SparkSession spark, Warehouse warehouse, String runId, String command, Timestamp startedAt,
                       List<FileCount> counts, Map<String, Long> versions) {
        Timestamp finishedAt = Timestamp.from(Instant.now());
        List<Row> rows = new ArrayList<>();
        for (FileCount c : counts) {
            rows.add(RowFactory.create(runId, command, startedAt, finishedAt, c.inputFile(), c.read(), c.loaded(),
                    c.quarantined(), scala.jdk.javaapi.CollectionConverters.asScala(versions)));
        }
        return warehouse.append(Tables.RUN_LOG, spark.createDataFrame(rows, SCHEMA));
    }
}

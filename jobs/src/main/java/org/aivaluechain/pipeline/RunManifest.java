package org.aivaluechain.pipeline;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.aivaluechain.model.Ddl;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Rows of bronze.runs: a run says it started before writing anything and names the Delta versions it wrote
 * once everything is written, in one commit, so the set of versions of a complete run can be read as one state.
 */
final class RunManifest {

    private static final StructType SCHEMA = Ddl.schema(Tables.RUN_MANIFEST);

    private RunManifest() {
    }

    static void started(SparkSession spark, Warehouse warehouse, String runId, String command) {
        append(spark, warehouse, runId, command, "started", null);
    }

    static void complete(SparkSession spark, Warehouse warehouse, String runId, String command,
                         Map<String, Long> versions) {
        append(spark, warehouse, runId, command, "complete", scala.jdk.javaapi.CollectionConverters.asScala(versions));
    }

    private static void append(SparkSession spark, Warehouse warehouse, String runId, String command, String state,
                               Object versions) {
        warehouse.append(Tables.RUN_MANIFEST, spark.createDataFrame(List.of(RowFactory.create(runId, command, state,
                Timestamp.from(Instant.now()), ManagementFactory.getRuntimeMXBean().getName(), versions)), SCHEMA));
    }
}

package org.aivaluechain.cluster;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;
import static org.aivaluechain.testing.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.aivaluechain.cli.ValueChainCli;
import org.aivaluechain.testing.SampleWarehouse;
import org.aivaluechain.testing.TableContents;
import org.aivaluechain.testing.SharedSpark;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration test: the job submitted with spark-submit to a real Spark standalone cluster (a master and a
 * worker in their own JVMs on 127.0.0.1, executors launched by the worker), reading the sample data through a
 * file:// URI and writing a warehouse under configured schema names, exactly as on a user's cluster; then the
 * tables it wrote are read back here and checked against reported figures and against the local run.
 */
@Tag("integration")
@ExtendWith(SharedSpark.class)
class StandaloneClusterIntegrationTest {

    // generous: the run takes about 1 minute on 2 idle cores and 3 on a heavily loaded machine
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);

    @Test
    void sparkSubmitToAStandaloneClusterWritesTheSameTablesAsALocalRun(@TempDir Path dir) throws Exception {
        Path warehouse = dir.resolve("warehouse");
        String input = SampleWarehouse.SAMPLE_DATA.toAbsolutePath().toUri().toString(); // file:///.../sample-data/
        try (StandaloneCluster cluster = new StandaloneCluster(dir)) {
            Path classes = Path.of(ValueChainCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path app = cluster.applicationJar(classes);
            long t0 = System.nanoTime();
            cluster.start("1", "1g", START_TIMEOUT);
            System.err.printf("cluster: master and worker up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            List<String> submit = new ArrayList<>(List.of(
                    "--master", cluster.masterUrl(), "--deploy-mode", "client",
                    "--class", "org.aivaluechain.cli.ValueChainCli", "--name", "valuechain-ci",
                    "--jars", cluster.deltaJars().stream().map(Path::toString).collect(Collectors.joining(",")),
                    "--executor-memory", "512m", "--total-executor-cores", "1",
                    "--conf", "spark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1",
                    "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                    "--conf", "spark.ui.enabled=false",
                    // catalog and schema names as on a cluster with a metastore
                    "--conf", "spark.valuechain.catalog=spark_catalog",
                    "--conf", "spark.valuechain.schema.bronze=ci_bronze",
                    "--conf", "spark.valuechain.schema.silver=ci_silver",
                    "--conf", "spark.valuechain.schema.gold=ci_gold"));
            // the small-data settings bin/valuechain uses locally: tiny tables, so per-task overhead dominates
            for (String conf : List.of("spark.sql.shuffle.partitions=1", "spark.default.parallelism=1",
                    "spark.databricks.delta.snapshotPartitions=1",
                    "spark.databricks.delta.writeChecksumFile.enabled=false",
                    "spark.databricks.delta.stats.collect=false", "spark.sql.codegen.wholeStage=false",
                    "spark.sql.codegen.factoryMode=NO_CODEGEN", "spark.sql.adaptive.enabled=false",
                    "spark.databricks.delta.stats.skipping=false", "spark.sql.constraintPropagation.enabled=false")) {
                submit.add("--conf");
                submit.add(conf);
            }
            submit.addAll(List.of(app.toString(),
                    "run", "--input", input, "--warehouse", warehouse.toUri().toString()));

            long t1 = System.nanoTime();
            int exit = cluster.submit(submit, RUN_TIMEOUT);
            assertEquals(0, exit, "spark-submit failed\n" + cluster.logs());
            System.err.printf("cluster: spark-submit finished in %.1f s; its output:%n%s%n",
                    (System.nanoTime() - t1) / 1e9,
                    cluster.log("spark-submit"));
            // the work ran in an executor the worker launched, not in the driver
            try (Stream<Path> apps = Files.list(cluster.workerDir())) {
                assertTrue(apps.anyMatch(p -> p.getFileName().toString().startsWith("app-")
                        && Files.isRegularFile(p.resolve("0/stderr"))), "no executor ran\n" + cluster.logs());
            }
        }

        SparkSession spark = SharedSpark.spark();
        try {
            spark.conf().set("spark.valuechain.catalog", "spark_catalog");
            spark.conf().set("spark.valuechain.schema.bronze", "ci_bronze");
            spark.conf().set("spark.valuechain.schema.silver", "ci_silver");
            spark.conf().set("spark.valuechain.schema.gold", "ci_gold");
            new Warehouse(spark, warehouse.toUri().toString()).registerExisting();
        } finally {
            spark.conf().unset("spark.valuechain.catalog");
            spark.conf().unset("spark.valuechain.schema.bronze");
            spark.conf().unset("spark.valuechain.schema.silver");
            spark.conf().unset("spark.valuechain.schema.gold");
        }
        // NVIDIA 10-Q for the quarter ended 2024-10-27: revenue $35,082 million; 10-K FY2026: Q4 revenue 68,127
        assertRows(spark.sql("SELECT ticker, fiscal_year, fiscal_quarter, calendar_quarter, revenue "
                        + "FROM spark_catalog.ci_silver.quarterly_financials WHERE ticker = 'NVDA' "
                        + "AND period_end IN (DATE'2024-10-27', DATE'2026-01-25')"), "*",
                row("NVDA", 2025, 3, "2024Q3", 35082),
                row("NVDA", 2026, 4, "2025Q4", 68127));
        assertRows(spark.sql("SELECT ticker, calendar_quarter, revenue FROM spark_catalog.ci_gold.capex_intensity "
                        + "WHERE ticker = 'NVDA' AND calendar_quarter IN ('2024Q3', '2025Q4')"), "*",
                row("NVDA", "2024Q3", 35082),
                row("NVDA", "2025Q4", 68127));
        // every input file (each .csv of the sample data) was read through the file:// URI, and all its rows loaded
        long inputFiles;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(SampleWarehouse.SAMPLE_DATA)) {
            inputFiles = files.filter(f -> f.toString().endsWith(".csv")).count();
        }
        assertRows(spark.sql("SELECT count(*), count_if(input_file LIKE 'file:/%'), sum(rows_read) = sum(rows_loaded) "
                + "FROM spark_catalog.ci_bronze.load_runs"), "*", row(inputFiles, inputFiles, true));

        // every silver and gold table equals the one the local run wrote from the same data (shared by the suite)
        long t2 = System.nanoTime();
        Warehouse local = new Warehouse(spark, SampleWarehouse.path().toString());
        System.err.printf("cluster: local sample warehouse ready in %.1f s%n", (System.nanoTime() - t2) / 1e9);
        long t3 = System.nanoTime();
        Warehouse cluster = new Warehouse(spark, warehouse.toUri().toString());
        // per table and side a row count and an order-independent sum of row hashes, all in one job
        Map<String, Warehouse> sides = Map.of("cluster", cluster, "local", local);
        Dataset<Row> hashes = null;
        // bronze is left out: run ids, times and input file names differ by design
        List<String> compared = org.aivaluechain.pipeline.Tables.all().stream()
                .filter(t -> !t.startsWith("bronze.") && local.exists(t)).toList();
        for (String table : compared) {
            for (Map.Entry<String, Warehouse> side : sides.entrySet()) {
                Dataset<Row> rows = comparable(spark.read().format("delta").load(side.getValue().location(table)));
                Dataset<Row> hashed = rows.select(lit(table).as("table_name"), lit(side.getKey()).as("side"),
                        xxhash64(Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new))
                                .cast("decimal(38,0)").as("row_hash"));
                hashes = hashes == null ? hashed : hashes.union(hashed);
            }
        }
        Map<String, Map<String, String>> fingerprints = new TreeMap<>();
        for (Row r : hashes.groupBy("table_name", "side").agg(count(lit(1)), sum("row_hash")).collectAsList()) {
            fingerprints.computeIfAbsent(r.getString(0), t -> new TreeMap<>())
                    .put(r.getString(1), r.get(2) + " rows, hash sum " + r.get(3));
        }
        // an empty table (silver.sec_period_values before any ingest) has no group on either side
        assertTrue(compared.containsAll(fingerprints.keySet()) && fingerprints.size() >= 17, fingerprints.toString());
        assertTrue(compared.contains("gold.capex_intensity") && compared.size() >= 17, compared.toString());
        for (Map.Entry<String, Map<String, String>> t : fingerprints.entrySet()) {
            assertEquals(t.getValue().get("local"), t.getValue().get("cluster"), () -> t.getKey()
                    + " differs from the local run (first: the cluster's table):\n"
                    + difference(spark, cluster.location(t.getKey()), local.location(t.getKey())));
        }
        System.err.printf("cluster: compared with the local run in %.1f s%n", (System.nanoTime() - t3) / 1e9);
    }

    private static String difference(SparkSession spark, String table, String other) {
        return TableContents.difference(spark.read().format("delta").load(table), spark.read().format("delta").load(other));
    }

    private static Dataset<Row> comparable(Dataset<Row> table) {
        return TableContents.comparable(table);
    }
}

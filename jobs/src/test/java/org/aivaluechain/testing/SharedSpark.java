package org.aivaluechain.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One SparkSession for the whole test JVM, stopped by Spark's own shutdown hook when the JVM exits. Not closed with
 * JUnit's root store: with two forks surefire runs each test class as its own JUnit execution, so that store
 * closes after every class, and a new session per class would pay its start-up each time and lose the catalog that
 * the warehouse registry ({@code Warehouse}) remembers. Test-only settings (local master, tiny partition counts) live here, not in job code.
 */
public final class SharedSpark implements BeforeAllCallback {

    /** Folder for this JVM's catalog (spark.sql.warehouse.dir): one per JVM, as several run at once. */
    static final String CATALOG_PROPERTY = "valuechain.test.catalog";

    private static SparkSession session;

    @Override
    public void beforeAll(ExtensionContext context) {
        SampleWarehouse.startBuilding();
        spark();
    }

    public static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("valuechain-tests")
                    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    .config("spark.sql.codegen.wholeStage", "false")
                    // the launcher's small-data settings (bin/valuechain), as the cluster test uses too:
                    // interpreted expressions instead of compiling generated classes, no Delta checksum or
                    // statistics jobs per commit, no data skipping, no constraint propagation
                    .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
                    .config("spark.databricks.delta.writeChecksumFile.enabled", "false")
                    .config("spark.databricks.delta.stats.collect", "false")
                    .config("spark.databricks.delta.stats.skipping", "false")
                    .config("spark.sql.constraintPropagation.enabled", "false")
                    .config("spark.sql.adaptive.enabled", "false")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    // one catalog folder per test JVM: surefire runs two at once
                    .config("spark.sql.warehouse.dir", System.getProperty(CATALOG_PROPERTY,
                            System.getProperty("java.io.tmpdir") + "/valuechain-test-catalog"))
                    .getOrCreate();
        }
        return session;
    }
}

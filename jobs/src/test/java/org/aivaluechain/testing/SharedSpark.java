package org.aivaluechain.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One SparkSession for the whole test JVM, kept in JUnit's root store so it is stopped once, after the
 * last test class. Test-only settings (local master, tiny partition counts) live here, not in job code.
 */
public final class SharedSpark implements BeforeAllCallback {

    private static SparkSession session;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedSpark.class, k -> new Holder(), Holder.class);
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
                    // statistics jobs per commit
                    .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
                    .config("spark.databricks.delta.writeChecksumFile.enabled", "false")
                    .config("spark.databricks.delta.stats.collect", "false")
                    .config("spark.sql.adaptive.enabled", "false")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/valuechain-test-catalog")
                    .getOrCreate();
        }
        return session;
    }

    private static final class Holder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        Holder() {
            spark();
        }

        @Override
        public void close() {
            synchronized (SharedSpark.class) {
                if (session != null) {
                    session.stop();
                    session = null;
                }
            }
        }
    }
}

package org.aivaluechain.warehouse;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is built. The master and resources are left to spark-submit or the
 * launcher (bin/valuechain passes spark.master as a system property); only what the jobs need is set here.
 */
public final class Sessions {

    private Sessions() {
    }

    public static SparkSession getOrCreate(String warehouseRoot) {
        SparkSession.Builder builder = DataSize.atStart(SparkSession.builder().appName("valuechain"));
        // spark-submit passes --conf and spark-defaults.conf as system properties, which SparkConf reads: a
        // cluster that configures its own extensions or session catalog (Delta plus others) keeps them
        SparkConf submitted = new SparkConf();
        if (!submitted.contains("spark.sql.extensions")) {
            builder.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        }
        if (!submitted.contains("spark.sql.catalog.spark_catalog")) {
            builder.config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        }
        if (System.getProperty("spark.sql.warehouse.dir") == null) {
            // keeps Spark from creating ./spark-warehouse; every table has an explicit location anyway
            builder.config("spark.sql.warehouse.dir", warehouseRoot + "/_catalog");
        }
        return builder.getOrCreate();
    }
}

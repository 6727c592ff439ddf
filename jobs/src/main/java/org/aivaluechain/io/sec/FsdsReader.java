package org.aivaluechain.io.sec;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads the SEC's Financial Statement Data Sets (FSDS): num.txt facts joined to their sub.txt submission, as
 * the columns of bronze.sec_facts (source_format 'fsds'), with every unusable row or file quarantined.
 *
 * <p>{@code path} is a quarterly zip as published (e.g. 2010q2.zip), an extracted folder holding sub.txt and
 * num.txt, or a directory of such zips and folders; any Hadoop-compatible URI. source_file is the zip's or the
 * folder's path, location names the file and line ({@code num.txt line 17}).
 *
 * <p>Per source file, rows_read (num.txt data lines) = facts + quarantine rows with a line location. A file that
 * cannot be used at all (no num.txt or sub.txt, a header lacking a needed column, a corrupt zip) is one
 * quarantine row with location '' and the reason, rows_read 0, and contributes no facts; the other files load.
 *
 * <p>Nothing is collected to the driver, which only lists the input paths. The lines read are persisted
 * (memory and disk), so evaluating facts, quarantine and rowsRead reads each input once rather than once per
 * Dataset and branch; the cache lives as long as the session or until {@code unpersist} on the caller's side
 * ({@code spark.catalog().clearCache()}).
 */
public final class FsdsReader {

    private final SparkSession spark;

    public FsdsReader(SparkSession spark) {
        this.spark = spark;
    }

    /** @throws org.aivaluechain.io.InputFileException when the path does not exist or holds no FSDS data */
    public SecRead read(String path) {
        FsdsInputs inputs = FsdsInputs.list(path, spark.sparkContext().hadoopConfiguration());
        Dataset<Row> lines = FsdsLines.read(spark, inputs).persist(StorageLevel.MEMORY_AND_DISK());
        return FsdsParse.parse(lines);
    }
}

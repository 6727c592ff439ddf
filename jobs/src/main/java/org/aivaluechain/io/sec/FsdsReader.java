package org.aivaluechain.io.sec;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads the SEC's Financial Statement Data Sets (FSDS): num.txt facts joined to their sub.txt submission, as
 * the columns of bronze.sec_facts (source_format 'fsds'), with every unusable row or file quarantined.
 *
 * <p>{@code path} is a quarterly zip as published (e.g. 2010q2.zip), an extracted folder holding sub.txt and
 * num.txt, or a directory of such zips and folders; any Hadoop-compatible URI. source_file is the zip's or the
 * folder's path, location names the file and line ({@code num.txt line 17}). num.txt may come in the current
 * layout or the archive layout without a segments column (read as whole-entity facts).
 *
 * <p>Per source file, rows_read (num.txt data lines) = facts + quarantine rows with a line location. A file that
 * cannot be used at all (no num.txt or sub.txt, a header lacking a needed column, a corrupt zip) is one
 * quarantine row with location '' and the reason, rows_read 0, and contributes no facts; the other files load.
 *
 * <p>Each source is unpacked once into a staging folder ({@link FsdsStaging}: one task per zip, counting the
 * lines as it goes); the facts are then parsed from there by Spark's text source, which splits large files
 * across tasks. Nothing but a few rows per file is collected to the driver. The staging folder lives until
 * {@link SecRead#release()}.
 */
public final class FsdsReader implements SecReader {

    private final SparkSession spark;
    private final String stagingRoot;

    /** Staging under the JVM's temporary folder: for local runs and tests. */
    public FsdsReader(SparkSession spark) {
        this(spark, new java.io.File(System.getProperty("java.io.tmpdir"), "valuechain-staging").toURI().toString());
    }

    /** @param stagingRoot a folder every executor can write and read (on a cluster: under the warehouse) */
    public FsdsReader(SparkSession spark, String stagingRoot) {
        this.spark = spark;
        this.stagingRoot = stagingRoot;
    }

    /** @throws org.aivaluechain.io.InputFileException when the path does not exist or holds no FSDS data */
    public SecRead read(String path) {
        FsdsInputs inputs = FsdsInputs.list(path, spark.sparkContext().hadoopConfiguration());
        return read(inputs);
    }

    @Override
    public Map<String, List<String>> sources(String path) {
        return FsdsInputs.list(path, spark.sparkContext().hadoopConfiguration()).sources();
    }

    @Override
    public SecRead read(String path, Collection<String> sources) {
        return read(FsdsInputs.list(path, spark.sparkContext().hadoopConfiguration()).only(sources));
    }

    private SecRead read(FsdsInputs inputs) {
        String staging = stagingRoot + "/fsds-" + UUID.randomUUID();
        FsdsStaging.Result staged = FsdsStaging.stage(spark, inputs, staging);
        // on local disk, not the heap: a quarter's facts outgrow the memory of a small driver
        SecRead read = FsdsParse.parse(staged.heads(), staged.num(), staged.sub(), staged.rowsRead(),
                StorageLevel.DISK_ONLY());
        return read.withRelease(() -> {
            SecFileTasks.delete(spark, staging);
            SecFileTasks.deleteIfEmpty(spark, stagingRoot);
        });
    }
}

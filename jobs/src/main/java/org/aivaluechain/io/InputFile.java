package org.aivaluechain.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * One curated input file on any Hadoop-compatible file system (local, hdfs://, s3a://, abfss://), with the
 * Hadoop configuration to open it: on a cluster that is the session's, which carries the object-store
 * credentials and endpoints set as spark.hadoop.* confs. The path is kept as the user gave it, so the
 * input_file recorded in bronze and in the run summary reads like the --input option.
 */
public record InputFile(Path path, Configuration hadoopConf) {

    /** A file on the local disk (or on the default file system, for a relative path), default Hadoop settings. */
    public static InputFile local(java.nio.file.Path file) {
        return new InputFile(new Path(file.toString()), new Configuration());
    }

    @Override
    public String toString() {
        return path.toString();
    }
}

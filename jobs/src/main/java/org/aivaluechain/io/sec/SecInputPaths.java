package org.aivaluechain.io.sec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.aivaluechain.io.InputFileException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Lists the files an ingest reads, on any Hadoop-compatible file system. Only names are listed on the driver. */
public final class SecInputPaths {

    private SecInputPaths() {
    }

    /**
     * {@code path} itself when it is a file with one of {@code suffixes}, else the files directly inside it
     * that have one, in name order. A path that does not exist, or holds no such file, is an input error.
     */
    public static List<String> files(SparkSession spark, String path, String what, String... suffixes) {
        Path p = new Path(path);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) {
                throw new InputFileException("input not found: " + path);
            }
            List<String> found = new ArrayList<>();
            FileStatus self = fs.getFileStatus(p);
            FileStatus[] candidates = self.isDirectory() ? fs.listStatus(p) : new FileStatus[]{self};
            for (FileStatus f : candidates) {
                if (f.isFile() && hasSuffix(f.getPath().getName(), suffixes)) {
                    found.add(f.getPath().toString());
                }
            }
            if (found.isEmpty()) {
                throw new InputFileException("no " + what + " (" + String.join(", ", suffixes) + ") in " + path);
            }
            found.sort(String::compareTo);
            return found;
        } catch (IOException e) {
            throw new InputFileException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasSuffix(String name, String... suffixes) {
        for (String s : suffixes) {
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(s)) {
                return true;
            }
        }
        return false;
    }
}

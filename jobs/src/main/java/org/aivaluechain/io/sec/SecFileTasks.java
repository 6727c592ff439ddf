package org.aivaluechain.io.sec;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

import scala.Tuple2;

/**
 * Runs work over input files inside executors, one task per item, opening each file through Hadoop's FileSystem
 * there. The paths travel as data, never as one comma-separated Hadoop input path, so a file name may hold a
 * comma or a glob character.
 */
public final class SecFileTasks {

    /** Work on one item, given a way to open its files. */
    @FunctionalInterface
    public interface Task<I, O> extends Serializable {
        Iterator<O> run(I item, Opener files) throws IOException;
    }

    /** Opens and creates files inside a task. */
    public interface Opener extends Serializable {
        InputStream open(String path) throws IOException;

        /** A new file (overwriting one left by a failed attempt of the same task). */
        java.io.OutputStream create(String path) throws IOException;
    }

    private SecFileTasks() {
    }

    /** {@code task} over each item in its own task (items are few: files, not rows). */
    public static <I, O> JavaRDD<O> each(SparkSession spark, List<I> items, Task<I, O> task) {
        SerializableConfiguration conf = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
        Opener opener = new Opener() {
            @Override
            public InputStream open(String path) throws IOException {
                return SecFileTasks.open(conf.value(), path);
            }

            @Override
            public java.io.OutputStream create(String path) throws IOException {
                Path p = new Path(path);
                return p.getFileSystem(conf.value()).create(p, true);
            }
        };
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(items, Math.max(1, items.size()))
                .flatMap(item -> task.run(item, opener));
    }

    /**
     * SHA-256 of each source's files, read in the order given (one task per source): what a re-ingest compares
     * to skip a file already loaded.
     */
    public static Map<String, String> checksums(SparkSession spark, Map<String, List<String>> sourceFiles) {
        List<Tuple2<String, List<String>>> items = sourceFiles.entrySet().stream()
                .map(e -> new Tuple2<String, List<String>>(e.getKey(), List.copyOf(e.getValue()))).toList();
        Map<String, String> out = new LinkedHashMap<>();
        for (Tuple2<String, String> r : each(spark, items, SecFileTasks::checksum).collect()) {
            out.put(r._1(), r._2());
        }
        return out;
    }

    private static Iterator<Tuple2<String, String>> checksum(Tuple2<String, List<String>> source, Opener files)
            throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        for (String path : source._2()) {
            try (InputStream in = new DigestInputStream(files.open(path), digest)) {
                while (in.read(buffer) >= 0) {
                    // the digest sees every byte read
                }
            } catch (IOException e) {
                // an unreadable file has no checksum: it is read (and reported) as usual
                return List.of(new Tuple2<>(source._1(), "unreadable")).iterator();
            }
        }
        return List.of(new Tuple2<>(source._1(), HexFormat.of().formatHex(digest.digest()))).iterator();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static InputStream open(Configuration conf, String path) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(conf);
        return fs.open(p);
    }

    /** Deletes a folder if it is there and empty (a staging root that another ingest is not using). */
    public static void deleteIfEmpty(SparkSession spark, String path) {
        Path p = new Path(path);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(p) && fs.listStatus(p).length == 0) {
                fs.delete(p, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete staging folder " + path, e);
        }
    }

    /** Deletes a staging folder, if there. */
    public static void delete(SparkSession spark, String path) {
        Path p = new Path(path);
        try {
            p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete staging folder " + path, e);
        }
    }
}

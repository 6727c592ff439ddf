package org.aivaluechain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

import org.aivaluechain.warehouse.Warehouse;

/**
 * The pipeline's output on the real sample data, built once per {@code mvn test} and shared by every test that only
 * reads it (a run takes most of a minute, so each test building its own would dominate the suite). Surefire runs
 * the suite in two JVMs: the first to need the warehouse builds it under a file lock, the other waits and reuses it.
 * The location comes from the system property {@value #LOCATION_PROPERTY} (set per build in the pom, so a stale
 * warehouse of an earlier build is never reused); without it (a test started from an IDE) each JVM builds its own.
 * Tests that register another warehouse must call {@link #register()} before querying this one again; tests that
 * write must work on a {@link #copy(Path)}.
 */
public final class SampleWarehouse {

    public static final Path SAMPLE_DATA = Path.of("sample-data");
    static final String LOCATION_PROPERTY = "valuechain.test.sampleWarehouse";
    private static final String BUILT_MARKER = "_sample_run_succeeded";

    private static Path location;

    private SampleWarehouse() {
    }

    /** The warehouse directory, after a successful run into it (by this JVM or another of the same build). */
    public static synchronized Path path() {
        if (location == null) {
            SharedSpark.spark();
            try {
                String shared = System.getProperty(LOCATION_PROPERTY);
                location = shared == null ? build(Files.createTempDirectory(Path.of("target"), "sample-warehouse"))
                        : buildOnce(Path.of(shared));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return location;
    }

    /** Points the session's catalog at the sample warehouse's tables. */
    public static Path register() {
        Path p = path();
        new Warehouse(SharedSpark.spark(), p.toString()).registerExisting();
        return p;
    }

    /**
     * A copy of the sample warehouse's {@code tables} (paths such as {@code gold/claim_checks}; none: all of it), with
     * their history, in {@code target}: for tests that write.
     */
    public static Path copy(Path target, String... tables) {
        Path sample = path();
        Stream<Path> roots = tables.length == 0 ? Stream.of(sample) : Stream.of(tables).map(sample::resolve);
        roots.forEach(root -> {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> !f.getFileName().toString().equals(BUILT_MARKER))
                        .forEach(f -> copyFile(f, target.resolve(sample.relativize(f).toString())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return target;
    }

    private static Path buildOnce(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        try (FileChannel lockFile = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (Files.exists(dir.resolve(BUILT_MARKER))) {
                return dir;
            }
            // a JVM of this build died part-way through the run: start again from nothing
            deleteTree(dir);
            build(dir);
            Files.createFile(dir.resolve(BUILT_MARKER));
            return dir;
        }
    }

    private static Path build(Path dir) {
        CliRun.Captured run = CliRun.cli("run", "--input", SAMPLE_DATA.toString(), "--warehouse", dir.toString());
        if (run.exit() != 0) {
            throw new AssertionError("the pipeline failed on the sample data:\n" + run.err());
        }
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static void copyFile(Path from, Path to) {
        try {
            if (Files.isDirectory(from)) {
                Files.createDirectories(to);
            } else {
                Files.copy(from, to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

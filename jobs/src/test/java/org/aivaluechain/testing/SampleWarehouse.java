package org.aivaluechain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.lang.management.ManagementFactory;
import java.nio.file.FileAlreadyExistsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.aivaluechain.warehouse.Warehouse;

/**
 * The pipeline's output on the real sample data, built once per {@code mvn test} and shared by every test that only
 * reads it (a run takes most of a minute, so each test building its own would dominate the suite). Surefire runs
 * the suite in two JVMs; the first of them to start a Spark test starts a third JVM that builds the warehouse under
 * a file lock while both go on with other tests ({@link #startBuilding()}: building it in a test JVM left the other
 * one waiting, a core idle for a minute and a half). A test that needs it waits for that lock; if the builder died
 * without finishing, the test's own JVM builds it.
 * The location comes from the system property {@value #LOCATION_PROPERTY} (set per build in the pom, so a stale
 * warehouse of an earlier build is never reused); without it (a test started from an IDE) each JVM builds its own.
 * Tests that register another warehouse must call {@link #register()} before querying this one again; tests that
 * write must work on a {@link #copy(Path)}.
 */
public final class SampleWarehouse {

    public static final Path SAMPLE_DATA = Path.of("sample-data");
    static final String LOCATION_PROPERTY = "valuechain.test.sampleWarehouse";
    private static final String BUILT_MARKER = "_sample_run_succeeded";
    // next to the warehouse: created by the JVM that starts the builder, and by the builder once it holds the lock
    private static final String STARTED = ".builder-started";
    private static final String LOCKED = ".builder-locked";
    private static final Duration BUILDER_START = Duration.ofSeconds(60);

    private static Path location;
    private static boolean startChecked;
    private static boolean isBuilder;

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

    /**
     * Starts the builder JVM unless another JVM of this build did (or the warehouse is reused, none is shared, or
     * only some tests were selected with -Dtest, where the first test that needs the warehouse builds it):
     * same JVM options and classpath as this one, output in {@code <warehouse>.log}. Called as Spark tests start.
     */
    static synchronized void startBuilding() {
        String shared = System.getProperty(LOCATION_PROPERTY);
        // with -Dtest=... Maven passes the selection; without it, the unresolved expression
        String selection = System.getProperty("valuechain.test.selection", "");
        if (startChecked || shared == null || !(selection.isEmpty() || selection.startsWith("${"))) {
            return;
        }
        startChecked = true;
        Path dir = Path.of(shared);
        try {
            Files.createDirectories(dir.getParent());
            if (Files.exists(dir.resolve(BUILT_MARKER))) {
                return;
            }
            Files.createFile(sibling(dir, STARTED));
        } catch (FileAlreadyExistsException e) {
            return; // the other test JVM started it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // not a debugger or coverage agent: it would clash with this JVM's (same port, same output file)
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp"))
                .forEach(command::add);
        command.add("-D" + SharedSpark.CATALOG_PROPERTY + "=" + sibling(dir, ".catalog"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SampleWarehouse.class.getName(),
                dir.toString()));
        try {
            Process builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(sibling(dir, ".log").toFile()).start();
            // a build that no test waited for does not outlive the suite
            Runtime.getRuntime().addShutdownHook(new Thread(builder::destroy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The builder JVM: builds the warehouse at {@code args[0]} unless it is built already. */
    public static void main(String[] args) throws IOException {
        isBuilder = true;
        lockAndBuild(Path.of(args[0]));
        System.exit(0); // Spark's non-daemon threads would keep the JVM alive
    }

    private static Path sibling(Path dir, String suffix) {
        return dir.resolveSibling(dir.getFileName() + suffix);
    }

    /** Until the builder JVM holds the lock (or has had a minute to take it), so this JVM does not build too. */
    private static void awaitBuilderStart(Path dir) {
        Path started = sibling(dir, STARTED);
        try {
            while (Files.exists(started) && !Files.exists(sibling(dir, LOCKED)) && !Files.exists(dir.resolve(BUILT_MARKER))
                    && Files.getLastModifiedTime(started).toInstant().plus(BUILDER_START).isAfter(Instant.now())) {
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sample warehouse builder", e);
        }
    }

    private static Path buildOnce(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        awaitBuilderStart(dir);
        return lockAndBuild(dir);
    }

    private static Path lockAndBuild(Path dir) throws IOException {
        try (FileChannel lockFile = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (Files.exists(dir.resolve(BUILT_MARKER))) {
                return dir;
            }
            if (Files.exists(sibling(dir, STARTED)) && !Files.exists(sibling(dir, LOCKED))) {
                System.err.println("sample warehouse: the builder JVM did not start within " + BUILDER_START
                        + " (see " + sibling(dir, ".log") + "); building it here");
            } else if (Files.exists(sibling(dir, LOCKED)) && !isBuilder) {
                System.err.println("sample warehouse: the builder JVM stopped before finishing (see "
                        + sibling(dir, ".log") + "); building it here");
            }
            Files.deleteIfExists(sibling(dir, LOCKED));
            Files.createFile(sibling(dir, LOCKED));
            // a JVM of this build died part-way through the run: start again from nothing
            deleteTree(dir);
            build(dir);
            Files.createFile(dir.resolve(BUILT_MARKER));
            return dir;
        }
    }

    private static Path build(Path dir) {
        SharedSpark.spark(); // the session the CLI's run then uses, with the suite's settings
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

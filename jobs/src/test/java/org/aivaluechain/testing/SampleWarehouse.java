package org.aivaluechain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.aivaluechain.warehouse.Warehouse;

/**
 * The pipeline's output on the real sample data, built once per test JVM and shared by every test that only
 * reads it (a run takes tens of seconds, so each test building its own would dominate the suite). Tests that
 * register another warehouse must call {@link #register()} before querying this one again.
 */
public final class SampleWarehouse {

    public static final Path SAMPLE_DATA = Path.of("sample-data");

    private static Path location;
    private static CliRun.Captured firstRun;

    private SampleWarehouse() {
    }

    /** The warehouse directory, after a successful first run into it. */
    public static synchronized Path path() {
        if (location == null) {
            SharedSpark.spark();
            try {
                location = Files.createTempDirectory(Path.of("target"), "sample-warehouse");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            firstRun = CliRun.cli("run", "--input", SAMPLE_DATA.toString(), "--warehouse", location.toString());
        }
        if (firstRun.exit() != 0) {
            throw new AssertionError("the pipeline failed on the sample data:\n" + firstRun.err());
        }
        return location;
    }

    /** Points the session's catalog at the sample warehouse's tables. */
    public static Path register() {
        Path p = path();
        new Warehouse(SharedSpark.spark(), p.toString()).registerExisting();
        return p;
    }
}

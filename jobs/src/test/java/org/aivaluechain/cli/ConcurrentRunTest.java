package org.aivaluechain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.aivaluechain.testing.CliRun;
import org.aivaluechain.testing.CliRun.Captured;
import org.aivaluechain.testing.SampleWarehouse;
import org.aivaluechain.testing.SharedSpark;
import org.aivaluechain.warehouse.RunLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A `run` or `ingest` on a warehouse another live process is writing stops at once, exit code 3, naming that run;
 * readers go on. The other writer is faked: a lock file naming a live process that started before it.
 */
@ExtendWith(SharedSpark.class)
class ConcurrentRunTest {

    @AfterAll
    static void pointTheCatalogBackAtTheSampleWarehouse() {
        SampleWarehouse.register();
    }

    @Test
    void writersStopAtOnceNamingTheRunningOneAndReadersGoOn(@TempDir Path dir) throws Exception {
        Path warehouse = ReadOnlySqlTest.copyOfSampleTables(dir.resolve("warehouse"));
        // the other writer: a live process of this host that took the lock after it started
        Process other = new ProcessBuilder("sleep", "600").start();
        try {
            Thread.sleep(1100);
            writersStopWhileTheLockIsHeldBy(other.pid(), warehouse);
        } finally {
            other.destroy();
        }
    }

    private static void writersStopWhileTheLockIsHeldBy(long pid, Path warehouse) throws IOException {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String host = RunLock.Holder.current("x").host();
        Path lock = warehouse.resolve(RunLock.FILE_NAME);
        Files.writeString(lock, "pid=" + pid + "\nhost=" + host + "\ncommand=run\nstarted=" + started + "\n");
        String expected = "valuechain: another run is writing to file:" + warehouse.toAbsolutePath() + ": "
                + "pid " + pid + " on host " + host + ", 'run', started " + started + "; "
                + "wait for it to end (readers such as sql may run meanwhile), or delete file:" + lock.toAbsolutePath()
                + " if that process is gone\n";

        Captured run = CliRun.cli("run", "--input", SampleWarehouse.SAMPLE_DATA.toString(), "--warehouse",
                warehouse.toString());
        assertEquals(ExitCodes.INPUT_ERROR, run.exit(), run.err());
        assertEquals(expected, SqlShellTest.ownLines(run.err()));

        Captured ingest = CliRun.cli("ingest", "sec-companyfacts", "--warehouse", warehouse.toString(),
                "sample-data/sec/companyfacts");
        assertEquals(ExitCodes.INPUT_ERROR, ingest.exit(), ingest.err());
        assertEquals(expected, SqlShellTest.ownLines(ingest.err()));

        Captured read = CliRun.cli("sql", "--warehouse", warehouse.toString(), "--format", "csv", "-e",
                "SELECT count(*) AS n FROM gold.claim_checks");
        assertEquals(ExitCodes.OK, read.exit(), read.err());
        long rows = SharedSpark.spark().read().format("delta").load(warehouse.toAbsolutePath()
                + "/gold/claim_checks").count();
        assertEquals("n\n" + rows + "\n", read.out());
        assertTrue(Files.exists(lock), "the running writer's lock stays");
    }
}

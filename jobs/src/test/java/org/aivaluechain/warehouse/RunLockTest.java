package org.aivaluechain.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.aivaluechain.io.InputFileException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse's run lock on the local file system through Hadoop's API, without Spark. */
class RunLockTest {

    private static final Configuration HADOOP = new Configuration();

    @Test
    void ofWritersStartedTogetherExactlyOneTakesTheLockAndTheOthersNameIt(@TempDir Path warehouse) throws Exception {
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Callable<Object> attempt = () -> {
                    start.await();
                    try {
                        return RunLock.acquire(HADOOP, warehouse.toString(), "run");
                    } catch (InputFileException e) {
                        return e;
                    }
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            List<RunLock> taken = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (Future<Object> r : results) {
                Object outcome = r.get();
                if (outcome instanceof RunLock lock) {
                    taken.add(lock);
                } else {
                    refused.add(((InputFileException) outcome).getMessage());
                }
            }
            assertEquals(1, taken.size(), refused.toString());
            RunLock.Holder holder = taken.get(0).holder();
            for (String message : refused) {
                assertEquals(refusal(warehouse, holder), message);
            }
            taken.get(0).close();
            assertFalse(Files.exists(warehouse.resolve(RunLock.FILE_NAME)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLockHeldByALiveProcessOnThisHostStopsTheNextWriter(@TempDir Path warehouse) throws Exception {
        // a live process of this host that took the lock after it started
        Process live = new ProcessBuilder("sleep", "600").start();
        try {
            Thread.sleep(1100);
            RunLock.Holder other = new RunLock.Holder(live.pid(), RunLock.Holder.current("x").host(),
                    "ingest sec-fsds data/2010q2.zip", Instant.now());
            writeLock(warehouse, other);
            InputFileException e = assertThrows(InputFileException.class,
                    () -> RunLock.acquire(HADOOP, warehouse.toString(), "run"));
            assertEquals(refusal(warehouse, other), e.getMessage());
            assertTrue(Files.exists(warehouse.resolve(RunLock.FILE_NAME)), "the holder's lock stays");
        } finally {
            live.destroy();
        }
    }

    @Test
    void aPidReusedByAProcessStartedAfterTheLockIsStale(@TempDir Path warehouse) throws IOException {
        // this JVM started before the test: a lock dated an hour before names an earlier process with its pid
        RunLock.Holder earlier = new RunLock.Holder(ProcessHandle.current().pid(), RunLock.Holder.current("x").host(),
                "run", Instant.now().minus(Duration.ofHours(1)));
        assertEquals("process " + earlier.pid() + " started after the lock was taken",
                RunLock.staleReason(earlier, RunLock.Holder.current("run")));
    }

    @Test
    void aLockOfAProcessThatIsGoneIsTakenOverAndReleasedAtClose(@TempDir Path warehouse) throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        RunLock.Holder gone = new RunLock.Holder(ended.pid(), RunLock.Holder.current("x").host(), "run",
                Instant.now().minusSeconds(60));
        writeLock(warehouse, gone);
        try (RunLock lock = RunLock.acquire(HADOOP, warehouse.toString(), "run")) {
            assertEquals(ProcessHandle.current().pid(), lock.holder().pid());
            assertEquals(lock.holder().text(), Files.readString(warehouse.resolve(RunLock.FILE_NAME)));
        }
        assertFalse(Files.exists(warehouse.resolve(RunLock.FILE_NAME)));
        try (var files = Files.list(warehouse)) {
            assertEquals(List.of(), files.toList(), "nothing left behind");
        }
    }

    @Test
    void aLockFromAnotherHostIsTrustedUntilItIsOlderThanTheLimit() {
        RunLock.Holder me = RunLock.Holder.current("run");
        Instant now = me.started();
        RunLock.Holder recent = new RunLock.Holder(1, "other-host", "run", now.minus(Duration.ofHours(1)));
        RunLock.Holder old = new RunLock.Holder(1, "other-host", "run",
                now.minus(RunLock.MAX_AGE_OTHER_HOST).minusSeconds(1));
        assertNull(RunLock.staleReason(recent, me));
        assertEquals("older than 12 hours, from another host", RunLock.staleReason(old, me));
    }

    @Test
    void aLockFileCutShortByACrashIsStale(@TempDir Path warehouse) throws IOException {
        Files.writeString(warehouse.resolve(RunLock.FILE_NAME), "pid=12");
        try (RunLock lock = RunLock.acquire(HADOOP, warehouse.toString(), "run")) {
            assertEquals("run", lock.holder().command());
        }
    }

    private static String refusal(Path warehouse, RunLock.Holder holder) {
        String root = "file:" + warehouse.toAbsolutePath();
        return "another run is writing to " + root + ": " + holder.describe() + "; wait for it to end (readers "
                + "such as sql may run meanwhile), or delete " + root + "/" + RunLock.FILE_NAME
                + " if that process is gone";
    }

    private static void writeLock(Path warehouse, RunLock.Holder holder) throws IOException {
        Files.writeString(warehouse.resolve(RunLock.FILE_NAME), holder.text(), StandardCharsets.UTF_8);
    }
}

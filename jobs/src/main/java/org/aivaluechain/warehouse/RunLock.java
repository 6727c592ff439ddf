package org.aivaluechain.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.aivaluechain.io.InputFileException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * One writer per warehouse: {@code run} and {@code ingest} hold this lock while they write; a second writer on the
 * same warehouse stops at once with a one-line message naming the holder (pid, host, command, start time), which
 * the CLI ends with exit code 3. Readers ({@code sql}, {@code serve}, {@code report}) never take it.
 *
 * <p>The lock is the file {@value #FILE_NAME} under the warehouse root, put in place in one step that fails when it
 * exists (a hard link on a local file system, a rename on HDFS: both atomic), so of two writers started together
 * exactly one takes it. Object stores are weaker: an s3a or abfs (without hierarchical namespace) rename checks the
 * destination and then copies, so two writers racing within the same moment may both proceed there; Delta's own
 * optimistic commits still keep each table consistent.
 *
 * <p>The file survives a crash (kill -9, a lost driver). It is stale, and taken over, when its process is gone: on
 * the same host when no process has its pid (or one started after the lock, a reused pid); from another host, whose
 * processes cannot be seen, when it is older than {@link #MAX_AGE_OTHER_HOST}. {@link #close} removes it.
 */
public final class RunLock implements AutoCloseable {

    public static final String FILE_NAME = "_run.lock";
    /** A lock from another host is trusted this long: longer than any run of this project (about a minute). */
    public static final Duration MAX_AGE_OTHER_HOST = Duration.ofHours(12);

    private final FileSystem fs;
    private final Path file;
    private final Holder holder;

    private RunLock(FileSystem fs, Path file, Holder holder) {
        this.fs = fs;
        this.file = file;
        this.holder = holder;
    }

    /** Who holds a lock: process id, host name, command line and when it started. */
    public record Holder(long pid, String host, String command, Instant started) {

        /** This process, running the command. */
        public static Holder current(String command) {
            return new Holder(ProcessHandle.current().pid(), localHost(), command, Instant.now());
        }

        String text() {
            return "pid=" + pid + "\nhost=" + host + "\ncommand=" + command.replace('\n', ' ')
                    + "\nstarted=" + started + "\n";
        }

        static Holder parse(String text) {
            Properties p = new Properties();
            try {
                p.load(new StringReader(text));
                return new Holder(Long.parseLong(p.getProperty("pid")), p.getProperty("host"),
                        p.getProperty("command"), Instant.parse(p.getProperty("started")));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not a run lock: " + text.strip(), e);
            }
        }

        /** e.g. "pid 4242 on host build-1, 'run', started 2026-11-30T06:00:00Z" */
        public String describe() {
            return "pid " + pid + " on host " + host + ", '" + command + "', started " + started;
        }
    }

    /**
     * Takes the lock with the Hadoop settings Spark will use (spark.hadoop.* of spark-submit or the launcher), so
     * it can be taken, or refused, before Spark starts.
     */
    public static RunLock acquire(String warehouseRoot, String command) {
        return acquire(SparkHadoopUtil.get().newConfiguration(new SparkConf()), warehouseRoot, command);
    }

    /**
     * Takes the lock of the warehouse for the command, or throws {@link InputFileException} naming the run that
     * holds it. A stale lock (see the class comment) is taken over, with a note on stderr.
     */
    public static RunLock acquire(Configuration hadoop, String warehouseRoot, String command) {
        Path file = new Path(warehouseRoot, FILE_NAME);
        Holder me = Holder.current(command);
        try {
            FileSystem fs = file.getFileSystem(hadoop);
            if (fs instanceof LocalFileSystem local) {
                fs = local.getRawFileSystem(); // no .crc files beside the lock
            }
            file = fs.makeQualified(file);
            fs.mkdirs(file.getParent());
            // two rounds: the second after removing a stale lock
            for (int attempt = 0; attempt < 2; attempt++) {
                if (create(fs, file, me)) {
                    return new RunLock(fs, file, me);
                }
                Optional<Holder> holder = read(fs, file);
                if (holder.isEmpty()) {
                    continue; // released between our create and read: try again
                }
                String staleBecause = staleReason(holder.get(), me);
                if (staleBecause == null) {
                    throw new InputFileException("another run is writing to " + file.getParent() + ": "
                            + holder.get().describe() + "; wait for it to end (readers such as sql may run "
                            + "meanwhile), or delete " + file + " if that process is gone");
                }
                System.err.println("valuechain: taking over the lock of a run that is gone ("
                        + holder.get().describe() + ": " + staleBecause + ")");
                removeIfStill(fs, file, holder.get());
            }
            throw new InputFileException("cannot take the run lock " + file + ": another run took it over at the "
                    + "same time");
        } catch (IOException e) {
            throw new InputFileException("cannot take the run lock " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the lock file with the holder in it only if absent; false when it exists. The content is written to a
     * file of its own first and then put in place in one step that fails when the lock exists (a hard link locally,
     * a rename elsewhere), so no writer ever sees a lock half written. Hadoop's create(overwrite=false) is not
     * enough: on the local file system it checks and then creates, and measured with 8 threads 3 got the lock.
     */
    private static boolean create(FileSystem fs, Path file, Holder me) throws IOException {
        Path own = new Path(file.getParent(), FILE_NAME + "." + UUID.randomUUID() + ".new");
        try {
            try (OutputStream out = fs.create(own, false)) {
                out.write(me.text().getBytes(StandardCharsets.UTF_8));
            }
            if ("file".equals(file.toUri().getScheme())) {
                try {
                    Files.createLink(Paths.get(file.toUri()), Paths.get(own.toUri()));
                    return true;
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    return false;
                }
            }
            // HDFS, and object stores by their connectors' checks: rename does not replace an existing file
            return fs.rename(own, file);
        } finally {
            fs.delete(own, false);
        }
    }

    /** The holder written in the file, or empty when the file is gone. */
    static Optional<Holder> read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return Optional.of(Holder.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            // a lock file cut short by a crash while it was written: its writer never started writing tables
            return Optional.of(new Holder(-1, "?", "?", Instant.EPOCH));
        }
    }

    /** Why the holder is gone, or null while it may still be running. */
    static String staleReason(Holder holder, Holder me) {
        if (holder.pid() < 0) {
            return "the lock file is unreadable";
        }
        if (!holder.host().equals(me.host())) {
            Duration age = Duration.between(holder.started(), me.started());
            return age.compareTo(MAX_AGE_OTHER_HOST) > 0 ? "older than " + MAX_AGE_OTHER_HOST.toHours()
                    + " hours, from another host" : null;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(holder.pid());
        if (process.isEmpty() || !process.get().isAlive()) {
            return "no process " + holder.pid() + " on this host";
        }
        Optional<Instant> processStarted = process.get().info().startInstant();
        // a pid reused by a later process: the start time the OS reports has second precision at best
        if (processStarted.isPresent() && processStarted.get().isAfter(holder.started().plusSeconds(1))) {
            return "process " + holder.pid() + " started after the lock was taken";
        }
        return null;
    }

    /**
     * Removes the stale lock unless another writer replaced it meanwhile: moved aside under a unique name first
     * (rename is atomic), then checked to be the one judged stale, else put back.
     */
    private static void removeIfStill(FileSystem fs, Path file, Holder stale) throws IOException {
        Path aside = new Path(file.getParent(), FILE_NAME + "." + UUID.randomUUID() + ".stale");
        if (!fs.rename(file, aside)) {
            return; // already gone: the next attempt creates it
        }
        Optional<Holder> moved = read(fs, aside);
        if (moved.isPresent() && !moved.get().equals(stale) && !(stale.pid() < 0)) {
            fs.rename(aside, file); // a live writer's lock: give it back (fails only if yet another took it)
            return;
        }
        fs.delete(aside, false);
    }

    public Holder holder() {
        return holder;
    }

    /** Releases the lock if this process still holds it. */
    @Override
    public void close() {
        try {
            Optional<Holder> current = read(fs, file);
            if (current.isPresent() && current.get().equals(holder)) {
                fs.delete(file, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the run lock " + file, e);
        }
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // a host without a resolvable name: its own environment still names it
            String name = System.getenv("HOSTNAME");
            return name != null ? name : "unknown-host";
        }
    }
}

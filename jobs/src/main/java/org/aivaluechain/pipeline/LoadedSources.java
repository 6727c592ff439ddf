package org.aivaluechain.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.aivaluechain.warehouse.Warehouse;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The SHA-256 each SEC source in bronze was loaded from, kept beside the warehouse's tables in
 * {@code <warehouse>/_sec_sources.properties} together with the Delta versions of bronze.sec_facts and
 * bronze.sec_quarantine it describes, so that an ingest of files already loaded is answered from one small file
 * and two folder listings instead of starting Delta and scanning the sources' partitions (about 40 s for a 1 M-fact
 * quarter, bench/scale.sh). The record is trusted only while both tables are still at its versions: any other
 * write to them (an ingest it did not see, a RESTORE, an OPTIMIZE) sends the ingest to the tables, as without it.
 * It is written after the ingest's commits; a crash before that leaves an outdated record, which is not trusted.
 */
final class LoadedSources {

    static final String FILE = "_sec_sources.properties";
    private static final String VERSION = "version.";
    private static final String SOURCE = "source.";

    private final Map<String, String> checksums;

    private LoadedSources(Map<String, String> checksums) {
        this.checksums = checksums;
    }

    /** The record when it describes the tables as they are now; empty when there is none or it is outdated. */
    static Optional<LoadedSources> current(Warehouse warehouse, Configuration conf, List<String> tables) {
        Path file = new Path(warehouse.root(), FILE);
        Properties p = new Properties();
        try {
            FileSystem fs = file.getFileSystem(conf);
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(file)) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (String table : tables) {
            if (!String.valueOf(warehouse.latestVersion(table)).equals(p.getProperty(VERSION + table))) {
                return Optional.empty();
            }
        }
        Map<String, String> checksums = new TreeMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith(SOURCE))
                .forEach(k -> checksums.put(k.substring(SOURCE.length()), p.getProperty(k)));
        return Optional.of(new LoadedSources(checksums));
    }

    /** Whether the record knows every one of these sources (a source it does not know may still be in bronze). */
    boolean knowsAll(Collection<String> sources) {
        return checksums.keySet().containsAll(sources);
    }

    /** The sources loaded from a file with the same checksum as now. */
    Set<String> sameChecksum(Map<String, String> now) {
        Set<String> same = new HashSet<>();
        now.forEach((source, sum) -> {
            if (sum.equals(checksums.get(source))) {
                same.add(source);
            }
        });
        return same;
    }

    /**
     * Writes the record for the tables at {@code versions}: the sources of {@code before} (a record that was
     * current when the ingest started; its sources' partitions were not touched unless listed again) and
     * {@code loaded}, source -> checksum of what the ingest found or wrote. Written to a temporary file, then
     * renamed over the old record.
     */
    static void write(Warehouse warehouse, Configuration conf, Optional<LoadedSources> before,
                      Map<String, String> loaded, Map<String, Long> versions) {
        Map<String, String> all = new TreeMap<>(before.map(b -> b.checksums).orElse(Map.of()));
        all.putAll(loaded);
        Properties p = new Properties();
        versions.forEach((table, version) -> p.setProperty(VERSION + table, String.valueOf(version)));
        all.forEach((source, sum) -> p.setProperty(SOURCE + source, sum));
        Path file = new Path(warehouse.root(), FILE);
        Path temporary = new Path(warehouse.root(), FILE + ".tmp");
        try {
            FileSystem fs = file.getFileSystem(conf);
            try (OutputStream out = fs.create(temporary, true)) {
                p.store(out, "SEC sources in bronze and the SHA-256 each was loaded from (written by ingest)");
            }
            fs.delete(file, false);
            if (!fs.rename(temporary, file)) {
                throw new IOException("rename from " + temporary + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

package org.aivaluechain.edgar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which landed files have been ingested, and with which content: {@code <landing>/ingested.properties}, one
 * line {@code companyfacts/CIK0001045810.json=<sha256>} per file. A landed file whose SHA-256 differs from the
 * one recorded (new, or downloaded again with other content) is ingested by the next update; one that matches is
 * not. The state belongs to the warehouse the landing folder feeds: when that warehouse has no SEC facts (a new
 * or wiped warehouse) update ingests every landed file again.
 */
public final class IngestState {

    static final String FILE = "ingested.properties";

    private final Path file;
    private final Map<String, String> shaByPath;

    private IngestState(Path file, Map<String, String> shaByPath) {
        this.file = file;
        this.shaByPath = shaByPath;
    }

    /** The state of a landing folder (empty when none was written yet). */
    public static IngestState load(Path landingRoot) throws IOException {
        Path file = landingRoot.resolve(FILE);
        Map<String, String> entries = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            p.stringPropertyNames().forEach(k -> entries.put(k, p.getProperty(k)));
        }
        return new IngestState(file, entries);
    }

    /** An empty state for the same folder: everything landed counts as not ingested. */
    public IngestState forgotten() {
        return new IngestState(file, new TreeMap<>());
    }

    public boolean isIngested(String landingPath, String sha256) {
        return sha256.equals(shaByPath.get(landingPath));
    }

    public void markIngested(String landingPath, String sha256) {
        shaByPath.put(landingPath, sha256);
    }

    /** Writes the state atomically (a crash leaves the old state, so files are ingested again, never skipped). */
    public void save() throws IOException {
        Files.createDirectories(file.getParent());
        Properties p = new Properties();
        p.putAll(shaByPath);
        Path temp = file.resolveSibling("." + FILE + ".part");
        try (OutputStream out = Files.newOutputStream(temp)) {
            p.store(out, "valuechain update: landed files ingested into the warehouse, with their SHA-256");
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

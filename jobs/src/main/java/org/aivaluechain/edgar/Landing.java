package org.aivaluechain.edgar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The landing folder: EDGAR files exactly as downloaded, so a run is reproducible and can be ingested again
 * offline. Next to each file a sidecar {@code <name>.properties} holds its {@link LandedFile} (URL, retrieval
 * time, ETag, Last-Modified, SHA-256).
 *
 * <p>A file lands only complete and valid: it is downloaded to a hidden temporary name ({@code .<name>.part}),
 * checked, then renamed over the old one in one atomic step, and its sidecar is written after the rename. A crash
 * before the rename leaves the old file and sidecar; a crash between rename and sidecar leaves a sidecar whose
 * SHA-256 no longer matches, which is then ignored (the next request is unconditional), never trusted.
 * Leftover temporary files of an interrupted run are removed by {@link #removeLeftovers()}.
 */
public final class Landing {

    static final String SIDECAR_SUFFIX = ".properties";
    private static final String PART_SUFFIX = ".part";

    private final Path root;

    public Landing(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Where the file lands (it may not exist yet). */
    public Path path(EdgarFile file) {
        return root.resolve(file.landingPath());
    }

    /** What is known about the landed file, if it is there and its sidecar matches its content. */
    public Optional<LandedFile> landed(EdgarFile file) {
        Path data = path(file);
        Path sidecar = sidecar(data);
        if (!Files.isRegularFile(data) || !Files.isRegularFile(sidecar)) {
            return Optional.empty();
        }
        LandedFile meta = readSidecar(sidecar);
        try {
            if (meta == null || Files.size(data) != meta.bytes() || !sha256(data).equals(meta.sha256())) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + data, e);
        }
        return Optional.of(meta);
    }

    /** A fresh temporary file next to where {@code file} lands (its folder created). */
    Path temporary(EdgarFile file, String suffix) throws IOException {
        Path data = path(file);
        Files.createDirectories(data.getParent());
        Path part = data.resolveSibling("." + data.getFileName() + suffix + PART_SUFFIX);
        Files.deleteIfExists(part);
        return part;
    }

    /** Moves a checked temporary file into place, then records its sidecar. */
    void land(EdgarFile file, Path checkedTemporary, LandedFile meta) throws IOException {
        Path data = path(file);
        moveAtomically(checkedTemporary, data);
        writeSidecar(file, meta);
    }

    /** Rewrites the sidecar (a 304 moves checked_at on). */
    void writeSidecar(EdgarFile file, LandedFile meta) throws IOException {
        Path sidecar = sidecar(path(file));
        Properties p = new Properties();
        p.setProperty("url", meta.url());
        p.setProperty("retrieved_at", meta.retrievedAt().toString());
        p.setProperty("checked_at", meta.checkedAt().toString());
        if (meta.etag() != null) {
            p.setProperty("etag", meta.etag());
        }
        if (meta.lastModified() != null) {
            p.setProperty("last_modified", meta.lastModified());
        }
        p.setProperty("sha256", meta.sha256());
        p.setProperty("bytes", Long.toString(meta.bytes()));
        Path temp = sidecar.resolveSibling("." + sidecar.getFileName() + PART_SUFFIX);
        try (OutputStream out = Files.newOutputStream(temp)) {
            p.store(out, "valuechain update: HTTP validators and retrieval time of " + path(file).getFileName());
        }
        moveAtomically(temp, sidecar);
    }

    /** Deletes temporary files an interrupted update left behind; returns how many. */
    public int removeLeftovers() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(PART_SUFFIX)).toList()) {
                Files.deleteIfExists(p);
                removed++;
            }
        }
        return removed;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Path sidecar(Path data) {
        return data.resolveSibling(data.getFileName() + SIDECAR_SUFFIX);
    }

    private static LandedFile readSidecar(Path sidecar) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(sidecar)) {
            p.load(in);
            return new LandedFile(p.getProperty("url"), Instant.parse(p.getProperty("retrieved_at")),
                    Instant.parse(p.getProperty("checked_at")), p.getProperty("etag"),
                    p.getProperty("last_modified"), p.getProperty("sha256"), Long.parseLong(p.getProperty("bytes")));
        } catch (IOException | RuntimeException e) {
            // an unreadable or half-written sidecar only costs an unconditional request
            return null;
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the landing folder must allow atomic renames (a local disk): " + to, e);
        }
    }
}

package org.aivaluechain.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * SHA-256 of this application's code as loaded: the names and contents of its jar's entries, or of every file of
 * its class folder (classes and resources such as sec/metric_tags.csv); not entry times, which every build renews,
 * nor Maven's own metadata. Part of what a resolution records, so that a build with other rules resolves
 * everything again instead of keeping rows made by the old ones. Where the code's location cannot be
 * read (an unusual class loader), a random value: every run then resolves everything, which is always right.
 */
final class CodeFingerprint {

    private static String value;

    private CodeFingerprint() {
    }

    static synchronized String of() {
        if (value == null) {
            value = compute();
        }
        return value;
    }

    private static String compute() {
        CodeSource code = CodeFingerprint.class.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null || !"file".equals(code.getLocation().getProtocol())) {
            return "unknown-" + UUID.randomUUID();
        }
        try {
            Path location = Path.of(code.getLocation().toURI());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(location)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(location)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    add(digest, location.relativize(file).toString(), Files.newInputStream(file));
                }
            } else {
                // the entries' names and contents, not the jar's bytes: a rebuild of the same code writes new
                // entry times, and must not make every filer be resolved again
                try (JarFile jar = new JarFile(location.toFile())) {
                    List<JarEntry> entries = jar.stream()
                            .filter(e -> !e.isDirectory() && !e.getName().startsWith("META-INF/maven/"))
                            .sorted(Comparator.comparing(JarEntry::getName)).toList();
                    for (JarEntry entry : entries) {
                        add(digest, entry.getName(), jar.getInputStream(entry));
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (URISyntaxException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the code at " + code.getLocation(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the code at " + code.getLocation(), e);
        }
    }

    /** A file's name, then its bytes; closes the stream. */
    private static void add(MessageDigest digest, String name, InputStream content) throws IOException {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        try (InputStream in = new DigestInputStream(content, digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }
}

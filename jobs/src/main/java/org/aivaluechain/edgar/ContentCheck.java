package org.aivaluechain.edgar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Whether a downloaded file is what its source promises, before it may land: a JSON object holding the source's
 * top-level field ({@code facts} for companyfacts, {@code filings} for submissions), parsed to its end (a
 * truncated body or an HTML error page served with status 200 fails), or a zip whose central directory opens
 * and that holds FSDS's {@code sub.txt} and {@code num.txt}.
 */
final class ContentCheck {

    private static final JsonFactory JSON = new JsonFactory();

    private ContentCheck() {
    }

    /** Empty when the file is usable, else why not. */
    static Optional<String> problem(EdgarFile.Source source, Path file) {
        return switch (source) {
            case COMPANYFACTS -> json(file, "facts");
            case SUBMISSIONS -> json(file, "filings");
            case FSDS -> fsdsZip(file);
        };
    }

    private static Optional<String> json(Path file, String requiredField) {
        if (startsWithMarkup(file)) {
            return Optional.of("an HTML page, not JSON (an error page?)");
        }
        boolean found = false;
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.of("not a JSON object (an error page?)");
            }
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                if (t == null) {
                    return Optional.of("JSON ends early (truncated)");
                }
                found |= t == JsonToken.FIELD_NAME && parser.currentName().equals(requiredField);
                parser.nextToken();
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                return Optional.of("content after the JSON object");
            }
        } catch (IOException e) {
            return Optional.of("not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        return found ? Optional.empty() : Optional.of("JSON without a top-level '" + requiredField + "' field");
    }

    /** Whether the first non-blank byte is '<': an HTML or XML page where JSON was expected. */
    private static boolean startsWithMarkup(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (!Character.isWhitespace(b)) {
                    return b == '<';
                }
            }
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the download " + file, e);
        }
    }

    private static Optional<String> fsdsZip(Path file) {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            zip.stream().map(ZipEntry::getName).forEach(names::add);
        } catch (IOException e) {
            return Optional.of("not a readable zip (" + firstLine(e.getMessage()) + ")");
        }
        for (String needed : new String[]{"sub.txt", "num.txt"}) {
            if (!names.contains(needed)) {
                return Optional.of("zip without " + needed);
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        return message == null ? "no detail" : message.lines().findFirst().orElse("");
    }
}

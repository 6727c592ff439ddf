package org.aivaluechain.io;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random damage to real rows of the sample-data files, for the property tests: the kinds of mistakes a hand-edited
 * or exported CSV file carries (a line cut short, fields swapped, huge, negative or not-a-number values, dates
 * that do not exist, NUL bytes, stray quotes, a byte order mark, Windows line ends, a field too many or too few).
 */
public final class InputDamage {

    public static final Path SAMPLE = Path.of("sample-data");

    public enum Kind { TRUNCATE, SWAP_FIELDS, HUGE, NEGATIVE, NOT_A_NUMBER, BAD_DATE, NUL, QUOTE, EXTRA_FIELD,
        MISSING_FIELD, EMPTY_FIELD, ZERO, REPEAT_LINE }

    /** One damage: which line of the chosen rows, what, and a number that picks the field and the value. */
    public record Damage(int line, Kind kind, int seed) {
    }

    /** A damaged file: a few real rows, their damages, and file-wide choices. */
    public record Case(List<Integer> rows, List<Damage> damages, boolean byteOrderMark, boolean crlf) {
    }

    private static final String[] HUGE = {"1e400", "99999999999999999999", "-1e17", "1000000000000", "1e16",
            "9999999999999999.9999", "0.00001", "123456789012345678.5"};
    private static final String[] NOT_A_NUMBER = {"NaN", "Infinity", "-Infinity", "1,5", "0x10", "1_000", "--1", ""};
    private static final String[] BAD_DATE = {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "0000-00-00", "0000-01-01",
            "+12024-01-01", "2024-1-5", "31/12/2024", "2024-12", "9999-12-31", "2099-03-31", "0001-01-01"};

    private InputDamage() {
    }

    public static Arbitrary<Case> cases(int maxRows) {
        Arbitrary<List<Integer>> rows = Arbitraries.integers().between(0, 100_000).list().ofMinSize(1).ofMaxSize(maxRows);
        Arbitrary<Damage> damage = Combinators.combine(Arbitraries.integers().between(0, maxRows - 1),
                Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 1_000_000)).as(Damage::new);
        return Combinators.combine(rows, damage.list().ofMaxSize(6), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(Case::new);
    }

    /** Writes {@code sample} (a path under sample-data) with {@code damage} to {@code dir/name}. */
    public static Path write(Path dir, String name, String sample, Case damage) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, apply(records(SAMPLE.resolve(sample)), damage));
        return file;
    }

    /** Deletes a flat temporary folder of damaged files. */
    public static void delete(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    /** The header and data lines of a real file, as text records (a record may span lines inside quotes). */
    static List<String> records(Path file) {
        return RECORDS.computeIfAbsent(file, InputDamage::readRecords);
    }

    private static final java.util.Map<Path, List<String>> RECORDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<String> readRecords(Path file) {
        try (CSVParser parser = CSVParser.parse(Files.readString(file), CSVFormat.RFC4180)) {
            List<String> out = new ArrayList<>();
            for (CSVRecord r : parser) {
                out.add(CSVFormat.RFC4180.format(r.values()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The damaged file's text: header, then the chosen rows with their damage. */
    static String apply(List<String> records, Case c) {
        List<String> lines = new ArrayList<>();
        for (int pick : c.rows()) {
            // a header-only file (sec_segment_members.csv in the sample) gets lines made of its header's names
            lines.add(records.size() == 1 ? records.get(0) : records.get(1 + pick % (records.size() - 1)));
        }
        for (Damage d : c.damages()) {
            int i = d.line() % lines.size();
            String damaged = damage(lines.get(i), d);
            if (d.kind() == Kind.REPEAT_LINE) {
                lines.add(i, lines.get(i));
            } else {
                lines.set(i, damaged);
            }
        }
        String newline = c.crlf() ? "\r\n" : "\n";
        return (c.byteOrderMark() ? "\uFEFF" : "") + records.get(0) + newline + String.join(newline, lines) + newline;
    }

    private static String damage(String line, Damage d) {
        List<String> fields = fields(line);
        int f = d.seed() % fields.size();
        switch (d.kind()) {
            case TRUNCATE -> {
                return line.substring(0, d.seed() % Math.max(1, line.length()));
            }
            case NUL -> {
                int at = d.seed() % (line.length() + 1);
                return line.substring(0, at) + '\0' + line.substring(at);
            }
            case QUOTE -> {
                int at = d.seed() % (line.length() + 1);
                return line.substring(0, at) + '"' + line.substring(at);
            }
            case SWAP_FIELDS -> {
                int g = (d.seed() / 7) % fields.size();
                String t = fields.get(f);
                fields.set(f, fields.get(g));
                fields.set(g, t);
            }
            case HUGE -> fields.set(f, HUGE[d.seed() % HUGE.length]);
            case NEGATIVE -> fields.set(f, fields.get(f).startsWith("-") ? fields.get(f) : "-" + fields.get(f));
            case NOT_A_NUMBER -> fields.set(f, NOT_A_NUMBER[d.seed() % NOT_A_NUMBER.length]);
            case BAD_DATE -> fields.set(f, BAD_DATE[d.seed() % BAD_DATE.length]);
            case ZERO -> fields.set(f, "0");
            case EMPTY_FIELD -> fields.set(f, "");
            case EXTRA_FIELD -> fields.add(f, "extra");
            case MISSING_FIELD -> fields.remove(f);
            case REPEAT_LINE -> {
                return line;
            }
        }
        return CSVFormat.RFC4180.format(fields.toArray());
    }

    private static List<String> fields(String line) {
        try (CSVParser parser = CSVParser.parse(new StringReader(line), CSVFormat.RFC4180)) {
            List<CSVRecord> rs = parser.getRecords();
            return rs.isEmpty() ? new ArrayList<>(List.of("")) : new ArrayList<>(List.of(rs.get(0).values()));
        } catch (IOException | UncheckedIOException e) {
            // a line an earlier damage left unparseable (a stray quote): its comma-separated pieces
            return new ArrayList<>(List.of(line.split(",", -1)));
        }
    }

    /**
     * The records of a damaged file counted by commons-csv alone, as the reader's contract says (header row,
     * blank lines skipped), or -1 when the file is not well-formed CSV (the reader must then stop with an
     * InputFileException).
     */
    static long recordCount(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setAllowDuplicateHeaderNames(true).get();
        try (CSVParser parser = CSVParser.parse(body, format)) {
            return parser.stream().count();
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return -1;
        }
    }
}

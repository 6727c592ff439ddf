package org.aivaluechain.io.sec;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Reads the SEC's companyfacts JSON: single {@code CIK##########.json} files, a directory of them, or the
 * nightly {@code companyfacts.zip} (or a directory of zips). Each file is parsed by a streaming JSON parser
 * inside an executor, one file per task and never whole in memory as a tree; a zip's records stream out one
 * filer at a time, so the reader scales to every filer; nothing is collected to the driver. File names may
 * hold commas. (A single companyfacts.zip is read by one task: unzip it into a
 * directory first to spread the parse over a cluster.)
 *
 * <p>Shape: {@code {cik, entityName, facts: {taxonomy: {Tag: {label, description, units: {UNIT: [{start?,
 * end, val, accn, fy, fp, form, filed, frame?}]}}}}}}. Every element of a units array is one item read: it
 * becomes a fact or a quarantine row. A file that is not valid JSON (a truncated download, say) is one
 * quarantine row and none of its facts load, since a partial file would look like a complete history.
 */
public final class CompanyFactsReader implements SecReader {

    public static final String FORMAT = "companyfacts";

    private final SparkSession spark;

    public CompanyFactsReader(SparkSession spark) {
        this.spark = spark;
    }

    /** Every companyfacts file under {@code path}. */
    public SecRead read(String path) {
        return read(path, sources(path).keySet());
    }

    @Override
    public Map<String, List<String>> sources(String path) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        SecInputPaths.files(spark, path, "companyfacts files", ".json", ".zip").forEach(f -> out.put(f, List.of(f)));
        return out;
    }

    @Override
    public SecRead read(String path, Collection<String> sources) {
        JavaRDD<Row> records = SecFileTasks.each(spark, List.copyOf(sources),
                (file, files) -> parse(file, files.open(file)));
        return SecFactRecord.split(spark.createDataFrame(records, SecFactRecord.SCHEMA));
    }

    /** The records of one file, lazily: a zip yields one filer's facts at a time, never the whole zip's. */
    private static Iterator<Row> parse(String name, InputStream in) throws IOException {
        TaskContext task = TaskContext.get();
        if (task != null) {
            // also when the task stops early
            task.addTaskCompletionListener((TaskCompletionListener) context -> close(name, in));
        }
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            return zipRecords(name, in);
        }
        try (InputStream json = in) {
            return parseJson(name, json).iterator();
        }
    }

    private static void close(String name, InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot close " + name, e);
        }
    }

    /** Every record of a companyfacts zip, in one list: for tests on small zips. */
    static List<Row> parseZip(String zipName, InputStream in) {
        List<Row> rows = new ArrayList<>();
        zipRecords(zipName, in).forEachRemaining(rows::add);
        return rows;
    }

    /** The records of a zip's .json entries, one entry parsed at a time as the iterator advances. */
    private static Iterator<Row> zipRecords(String zipName, InputStream in) {
        ZipInputStream zip = new ZipInputStream(in);
        return new Iterator<>() {
            private Iterator<Row> current = java.util.Collections.emptyIterator();
            private int jsonEntries;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !done) {
                    current = nextEntry().iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return current.next();
            }

            private List<Row> nextEntry() {
                try {
                    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                        if (!e.isDirectory() && e.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                            jsonEntries++;
                            return parseJson(zipName + "!" + e.getName(), new KeepOpen(zip));
                        }
                    }
                } catch (IOException e) {
                    done = true;
                    // entries already parsed stay loaded under their own source_file; the zip itself is reported
                    return List.of(SecFactRecord.quarantined(zipName, "", null, "not a readable zip file ("
                            + e.getMessage() + ") after " + jsonEntries + " companyfacts files; the rest was not "
                            + "loaded"), SecFactRecord.count(zipName, 0));
                }
                done = true;
                close(zipName, zip);
                return jsonEntries > 0 ? List.of() : List.of(
                        SecFactRecord.quarantined(zipName, "", null, "zip holds no .json companyfacts file"),
                        SecFactRecord.count(zipName, 0));
            }
        };
    }

    /** Facts, quarantined items and the item count of one companyfacts document. */
    static List<Row> parseJson(String sourceFile, InputStream in) {
        List<Row> facts = new ArrayList<>();
        List<Row> rejects = new ArrayList<>();
        Integer cik = null;
        String entityName = null;
        List<Item> items = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the document is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "cik" -> cik = value == JsonToken.VALUE_STRING ? Integer.valueOf(p.getText().trim())
                            : p.getIntValue();
                    case "entityName" -> entityName = p.getValueAsString();
                    case "facts" -> readTaxonomies(p, items);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("unexpected content after the document");
            }
        } catch (JsonProcessingException | NumberFormatException e) {
            return unreadable(sourceFile, "not valid companyfacts JSON (" + firstLine(e.getMessage())
                    + "); the file may be truncated; none of its facts were loaded");
        } catch (IOException e) {
            return unreadable(sourceFile, "cannot read (" + firstLine(e.getMessage()) + "); none of its facts were loaded");
        }
        if (cik == null) {
            return unreadable(sourceFile, "no cik in the document; none of its " + items.size() + " facts were loaded");
        }
        for (Item item : items) {
            String problem = item.problem();
            if (problem != null) {
                rejects.add(SecFactRecord.quarantined(sourceFile, item.location, item.raw(), problem));
            } else {
                facts.add(item.toFact(sourceFile, cik, entityName));
            }
        }
        List<Row> rows = new ArrayList<>(facts);
        rows.addAll(rejects);
        rows.add(SecFactRecord.count(sourceFile, items.size()));
        return rows;
    }

    private static List<Row> unreadable(String sourceFile, String reason) {
        return List.of(SecFactRecord.quarantined(sourceFile, "", null, reason), SecFactRecord.count(sourceFile, 0));
    }

    private static void readTaxonomies(JsonParser p, List<Item> items) throws IOException {
        expect(p, JsonToken.START_OBJECT, "facts");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String taxonomy = p.currentName();
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "facts/" + taxonomy);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String tag = p.currentName();
                expect(p, p.nextToken(), JsonToken.START_OBJECT, "facts/" + taxonomy + "/" + tag);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("units")) {
                        readUnits(p, taxonomy, tag, items);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
    }

    private static void readUnits(JsonParser p, String taxonomy, String tag, List<Item> items) throws IOException {
        String at = "facts/" + taxonomy + "/" + tag + "/units";
        expect(p, JsonToken.START_OBJECT, at);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String unit = p.currentName();
            expect(p, p.nextToken(), JsonToken.START_ARRAY, at + "/" + unit);
            int index = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                Item item = new Item(taxonomy, tag, unit, at + "/" + unit + "[" + index++ + "]");
                if (t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken v = p.nextToken();
                        if (v.isScalarValue()) {
                            item.fields.put(field, v == JsonToken.VALUE_NULL ? null : p.getText());
                        } else {
                            p.skipChildren();
                            item.fields.put(field, "<" + v.asString() + ">");
                        }
                    }
                } else {
                    item.notAnObject = true;
                    p.skipChildren();
                }
                items.add(item);
            }
        }
    }

    private static void expect(JsonParser p, JsonToken expected, String at) throws IOException {
        expect(p, p.currentToken(), expected, at);
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String at) throws IOException {
        if (actual != expected) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "expected " + expected.asString() + " at " + at
                    + ", found " + actual);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** One element of a units array, as read; checked before it becomes a fact. */
    private static final class Item {
        final String taxonomy;
        final String tag;
        final String unit;
        final String location;
        final Map<String, String> fields = new LinkedHashMap<>();
        boolean notAnObject;

        Item(String taxonomy, String tag, String unit, String location) {
            this.taxonomy = taxonomy;
            this.tag = tag;
            this.unit = unit;
            this.location = location;
        }

        String raw() {
            return notAnObject ? "<not an object>" : fields.toString();
        }

        /** Why this item cannot be a fact, or null. */
        String problem() {
            if (notAnObject) {
                return "a fact must be a JSON object";
            }
            List<String> problems = new ArrayList<>();
            for (String required : List.of("end", "val", "accn")) {
                if (blank(fields.get(required))) {
                    problems.add("no " + required);
                }
            }
            for (String dateField : List.of("start", "end", "filed")) {
                String v = fields.get(dateField);
                if (!blank(v) && parseDate(v) == null) {
                    problems.add(dateField + " '" + v + "' is not a date (yyyy-mm-dd)");
                }
            }
            String val = fields.get("val");
            if (!blank(val)) {
                String valueProblem = SecFactRecord.decimalProblem(val.trim());
                if (valueProblem != null) {
                    problems.add("val '" + val + "' " + valueProblem);
                }
            }
            String fy = fields.get("fy");
            if (!blank(fy) && !fy.matches("\\d{4}")) {
                problems.add("fy '" + fy + "' is not a year");
            }
            if (unit.isBlank()) {
                problems.add("empty unit");
            }
            return problems.isEmpty() ? null : String.join("; ", problems);
        }

        Row toFact(String sourceFile, int cik, String entityName) {
            String fy = fields.get("fy");
            return SecFactRecord.fact(FORMAT, sourceFile, fields.get("accn"), cik, entityName, fields.get("form"),
                    parseDate(fields.get("filed")), blank(fy) ? null : Integer.valueOf(fy), fields.get("fp"), null,
                    taxonomy, null, tag, unit, parseDate(fields.get("start")), parseDate(fields.get("end")), null,
                    "", "", fields.get("frame"), parseValue(fields.get("val")));
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        private static Date parseDate(String s) {
            if (blank(s) || !s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return null;
            }
            try {
                return Date.valueOf(java.time.LocalDate.parse(s));
            } catch (java.time.format.DateTimeParseException e) {
                return null; // the caller reports the field as not a date
            }
        }

        private static BigDecimal parseValue(String s) {
            try {
                return SecFactRecord.decimal(s.trim());
            } catch (NumberFormatException | ArithmeticException e) {
                return null; // the caller reports the value as not a number
            }
        }
    }

    /** Lets a parser read one zip entry without closing the zip stream behind it. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the zip stream is closed by its owner after the last entry
        }
    }
}

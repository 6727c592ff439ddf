package org.aivaluechain.io;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileSystem;

/**
 * Reads a curated CSV file (header row, RFC 4180) into typed rows. A bad row becomes a
 * {@link QuarantinedRecord} with its line number; a file that cannot be used at all (missing,
 * unreadable, a required column absent from the header) raises {@link InputFileException}.
 *
 * <p>Files are opened through Hadoop's FileSystem, not java.nio, so inputs can live on hdfs://, s3a:// or
 * abfss:// when the job runs on a cluster; the driver reads them (they are small and hand-edited).
 */
public final class CsvFileReader {

    private CsvFileReader() {
    }

    /** A local file (tests, tools); the pipeline passes {@link InputFile}s that carry the session's settings. */
    public static ParsedFile read(java.nio.file.Path file, List<ColumnSpec> columns) {
        return read(InputFile.local(file), columns);
    }

    public static ParsedFile read(InputFile file, List<ColumnSpec> columns) {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(false)
                .get();
        try (Reader reader = open(file);
             CSVParser parser = CSVParser.parse(reader, format)) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header.keySet().stream().anyMatch(CsvFileReader::hasNul)) {
                throw new InputFileException("input file " + file + " has NUL bytes in its header: not a UTF-8 text"
                        + " file (UTF-16, or binary data?)");
            }
            checkHeader(file, header.keySet(), columns);
            return readRecords(file.toString(), parser, header, columns);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputFileException("cannot read input file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // commons-csv reports a malformed header (duplicate or empty names) this way
            throw new InputFileException("cannot read input file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Reader open(InputFile file) throws IOException {
        FileSystem fs = file.path().getFileSystem(file.hadoopConf());
        try {
            if (!fs.getFileStatus(file.path()).isFile()) {
                throw new InputFileException("input file not found: " + file);
            }
        } catch (FileNotFoundException e) {
            throw new InputFileException("input file not found: " + file, e);
        }
        // a decoder that reports malformed bytes, as Files.newBufferedReader did: a file that is not UTF-8
        // is unreadable rather than silently altered
        BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file.path()),
                StandardCharsets.UTF_8.newDecoder()));
        skipByteOrderMark(reader);
        return reader;
    }

    /** Spreadsheet programs start a UTF-8 CSV with a byte order mark; it is not part of the first column's name. */
    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    private static boolean hasNul(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    private static void checkHeader(InputFile file, Set<String> header, List<ColumnSpec> columns) {
        Set<String> expected = new LinkedHashSet<>();
        for (ColumnSpec c : columns) {
            expected.add(c.name());
            if (c.required() && !header.contains(c.name())) {
                throw new InputFileException("input file " + file + " has no column '" + c.name()
                        + "' (header: " + String.join(",", header) + ")");
            }
        }
        for (String h : header) {
            if (!expected.contains(h)) {
                throw new InputFileException("input file " + file + " has an unknown column '" + h
                        + "' (expected: " + String.join(",", expected) + ")");
            }
        }
    }

    private static ParsedFile readRecords(String fileName, CSVParser parser, Map<String, Integer> header,
                                          List<ColumnSpec> columns) {
        List<Object[]> rows = new ArrayList<>();
        List<QuarantinedRecord> rejects = new ArrayList<>();
        Map<List<Object>, Long> firstLineOfKey = new HashMap<>();
        Iterator<CSVRecord> records = parser.iterator();
        while (true) {
            long linesBefore = parser.getCurrentLineNumber();
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    break;
                }
                record = records.next();
            } catch (java.io.UncheckedIOException e) {
                // an unterminated quote or similar: nothing after it can be trusted
                throw new InputFileException("malformed CSV in " + fileName + " after line " + linesBefore
                        + ": " + e.getMessage(), e);
            }
            String text = String.join(",", record.values());
            // the parser has consumed the record's own line end (and any blank lines before it): count back
            // from there over line breaks inside quoted fields to the line the record starts on
            long startLine = parser.getCurrentLineNumber() - text.chars().filter(c -> c == '\n').count();
            // NUL is kept out of the tables (terminals and many tools cut a string there): shown as \0
            String raw = text.replace("\0", "\\0");
            if (hasNul(text)) {
                rejects.add(new QuarantinedRecord(fileName, startLine, raw,
                        "contains NUL bytes (\\0): binary data or a UTF-16 file?"));
                continue;
            }
            if (record.size() != header.size()) {
                rejects.add(new QuarantinedRecord(fileName, startLine, raw,
                        "expected " + header.size() + " fields, found " + record.size()));
                continue;
            }
            Object[] values = new Object[columns.size() + 2];
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                ColumnSpec column = columns.get(i);
                Integer index = header.get(column.name());
                String field = index == null ? null : record.get(index);
                try {
                    values[i] = column.parse(field);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                rejects.add(new QuarantinedRecord(fileName, startLine, raw, String.join("; ", problems)));
                continue;
            }
            checkKeyUnique(fileName, columns, values, startLine, firstLineOfKey);
            values[columns.size()] = fileName;
            values[columns.size() + 1] = startLine;
            rows.add(values);
        }
        return new ParsedFile(fileName, rows, rejects);
    }

    /**
     * Reference rows are what other files join on: two rows with one key would make every row that refers to it
     * ambiguous (quarantining both turned all of a company's facts into "unknown ticker"), and keeping one
     * would be a guess. The run stops naming both lines, for the curator to keep one.
     */
    private static void checkKeyUnique(String fileName, List<ColumnSpec> columns, Object[] values, long line,
                                       Map<List<Object>, Long> firstLineOfKey) {
        List<Object> key = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).key()) {
                key.add(values[i]);
                names.add(columns.get(i).name() + " '" + values[i] + "'");
            }
        }
        if (key.isEmpty()) {
            return;
        }
        Long first = firstLineOfKey.putIfAbsent(key, line);
        if (first != null) {
            throw new InputFileException("input file " + fileName + " lists " + String.join(", ", names)
                    + " twice, on lines " + first + " and " + line + ": keep one of them");
        }
    }
}

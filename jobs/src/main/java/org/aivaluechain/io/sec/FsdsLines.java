package org.aivaluechain.io.sec;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Streams the lines of the sub.txt and num.txt of one source inside a task ({@link FsdsStaging}): a
 * {@link ZipInputStream} walks a zip's entries. Lines are
 * numbered as in the file (the header is line 1), which a split text reader could not do.
 *
 * <p>Besides the lines, each file yields marker rows with line_number 0 and a null line: one with entry '' when
 * the source was opened (or, with {@code error} set, when it could not be read), and one per sub.txt / num.txt
 * found. Missing and empty files are told from these markers later, in Spark.
 */
final class FsdsLines {

    static final StructType SCHEMA = new StructType()
            .add("source_file", DataTypes.StringType, false)
            .add("entry", DataTypes.StringType, false)
            .add("line_number", DataTypes.LongType, false)
            .add("line", DataTypes.StringType, true)
            .add("error", DataTypes.StringType, true);

    private FsdsLines() {
    }

    /** The sub.txt and num.txt lines of one quarterly zip; source_file is the zip's path. */
    static Iterator<Row> zipLines(String zipPath, InputStream in) {
        return new LineIterator(zipPath, in, null);
    }

    /** The lines of one sub.txt or num.txt of an extracted folder; source_file is the folder's path. */
    static Iterator<Row> textLines(String filePath, InputStream in) {
        Path file = new Path(filePath);
        return new LineIterator(file.getParent().toString(), in, file.getName());
    }

    static boolean isFsdsEntry(String name) {
        return FsdsInputs.SUB.equals(name) || FsdsInputs.NUM.equals(name);
    }

    /** Lazy: holds one line at a time, so a num.txt of millions of lines streams through a task. */
    private static final class LineIterator implements Iterator<Row> {
        private final String source;
        private final InputStream in;
        private final ZipInputStream zip;
        private final ArrayDeque<Row> pending = new ArrayDeque<>();
        private String entry;
        private BufferedReader reader;
        private long lineNumber;
        private boolean finished;

        LineIterator(String source, InputStream in, String textEntry) {
            this.source = source;
            this.in = in;
            TaskContext task = TaskContext.get();
            if (task != null) {
                // a killed or failed task stops iterating early: still release the stream
                task.addTaskCompletionListener((TaskCompletionListener) context -> close());
            }
            pending.add(marker("", null));
            if (textEntry == null) {
                this.zip = new ZipInputStream(in, StandardCharsets.UTF_8);
            } else {
                this.zip = null;
                startEntry(textEntry, in);
            }
        }

        @Override
        public boolean hasNext() {
            while (pending.isEmpty() && !finished) {
                advance();
            }
            return !pending.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.poll();
        }

        private void advance() {
            try {
                if (reader != null) {
                    String line = reader.readLine();
                    if (line != null) {
                        lineNumber++;
                        pending.add(RowFactory.create(source, entry, lineNumber, clean(line), null));
                        return;
                    }
                    reader = null;
                }
                if (zip == null) {
                    finish();
                    return;
                }
                ZipEntry next;
                while ((next = zip.getNextEntry()) != null) {
                    String name = baseName(next.getName());
                    if (!next.isDirectory() && isFsdsEntry(name)) {
                        startEntry(name, zip);
                        return;
                    }
                }
                finish();
            } catch (IOException e) {
                // a corrupt or truncated file: reported as a whole-file quarantine row, its lines are dropped later
                pending.add(marker("", "cannot read " + (zip == null ? entry : "zip") + ": " + e));
                finish();
            }
        }

        private void startEntry(String name, InputStream stream) {
            entry = name;
            lineNumber = 0;
            // the zip stream ends at each entry's end; closing is left to finish()
            reader = new BufferedReader(new InputStreamReader(new FilterInputStream(stream) {
                @Override
                public void close() {
                }
            }, StandardCharsets.UTF_8));
            pending.add(marker(name, null));
        }

        /** A trailing CR (a file saved with CRLF) and a byte-order mark on the header are not data. */
        private String clean(String line) {
            String s = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            return lineNumber == 1 && s.startsWith("\uFEFF") ? s.substring(1) : s;
        }

        private Row marker(String entryName, String error) {
            return RowFactory.create(source, entryName, 0L, null, error);
        }

        private void finish() {
            finished = true;
            close();
        }

        private void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + source, e);
            }
        }
    }

    private static String baseName(String entryName) {
        int slash = entryName.lastIndexOf('/');
        return slash < 0 ? entryName : entryName.substring(slash + 1);
    }
}

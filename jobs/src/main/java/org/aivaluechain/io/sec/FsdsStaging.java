package org.aivaluechain.io.sec;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Unpacks FSDS sources into a staging folder once, so the parse that follows splits large files across tasks.
 *
 * <p>One task per source (a zip cannot be split) streams its sub.txt and num.txt ({@link FsdsLines}) and writes
 * each data line as {@code <source index> TAB <line number> TAB <line as in the file>} to
 * {@code <staging>/<source index>/sub.txt|num.txt}: uncompressed text, which Spark's text source splits into
 * blocks. The same pass keeps what describes the file (the marker and header rows, line numbers 0 and 1) and
 * counts the num.txt data lines, which the driver collects: a handful of rows per source. Nothing else is
 * collected, and no file is read twice.
 */
final class FsdsStaging {

    /** What staging one source found: its marker and header rows, and how many num.txt data lines it wrote. */
    record Staged(List<Row> heads, String sourceFile, long numLines, List<String> stagedFiles) implements Serializable {
    }

    /** The staged data, ready for {@link FsdsParse#parse}. */
    record Result(Dataset<Row> heads, Dataset<Row> num, Dataset<Row> sub, Dataset<Row> rowsRead) {
    }

    private record Source(int index, String sourceFile, List<String> paths, boolean zip) implements Serializable {
    }

    private static final StructType ROWS_READ = new StructType()
            .add("source_file", DataTypes.StringType, false)
            .add("rows_read", DataTypes.LongType, false);

    private FsdsStaging() {
    }

    static Result stage(SparkSession spark, FsdsInputs inputs, String stagingDir) {
        List<Source> sources = new ArrayList<>();
        inputs.sources().forEach((source, paths) ->
                sources.add(new Source(sources.size(), source, paths, inputs.zips().contains(source))));
        List<Staged> staged = SecFileTasks.each(spark, sources, (source, files) -> stageOne(source, files, stagingDir))
                .collect();

        List<Row> heads = new ArrayList<>();
        List<Row> counts = new ArrayList<>();
        List<String> numFiles = new ArrayList<>();
        List<String> subFiles = new ArrayList<>();
        for (Staged s : staged) {
            heads.addAll(s.heads());
            counts.add(RowFactory.create(s.sourceFile(), s.numLines()));
            for (String f : s.stagedFiles()) {
                (f.endsWith("/" + FsdsInputs.NUM) ? numFiles : subFiles).add(f);
            }
        }
        Column[] sourceNames = sources.stream().map(s -> lit(s.sourceFile())).toArray(Column[]::new);
        return new Result(spark.createDataFrame(heads, FsdsLines.SCHEMA), lines(spark, numFiles, sourceNames),
                lines(spark, subFiles, sourceNames), spark.createDataFrame(counts, ROWS_READ));
    }

    /** source_file, line_number, line of the staged files (none: no rows). */
    private static Dataset<Row> lines(SparkSession spark, List<String> files, Column[] sourceNames) {
        StructType schema = new StructType().add("source_file", DataTypes.StringType)
                .add("line_number", DataTypes.LongType).add("line", DataTypes.StringType);
        if (files.isEmpty()) {
            return spark.createDataFrame(List.of(), schema);
        }
        Column parts = expr("split(value, '\\t', 3)");
        // lines end at \n only, as FsdsLines reads them: a stray \r inside a line stays in its field
        return spark.read().option("lineSep", "\n").text(files.toArray(String[]::new))
                .select(element_at(array(sourceNames), element_at(parts, 1).cast("int").plus(1)).as("source_file"),
                        element_at(parts, 2).cast("long").as("line_number"),
                        element_at(parts, 3).as("line"));
    }

    private static Iterator<Staged> stageOne(Source source, SecFileTasks.Opener files, String stagingDir)
            throws IOException {
        List<Row> heads = new ArrayList<>();
        Map<String, Writer> writers = new HashMap<>();
        List<String> staged = new ArrayList<>();
        long numLines = 0;
        String prefix = source.index() + "\t";
        try {
            for (String path : source.paths()) {
                Iterator<Row> lines = source.zip() ? FsdsLines.zipLines(source.sourceFile(), files.open(path))
                        : FsdsLines.textLines(path, files.open(path));
                while (lines.hasNext()) {
                    Row r = lines.next();
                    long lineNumber = r.getLong(2);
                    if (lineNumber <= 1) {
                        heads.add(r);
                        continue;
                    }
                    String entry = r.getString(1);
                    Writer out = writers.get(entry);
                    if (out == null) {
                        String target = stagingDir + "/" + source.index() + "/" + entry;
                        out = new BufferedWriter(new OutputStreamWriter(files.create(target), StandardCharsets.UTF_8),
                                1 << 16);
                        writers.put(entry, out);
                        staged.add(target);
                    }
                    out.write(prefix);
                    out.write(Long.toString(lineNumber));
                    out.write('\t');
                    out.write(r.getString(3));
                    out.write('\n');
                    if (FsdsInputs.NUM.equals(entry)) {
                        numLines++;
                    }
                }
            }
        } finally {
            for (Writer w : writers.values()) {
                w.close();
            }
        }
        return List.of(new Staged(heads, source.sourceFile(), numLines, staged)).iterator();
    }
}

package org.aivaluechain.cli;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prints a query result as an aligned table, CSV (header + rows, NULL as an empty field) or JSON lines. */
final class ResultPrinter {

    enum Format { table, csv, json }

    private final Format format;
    private final PrintStream out;
    private final int maxTableRows;

    ResultPrinter(Format format, PrintStream out, int maxTableRows) {
        this.format = format;
        this.out = out;
        this.maxTableRows = maxTableRows;
    }

    void print(Dataset<Row> result) {
        switch (format) {
            case json -> result.toJSON().toLocalIterator().forEachRemaining(out::println);
            case csv -> printCsv(asText(result));
            case table -> printTable(asText(result));
        }
        out.flush();
    }

    /** Every column as Spark's own text form (arrays as [a, b], maps as {k -> v}); NULL stays null. */
    private static Dataset<Row> asText(Dataset<Row> result) {
        Column[] text = Arrays.stream(result.columns()).map(c -> col("`" + c + "`").cast("string").as(c))
                .toArray(Column[]::new);
        return result.select(text);
    }

    private void printCsv(Dataset<Row> result) {
        try {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
            csv.printRecord((Object[]) result.columns());
            Iterator<Row> rows = result.toLocalIterator();
            while (rows.hasNext()) {
                Row r = rows.next();
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < r.length(); i++) {
                    fields.add(r.isNullAt(i) ? "" : r.getString(i));
                }
                csv.printRecord(fields);
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void printTable(Dataset<Row> result) {
        String[] names = result.columns();
        List<Row> rows = result.limit(maxTableRows + 1).collectAsList();
        boolean truncated = rows.size() > maxTableRows;
        if (truncated) {
            rows = rows.subList(0, maxTableRows);
        }
        int[] widths = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            widths[i] = names[i].length();
            for (Row r : rows) {
                widths[i] = Math.max(widths[i], cell(r, i).length());
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : widths) {
            rule.append("-".repeat(w + 2)).append('+');
        }
        out.println(rule);
        out.println(line(names, widths));
        out.println(rule);
        for (Row r : rows) {
            String[] cells = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                cells[i] = cell(r, i);
            }
            out.println(line(cells, widths));
        }
        out.println(rule);
        out.println(rows.size() + (rows.size() == 1 ? " row" : " rows")
                + (truncated ? " (first " + maxTableRows + " shown; use --format csv for all)" : ""));
    }

    private static String cell(Row r, int i) {
        return r.isNullAt(i) ? "NULL" : r.getString(i);
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            sb.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
        }
        return sb.toString();
    }
}

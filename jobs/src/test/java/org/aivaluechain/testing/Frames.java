package org.aivaluechain.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;

/** Tiny frames from literals, and exact comparisons with a readable diff. */
public final class Frames {

    private Frames() {
    }

    /** A frame from a DDL schema string and rows of values. */
    public static Dataset<Row> frame(String ddlSchema, Object[]... rows) {
        List<Row> list = new ArrayList<>();
        for (Object[] r : rows) {
            list.add(RowFactory.create(r));
        }
        return SharedSpark.spark().createDataFrame(list, StructType.fromDDL(ddlSchema));
    }

    /**
     * The frame's rows, collected and put back as a local frame with the same schema: a test that feeds one
     * transformation's output into the next (and asserts both) then plans and runs the first only once, instead of
     * once inside every later plan.
     */
    public static Dataset<Row> local(Dataset<Row> frame) {
        return SharedSpark.spark().createDataFrame(frame.collectAsList(), frame.schema());
    }

    public static Object[] row(Object... values) {
        return values;
    }

    /**
     * A map from keys and values in turn ({@code sources("capex 2024Q1", "10-Q")}): an expected map value (maps
     * render sorted by key, so the order of entries does not matter), or a MAP cell of an input frame.
     */
    public static scala.collection.Map<String, String> sources(String... keysAndValues) {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return scala.jdk.javaapi.CollectionConverters.asScala(m);
    }

    /**
     * Asserts that {@code actual}, projected to {@code columns} and rendered as text, equals the expected rows
     * (order-insensitive). Decimals compare by value: 35082.0000 renders as 35082.
     */
    public static void assertRows(Dataset<Row> actual, String columns, Object[]... expected) {
        String[] cols = columns.split(",\\s*");
        List<String> got = actual.selectExpr(cols).collectAsList().stream()
                .map(Frames::render).sorted().collect(Collectors.toList());
        List<String> want = Arrays.stream(expected).map(Frames::render).sorted().collect(Collectors.toList());
        if (!got.equals(want)) {
            List<String> missing = new ArrayList<>(want);
            missing.removeAll(got);
            List<String> extra = new ArrayList<>(got);
            extra.removeAll(want);
            Assertions.fail("rows differ on (" + columns + ")\n  expected but missing:\n    "
                    + String.join("\n    ", missing) + "\n  present but not expected:\n    " + String.join("\n    ", extra));
        }
    }

    /**
     * Asserts the whole frame: its column names and types equal {@code ddlSchema} (nullability aside), and its rows
     * the expected ones (order-insensitive, as {@link #assertRows}).
     */
    public static void assertFrame(Dataset<Row> actual, String ddlSchema, Object[]... expected) {
        StructType want = StructType.fromDDL(ddlSchema);
        Assertions.assertEquals(typesOf(want), typesOf(actual.schema()), "columns and types");
        assertRows(actual, String.join(", ", actual.columns()), expected);
    }

    private static List<String> typesOf(StructType schema) {
        return Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList();
    }

    private static String render(Row r) {
        Object[] values = new Object[r.length()];
        for (int i = 0; i < r.length(); i++) {
            values[i] = r.get(i);
        }
        return render(values);
    }

    private static String render(Object[] values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(renderValue(values[i]));
        }
        return sb.append(')').toString();
    }

    private static String renderValue(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double d) {
            // ratios are compared to 9 significant decimals: hand calculations are written rounded
            return new java.math.BigDecimal(d).setScale(9, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                    .toPlainString();
        }
        if (v instanceof Integer || v instanceof Long) {
            return new java.math.BigDecimal(((Number) v).longValue()).toPlainString();
        }
        if (v instanceof scala.collection.Seq<?> seq) {
            return scala.jdk.javaapi.CollectionConverters.asJava(seq).toString();
        }
        if (v instanceof scala.collection.Map<?, ?> map) {
            // sorted by key: the order Spark builds a map in is not part of its value
            java.util.Map<String, String> sorted = new java.util.TreeMap<>();
            scala.jdk.javaapi.CollectionConverters.asJava(map).forEach((k, val) -> sorted.put(String.valueOf(k),
                    String.valueOf(val)));
            return sorted.toString();
        }
        return v.toString();
    }
}

package org.aivaluechain.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/** Compares whole table contents, order-independent: for rerun and cluster-vs-local checks. */
public final class TableContents {

    private TableContents() {
    }

    /**
     * Rows in a form set operations and hashes accept and runs agree on: maps as sorted entry arrays, doubles
     * rounded to 9 decimals (a sum's last bits depend on how rows were partitioned).
     */
    public static Dataset<Row> comparable(Dataset<Row> table) {
        List<String> columns = new ArrayList<>();
        for (StructField f : table.schema().fields()) {
            String c = "`" + f.name() + "`";
            if (f.dataType() instanceof MapType) {
                columns.add("array_sort(map_entries(" + c + ")) AS " + c);
            } else if (f.dataType().equals(DataTypes.DoubleType)) {
                columns.add("round(" + c + ", 9) AS " + c);
            } else if (f.dataType() instanceof ArrayType a && a.elementType().equals(DataTypes.DoubleType)) {
                columns.add("transform(" + c + ", x -> round(x, 9)) AS " + c);
            } else {
                columns.add(c);
            }
        }
        return table.selectExpr(columns.toArray(String[]::new));
    }

    /**
     * Up to five rows of {@code a} that {@code b} lacks (as many times as they occur), then of b that a lacks; empty
     * when they hold the same rows. One aggregate per side first (row count and two sums of row hashes: equal
     * multisets give equal digests), and the set differences only when the digests differ: the rerun test compares
     * every table the run writes, and two shuffles per table were most of its time.
     */
    public static String difference(Dataset<Row> a, Dataset<Row> b) {
        if (digest(a).equals(digest(b))) {
            return "";
        }
        List<Row> onlyA = comparable(a).exceptAll(comparable(b)).limit(5).collectAsList();
        List<Row> onlyB = comparable(b).exceptAll(comparable(a)).limit(5).collectAsList();
        return onlyA.isEmpty() && onlyB.isEmpty() ? "" : "only in the first: " + onlyA + "\nonly in the second: " + onlyB;
    }

    private static Row digest(Dataset<Row> table) {
        Dataset<Row> rows = comparable(table);
        Column[] all = Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        return rows.agg(count(lit(1)),
                sum(xxhash64(all).cast("decimal(38,0)")),
                sum(hash(all).cast("decimal(38,0)"))).first();
    }
}

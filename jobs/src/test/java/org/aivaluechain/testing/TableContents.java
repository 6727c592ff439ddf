package org.aivaluechain.testing;

import java.util.ArrayList;
import java.util.List;

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

    /** Up to five rows of {@code a} that {@code b} lacks (as many times as they occur), then of b that a lacks. */
    public static String difference(Dataset<Row> a, Dataset<Row> b) {
        List<Row> onlyA = comparable(a).exceptAll(comparable(b)).limit(5).collectAsList();
        List<Row> onlyB = comparable(b).exceptAll(comparable(a)).limit(5).collectAsList();
        return onlyA.isEmpty() && onlyB.isEmpty() ? "" : "only in the first: " + onlyA + "\nonly in the second: " + onlyB;
    }
}

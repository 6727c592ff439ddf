package org.aivaluechain.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A query result as text cells, for an HTML table. NULL is an empty cell; numbers print without exponent. */
public record Table(List<String> columns, List<List<String>> rows) {

    public static Table from(Dataset<Row> result) {
        List<List<String>> rows = new ArrayList<>();
        for (Row r : result.collectAsList()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < r.length(); i++) {
                cells.add(cell(r.get(i)));
            }
            rows.add(cells);
        }
        return new Table(Arrays.asList(result.columns()), rows);
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }
}

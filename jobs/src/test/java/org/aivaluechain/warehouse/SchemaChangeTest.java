package org.aivaluechain.warehouse;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.aivaluechain.io.InputFileException;
import org.aivaluechain.model.Ddl;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A warehouse written under an older schemas/ file, after an upgrade that added a column. */
@ExtendWith(SharedSpark.class)
class SchemaChangeTest {

    private static final String TABLE = "silver.fx_rates";

    /** The table as an older release wrote it: without the column end_per_usd. */
    private static Warehouse olderWarehouse(Path root) {
        SparkSession spark = SharedSpark.spark();
        String location = root.resolve("silver/fx_rates").toUri().toString();
        spark.sql("CREATE TABLE delta.`" + location + "` (currency STRING NOT NULL, quarter STRING NOT NULL, "
                + "avg_per_usd DECIMAL(20,4) NOT NULL, source STRING NOT NULL) USING delta");
        spark.sql("INSERT INTO delta.`" + location + "` VALUES ('CNY', '2024Q4', 7.2, 'old')");
        return new Warehouse(spark, root.toUri().toString().replaceAll("/$", ""));
    }

    @Test
    void aTableARunReplacesWhollyTakesTheNewColumnsAndTheNewRows(@TempDir Path root) {
        Warehouse warehouse = olderWarehouse(root);
        warehouse.replace(TABLE, newRow());
        assertEquals(Ddl.schema(TABLE).fieldNames().length, warehouse.table(TABLE).schema().fieldNames().length);
        assertRows(warehouse.table(TABLE), "currency, quarter, avg_per_usd, end_per_usd, source",
                row("CNY", "2025Q1", 7.25, 7.26, "new"));
    }

    @Test
    void readersSeeItWithItsOwnColumnsWritersThatKeepRowsAreRefusedAndARunStillReplacesIt(@TempDir Path root) {
        Warehouse warehouse = olderWarehouse(root);
        warehouse.ensureTable(TABLE);
        assertEquals(List.of("currency", "quarter", "avg_per_usd", "source"),
                List.of(warehouse.table(TABLE).schema().fieldNames()));
        assertRows(warehouse.table(TABLE), "*", row("CNY", "2024Q4", 7.2, "old"));

        InputFileException e = assertThrows(InputFileException.class, () -> warehouse.append(TABLE, newRow()));
        assertEquals(TABLE + " at " + warehouse.location(TABLE) + " was written by another release (its columns "
                + "differ from schemas/silver/fx_rates.sql): rows cannot be added to it; `run` rewrites the tables it "
                + "writes, an ingested table needs a new --warehouse", e.getMessage());

        warehouse.replace(TABLE, newRow());
        assertRows(warehouse.table(TABLE), "*", row("CNY", "2025Q1", 7.25, 7.26, "new"));
    }

    private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> newRow() {
        return frame(Ddl.schema(TABLE).toDDL(),
                row("CNY", "2025Q1", new java.math.BigDecimal("7.2500"), new java.math.BigDecimal("7.2600"), "new"));
    }
}

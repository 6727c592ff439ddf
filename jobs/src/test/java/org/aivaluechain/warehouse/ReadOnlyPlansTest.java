package org.aivaluechain.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** The parts of the read-only check that need no Spark session (the statements: ReadOnlySqlTest). */
class ReadOnlyPlansTest {

    @Test
    void everyPlanNodeAndExpressionNamedInTheListsExistsInThisSparkAndDelta() {
        // a renamed class would silently drop out of the whitelist (refusing a read) or the refused expressions
        assertEquals(List.of(), ReadOnlyPlans.unknownClasses());
    }

    @Test
    void aPathIsInsideTheWarehouseOnlyBelowItsRootOnTheSameFileSystem() {
        String root = "file:/data/warehouse";
        assertTrue(ReadOnlyPlans.under(new Path("file:/data/warehouse"), root));
        assertTrue(ReadOnlyPlans.under(new Path("file:/data/warehouse/gold/claim_checks/_delta_log"), root));
        assertFalse(ReadOnlyPlans.under(new Path("file:/data/warehouse-old/gold/claim_checks"), root));
        assertFalse(ReadOnlyPlans.under(new Path("file:/data/warehouse/../secrets"), root));
        assertFalse(ReadOnlyPlans.under(new Path("file:/etc/passwd"), root));
        assertFalse(ReadOnlyPlans.under(new Path("hdfs://nn/data/warehouse/gold"), root));
        assertTrue(ReadOnlyPlans.under(new Path("s3a://bucket/wh/gold/x"), "s3a://bucket/wh/"));
        assertFalse(ReadOnlyPlans.under(new Path("s3a://other/wh/gold/x"), "s3a://bucket/wh"));
    }
}

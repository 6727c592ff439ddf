package org.aivaluechain.transform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;

/**
 * Frames that several branches of one plan read. Spark's Dataset API has no shared subplans: a frame joined back
 * to what was derived from it appears once per reference in the final tree, and Catalyst analyses and optimizes
 * every copy again (gold.supplier_capture's plan had 3,246 lines: 21 s of planning for 460 input rows). The
 * README's Performance section has the measured effect on the sample run.
 */
public final class Reused {

    private Reused() {
    }

    /**
     * The same rows behind a plan of one leaf: computed now, in one job, and kept in executor storage (memory,
     * then disk) for the session (Spark's eager local checkpoint). Eager, not lazy: with a lazy checkpoint, two
     * writes of a wave computing the same frame at once had Spark log "non-existent accumulator" errors once the
     * first had checkpointed it. Not I/O to any table or file. As with any local checkpoint, losing an executor
     * that holds its blocks fails the job that needs them; a run is published only when complete, so rerunning
     * is the remedy.
     */
    public static Dataset<Row> once(Dataset<Row> rows) {
        // already one leaf (a checkpoint): a second would copy the rows again and make Spark warn of a block
        // that already exists
        if (rows.queryExecution().logical() instanceof LogicalRDD) {
            return rows;
        }
        return rows.localCheckpoint(true);
    }
}

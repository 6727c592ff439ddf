package org.aivaluechain.pipeline;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;

/** What a run did: per-file row counts, failed reconciliation checks and the Delta versions written. */
public record RunReport(String runId, List<FileCount> files, List<Row> reconciliationFailures,
                        Map<String, Long> tablesWritten) {
}

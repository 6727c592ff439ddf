package org.aivaluechain.io.sec;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a reader of SEC bulk files produces, lazily (nothing is collected to the driver).
 *
 * @param facts      the columns of bronze.sec_facts except run_id and source_checksum
 * @param quarantine the columns of bronze.sec_quarantine except run_id and source_checksum; a whole unreadable
 *                   file is one row with location ''
 * @param rowsRead   source_file, rows_read: data rows counted in each file as it was read, independently of
 *                   parsing (facts for JSON, num.txt data lines for FSDS; 0 for an unreadable file), so that the
 *                   ingest can check rows_read = facts loaded + rows quarantined per file
 * @param release    frees what the read holds once its Datasets have been written (staged files, cached rows)
 */
public record SecRead(Dataset<Row> facts, Dataset<Row> quarantine, Dataset<Row> rowsRead, Runnable release) {

    public SecRead(Dataset<Row> facts, Dataset<Row> quarantine, Dataset<Row> rowsRead) {
        this(facts, quarantine, rowsRead, () -> { });
    }

    /** The same read, with {@code more} to run after this read's own release. */
    public SecRead withRelease(Runnable more) {
        Runnable own = release;
        return new SecRead(facts, quarantine, rowsRead, () -> {
            own.run();
            more.run();
        });
    }
}

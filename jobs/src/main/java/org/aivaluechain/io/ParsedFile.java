package org.aivaluechain.io;

import java.util.List;

/**
 * The outcome of reading one curated CSV file: typed rows (their values in column order, then
 * input_file, line_number) and the rows that could not be parsed, with the reason.
 * Invariant: rowsRead == rows.size() + rejects.size().
 */
public record ParsedFile(String inputFile, List<Object[]> rows, List<QuarantinedRecord> rejects) {
    public long rowsRead() {
        return rows.size() + rejects.size();
    }
}

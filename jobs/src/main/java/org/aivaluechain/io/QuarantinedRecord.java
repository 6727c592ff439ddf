package org.aivaluechain.io;

/** An input record that was not loaded, with where it came from and why. */
public record QuarantinedRecord(String inputFile, long lineNumber, String rawRecord, String reason) {
}

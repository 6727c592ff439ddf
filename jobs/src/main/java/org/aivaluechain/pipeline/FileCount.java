package org.aivaluechain.pipeline;

/** Rows of one input file: read = loaded + quarantined, checked when the run builds it. */
public record FileCount(String inputFile, long read, long loaded, long quarantined) {
    public FileCount {
        if (read != loaded + quarantined) {
            throw new IllegalStateException("row accounting broken for " + inputFile + ": read " + read
                    + " != loaded " + loaded + " + quarantined " + quarantined);
        }
    }
}

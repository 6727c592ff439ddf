package org.aivaluechain.io.sec;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A reader of one kind of SEC bulk file, in two steps so that an ingest can skip sources it already loaded. */
public interface SecReader {

    /**
     * The sources under {@code path}, each with the files its content comes from (for their checksum): a zip or
     * JSON file is its own source, an extracted FSDS folder the source of its sub.txt and num.txt.
     *
     * @throws org.aivaluechain.io.InputFileException when the path does not exist or holds no such file
     */
    Map<String, List<String>> sources(String path);

    /** Reads the given sources of {@code path} (a subset of {@link #sources}), lazily. */
    SecRead read(String path, Collection<String> sources);
}

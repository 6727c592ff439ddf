package org.aivaluechain.io.sec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.aivaluechain.io.InputFileException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files an FSDS read covers, listed on the driver through Hadoop's FileSystem (so any Hadoop-compatible
 * URI works): quarterly zips, and the sub.txt / num.txt of extracted folders. Only names are listed here; the
 * contents are read by the executors ({@link FsdsLines}).
 *
 * @param zips      qualified paths of quarterly zips
 * @param textFiles qualified paths of sub.txt and num.txt files inside extracted folders (a folder lacking one
 *                  of them is still listed with the other, so the missing file is reported for that folder)
 */
record FsdsInputs(List<String> zips, List<String> textFiles) {

    static final String SUB = "sub.txt";
    static final String NUM = "num.txt";

    /**
     * {@code path} is a zip, an extracted folder (holding sub.txt or num.txt), or a directory of zips and
     * extracted folders; other files and folders in such a directory are not FSDS data and are skipped.
     */
    static FsdsInputs list(String path, Configuration hadoopConf) {
        try {
            Path root = new Path(path);
            FileSystem fs = root.getFileSystem(hadoopConf);
            if (!fs.exists(root)) {
                throw new InputFileException("FSDS input not found: " + path);
            }
            FileStatus status = fs.getFileStatus(root);
            List<String> zips = new ArrayList<>();
            List<String> textFiles = new ArrayList<>();
            if (status.isFile()) {
                zips.add(status.getPath().toString());
            } else {
                List<String> own = fsdsFilesIn(fs, status.getPath());
                if (!own.isEmpty()) {
                    textFiles.addAll(own);
                } else {
                    FileStatus[] children = fs.listStatus(status.getPath());
                    Arrays.sort(children, Comparator.comparing(c -> c.getPath().getName()));
                    for (FileStatus child : children) {
                        if (child.isFile() && child.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                            zips.add(child.getPath().toString());
                        } else if (child.isDirectory()) {
                            textFiles.addAll(fsdsFilesIn(fs, child.getPath()));
                        }
                    }
                }
            }
            if (zips.isEmpty() && textFiles.isEmpty()) {
                throw new InputFileException("no FSDS zip or folder with sub.txt / num.txt in " + path);
            }
            return new FsdsInputs(List.copyOf(zips), List.copyOf(textFiles));
        } catch (IOException e) {
            throw new InputFileException("cannot list FSDS input " + path + ": " + e.getMessage(), e);
        }
    }

    /** sub.txt and num.txt directly inside {@code dir}, those that exist. */
    private static List<String> fsdsFilesIn(FileSystem fs, Path dir) throws IOException {
        List<String> found = new ArrayList<>();
        for (String name : List.of(SUB, NUM)) {
            Path file = new Path(dir, name);
            if (fs.exists(file)) {
                FileStatus status = fs.getFileStatus(file);
                if (status.isFile()) {
                    found.add(status.getPath().toString());
                }
            }
        }
        return found;
    }

    /**
     * source_file -> its files: a zip is its own source; an extracted folder is the source of its sub.txt and
     * num.txt (in the order listed). In name order, zips first.
     */
    java.util.LinkedHashMap<String, List<String>> sources() {
        java.util.LinkedHashMap<String, List<String>> out = new java.util.LinkedHashMap<>();
        zips.forEach(z -> out.put(z, List.of(z)));
        for (String file : textFiles) {
            out.computeIfAbsent(new Path(file).getParent().toString(), k -> new ArrayList<>()).add(file);
        }
        return out;
    }

    /** The listing restricted to the given sources (those an ingest has not loaded yet). */
    FsdsInputs only(java.util.Collection<String> sources) {
        return new FsdsInputs(zips.stream().filter(sources::contains).toList(),
                textFiles.stream().filter(f -> sources.contains(new Path(f).getParent().toString())).toList());
    }
}

package org.aivaluechain.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.aivaluechain.io.InputFileException;
import org.aivaluechain.pipeline.Tables;
import org.aivaluechain.warehouse.RunHistory;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.SparkThrowable;

import picocli.CommandLine.Option;

/** --as-of for readers (sql, report): the tables as an earlier complete run left them, or tables at given versions. */
final class AsOfOption {

    @Option(names = "--as-of", paramLabel = "RUN|TIME|TABLE=VERSION,...",
            description = {"Read every table as an earlier complete run left it: a run id (SELECT run_id, command, "
                    + "state, at FROM bronze.runs), or a time, meaning the latest run completed at or before it "
                    + "(2026-11-30, 2026-11-30T09:15, 2026-11-30T09:15:00Z; UTC unless it ends in Z or +HH:MM).",
                    "Or TABLE=VERSION,...: these tables at these Delta versions (DESCRIBE HISTORY delta.`<path>`), the "
                            + "others as the latest complete run left them.",
                    "An unknown run, one that did not complete or a time before the first: exit code 2. A run stays "
                            + "readable while Delta keeps its versions: 30 days of commits by default, less after a "
                            + "VACUUM (README: SQL access, how long history lasts)."})
    String asOf;

    /** Registers the tables as asked (over the latest complete run's versions); nothing without --as-of. */
    void pin(Warehouse warehouse) {
        if (asOf == null) {
            return;
        }
        Map<String, Long> versions;
        if (asOf.contains("=")) {
            versions = tableVersions(asOf);
        } else {
            try {
                versions = warehouse.publishedVersionsAsOf(asOf.strip());
            } catch (RunHistory.NoSuchRunException e) {
                throw new UsageException("--as-of: " + e.getMessage(), e);
            }
        }
        try {
            warehouse.registerAtVersions(versions);
        } catch (Exception e) {
            // Delta's analysis error for a version that does not exist (or was vacuumed), in one line; tables are
            // registered concurrently, so it arrives as the cause of the failed registration
            Throwable cause = e instanceof SparkThrowable ? e : e.getCause();
            if (!(cause instanceof SparkThrowable && cause instanceof Exception analysis)) {
                throw e;
            }
            throw new InputFileException("--as-of: " + StatementRunner.oneLine(analysis), e);
        }
    }

    /** "gold.capex_intensity=3,silver.companies=2" as table -> version; a usage error names what does not parse. */
    static Map<String, Long> tableVersions(String text) {
        Map<String, Long> versions = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.strip().split("=", -1);
            if (parts.length != 2 || !parts[1].strip().matches("\\d{1,18}")) {
                throw new UsageException("--as-of: '" + pair.strip() + "' is not TABLE=VERSION (e.g. "
                        + "gold.capex_intensity=3); give a run id, a time or TABLE=VERSION,...");
            }
            versions.put(parts[0].strip(), Long.parseLong(parts[1].strip()));
        }
        List<String> unknown = versions.keySet().stream().filter(t -> !Tables.all().contains(t)).toList();
        if (!unknown.isEmpty()) {
            throw new UsageException("--as-of: no table " + String.join(", ", unknown) + " (tables: "
                    + String.join(", ", Tables.all()) + ")");
        }
        return versions;
    }
}

package org.aivaluechain.warehouse;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import io.delta.tables.DeltaTable;
import org.aivaluechain.model.Ddl;
import org.apache.spark.sql.delta.DeltaLog;

/**
 * The Delta tables under one root folder (any Hadoop-compatible path), laid out as root/schema/table.
 *
 * <p>Every table is created from its DDL file in schemas/ (packaged in the jar), the one source of truth for
 * its columns. Tables are registered in the session catalog with an explicit LOCATION, so a new process sees
 * them by name again without a shared metastore and any number of processes can read them at once.
 *
 * <p>Code and DDL files use logical names (gold.capex_intensity); {@link CatalogNames} maps them to the
 * catalog and schemas a user configured (spark.valuechain.*), here only. Read tables with {@link #table}.
 */
public final class Warehouse {

    /** name in the catalog -> location registered in this JVM (tests reuse one session over several warehouses) */
    private static final Map<String, String> REGISTERED = new ConcurrentHashMap<>();

    /** Marks a name registered as a view of a table at one version ({@link #registerAtVersions}). */
    private static final String PINNED = "pinned:";
    /** REGISTERED's mark of a table registered with its own columns, not its DDL's (see {@link Open#READ}). */
    private static final String OWN_COLUMNS = "own-columns:";

    private static final String RUNS = org.aivaluechain.pipeline.Tables.RUN_MANIFEST;
    private static final int MAX_CONCURRENT_WRITES = 4;
    private static final org.apache.logging.log4j.Logger LOG =
            org.apache.logging.log4j.LogManager.getLogger(Warehouse.class);

    private final SparkSession spark;
    private final String root;
    private final CatalogNames names;

    public Warehouse(SparkSession spark, String root) {
        this.spark = spark;
        this.root = qualified(spark, root);
        this.names = CatalogNames.from(spark.conf()::get);
    }

    /** The name of a logical table (gold.capex_intensity) in the session's catalog. */
    public String name(String table) {
        return names.table(table);
    }

    /** Reads a table by its logical name. */
    public Dataset<Row> table(String table) {
        return spark.table(name(table));
    }

    public String root() {
        return root;
    }

    public String location(String table) {
        return root + "/" + table.replace('.', '/');
    }

    /**
     * Creates the table from its DDL if it does not exist yet and registers it under its name. A table written by
     * an older release, whose columns differ from its schemas/ file, is registered with its own columns (one WARN
     * line) so readers still see it until a run rewrites it.
     */
    public void ensureTable(String table) {
        ensureTable(table, Open.READ);
    }

    /** What the caller does with a table it opens, which decides what a table on older columns gets. */
    private enum Open {
        /** reads it: registered with its own columns */
        READ,
        /** adds or changes rows: refused, since its rows must keep the columns they have */
        WRITE,
        /** replaces every row: its columns are replaced first (a new Delta version; history stays readable) */
        REPLACE
    }

    private void ensureTable(String table, Open open) {
        String location = location(table);
        String name = name(table);
        String registered = REGISTERED.get(name);
        if (location.equals(registered) || (open == Open.READ && (OWN_COLUMNS + location).equals(registered))) {
            return;
        }
        if (registered != null) {
            // registered at another root (or on other terms) earlier in this JVM; the table is external, so this
            // drops metadata only
            spark.sql((registered.startsWith(PINNED) ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ") + name);
            REGISTERED.remove(name);
        }
        ensureSchema(schemaOf(table));
        String createTable = "CREATE TABLE IF NOT EXISTS " + table + " (";
        String columns = " (" + ddl(table).substring(createTable.length());
        String at = "\nLOCATION '" + escape(location) + "'";
        String create = "CREATE TABLE IF NOT EXISTS " + name + columns + at;
        String declared = "schemas/" + table.replace('.', '/') + ".sql";
        try {
            try {
                spark.sql(create);
            } catch (Exception e) {
                if (!(e instanceof org.apache.spark.SparkThrowable st
                        && "DELTA_CREATE_TABLE_SCHEME_MISMATCH".equals(st.getCondition()))) {
                    throw e;
                }
                if (open == Open.WRITE) {
                    // the warehouse cannot be used for this: exit code 3, one line
                    throw new org.aivaluechain.io.InputFileException(table + " at " + location + " was written by "
                            + "another release (its columns differ from " + declared + "): rows cannot be added to "
                            + "it; `run` rewrites the tables it writes, an ingested table needs a new --warehouse");
                }
                if (open == Open.READ) {
                    LOG.warn(table + " was written by an older release (its columns differ from " + declared
                            + "): shown with its own columns until `run` rewrites it");
                    spark.sql("CREATE TABLE IF NOT EXISTS " + name + " USING delta" + at);
                    REGISTERED.put(name, OWN_COLUMNS + location);
                    return;
                }
                LOG.warn(table + " was written by an older release (its columns differ from " + declared
                        + "): its columns are replaced (a new Delta version) before this run replaces its rows");
                // by path: the table is not in this session's catalog yet, and a REPLACE by name would create
                spark.sql("REPLACE TABLE delta.`" + location.replace("`", "``") + "`" + columns);
                spark.sql(create);
            }
        } catch (org.aivaluechain.io.InputFileException e) {
            throw e;
        } catch (Exception e) {
            // Spark's parse and analysis errors are checked exceptions in Java terms
            throw new IllegalStateException("cannot create or open " + name + " at " + location + " from "
                    + declared + " (a table written by another release: `run` rewrites the tables it writes; "
                    + "ingested ones need a new warehouse): " + firstLine(e.getMessage()), e);
        }
        REGISTERED.put(name, location);
    }

    private void ensureSchema(String schema) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + names.schema(schema)
                + " LOCATION '" + escape(root + "/" + schema) + "'");
    }

    /**
     * Registers every table that exists under the root and has a DDL file (for readers such as the sql command),
     * in name order: found on disk, so no list of tables is kept here.
     */
    public List<String> registerExisting() {
        List<String> found = new ArrayList<>();
        for (String schema : List.of("bronze", "silver", "gold")) {
            Path dir = new Path(root + "/" + schema);
            try {
                FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
                if (!fs.exists(dir)) {
                    continue;
                }
                for (FileStatus s : fs.listStatus(dir)) {
                    String table = schema + "." + s.getPath().getName();
                    if (s.isDirectory() && Ddl.exists(table) && exists(table)) {
                        found.add(table);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        java.util.Collections.sort(found);
        onEachTable(found, "opening", table -> {
            ensureTable(table);
            return table;
        });
        return found;
    }

    /**
     * Registers each table under its name as it was at the given Delta version (for example the versions one
     * complete run wrote), instead of its latest version: a view {@code SELECT * FROM delta.`location` VERSION AS OF
     * n} in the session catalog, so every query in this process reads that state until the tables are registered
     * again. Tables that do not exist are skipped; returns those registered. For readers only: a view cannot be
     * written to.
     */
    public List<String> registerAtVersions(Map<String, Long> versions) {
        versions.keySet().stream().filter(t -> !Ddl.exists(t)).findFirst().ifPresent(t -> {
            throw new IllegalArgumentException("no table " + t + " in schemas/");
        });
        List<String> present = versions.keySet().stream().filter(this::exists).toList();
        onEachTable(present, "registering", table -> {
            registerAtVersion(table, versions.get(table));
            return table;
        });
        return present;
    }

    /** One existing table of {@link #registerAtVersions}. */
    private void registerAtVersion(String table, long version) {
        String name = name(table);
        String marker = PINNED + location(table) + "@" + version;
        String registered = REGISTERED.get(name);
        if (!marker.equals(registered)) {
            String view = " VIEW " + name + " AS SELECT * FROM delta.`" + location(table).replace("`", "``")
                    + "` VERSION AS OF " + version;
            if (registered != null && registered.startsWith(PINNED + location(table) + "@")) {
                // pinned to another version of the same table: one catalog change, no moment without it
                spark.sql("CREATE OR REPLACE" + view);
            } else {
                ensureTable(table); // the schema, then the table's name given to the view
                spark.sql("DROP TABLE IF EXISTS " + name);
                REGISTERED.remove(name);
                spark.sql("CREATE" + view);
            }
            REGISTERED.put(name, marker);
        }
    }

    /**
     * Per table, the Delta version the latest complete run or ingest published (bronze.runs): what readers should
     * see, so a run that died part-way, or one still writing, shows none of its tables. Empty when bronze.runs does
     * not exist yet (a warehouse written before it).
     */
    public Map<String, Long> publishedVersions() {
        return exists(RUNS) ? RunHistory.latest(runs()) : Map.of();
    }

    /**
     * Per table, the Delta version readers saw once the given run completed, or at the given time
     * ({@link RunHistory#asOf}).
     *
     * @throws RunHistory.NoSuchRunException when no complete run answers (also when bronze.runs does not exist)
     */
    public Map<String, Long> publishedVersionsAsOf(String runIdOrTime) {
        if (!exists(RUNS)) {
            throw new RunHistory.NoSuchRunException("no run history under " + root + " (no " + RUNS + ")");
        }
        return RunHistory.asOf(runs(), runIdOrTime);
    }

    /**
     * The latest Delta version of bronze.runs (-1 when it does not exist), from one listing of its log, without
     * Spark: it changes exactly when a run starts or completes, so a long-lived reader can poll it cheaply.
     */
    public long runsVersion() {
        return latestVersion(RUNS);
    }

    /** The rows of bronze.runs, read by location: its name may itself be registered as a pinned view. */
    private Dataset<Row> runs() {
        return spark.read().format("delta").load(location(RUNS));
    }

    public boolean exists(String table) {
        Path log = new Path(location(table) + "/_delta_log");
        try {
            FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot check " + log + ": " + e.getMessage(), e);
        }
    }

    /**
     * The table's latest Delta version from a listing of its _delta_log folder (the highest commit file), without
     * starting Delta: -1 when the table does not exist.
     */
    public long latestVersion(String table) {
        Path log = new Path(location(table) + "/_delta_log");
        try {
            FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(log)) {
                return -1;
            }
            long newest = -1;
            for (FileStatus commit : fs.listStatus(log, p -> p.getName().matches("\\d{20}\\.json"))) {
                newest = Math.max(newest, Long.parseLong(commit.getPath().getName().substring(0, 20)));
            }
            return newest;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + log + ": " + e.getMessage(), e);
        }
    }

    /** A table that exists under the root, registered first if this session has not seen it. */
    public Dataset<Row> existingTable(String table) {
        ensureTable(table);
        return table(table);
    }

    /** No rows, in the table's schema (creating the table if needed). */
    public Dataset<Row> emptyRows(String table) {
        ensureTable(table, Open.REPLACE); // rows to replace a table's with
        return spark.createDataFrame(List.of(), table(table).schema());
    }

    /** Replaces the table's contents atomically (one Delta commit); returns the version written. */
    public long replace(String table, Dataset<Row> rows) {
        ensureTable(table, Open.REPLACE);
        return write(table, rows, SaveMode.Overwrite);
    }

    /**
     * Replaces several independent tables, each in its own Delta commit, with the writes running
     * concurrently: on small data each write waits mostly on job scheduling and the Delta log, not on CPU. Each
     * table's rows are built on the thread that writes it, so the (single-threaded) planning overlaps too.
     * Returns table -> version written, in the order given. The first failure is rethrown.
     */
    public Map<String, Long> replaceAll(Map<String, Supplier<Dataset<Row>>> tables) {
        return onEachTable(tables.keySet(), "writing", table -> replace(table, tables.get(table).get()));
    }

    /**
     * {@code work} on each table, on up to {@value #MAX_CONCURRENT_WRITES} threads, after creating the schemas they
     * are in on this one: each table is created, opened or pinned on its own thread, since each costs a read of its
     * Delta log (0.1-0.6 s; 26-28 of them one after another were 3-9 s of a sample run and most of a `sql -e`
     * start-up). Per table its result, in the order given. The first failure, in that order, is rethrown and the
     * work still running is interrupted.
     */
    private <T> Map<String, T> onEachTable(Collection<String> tables, String doing, Function<String, T> work) {
        if (tables.isEmpty()) {
            return new LinkedHashMap<>();
        }
        tables.stream().map(Warehouse::schemaOf).distinct().forEach(this::ensureSchema);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(tables.size(), MAX_CONCURRENT_WRITES));
        try {
            Map<String, Future<T>> pending = new LinkedHashMap<>();
            tables.forEach(table -> pending.put(table, pool.submit(() -> work.apply(table))));
            Map<String, T> results = new LinkedHashMap<>();
            for (Map.Entry<String, Future<T>> p : pending.entrySet()) {
                results.put(p.getKey(), await(doing + " " + p.getKey(), p.getValue()));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T await(String what, Future<T> work) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static String schemaOf(String table) {
        return table.substring(0, table.indexOf('.'));
    }

    /** Appends rows in one Delta commit; returns the version written. */
    public long append(String table, Dataset<Row> rows) {
        return write(table, rows, SaveMode.Append);
    }

    /**
     * Inserts the rows whose key is not in the table yet (a Delta merge, one commit), so loading the same rows
     * again changes nothing. Key columns compare null-safe. Returns the version written and the rows inserted.
     */
    public InsertResult insertNew(String table, Dataset<Row> rows, List<String> key) {
        ensureTable(table, Open.WRITE);
        Dataset<Row> source = conform(table, table(table).schema(), rows);
        String on = key.stream().map(k -> "t." + k + " <=> s." + k).collect(java.util.stream.Collectors.joining(" AND "));
        // execute() answers with the merge's own metrics (num_inserted_rows ...), no history lookup needed
        Row metrics = DeltaTable.forPath(spark, location(table)).as("t").merge(source.as("s"), on)
                .whenNotMatched().insertAll().execute().head();
        long inserted = metrics.getLong(metrics.fieldIndex("num_inserted_rows"));
        long version = DeltaLog.forTable(spark, new Path(location(table))).unsafeVolatileSnapshot().version();
        return new InsertResult(version, inserted);
    }

    public record InsertResult(long version, long rowsInserted) {
    }

    /**
     * Replaces the rows matching {@code condition} by {@code rows} atomically, in one Delta commit (replaceWhere
     * through DataFrameWriterV2.overwrite); on a condition over partition columns only the matching partitions'
     * files are removed, without reading them. Every row written must match the condition. Returns the version.
     */
    public long replaceWhere(String table, Dataset<Row> rows, Column condition) {
        long started = System.nanoTime();
        ensureTable(table, Open.WRITE);
        try {
            conform(table, table(table).schema(), rows).writeTo(name(table)).overwrite(condition);
        } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IllegalStateException(name(table) + " disappeared while writing: " + e.getMessage(), e);
        }
        long version = DeltaLog.forTable(spark, new Path(location(table))).unsafeVolatileSnapshot().version();
        LOG.info(String.format("replaced rows of %s, version %d, in %.1f s", table, version,
                (System.nanoTime() - started) / 1e9));
        return version;
    }

    private long write(String table, Dataset<Row> rows, SaveMode mode) {
        long started = System.nanoTime();
        ensureTable(table, Open.WRITE);
        // by path, not insertInto(name): insertInto's V2 command optimizes the whole query once more before Delta's
        // own write optimizes it again (measured: 24 of 75 s of Catalyst rule time on the sample run)
        conform(table, table(table).schema(), rows).write().format("delta").mode(mode).save(location(table));
        // the commit just made updated the log's snapshot in this JVM: reading it costs no Spark job
        long version = DeltaLog.forTable(spark, new Path(location(table))).unsafeVolatileSnapshot().version();
        LOG.info(String.format("wrote %s version %d in %.1f s", table, version, (System.nanoTime() - started) / 1e9));
        return version;
    }

    /** Selects the table's columns in its order and types; a missing or undeclared column is a bug. */
    static Dataset<Row> conform(String table, StructType target, Dataset<Row> rows) {
        List<String> produced = Arrays.asList(rows.columns());
        List<String> declared = Arrays.stream(target.fields()).map(StructField::name).toList();
        List<String> missing = declared.stream().filter(c -> !produced.contains(c)).toList();
        List<String> undeclared = produced.stream().filter(c -> !declared.contains(c)).toList();
        if (!missing.isEmpty() || !undeclared.isEmpty()) {
            throw new IllegalStateException("rows for " + table + " do not match its DDL: missing " + missing
                    + ", not declared " + undeclared);
        }
        Column[] columns = Arrays.stream(target.fields())
                .map(f -> col(f.name()).cast(f.dataType()).as(f.name())).toArray(Column[]::new);
        return rows.select(columns);
    }

    /** The CREATE TABLE statement of the table's DDL file ({@link Ddl}). */
    public static String ddl(String table) {
        return Ddl.statement(table);
    }

    private static String qualified(SparkSession spark, String root) {
        Path path = new Path(root);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            String q = fs.makeQualified(path).toString();
            return q.endsWith("/") ? q.substring(0, q.length() - 1) : q;
        } catch (IOException e) {
            throw new IllegalStateException("cannot resolve warehouse " + root + ": " + e.getMessage(), e);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

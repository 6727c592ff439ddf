package org.aivaluechain.cli;

import java.nio.file.Path;
import java.util.List;

import org.aivaluechain.io.InputFileException;
import org.aivaluechain.warehouse.Sessions;
import org.aivaluechain.warehouse.Warehouse;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

import picocli.CommandLine.Option;

/** Options every command shares (mixed in with @Mixin). */
public final class CommonOptions {

    @Option(names = "--warehouse", paramLabel = "PATH",
            description = "Root of the Delta tables, any Hadoop-compatible path (default: ${DEFAULT-VALUE}).",
            defaultValue = "warehouse")
    String warehouse;

    @Option(names = "--verbose", negatable = true,
            description = "Show Spark's and Delta's own log messages (INFO); quiet (warnings only) by default.")
    boolean verbose;

    /** Read before parsing by {@link ConfigFile}; declared here so it is accepted and documented everywhere. */
    @Option(names = ConfigFile.OPTION, paramLabel = "FILE",
            description = {"Properties file with defaults for any option, e.g. warehouse=/data/warehouse or "
                    + "sql.format=csv (a command-name prefix applies to that command only). Without it: "
                    + "the file named by $" + ConfigFile.ENVIRONMENT_VARIABLE + ", else " + ConfigFile.DEFAULT_FILE
                    + " in the current directory if present.",
                    "Precedence: flag > config file > built-in default."})
    Path config;

    void applyLogLevel() {
        if (verbose) {
            Configurator.setAllLevels(org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME, Level.INFO);
        }
    }

    /** A session over an existing warehouse, its tables registered by name. */
    record OpenWarehouse(SparkSession spark, Warehouse warehouse, List<String> tables) {
    }

    /** For commands that read tables: an input error (exit 3) when the warehouse holds none. */
    /** @param pinToPublished read every table at the version the latest complete run published (readers) */
    OpenWarehouse openExistingWarehouse(boolean pinToPublished) {
        applyLogLevel();
        SparkSession spark = Sessions.getOrCreate(warehouse);
        Warehouse opened = new Warehouse(spark, warehouse);
        List<String> tables = opened.registerExisting();
        if (pinToPublished) {
            // readers see the tables as the latest complete run published them, never a run that died or is writing
            opened.registerAtVersions(opened.publishedVersions());
        }
        if (tables.isEmpty()) {
            throw new InputFileException("no tables under " + opened.root() + ": run 'bin/valuechain run' first"
                    + " or point --warehouse at an existing warehouse");
        }
        return new OpenWarehouse(spark, opened, tables);
    }

    /** The curated input folder given with --input, else the project's sample-data/. */
    static String inputOrSample(String input) {
        return input != null ? input : home().resolve("sample-data").toString();
    }

    /** Where the project is installed (set by bin/valuechain), for the default input folder. */
    static Path home() {
        String home = System.getProperty("valuechain.home");
        return home == null ? Path.of(".") : Path.of(home);
    }
}

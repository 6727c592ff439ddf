package org.aivaluechain.cli;

import java.nio.file.Path;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import picocli.CommandLine.Option;

/** Options every command shares (mixed in with @Mixin). */
public final class CommonOptions {

    @Option(names = "--warehouse", paramLabel = "PATH",
            description = "Root of the Delta tables, any Hadoop-compatible path (default: ${DEFAULT-VALUE}).",
            defaultValue = "warehouse")
    String warehouse;

    @Option(names = "--verbose", description = "Show Spark's and Delta's own log messages (INFO).")
    boolean verbose;

    void applyLogLevel() {
        if (verbose) {
            Configurator.setAllLevels(org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME, Level.INFO);
        }
    }

    /** Where the project is installed (set by bin/valuechain), for the default input folder. */
    static Path home() {
        String home = System.getProperty("valuechain.home");
        return home == null ? Path.of(".") : Path.of(home);
    }
}

package org.aivaluechain.pipeline;

import java.util.List;
import java.util.function.Function;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One step of a run: a table it writes (named like its DDL file, e.g. gold.capex_intensity) or a shared
 * intermediate result that is computed once and not written. {@code reads} names every table or intermediate
 * the step's builder asks {@link Sources} for (validated inputs need no declaration: they exist before any
 * step runs); the run's dependency waves are derived from them.
 */
record Step(String name, boolean written, List<String> reads, Function<Sources, Dataset<Row>> build) {

    static Step table(String name, List<String> reads, Function<Sources, Dataset<Row>> build) {
        return new Step(name, true, reads, build);
    }

    static Step intermediate(String name, List<String> reads, Function<Sources, Dataset<Row>> build) {
        return new Step(name, false, reads, build);
    }
}

package org.aivaluechain.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.aivaluechain.io.InputFileException;
import org.aivaluechain.report.ReportWriter;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes DIR/index.html: charts of capex intensity, hyperscaler capex vs NVIDIA Data Center "
                + "revenue, margins by layer, profit-pool share, concentration (HHI) and the claim checks, from "
                + "the warehouse's gold and silver tables.",
                "The page is self-contained (inline SVG and CSS, no script): open it offline or mail it. Each chart "
                        + "shows its data coverage and the SQL behind it.",
                "Reads the tables as the latest complete run left them, or as an earlier one did (--as-of).",
                "Exit code 3 when the warehouse lacks a table the report reads or DIR cannot be written."})
final class ReportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    AsOfOption asOf;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write index.html into.")
    Path out;

    @Override
    public Integer call() {
        CommonOptions.OpenWarehouse opened = common.openExistingWarehouse(true);
        SparkSession spark = opened.spark();
        Warehouse warehouse = opened.warehouse();
        asOf.pin(warehouse);
        List<String> found = opened.tables();
        List<String> missing = ReportWriter.TABLES_READ.stream().filter(t -> !found.contains(t)).toList();
        if (!missing.isEmpty()) {
            throw new InputFileException("no table " + String.join(", ", missing) + " under " + warehouse.root()
                    + ": run 'bin/valuechain run' first or point --warehouse at an existing warehouse");
        }
        Path index;
        try {
            index = ReportWriter.write(spark, warehouse.root(), out);
        } catch (IOException e) {
            throw new InputFileException("cannot write the report to " + out + ": " + e, e);
        }
        System.err.println("wrote " + index.toAbsolutePath().normalize());
        return ExitCodes.OK;
    }
}

package org.aivaluechain.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.SparkSession;

/** Runs the report's queries on the tables registered in the session and writes DIR/index.html. */
public final class ReportWriter {

    /** Tables the report reads; the command checks they exist before running anything. */
    public static final List<String> TABLES_READ = List.of("silver.companies", "gold.capex_intensity",
            "gold.supplier_capture", "gold.margin_trends", "gold.value_concentration", "gold.claim_checks");

    private ReportWriter() {
    }

    public static String html(SparkSession spark, String warehouse) {
        List<Chart> charts = new ArrayList<>();
        for (ChartSpec spec : ReportQueries.CHARTS) {
            charts.add(ChartShaping.shape(spec, spark.sql(spec.sql())));
        }
        Table claims = Table.from(spark.sql(ReportQueries.CLAIM_CHECKS));
        return HtmlReport.render(warehouse, charts, claims);
    }

    /** Writes the page and returns its path. */
    public static Path write(SparkSession spark, String warehouse, Path outDir) throws IOException {
        String page = html(spark, warehouse);
        Files.createDirectories(outDir);
        Path index = outDir.resolve("index.html");
        Files.writeString(index, page, StandardCharsets.UTF_8);
        return index;
    }
}

package org.aivaluechain.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aivaluechain.warehouse.CatalogNames;
import org.apache.spark.sql.SparkSession;

/** Runs the report's queries on the tables registered in the session and writes DIR/index.html. */
public final class ReportWriter {

    private static final Pattern LOGICAL_TABLE = Pattern.compile("\\b(?:bronze|silver|gold)\\.[a-z_]+\\b");

    /** Tables the report reads, read off its queries; the command checks they exist before running anything. */
    public static final List<String> TABLES_READ = tablesRead();

    private ReportWriter() {
    }

    public static String html(SparkSession spark, String warehouse) {
        CatalogNames names = CatalogNames.from(spark.conf()::get);
        List<Chart> charts = new ArrayList<>();
        for (ChartSpec spec : ReportQueries.CHARTS) {
            charts.add(ChartShaping.shape(spec, spark.sql(inCatalog(spec.sql(), names))));
        }
        Table claims = Table.from(spark.sql(inCatalog(ReportQueries.CLAIM_CHECKS, names)));
        return HtmlReport.render(warehouse, charts, claims);
    }

    private static List<String> tablesRead() {
        java.util.TreeSet<String> tables = new java.util.TreeSet<>();
        List<String> queries = new ArrayList<>(ReportQueries.CHARTS.stream().map(ChartSpec::sql).toList());
        queries.add(ReportQueries.CLAIM_CHECKS);
        for (String sql : queries) {
            LOGICAL_TABLE.matcher(sql).results().forEach(m -> tables.add(m.group()));
        }
        return List.copyOf(tables);
    }

    /**
     * The query with its logical table names (gold.value_concentration) replaced by the names configured for the
     * session (spark.valuechain.catalog and spark.valuechain.schema.*); the page shows the logical query.
     */
    static String inCatalog(String sql, CatalogNames names) {
        Matcher m = LOGICAL_TABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(names.table(m.group())));
        }
        return m.appendTail(out).toString();
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

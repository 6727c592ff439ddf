package org.aivaluechain.report;

import static org.aivaluechain.testing.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.aivaluechain.testing.CliRun.Captured;
import org.aivaluechain.testing.SampleWarehouse;
import org.aivaluechain.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The report of the sample warehouse, opened in headless Chromium: every chart drew marks, the page loaded
 * nothing from anywhere, and the console stayed free of errors. Skipped (with a notice) where Chromium or
 * chromedriver is not installed; .ci/run installs both.
 *
 * <p>With {@code -Dreport.screenshots=docs/screenshots} it also saves one PNG per chart there (the README shows them).
 */
@ExtendWith(SharedSpark.class)
class ReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Per chart: its id, how many marks it plotted and the size of their bounding box as the browser laid it out. */
    private static final String CHARTS_SCRIPT = """
            return Array.from(document.querySelectorAll('svg.chart')).map(svg => {
              const marks = svg.querySelector('g.marks');
              const box = marks.getBBox();
              return {id: svg.id, marks: marks.querySelectorAll('path, circle, rect').length,
                      width: box.width, height: box.height};
            });""";

    /** Per chart: the quarter and value of every data mark, as drawn. */
    private static final String POINTS_SCRIPT = """
            return Array.from(document.querySelectorAll('svg.chart')).map(svg => ({id: svg.id,
              points: Array.from(svg.querySelectorAll('g.marks [data-value]'))
                .map(e => ({quarter: e.getAttribute('data-quarter'), value: parseFloat(e.getAttribute('data-value'))}))}));""";

    /** Sane range of every drawn value, per chart. */
    private static final Map<String, double[]> RANGES = Map.of(
            "svg-capex-intensity", new double[]{0, 3},  // TTM capex may exceed revenue in a build-out year
            "svg-capex-vs-nvidia", new double[]{0, Double.MAX_VALUE},
            "svg-margin-by-layer", new double[]{-Double.MAX_VALUE, 1},
            "svg-profit-pool", new double[]{-1, 1},
            "svg-hhi", new double[]{0, 10000});

    /** Headline charts and the gold table whose partial flag their last drawn quarter must pass. */
    private static final Map<String, String> HEADLINE = Map.of(
            "svg-capex-vs-nvidia", "gold.supplier_capture",
            "svg-margin-by-layer", "gold.value_concentration",
            "svg-profit-pool", "gold.value_concentration",
            "svg-hhi", "gold.value_concentration");

    @Test
    void everyChartDrawsInHeadlessChromiumWithoutConsoleErrors(@TempDir Path dir) throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            System.out.println("NOTICE: ReportBrowserTest skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing (apt-get install -y chromium chromium-driver)");
        }
        assumeTrue(installed, "chromium and chromedriver are not installed");

        Path out = dir.resolve("report");
        Captured run = cli("report", "--warehouse", SampleWarehouse.path().toString(), "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        Path index = out.resolve("index.html");

        try (ChromeDriver browser = ChromeDriver.start(CHROMEDRIVER, CHROMIUM, dir.resolve("profile"),
                dir.resolve("chromedriver.log"))) {
            browser.open(index.toUri().toString());

            JsonNode charts = browser.execute(CHARTS_SCRIPT);
            List<String> ids = new ArrayList<>();
            for (JsonNode chart : charts) {
                String id = chart.get("id").asText();
                ids.add(id);
                assertTrue(chart.get("marks").asInt() > 0, id + " plotted no marks: " + chart);
                assertTrue(chart.get("width").asDouble() > 0 && chart.get("height").asDouble() > 0,
                        id + " has an empty plot area: " + chart);
            }
            assertEquals(ReportQueries.CHARTS.stream().map(c -> "svg-" + c.id()).toList(), ids);

            for (JsonNode chart : browser.execute(POINTS_SCRIPT)) {
                String id = chart.get("id").asText();
                double[] range = RANGES.get(id);
                Map<String, Double> sums = new TreeMap<>();
                for (JsonNode p : chart.get("points")) {
                    double v = p.get("value").asDouble();
                    String quarter = p.get("quarter").asText();
                    assertTrue(v >= range[0] && v <= range[1], id + " " + quarter + " drew " + v + " outside its range");
                    sums.merge(quarter, v, Double::sum);
                }
                if (id.equals("svg-profit-pool")) {
                    // a constant panel's shares add up to 100% in every quarter drawn
                    sums.forEach((q, sum) -> assertEquals(1.0, sum, 1e-6, "profit pool shares of " + q));
                }
                if (HEADLINE.containsKey(id)) {
                    String last = ((TreeMap<String, Double>) sums).lastKey();
                    assertEquals(List.of(false), SharedSpark.spark().sql("SELECT DISTINCT partial FROM "
                                    + HEADLINE.get(id) + " WHERE calendar_quarter = '" + last + "'")
                            .collectAsList().stream().map(r -> r.getBoolean(0)).toList(),
                            id + ": the last quarter drawn, " + last + ", is partial");
                }
            }

            // the claim-checks table has one row per claim of gold.claim_checks
            long claims = SharedSpark.spark().sql("SELECT * FROM gold.claim_checks").count();
            assertEquals(claims, browser.execute("return document.querySelectorAll('table.claims tbody tr').length")
                    .asLong());
            assertEquals(32, claims);

            // offline: the page fetched no resource at all (its content security policy would block any)
            assertEquals(0, browser.execute("return performance.getEntriesByType('resource').length").asInt());

            List<String> errors = new ArrayList<>();
            for (JsonNode entry : browser.consoleLog()) {
                if ("SEVERE".equals(entry.path("level").asText())) {
                    errors.add(entry.path("message").asText());
                }
            }
            assertEquals(List.of(), errors, "browser console errors");

            String screenshots = System.getProperty("report.screenshots");
            if (screenshots != null) {
                Path target = Path.of(screenshots);
                Files.createDirectories(target);
                for (String id : ids) {
                    Files.write(target.resolve(id.substring("svg-".length()) + ".png"), browser.screenshot("#" + id));
                }
                System.out.println("wrote " + ids.size() + " chart screenshots to " + target.toAbsolutePath());
            }
        }
    }
}

package org.aivaluechain.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.aivaluechain.notebooks.NotebookQueriesTest.Query;
import org.aivaluechain.testing.SampleWarehouse;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Executes every notebook with Jupyter (nbconvert) and checks that each chart cell drew a PNG. PySpark is not
 * installable here, so a test-only stand-in (jobs/src/test/python/notebook_shim) answers each
 * {@code spark.sql("""...""")} with the rows this test computed for the same query on the sample warehouse;
 * everything after the query (pandas, matplotlib) is the notebook's own code. Skipped with a notice where
 * Jupyter, pandas or matplotlib is missing (.ci/run installs them).
 */
@ExtendWith(SharedSpark.class)
class NotebookExecutionTest {

    private static final Path SHIM = Path.of("jobs/src/test/python/notebook_shim");
    private static final Path EXECUTED = Path.of("target/executed-notebooks");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyNotebookRunsAndDrawsItsCharts() throws Exception {
        String missing = missingTools();
        if (missing != null) {
            System.out.println("NOTICE: NotebookExecutionTest skipped: " + missing
                    + " (apt-get install -y jupyter-nbconvert python3-ipykernel python3-matplotlib python3-pandas)");
        }
        assumeTrue(missing == null, missing);

        Path warehouse = SampleWarehouse.register();
        Files.createDirectories(EXECUTED);
        Path answers = EXECUTED.resolve("answers.json").toAbsolutePath();
        Files.writeString(answers, answers(), StandardCharsets.UTF_8);

        for (Path notebook : NotebookQueriesTest.notebooks()) {
            String name = notebook.getFileName().toString();
            // kept under target/ so a failure can be inspected: the executed notebook and nbconvert's log
            Path out = EXECUTED;
            ProcessBuilder nbconvert = new ProcessBuilder("jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.timeout=300", "--output-dir", out.toString(), notebook.toString())
                    .redirectErrorStream(true).redirectOutput(out.resolve(name + ".log").toFile());
            Map<String, String> env = nbconvert.environment();
            env.put("PYTHONPATH", SHIM.toAbsolutePath() + File.pathSeparator + env.getOrDefault("PYTHONPATH", ""));
            env.put("VALUECHAIN_WAREHOUSE", warehouse.toAbsolutePath().toString());
            env.put("VALUECHAIN_NOTEBOOK_ANSWERS", answers.toString());
            env.remove("VALUECHAIN_SPARK_REMOTE");
            Process process = nbconvert.start();
            assertTrue(process.waitFor(10, TimeUnit.MINUTES), name + ": nbconvert did not finish");
            String log = Files.readString(out.resolve(name + ".log"));
            assertEquals(0, process.exitValue(), name + " failed:\n" + log);

            int chartCells = 0;
            int pngs = 0;
            for (JsonNode cell : JSON.readTree(out.resolve(name).toFile()).path("cells")) {
                if (NotebookQueriesTest.source(cell).contains("plt.show()")) {
                    chartCells++;
                    for (JsonNode output : cell.path("outputs")) {
                        if (output.path("data").has("image/png")) {
                            pngs++;
                        }
                    }
                }
            }
            assertTrue(chartCells > 0, name + ": no chart cell");
            assertEquals(chartCells, pngs, name + ": chart cells vs PNG outputs");
        }
    }

    /** query text -> {columns, rows as JSON objects} for every notebook query, from the shared session. */
    private static String answers() throws Exception {
        ObjectNode all = JSON.createObjectNode();
        for (Path notebook : NotebookQueriesTest.notebooks()) {
            for (Query q : NotebookQueriesTest.queries(notebook)) {
                Dataset<Row> result = SharedSpark.spark().sql(q.sql());
                ObjectNode answer = all.putObject(q.sql());
                ArrayNode columns = answer.putArray("columns");
                for (String c : result.columns()) {
                    columns.add(c);
                }
                ArrayNode rows = answer.putArray("rows");
                for (String row : result.toJSON().collectAsList()) {
                    rows.add(JSON.readTree(row));
                }
            }
        }
        return JSON.writeValueAsString(all);
    }

    /** Why notebooks cannot be executed here, or null. The kernel's pandas and matplotlib come with .ci/run's apt line. */
    private static String missingTools() throws Exception {
        try {
            Process p = new ProcessBuilder("jupyter", "nbconvert", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0 ? null : "jupyter nbconvert does not run";
        } catch (java.io.IOException notInstalled) {
            return "jupyter is not installed";
        }
    }
}

package org.aivaluechain.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.aivaluechain.testing.SampleWarehouse;
import org.aivaluechain.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Jupyter notebooks cannot rot unnoticed: each is valid nbformat 4, and every query in its code cells runs
 * on the sample warehouse and returns rows. PySpark is not needed: the queries are plain Spark SQL.
 *
 * <p>Convention (notebooks/README.md): a query is written {@code spark.sql("""...""")}, triple-quoted with nothing
 * interpolated; only the setup cell builds statements with f-strings, and it lists every table the notebook
 * reads in {@code TABLES = [...]} so a local session can register them by location.
 */
@ExtendWith(SharedSpark.class)
class NotebookQueriesTest {

    static final Path NOTEBOOKS = Path.of("notebooks");
    private static final Pattern QUERY = Pattern.compile("spark\\.sql\\(\\s*\"\"\"(.*?)\"\"\"\\s*\\)", Pattern.DOTALL);
    private static final Pattern TABLE = Pattern.compile("\\b(?:bronze|silver|gold)\\.[a-z_]+\\b");
    private static final Pattern TABLES_LIST = Pattern.compile("TABLES = \\[([^\\]]*)\\]");
    private static final Pattern CELL_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Set<String> CELL_TYPES = Set.of("markdown", "code", "raw");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Query(String notebook, int number, String sql) {
    }

    @BeforeAll
    static void useSampleWarehouse() {
        SampleWarehouse.register();
    }

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @Test
    void theFourNotebooksAreThere() throws IOException {
        assertEquals(List.of("capex_intensity.ipynb", "margin_trends.ipynb", "supplier_capture.ipynb",
                "value_concentration.ipynb"), notebooks().stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void everyNotebookIsValidNbformat4() throws IOException {
        for (Path notebook : notebooks()) {
            JsonNode nb = JSON.readTree(notebook.toFile());
            String name = notebook.getFileName().toString();
            assertEquals(4, nb.path("nbformat").asInt(), name + ": nbformat");
            assertTrue(nb.path("nbformat_minor").isInt(), name + ": nbformat_minor");
            assertTrue(nb.path("metadata").isObject(), name + ": metadata");
            assertTrue(nb.path("cells").isArray() && nb.path("cells").size() > 0, name + ": cells");
            Set<String> ids = new HashSet<>();
            for (JsonNode cell : nb.path("cells")) {
                String type = cell.path("cell_type").asText();
                assertTrue(CELL_TYPES.contains(type), name + ": cell_type " + type);
                assertTrue(cell.path("metadata").isObject(), name + ": cell metadata");
                JsonNode source = cell.path("source");
                assertTrue(source.isTextual() || source.isArray(), name + ": source must be a string or lines");
                source.forEach(line -> assertTrue(line.isTextual(), name + ": source line " + line));
                if (nb.path("nbformat_minor").asInt() >= 5) {
                    String id = cell.path("id").asText();
                    assertTrue(CELL_ID.matcher(id).matches() && ids.add(id), name + ": cell id '" + id + "'");
                }
                if (type.equals("code")) {
                    assertTrue(cell.path("outputs").isArray(), name + ": code cell outputs");
                    JsonNode count = cell.path("execution_count");
                    assertTrue(count.isNull() || count.isInt(), name + ": execution_count");
                }
            }
        }
    }

    /** Each notebook queries only tables its setup cell registers, and writes every query by the convention. */
    @Test
    void queriesFollowTheConventionAndReadOnlyRegisteredTables() throws IOException {
        for (Path notebook : notebooks()) {
            String name = notebook.getFileName().toString();
            String code = code(notebook);
            Matcher list = TABLES_LIST.matcher(code);
            assertTrue(list.find(), name + ": no TABLES = [...] in the setup cell");
            Set<String> registered = new TreeSet<>();
            Matcher t = TABLE.matcher(list.group(1));
            while (t.find()) {
                registered.add(t.group());
            }
            List<Query> queries = queries(notebook);
            assertFalse(queries.isEmpty(), name + ": no spark.sql(\"\"\"...\"\"\") query");
            assertEquals(count(code, "spark.sql(\"\"\""), queries.size(), name + ": a query not closed by \"\"\")");
            Set<String> read = new TreeSet<>();
            for (Query q : queries) {
                assertFalse(q.sql().contains("{"), name + ": query " + q.number() + " interpolates a value");
                Matcher m = TABLE.matcher(q.sql());
                while (m.find()) {
                    read.add(m.group());
                }
            }
            assertEquals(read, registered, name + ": tables read vs TABLES in the setup cell");
        }
    }

    @TestFactory
    List<DynamicTest> everyQueryReturnsRowsOnTheSampleWarehouse() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path notebook : notebooks()) {
            for (Query q : queries(notebook)) {
                tests.add(DynamicTest.dynamicTest(q.notebook() + " query " + q.number(), () -> {
                    long rows = SharedSpark.spark().sql(q.sql()).count();
                    assertTrue(rows > 0, q.notebook() + " query " + q.number() + " returned no rows:\n" + q.sql());
                }));
            }
        }
        assertEquals(8, tests.size(), "queries across the notebooks");
        return tests;
    }

    /** The code cells' source, joined. */
    static String code(Path notebook) throws IOException {
        StringBuilder code = new StringBuilder();
        for (JsonNode cell : JSON.readTree(notebook.toFile()).path("cells")) {
            if (cell.path("cell_type").asText().equals("code")) {
                code.append(source(cell)).append('\n');
            }
        }
        return code.toString();
    }

    /** A cell's source, whether stored as one string or as lines. */
    static String source(JsonNode cell) {
        JsonNode source = cell.path("source");
        if (source.isTextual()) {
            return source.asText();
        }
        StringBuilder text = new StringBuilder();
        source.forEach(line -> text.append(line.asText()));
        return text.toString();
    }

    static List<Query> queries(Path notebook) throws IOException {
        List<Query> queries = new ArrayList<>();
        Matcher m = QUERY.matcher(code(notebook));
        while (m.find()) {
            queries.add(new Query(notebook.getFileName().toString(), queries.size() + 1, m.group(1).strip()));
        }
        return queries;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}

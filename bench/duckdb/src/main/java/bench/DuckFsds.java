package bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The DuckDB peer of bench/scale.sh. Usage: DuckFsds WORK_DIR METRIC_TAGS_CSV THREADS ZIP...
 *
 * <p>Unpacks each quarter's sub.txt and num.txt (part of the measured work, as the Spark side unpacks too),
 * runs fsds.sql in an on-disk database under WORK_DIR, and prints per-file counts (read = loaded +
 * quarantined) and the size of the result tables, so both sides can be compared.
 */
public final class DuckFsds {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        String tags = args[1];
        int threads = Integer.parseInt(args[2]);
        List<Path> dirs = FsdsZips.unpack(work, List.of(args).subList(3, args.length));
        List<String> num = FsdsZips.files(dirs, "num.txt");
        List<String> sub = FsdsZips.files(dirs, "sub.txt");
        String script;
        try (InputStream in = DuckFsds.class.getResourceAsStream("/fsds.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{NUM}", list(num)).replace("{SUB}", list(sub)).replace("{TAGS}", "'" + tags + "'");
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("bench.duckdb"));
             Statement st = db.createStatement()) {
            st.execute("SET threads = " + threads);
            st.execute("SET temp_directory = '" + work.resolve("tmp") + "'");
            for (String sql : statements(script)) {
                long t0 = System.nanoTime();
                st.execute(sql);
                System.err.printf("duckdb %6.1f s  %s%n", (System.nanoTime() - t0) / 1e9,
                        sql.lines().filter(l -> !l.isBlank()).findFirst().orElse("").trim());
            }
            print(st, "SELECT source_file, rows_read, loaded, quarantined FROM load_counts ORDER BY 1");
            print(st, "SELECT (SELECT count(*) FROM sec_facts) AS sec_facts, (SELECT count(*) FROM sec_quarantine) "
                    + "AS quarantine, (SELECT count(*) FROM quarters) AS quarters, (SELECT count(*) FROM quarterly) "
                    + "AS quarterly_rows, (SELECT count(*) FROM ttm) AS ttm_rows");
        }
    }

    private static String list(List<String> paths) {
        return paths.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    /** The script's statements: text up to a ';' that ends a line, comment lines dropped. */
    private static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.trim().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.trim().endsWith(";")) {
                out.add(current.toString().trim().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        return out;
    }

    private static void print(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder("duckdb result:");
                for (int i = 1; i <= n; i++) {
                    line.append(' ').append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getString(i));
                }
                System.out.println(line);
            }
        }
    }
}

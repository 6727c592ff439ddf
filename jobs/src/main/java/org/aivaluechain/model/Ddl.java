package org.aivaluechain.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.sql.types.StructType;

/**
 * The DDL files of schemas/ (packaged in the jar under /schemas), the one statement of every table's columns.
 * A file may declare a twin of another table ({@code CREATE TABLE IF NOT EXISTS a LIKE b}): it then has b's
 * columns, so the two can never drift apart.
 */
public final class Ddl {

    private static final Pattern LIKE = Pattern.compile("CREATE TABLE IF NOT EXISTS (\\S+) LIKE (\\S+)");

    private Ddl() {
    }

    /** The CREATE TABLE statement of schemas/{schema}/{table}.sql, comments and the final ';' removed. */
    public static String statement(String table) {
        String statement = withoutComments(read(table));
        Matcher like = LIKE.matcher(statement);
        if (like.matches()) {
            if (!like.group(1).equals(table)) {
                throw new IllegalStateException(resource(table) + " must declare " + table);
            }
            String original = statement(like.group(2));
            return "CREATE TABLE IF NOT EXISTS " + table + original.substring(original.indexOf(" ("));
        }
        if (!statement.startsWith("CREATE TABLE IF NOT EXISTS " + table + " (")) {
            throw new IllegalStateException(resource(table) + " must start with CREATE TABLE IF NOT EXISTS " + table);
        }
        return statement;
    }

    /** The table's columns as declared (names, types, nullability, comments), parsed without a SparkSession. */
    public static StructType schema(String table) {
        String statement = statement(table);
        String columns = statement.substring(statement.indexOf('(') + 1, statement.lastIndexOf(')'));
        return StructType.fromDDL(columns);
    }

    /** Whether schemas/ declares the table. */
    public static boolean exists(String table) {
        return table.matches("[a-z_]+\\.[a-z_0-9]+") && Ddl.class.getResource(resource(table)) != null;
    }

    private static String resource(String table) {
        return "/schemas/" + table.replace('.', '/') + ".sql";
    }

    private static String read(String table) {
        try (InputStream in = Ddl.class.getResourceAsStream(resource(table))) {
            if (in == null) {
                throw new IllegalStateException("no DDL resource " + resource(table));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource(table), e);
        }
    }

    private static String withoutComments(String text) {
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.stripLeading().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        String statement = sql.toString().strip();
        return statement.endsWith(";") ? statement.substring(0, statement.length() - 1) : statement;
    }
}

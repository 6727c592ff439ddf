package org.aivaluechain.warehouse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;

import org.aivaluechain.io.InputFileException;

/**
 * Where the logical table names used in code and DDL files (gold.capex_intensity) live in the session's
 * catalog. On a laptop they are used as they are; on a cluster with a real metastore a user picks the catalog
 * and the three schema names with Spark confs:
 * <pre>
 *   spark.valuechain.catalog        catalog (default: none, the session's current catalog, spark_catalog)
 *   spark.valuechain.schema.bronze  schema for bronze.* (default bronze); likewise .silver and .gold
 * </pre>
 * Table locations do not change with these names (root/bronze/financial_facts), so renaming a schema
 * never moves data.
 */
public final class CatalogNames {

    public static final String CATALOG_CONF = "spark.valuechain.catalog";
    public static final String SCHEMA_CONF_PREFIX = "spark.valuechain.schema.";
    private static final String[] LOGICAL_SCHEMAS = {"bronze", "silver", "gold"};
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String catalog;
    private final Map<String, String> schemas;

    private CatalogNames(String catalog, Map<String, String> schemas) {
        this.catalog = catalog;
        this.schemas = schemas;
    }

    /** Reads the confs above; {@code conf} is (key, default) -> value, e.g. spark.conf()::get. */
    public static CatalogNames from(BinaryOperator<String> conf) {
        String catalog = conf.apply(CATALOG_CONF, "").strip();
        if (!catalog.isEmpty()) {
            checkName(CATALOG_CONF, catalog);
        }
        Map<String, String> schemas = new LinkedHashMap<>();
        for (String logical : LOGICAL_SCHEMAS) {
            String key = SCHEMA_CONF_PREFIX + logical;
            String physical = conf.apply(key, logical).strip();
            checkName(key, physical);
            schemas.put(logical, physical);
        }
        return new CatalogNames(catalog.isEmpty() ? null : catalog, schemas);
    }

    /** Logical names as they are, in the current catalog. */
    public static CatalogNames defaults() {
        return from((key, fallback) -> fallback);
    }

    /** bronze -> [`catalog`.]schema, quoted only where needed, ready for SQL. */
    public String schema(String logicalSchema) {
        String physical = schemas.get(logicalSchema);
        if (physical == null) {
            throw new IllegalArgumentException("no schema " + logicalSchema + " (expected one of "
                    + schemas.keySet() + ")");
        }
        return (catalog == null ? "" : quote(catalog) + ".") + quote(physical);
    }

    /** gold.capex_intensity -> [`catalog`.]schema.capex_intensity, ready for SQL and spark.table(). */
    public String table(String logicalTable) {
        int dot = logicalTable.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("table name without schema: " + logicalTable);
        }
        return schema(logicalTable.substring(0, dot)) + "." + quote(logicalTable.substring(dot + 1));
    }

    private static String quote(String name) {
        return PLAIN.matcher(name).matches() ? name : "`" + name + "`";
    }

    private static void checkName(String key, String name) {
        // a name is one identifier part: a dot or backtick would change what the SQL statements address
        if (name.isEmpty() || name.contains(".") || name.contains("`")) {
            throw new InputFileException(key + " '" + name + "' is not a catalog or schema name "
                    + "(one identifier, no '.' or '`')");
        }
    }
}

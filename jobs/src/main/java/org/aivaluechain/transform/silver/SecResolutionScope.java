package org.aivaluechain.transform.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import java.util.Arrays;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Which SEC filers a run resolves again. Every rule of {@link SecPeriods} groups by entity (a registered ticker,
 * else one CIK), so silver.sec_period_values and silver.sec_unplaced_facts can be rebuilt for the entities with a
 * fact in a source file that changed since the last resolution, and kept as they were for every other entity:
 * the result equals a resolution of all of bronze.sec_facts. silver.sec_resolved_sources records what the last
 * resolution read (contract: schemas/silver/sec_resolved_sources.sql).
 */
public final class SecResolutionScope {

    private SecResolutionScope() {
    }

    /**
     * What a resolution reads, per source file and filer.
     *
     * @param secFacts rows of bronze.sec_facts
     * @return source_file, source_checksum, cik: one row per source file (a companyfacts zip entry counts as its
     *         own file, but carries the whole zip's checksum: a new zip changes all its filers) and filer
     */
    public static Dataset<Row> sources(Dataset<Row> secFacts) {
        return secFacts.select("source_file", "source_checksum", "cik").distinct();
    }

    /**
     * The CIKs to resolve again: every filer of a (source_file, cik) pair that is new, gone, or whose file's
     * checksum changed, and every other CIK registered to the same ticker (a company may file under several).
     *
     * @param previous source_file, source_checksum, cik as the last resolution read them
     * @param current  the same now ({@link #sources})
     * @param filers   cik, ticker: the registry of CIKs
     * @return cik, distinct
     */
    public static Dataset<Row> changedFilers(Dataset<Row> previous, Dataset<Row> current, Dataset<Row> filers) {
        Dataset<Row> p = previous.select(col("source_file").as("p_file"), col("cik").as("p_cik"),
                col("source_checksum").as("p_checksum"));
        Dataset<Row> changed = p.join(current, col("p_file").equalTo(col("source_file"))
                        .and(col("p_cik").equalTo(col("cik"))), "full_outer")
                .where(col("p_checksum").eqNullSafe(col("source_checksum")).equalTo(false))
                .select(coalesce(col("cik"), col("p_cik")).as("cik"))
                .distinct();
        Dataset<Row> registry = filers.select("cik", "ticker");
        Dataset<Row> sameTicker = registry.join(
                changed.join(broadcast(registry), "cik").select("ticker").distinct(), "ticker").select("cik");
        return changed.union(sameTicker).distinct();
    }

    /** Facts of the given filers only (cik: a few thousand rows at most, broadcast). */
    public static Dataset<Row> ofFilers(Dataset<Row> secFacts, Dataset<Row> ciks) {
        return secFacts.join(broadcast(ciks.select("cik")), "cik", "left_semi");
    }

    /**
     * A resolution table after resolving some filers again: the previous rows of every other filer, and the
     * rebuilt rows.
     *
     * @param previous rows of the table as the last resolution left it (with a cik column)
     * @param rebuilt  the table's rows for the facts of {@code ciks} only
     * @param ciks     the filers resolved again ({@link #changedFilers})
     * @return rows of the table, in its schema
     */
    public static Dataset<Row> merged(Dataset<Row> previous, Dataset<Row> rebuilt, Dataset<Row> ciks) {
        Column[] columns = Arrays.stream(previous.columns()).map(functions::col).toArray(Column[]::new);
        return previous.join(broadcast(ciks.select("cik")), "cik", "left_anti").select(columns)
                .unionByName(rebuilt.select(columns));
    }
}

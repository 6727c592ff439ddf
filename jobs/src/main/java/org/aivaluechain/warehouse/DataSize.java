package org.aivaluechain.warehouse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark settings by data size, and where they apply (one list: the launcher passes only the size). bin/valuechain sizes a local command's data (the
 * SEC files an ingest names plus the SEC facts already in bronze) and passes {@code -Dvaluechain.data=small} or
 * {@code large} ({@link #PROPERTY}):
 * <ul>
 *   <li>small: {@link #SMALL_DATA} for the whole session, set when it is built ({@link #atStart});</li>
 *   <li>large: {@link #LARGE_DATA}, what millions of facts need, for the work on SEC facts as ingested ({@link #withLargeData}:
 *       the ingest, the SEC resolution), and a run switches to {@link #SMALL_DATA} for the rest
 *       ({@link #withSmallData}): the curated inputs and the tables read back from the warehouse are kilobytes to
 *       a few megabytes whatever bronze holds, and the large settings made them 3-5x slower (validating the curated
 *       inputs: 29 s against 6 s, bench/update-incremental.sh);</li>
 *   <li>no property (spark-submit, tests): nothing is set; the cluster's settings decide.</li>
 * </ul>
 * A setting given as a system property (a user's {@code -Dspark.*} in VALUECHAIN_JAVA_OPTS) is never overridden.
 * Settings are switched on the session between phases, never while a phase's queries run.
 */
public final class DataSize {

    /** The system property the launcher sets: small, large, or absent. */
    public static final String PROPERTY = "valuechain.data";

    /**
     * What a few thousand rows need, each measured with bench/stage-times.sh (README, Performance): one partition
     * per stage (200 tiny tasks cost more than their rows), no code generation (compiling hundreds of small
     * generated classes costs more than interpreting the rows), no adaptive re-planning, no constraint
     * propagation (inferred filters prune nothing), no Delta data skipping (a file-filtering job per scan, over
     * statistics that are not collected), one partition for Delta's snapshot state. All can change between phases.
     */
    static final Map<String, String> SMALL_DATA = settings(
            "spark.sql.shuffle.partitions", "1",
            "spark.sql.codegen.wholeStage", "false",
            "spark.sql.codegen.factoryMode", "NO_CODEGEN",
            "spark.sql.adaptive.enabled", "false",
            "spark.sql.constraintPropagation.enabled", "false",
            "spark.databricks.delta.stats.skipping", "false",
            "spark.databricks.delta.snapshotPartitions", "1");

    /**
     * What millions of facts need (bench/scale.sh): adaptive execution over 16 shuffle partitions, which it
     * coalesces to what the data needs, Spark's code generation, and parallel operations over both local cores.
     */
    static final Map<String, String> LARGE_DATA = settings(
            "spark.sql.shuffle.partitions", "16",
            "spark.sql.adaptive.enabled", "true",
            "spark.sql.adaptive.coalescePartitions.enabled", "true",
            "spark.databricks.delta.snapshotPartitions", "2",
            "spark.default.parallelism", "2");

    private DataSize() {
    }

    private static Map<String, String> settings(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private enum Mode { SMALL, LARGE, UNSET }

    private static Mode mode() {
        String value = System.getProperty(PROPERTY, "");
        return switch (value) {
            case "small" -> Mode.SMALL;
            case "large" -> Mode.LARGE;
            case "" -> Mode.UNSET;
            default -> throw new IllegalArgumentException(
                    "-D" + PROPERTY + " is '" + value + "'; expected small or large");
        };
    }

    /**
     * The session builder with the settings for the data's size: {@link #SMALL_DATA} (and one task per parallel
     * operation) or {@link #LARGE_DATA}; nothing without the property. A setting the user gave as a system property
     * stays as given.
     */
    static SparkSession.Builder atStart(SparkSession.Builder builder) {
        Map<String, String> start = switch (mode()) {
            case SMALL -> new LinkedHashMap<>(SMALL_DATA);
            case LARGE -> LARGE_DATA;
            case UNSET -> Map.of();
        };
        if (mode() == Mode.SMALL) {
            start.put("spark.default.parallelism", "1");
        }
        notGivenByUser(start).forEach(builder::config);
        return builder;
    }

    private static Map<String, String> notGivenByUser(Map<String, String> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                out.put(key, value);
            }
        });
        return out;
    }

    /** @throws IllegalArgumentException when {@value #PROPERTY} is set to neither small nor large */
    public static void check() {
        mode();
    }

    /** True when a run switches settings between phases (large data): its phases then run one after another. */
    public static boolean byPhase() {
        return mode() == Mode.LARGE;
    }

    /** {@code work} with the small-data settings when the data was sized large; the session's before and after. */
    public static <T> T withSmallData(SparkSession spark, Supplier<T> work) {
        if (!byPhase()) {
            return work.get();
        }
        Map<String, Optional<String>> small = new LinkedHashMap<>();
        notGivenByUser(SMALL_DATA).forEach((key, value) -> small.put(key, Optional.of(value)));
        return with(spark, small, work);
    }

    /**
     * {@code work} with the settings the session started with (the launcher's large-data ones) when the data was
     * sized large, also inside {@link #withSmallData}.
     */
    public static <T> T withLargeData(SparkSession spark, Supplier<T> work) {
        if (!byPhase()) {
            return work.get();
        }
        Map<String, Optional<String>> started = new LinkedHashMap<>();
        notGivenByUser(SMALL_DATA).keySet().forEach(key -> started.put(key,
                Optional.ofNullable(spark.sparkContext().getConf().get(key, null))));
        return with(spark, started, work);
    }

    /** Sets (or unsets, for an empty value) each setting, runs work, then restores what was there. */
    private static <T> T with(SparkSession spark, Map<String, Optional<String>> settings, Supplier<T> work) {
        Map<String, Optional<String>> before = new LinkedHashMap<>();
        settings.keySet().forEach(key -> {
            scala.Option<String> current = spark.conf().getOption(key);
            before.put(key, current.isDefined() ? Optional.of(current.get()) : Optional.empty());
        });
        apply(spark, settings);
        try {
            return work.get();
        } finally {
            apply(spark, before);
        }
    }

    private static void apply(SparkSession spark, Map<String, Optional<String>> settings) {
        settings.forEach((key, value) -> {
            if (value.isPresent()) {
                spark.conf().set(key, value.get());
            } else {
                spark.conf().unset(key);
            }
        });
    }
}

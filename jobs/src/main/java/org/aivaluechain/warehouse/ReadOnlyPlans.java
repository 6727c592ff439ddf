package org.aivaluechain.warehouse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.delta.catalog.DeltaTableV2;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;

import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * What a reader's session ({@code sql}, {@code serve}) may run on a warehouse unless writes are allowed: queries of
 * catalog tables, time travel on them, SHOW, DESCRIBE (also Delta's HISTORY and DETAIL), EXPLAIN, USE and SET of
 * Spark SQL session options. Everything else is refused before it runs: a statement that writes, drops, creates or
 * changes a table or the catalog (INSERT, MERGE, DELETE, UPDATE, DROP, CREATE, ALTER, VACUUM, RESTORE, OPTIMIZE,
 * CACHE, ADD JAR, INSERT OVERWRITE DIRECTORY, ...), reading files outside the warehouse (parquet.`/etc/...`,
 * delta.`/elsewhere`), reflection (reflect, java_method), Python UDFs, script transforms and SET of anything but
 * spark.sql.* options (and not spark.sql.catalog.*, which plugs in code and storage).
 *
 * <p>The check runs on the <em>analysed</em> logical plan, as one of Spark's check-analysis rules, so it sees what
 * Spark will do rather than the words typed: EXECUTE IMMEDIATE, views and subqueries are checked in the form they
 * take after analysis, and commands are refused before they execute (Spark executes a command only after it is
 * analysed). It is a whitelist: a plan node not listed here as read-only is refused, so a new kind of write in a
 * later Spark or Delta is refused until someone lists it.
 *
 * <p>Scope: this protects the warehouse from mistakes (a typo that drops a table or vacuums its history), not from
 * a hostile local user: Spark Connect clients can upload jars and closures. {@code serve} stays on 127.0.0.1.
 */
public final class ReadOnlyPlans {

    /** How a user lifts the check, named in every refusal. */
    public static final String HOW_TO_ALLOW = "--allow-writes";

    /** Commands that only read the catalog or a table's metadata, or set session state that cannot write. */
    private static final Set<String> READ_ONLY_COMMANDS = Set.of(
            "org.apache.spark.sql.catalyst.plans.logical.ShowTables",
            "org.apache.spark.sql.catalyst.plans.logical.ShowNamespaces",
            "org.apache.spark.sql.catalyst.plans.logical.ShowViews",
            "org.apache.spark.sql.catalyst.plans.logical.ShowColumns",
            "org.apache.spark.sql.catalyst.plans.logical.ShowFunctions",
            "org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable",
            "org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties",
            "org.apache.spark.sql.catalyst.plans.logical.ShowPartitions",
            "org.apache.spark.sql.catalyst.plans.logical.DescribeRelation",
            "org.apache.spark.sql.catalyst.plans.logical.DescribeColumn",
            "org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace",
            "org.apache.spark.sql.catalyst.plans.logical.DescribeFunction",
            "org.apache.spark.sql.catalyst.plans.logical.SetCatalogAndNamespace",
            "org.apache.spark.sql.execution.command.ShowTablesCommand",
            "org.apache.spark.sql.execution.command.ShowColumnsCommand",
            "org.apache.spark.sql.execution.command.ShowCreateTableCommand",
            "org.apache.spark.sql.execution.command.ShowTablePropertiesCommand",
            "org.apache.spark.sql.execution.command.ShowPartitionsCommand",
            "org.apache.spark.sql.execution.command.ShowViewsCommand",
            "org.apache.spark.sql.execution.command.ShowFunctionsCommand",
            "org.apache.spark.sql.execution.command.ShowCatalogsCommand",
            "org.apache.spark.sql.execution.command.ShowCurrentNamespaceCommand",
            "org.apache.spark.sql.execution.command.DescribeTableCommand",
            "org.apache.spark.sql.execution.command.DescribeColumnCommand",
            "org.apache.spark.sql.execution.command.DescribeDatabaseCommand",
            "org.apache.spark.sql.execution.command.DescribeFunctionCommand",
            "org.apache.spark.sql.execution.command.SetNamespaceCommand",
            "org.apache.spark.sql.execution.command.SetCatalogCommand",
            "org.apache.spark.sql.execution.command.ResetCommand",
            "org.apache.spark.sql.delta.commands.DescribeDeltaDetailCommand",
            "org.apache.spark.sql.delta.commands.DescribeDeltaHistoryCommand");

    /**
     * Query operators: they compute rows from their children and write nothing. The typed operators
     * (MapPartitions, DeserializeToObject, ...) run code compiled into this JVM; Delta's own log replay uses them.
     */
    private static final Set<String> QUERY_NODES = Set.of(
            "org.apache.spark.sql.catalyst.plans.logical.Project",
            "org.apache.spark.sql.catalyst.plans.logical.Filter",
            "org.apache.spark.sql.catalyst.plans.logical.Aggregate",
            "org.apache.spark.sql.catalyst.plans.logical.Join",
            "org.apache.spark.sql.catalyst.plans.logical.LateralJoin",
            "org.apache.spark.sql.catalyst.plans.logical.AsOfJoin",
            "org.apache.spark.sql.catalyst.plans.logical.Sort",
            "org.apache.spark.sql.catalyst.plans.logical.GlobalLimit",
            "org.apache.spark.sql.catalyst.plans.logical.LocalLimit",
            "org.apache.spark.sql.catalyst.plans.logical.Offset",
            "org.apache.spark.sql.catalyst.plans.logical.Tail",
            "org.apache.spark.sql.catalyst.plans.logical.Union",
            "org.apache.spark.sql.catalyst.plans.logical.UnionLoop",
            "org.apache.spark.sql.catalyst.plans.logical.UnionLoopRef",
            "org.apache.spark.sql.catalyst.plans.logical.Intersect",
            "org.apache.spark.sql.catalyst.plans.logical.Except",
            "org.apache.spark.sql.catalyst.plans.logical.Distinct",
            "org.apache.spark.sql.catalyst.plans.logical.Deduplicate",
            "org.apache.spark.sql.catalyst.plans.logical.Window",
            "org.apache.spark.sql.catalyst.plans.logical.WindowGroupLimit",
            "org.apache.spark.sql.catalyst.plans.logical.Generate",
            "org.apache.spark.sql.catalyst.plans.logical.Expand",
            "org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias",
            "org.apache.spark.sql.catalyst.plans.logical.View",
            "org.apache.spark.sql.catalyst.plans.logical.LocalRelation",
            "org.apache.spark.sql.catalyst.plans.logical.OneRowRelation",
            "org.apache.spark.sql.catalyst.plans.logical.EmptyRelation",
            "org.apache.spark.sql.catalyst.plans.logical.Range",
            "org.apache.spark.sql.catalyst.plans.logical.Sample",
            "org.apache.spark.sql.catalyst.plans.logical.WithCTE",
            "org.apache.spark.sql.catalyst.plans.logical.CTERelationDef",
            "org.apache.spark.sql.catalyst.plans.logical.CTERelationRef",
            "org.apache.spark.sql.catalyst.plans.logical.Repartition",
            "org.apache.spark.sql.catalyst.plans.logical.RepartitionByExpression",
            "org.apache.spark.sql.catalyst.plans.logical.RebalancePartitions",
            "org.apache.spark.sql.catalyst.plans.logical.ResolvedHint",
            "org.apache.spark.sql.catalyst.plans.logical.Subquery",
            "org.apache.spark.sql.catalyst.plans.logical.ReturnAnswer",
            "org.apache.spark.sql.catalyst.plans.logical.CollectMetrics",
            "org.apache.spark.sql.catalyst.plans.logical.DeserializeToObject",
            "org.apache.spark.sql.catalyst.plans.logical.SerializeFromObject",
            "org.apache.spark.sql.catalyst.plans.logical.MapPartitions",
            "org.apache.spark.sql.catalyst.plans.logical.MapElements",
            "org.apache.spark.sql.catalyst.plans.logical.TypedFilter",
            "org.apache.spark.sql.catalyst.plans.logical.AppendColumns",
            "org.apache.spark.sql.catalyst.plans.logical.AppendColumnsWithObject",
            "org.apache.spark.sql.catalyst.plans.logical.MapGroups",
            "org.apache.spark.sql.catalyst.plans.logical.CoGroup",
            "org.apache.spark.sql.catalyst.plans.logical.AttachDistributedSequence",
            // the rows of a command that already ran (SHOW TABLES ...), when a query is built on them
            "org.apache.spark.sql.catalyst.plans.logical.CommandResult",
            "org.apache.spark.sql.catalyst.analysis.ResolvedInlineTable",
            "org.apache.spark.sql.execution.LogicalRDD",
            "org.apache.spark.sql.execution.ExternalRDD",
            "org.apache.spark.sql.execution.columnar.InMemoryRelation",
            "org.apache.spark.sql.delta.commands.DescribeDeltaHistory");

    /** Expressions that reach outside SQL: Java reflection and Python code. */
    private static final Map<String, String> REFUSED_EXPRESSIONS = Map.of(
            "org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection", "reflect()",
            "org.apache.spark.sql.catalyst.expressions.TryReflect", "try_reflect()",
            "org.apache.spark.sql.catalyst.expressions.PythonUDF", "a Python UDF");

    /** Spark SQL options a reader may set, except these prefixes. */
    private static final String SETTABLE_PREFIX = "spark.sql.";
    private static final List<String> UNSETTABLE_PREFIXES = List.of("spark.sql.catalog.");

    private static String guardedRootForNewSessions;
    private static final Set<SparkSessionExtensions> INSTALLED =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private ReadOnlyPlans() {
    }

    /** A statement or request the read-only check refused; its message is one line naming what and how to allow. */
    public static final class RefusedException extends RuntimeException implements SparkThrowable {
        RefusedException(String what) {
            super("read-only: " + what + " is refused; run with " + HOW_TO_ALLOW + " to allow writes");
        }

        @Override
        public String getCondition() {
            return null;
        }

        @Override
        public String getSqlState() {
            return "42501"; // insufficient privilege
        }

        @Override
        public boolean isInternalError() {
            return false;
        }
    }

    /**
     * A session for a reader: a new session sharing the catalog of {@code spark} (the tables registered there)
     * whose every analysed plan passes the check against the warehouse at {@code warehouseRoot}. Temporary views
     * and SET options of the returned session do not reach {@code spark}.
     */
    public static synchronized SparkSession readOnlySession(SparkSession spark, String warehouseRoot) {
        installCheckRule(spark);
        guardedRootForNewSessions = warehouseRoot;
        try {
            SparkSession session = spark.newSession();
            // the check rules are read when the analyser is built: build it now, while the root is set
            session.sessionState().analyzer();
            return session;
        } finally {
            guardedRootForNewSessions = null;
        }
    }

    /**
     * Until {@link #stopGuardingNewSessions}, every session created from {@code spark} (those of Spark Connect's
     * clients) refuses what is not read-only on the warehouse at {@code warehouseRoot}. The decision is taken when
     * a session's analyser is built, so a client cannot lift it by changing its own configuration.
     */
    public static synchronized void guardNewSessions(SparkSession spark, String warehouseRoot) {
        installCheckRule(spark);
        guardedRootForNewSessions = warehouseRoot;
    }

    public static synchronized void stopGuardingNewSessions() {
        guardedRootForNewSessions = null;
    }

    /** Once per set of extensions (one per JVM in practice): a rule that checks when its session was built guarded. */
    private static void installCheckRule(SparkSession spark) {
        // the session this JVM runs (not a Connect client): the classic one, which keeps its extensions
        SparkSessionExtensions extensions = ((org.apache.spark.sql.classic.SparkSession) spark).extensions();
        if (INSTALLED.add(extensions)) {
            extensions.injectCheckRule(scalaFunction(session -> {
                String root = currentGuardedRoot();
                return scalaFunction(plan -> {
                    if (root != null) {
                        check(plan, root, session);
                    }
                    return BoxedUnit.UNIT;
                });
            }));
        }
    }

    private static synchronized String currentGuardedRoot() {
        return guardedRootForNewSessions;
    }

    /**
     * Throws {@link RefusedException} naming the first thing in the analysed plan a reader may not do; the session
     * analyses the statement an EXPLAIN names (Spark analyses it only when the EXPLAIN runs).
     */
    /** Statements refused as parsed: analysing them would fail first on a pinned view, with a confusing error. */
    private static final Set<String> PARSED_WRITES = Set.of("InsertIntoStatement", "DeleteFromTable", "UpdateTable",
            "MergeIntoTable",
            // statements on a table that fail analysis on a pinned view ("expects a table") before the check on the
            // analysed plan could name them: refused here, by the name the parser gives them
            "VacuumTableCommand", "RestoreTableStatement", "OptimizeTableCommand", "DeltaReorgTable",
            "TruncateTable", "TruncatePartition", "SetTableProperties", "UnsetTableProperties", "AddColumns",
            "ReplaceColumns", "DropColumns", "RenameColumn", "AlterColumns", "RenameTable", "SetTableLocation",
            "AddPartitions", "DropPartitions", "RenamePartitions", "RecoverPartitions");

    /** Formats that name a path instead of a table ({@code parquet.`/path`}); analysing one reads the files. */
    private static final Set<String> PATH_FORMATS = Set.of("parquet", "orc", "json", "csv", "text", "avro", "delta",
            "binaryfile");

    /**
     * The check on the parsed statement, before analysis: writes refused by name, and reads of paths outside the
     * warehouse refused before Spark lists or opens a file to infer their schema. The analysed plan is checked as
     * well ({@link #check}); this one only makes the refusal earlier and clearer.
     */
    public static void checkParsed(LogicalPlan parsed, String warehouseRoot) {
        String refused = parsedRefusal(parsed, warehouseRoot);
        if (refused != null) {
            throw new RefusedException(refused);
        }
    }

    private static String parsedRefusal(LogicalPlan plan, String warehouseRoot) {
        if (PARSED_WRITES.contains(plan.getClass().getSimpleName())) {
            return "the statement " + plan.nodeName();
        }
        if (plan instanceof org.apache.spark.sql.catalyst.analysis.UnresolvedRelation relation) {
            List<String> parts = CollectionConverters.asJava(relation.multipartIdentifier());
            if (parts.size() == 2 && PATH_FORMATS.contains(parts.get(0).toLowerCase(java.util.Locale.ROOT))) {
                Path path = new Path(parts.get(1));
                // a path without a scheme is local, as Spark reads it here
                Path qualified = path.toUri().getScheme() == null ? new Path("file:" + path.toUri().getPath()) : path;
                if (!under(qualified, warehouseRoot)) {
                    return "reading " + qualified + " (outside the warehouse)";
                }
            }
        }
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            String refused = parsedRefusal(child, warehouseRoot);
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    public static void check(LogicalPlan analysed, String warehouseRoot, SparkSession session) {
        String refused = refusal(analysed, warehouseRoot, session);
        if (refused != null) {
            throw new RefusedException(refused);
        }
    }

    /** What in the analysed plan a reader may not do, or null when it is read-only. */
    static String refusal(LogicalPlan plan, String warehouseRoot, SparkSession session) {
        String className = plan.getClass().getName();
        if (plan instanceof ExplainCommand explain) {
            LogicalPlan explained = explain.logicalPlan();
            // a command explained is refused as typed; a query is checked as Spark will run it
            return refusal(explained instanceof Command ? explained
                    : session.sessionState().analyzer().execute(explained), warehouseRoot, session);
        }
        if (plan instanceof SetCommand set) {
            return setRefusal(set);
        }
        if (plan instanceof Command) {
            // children of a metadata command are resolved names (ResolvedTable ...), not reads
            return READ_ONLY_COMMANDS.contains(className) ? null : "the statement " + plan.nodeName();
        }
        if (plan instanceof LogicalRelation relation) {
            if (relation.catalogTable().isEmpty()) {
                String outside = outsideWarehouse(relation, warehouseRoot);
                if (outside != null) {
                    return outside;
                }
            }
        } else if (plan instanceof DataSourceV2Relation relation) {
            String outside = outsideWarehouse(relation, warehouseRoot);
            if (outside != null) {
                return outside;
            }
        } else if (!QUERY_NODES.contains(className)) {
            return "the operation " + plan.nodeName();
        }
        for (Expression e : CollectionConverters.asJava(plan.expressions())) {
            String refused = expressionRefusal(e, warehouseRoot, session);
            if (refused != null) {
                return refused;
            }
        }
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            String refused = refusal(child, warehouseRoot, session);
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    private static String expressionRefusal(Expression e, String warehouseRoot, SparkSession session) {
        String named = REFUSED_EXPRESSIONS.get(e.getClass().getName());
        if (named != null) {
            return named;
        }
        if (e instanceof SubqueryExpression subquery) {
            String refused = refusal(subquery.plan(), warehouseRoot, session);
            if (refused != null) {
                return refused;
            }
        }
        for (Expression child : CollectionConverters.asJava(e.children())) {
            String refused = expressionRefusal(child, warehouseRoot, session);
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    /** SET alone or SET key shows options; SET key=value only for Spark SQL options. */
    private static String setRefusal(SetCommand set) {
        Option<Tuple2<String, Option<String>>> kv = set.kv();
        if (kv.isEmpty() || kv.get()._2().isEmpty()) {
            return null;
        }
        String key = kv.get()._1();
        boolean settable = key.startsWith(SETTABLE_PREFIX) && UNSETTABLE_PREFIXES.stream().noneMatch(key::startsWith);
        return settable ? null : "SET " + key;
    }

    /** Files read by path (no catalog table) must lie under the warehouse root: Delta's own log and data do. */
    private static String outsideWarehouse(LogicalRelation relation, String warehouseRoot) {
        if (relation.relation() instanceof HadoopFsRelation files) {
            List<String> outside = new ArrayList<>();
            for (Path p : CollectionConverters.asJava(files.location().rootPaths())) {
                if (!under(p, warehouseRoot)) {
                    outside.add(p.toString());
                }
            }
            return outside.isEmpty() ? null : "reading " + String.join(", ", outside) + " (outside the warehouse)";
        }
        return "reading from " + relation.relation().getClass().getSimpleName() + " (not a warehouse table)";
    }

    private static String outsideWarehouse(DataSourceV2Relation relation, String warehouseRoot) {
        if (relation.table() instanceof DeltaTableV2 delta) {
            if (delta.catalogTable().isDefined() || under(delta.path(), warehouseRoot)) {
                return null;
            }
            return "reading " + delta.path() + " (outside the warehouse)";
        }
        return "reading " + relation.table().name() + " (not a warehouse table)";
    }

    /** The path, normalised (no '..'), is the root or below it. */
    static boolean under(Path path, String warehouseRoot) {
        URI p = path.toUri().normalize();
        URI root = new Path(warehouseRoot).toUri().normalize();
        String rootPath = root.getPath().endsWith("/") ? root.getPath() : root.getPath() + "/";
        return java.util.Objects.equals(p.getScheme(), root.getScheme())
                && java.util.Objects.equals(p.getAuthority(), root.getAuthority())
                && (p.getPath().equals(root.getPath()) || p.getPath().startsWith(rootPath));
    }

    /** Names a class of the lists that no longer exists in this Spark or Delta, for the test that guards them. */
    static List<String> unknownClasses() {
        List<String> unknown = new ArrayList<>();
        for (Set<String> names : List.of(READ_ONLY_COMMANDS, QUERY_NODES, REFUSED_EXPRESSIONS.keySet())) {
            for (String name : names) {
                try {
                    Class.forName(name, false, ReadOnlyPlans.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    unknown.add(name);
                }
            }
        }
        return unknown;
    }

    private static <A, B> scala.Function1<A, B> scalaFunction(java.util.function.Function<A, B> f) {
        return new scala.runtime.AbstractFunction1<A, B>() {
            @Override
            public B apply(A a) {
                return f.apply(a);
            }
        };
    }
}

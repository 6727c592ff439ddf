package org.aivaluechain.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.aivaluechain.io.sec.MetricTags;
import org.aivaluechain.model.Lineage;
import org.aivaluechain.transform.gold.CapexGuidance;
import org.aivaluechain.transform.gold.CapexIntensity;
import org.aivaluechain.transform.gold.CashAndBacklog;
import org.aivaluechain.transform.gold.ClaimChecks;
import org.aivaluechain.transform.gold.DepreciationScenarios;
import org.aivaluechain.transform.gold.FinancingCycles;
import org.aivaluechain.transform.gold.MarginTrends;
import org.aivaluechain.transform.gold.SupplierCapture;
import org.aivaluechain.transform.gold.ValueConcentration;
import org.aivaluechain.transform.gold.ValueMigration;
import org.aivaluechain.transform.silver.FactResolution;
import org.aivaluechain.transform.silver.FiscalPeriods;
import org.aivaluechain.transform.silver.Reconciliation;
import org.aivaluechain.transform.silver.SecPeriods;
import org.aivaluechain.transform.silver.SilverFinancials;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The table registry: every table of the warehouse, each once. The steps of `run` (with what each reads, from
 * which the dependency waves follow), the tables `ingest` merges into, and the run log. A test checks that these
 * names are exactly the DDL files of schemas/; `run --help` and the README's table list are checked against it.
 * Adding a table: its DDL file, its transform and test, and one entry here.
 */
public final class Tables {

    /** SEC facts as filed: merged into by `ingest`, read by `run`. */
    public static final String SEC_FACTS = "bronze.sec_facts";

    /** Merged into by `ingest`. */
    public static final List<String> INGESTED = List.of(SEC_FACTS, "bronze.sec_quarantine");

    /** Appended to by every run and ingest: per input file, rows read, loaded and quarantined. */
    public static final String RUN_LOG = "bronze.load_runs";

    /** Appended to by every run and ingest when it starts and when it has written everything. */
    public static final String RUN_MANIFEST = "bronze.runs";

    private static final String QUARTERLY = "silver.quarterly_financials";
    private static final String SEGMENT_FINANCIALS = "silver.segment_financials";
    private static final String COMPANIES = "silver.companies";
    private static final String SEGMENTS = "silver.segments";
    static final String SEC_VALUES = "silver.sec_period_values";
    private static final String SEC_UNPLACED = "silver.sec_unplaced_facts";
    /** Read by the run's summary: per SEC file, read = placed + unplaced + other tags + quarantined. */
    public static final String SEC_PLACEMENT = "silver.sec_fact_placement";
    /** The tables of the SEC resolution, rewritten only for the filers a run resolves again (see SecScope). */
    static final List<String> SEC_RESOLUTION = List.of(SEC_VALUES, SEC_UNPLACED, SEC_PLACEMENT);
    private static final String SEC_RANKED = "classified and ranked SEC facts";
    private static final String RESOLVED = "resolved facts";
    private static final String PERIODS = "fiscal periods";
    private static final String CYCLES = "financing cycles";
    private static final String GUIDANCE = "capex guidance vs actual";

    /** The steps of `run`, in the order the summary lists their tables. */
    static final List<Step> RUN = List.of(
            // inputs as loaded, and the reference data they were checked against
            Step.table("bronze.financial_facts", List.of(),
                    in -> in.valid(CuratedInput.FACTS).withColumn("run_id", lit(in.runId()))),
            Step.table("bronze.quarantine", List.of(), Sources::quarantine),
            Step.table(COMPANIES, List.of(), in -> Lineage.drop(in.valid(CuratedInput.COMPANIES))),
            Step.table("silver.company_ciks", List.of(), in -> Lineage.drop(in.valid(CuratedInput.COMPANY_CIKS))),
            Step.table(SEGMENTS, List.of(), in -> Lineage.drop(in.valid(CuratedInput.SEGMENTS))),
            Step.table("silver.fx_rates", List.of(), in -> Lineage.drop(in.valid(CuratedInput.FX_RATES))),
            // SEC facts ingested earlier, as fiscal periods; with nothing ingested the resolution is skipped
            Step.intermediate(SEC_RANKED, List.of(SEC_FACTS), in -> SecPeriods.classifiedAndRanked(
                    in.secScope().facts(in.ingestedSecFacts().orElseThrow()), MetricTags.load(in.spark()),
                    in.valid(CuratedInput.COMPANY_CIKS), in.valid(CuratedInput.COMPANIES))),
            Step.table(SEC_VALUES, List.of(SEC_RANKED), in -> secResolution(in, SEC_VALUES,
                    ranked -> SecPeriods.periodValues(ranked))),
            Step.table(SEC_UNPLACED, List.of(SEC_RANKED), in -> secResolution(in, SEC_UNPLACED,
                    ranked -> SecPeriods.unplacedFacts(ranked))),
            Step.table(SEC_PLACEMENT, List.of(SEC_RANKED), in -> secResolution(in, SEC_PLACEMENT,
                    ranked -> SecPeriods.placementCounts(ranked, in.secScope().facts(in.ingestedSecFacts()
                            .orElseThrow()), MetricTags.load(in.spark())))),
            // what the resolution read, written after its tables are (so a run that dies before resolves again)
            Step.table(SecScope.RESOLVED_SOURCES, SEC_RESOLUTION,
                    in -> in.ingestedSecFacts().map(facts -> in.secScope().resolvedSources())
                            .orElseGet(() -> in.emptyRows(SecScope.RESOLVED_SOURCES))),
            Step.table("silver.financing_deals", List.of(), in -> Lineage.drop(in.valid(CuratedInput.DEALS))),

            // one value per fact (SEC values win over curated ones), on fiscal periods
            Step.intermediate(RESOLVED, List.of("bronze.financial_facts", SEC_VALUES, COMPANIES),
                    in -> resolvedFacts(in, false)),
            Step.intermediate(PERIODS, List.of(RESOLVED, COMPANIES, "silver.fx_rates"),
                    in -> FiscalPeriods.of(in.read(RESOLVED), in.read(COMPANIES), in.read("silver.fx_rates"))),
            Step.table(QUARTERLY, List.of(RESOLVED, PERIODS, COMPANIES), in -> SilverFinancials.quarterlyFinancials(
                    in.read(RESOLVED), in.read(PERIODS), in.read(COMPANIES))),
            Step.table(SEGMENT_FINANCIALS, List.of(RESOLVED, PERIODS, SEGMENTS), in -> SilverFinancials
                    .segmentFinancials(in.read(RESOLVED), in.read(PERIODS), in.read(SEGMENTS))),
            Step.table("silver.reconciliation", List.of(RESOLVED), in -> Reconciliation.checks(in.read(RESOLVED))),
            // the point-in-time twin differs only where an SEC value was restated; otherwise it is a copy
            Step.table("silver.quarterly_financials_as_reported",
                    List.of(QUARTERLY, "bronze.financial_facts", SEC_VALUES, COMPANIES, "silver.fx_rates"),
                    Tables::asReported),

            // metrics
            Step.table("gold.capex_intensity", List.of(QUARTERLY), in -> CapexIntensity.build(in.read(QUARTERLY))),
            Step.table("gold.margin_trends", List.of(QUARTERLY), in -> MarginTrends.build(in.read(QUARTERLY))),
            Step.table("gold.cash_and_backlog", List.of(QUARTERLY), in -> CashAndBacklog.build(in.read(QUARTERLY))),
            Step.table("gold.value_concentration", List.of(QUARTERLY, COMPANIES, SEGMENT_FINANCIALS, SEGMENTS),
                    in -> ValueConcentration.build(in.read(QUARTERLY), in.read(COMPANIES),
                            in.read(SEGMENT_FINANCIALS), in.read(SEGMENTS))),
            Step.table("gold.supplier_capture", List.of(QUARTERLY, SEGMENT_FINANCIALS, COMPANIES, SEGMENTS),
                    in -> SupplierCapture.build(in.read(QUARTERLY), in.read(SEGMENT_FINANCIALS), in.read(COMPANIES),
                            in.read(SEGMENTS))),
            Step.table("gold.depreciation_scenarios", List.of(QUARTERLY), in -> DepreciationScenarios.build(
                    in.read(QUARTERLY), in.valid(CuratedInput.DEPRECIATION_PARAMETERS),
                    DepreciationScenarios.LIVES_YEARS)),
            Step.table("gold.value_migration", List.of(QUARTERLY, COMPANIES),
                    in -> ValueMigration.build(in.read(QUARTERLY), in.read(COMPANIES), List.of(8, 12))),
            Step.intermediate(CYCLES, List.of("silver.financing_deals"), in -> FinancingCycles.cycles(
                    in.read("silver.financing_deals"), FinancingCycles.DEFAULT_MAX_HOPS)),
            Step.table("gold.financing_cycles", List.of(CYCLES), in -> in.read(CYCLES)),
            Step.table("gold.financing_party_flows", List.of("silver.financing_deals", CYCLES),
                    in -> FinancingCycles.partyFlows(in.read("silver.financing_deals"), in.read(CYCLES),
                            Lineage.drop(in.valid(CuratedInput.PARTIES)))),
            Step.intermediate(GUIDANCE, List.of(QUARTERLY),
                    in -> CapexGuidance.build(in.valid(CuratedInput.CAPEX_GUIDANCE), in.read(QUARTERLY))),
            Step.table("gold.capex_guidance_vs_actual", List.of(GUIDANCE), in -> in.read(GUIDANCE)),
            Step.table("gold.claim_checks", List.of(QUARTERLY, SEGMENT_FINANCIALS, GUIDANCE),
                    in -> ClaimChecks.build(in.valid(CuratedInput.CLAIMS), in.read(QUARTERLY),
                            in.read(SEGMENT_FINANCIALS), in.read(GUIDANCE))));

    private Tables() {
    }

    /** Every table of the warehouse: those `run` writes, those `ingest` merges into, and the run log. */
    public static List<String> all() {
        List<String> all = new ArrayList<>(written());
        all.addAll(INGESTED);
        all.add(RUN_LOG);
        all.add(RUN_MANIFEST);
        return all;
    }

    /** The tables `run` replaces, in summary order. */
    public static List<String> written() {
        return RUN.stream().filter(Step::written).map(Step::name).toList();
    }

    /**
     * One of the SEC resolution's tables, from the classified and ranked facts of the filers this run resolves
     * (see {@link SecScope}), with the other filers' rows kept; no rows when nothing was ingested.
     */
    private static Dataset<Row> secResolution(Sources in, String table, UnaryOperator<Dataset<Row>> fromRanked) {
        if (in.ingestedSecFacts().isEmpty()) {
            return in.emptyRows(table);
        }
        return in.secScope().merge(table, fromRanked.apply(in.read(SEC_RANKED)));
    }

    /** Curated facts and the registered companies' SEC values, one value per fact (see FactResolution). */
    private static Dataset<Row> resolvedFacts(Sources in, boolean firstReported) {
        Dataset<Row> companies = in.read(COMPANIES);
        Dataset<Row> secFacts = SecPeriods.asFacts(in.read(SEC_VALUES), companies,
                Lineage.drop(in.valid(CuratedInput.SEC_SEGMENT_MEMBERS)), firstReported);
        return FactResolution.resolve(in.read("bronze.financial_facts").unionByName(secFacts, true), companies);
    }

    private static Dataset<Row> asReported(Sources in) {
        if (in.ingestedSecFacts().isEmpty() || in.read(SEC_VALUES).where(col("restated")).isEmpty()) {
            return in.read(QUARTERLY);
        }
        Dataset<Row> resolved = resolvedFacts(in, true);
        return SilverFinancials.quarterlyFinancials(resolved,
                FiscalPeriods.of(resolved, in.read(COMPANIES), in.read("silver.fx_rates")), in.read(COMPANIES));
    }
}

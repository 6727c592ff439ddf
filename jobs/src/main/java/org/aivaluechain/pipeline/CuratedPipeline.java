package org.aivaluechain.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.aivaluechain.io.ColumnSpec;
import org.aivaluechain.io.CsvFileReader;
import org.aivaluechain.io.AnalystInputs;
import org.aivaluechain.io.CuratedInputs;
import org.aivaluechain.io.DealInputs;
import org.aivaluechain.io.Frames;
import org.aivaluechain.io.ParsedFile;
import org.aivaluechain.io.sec.MetricTags;
import org.aivaluechain.transform.gold.CapexGuidance;
import org.aivaluechain.transform.gold.CapexIntensity;
import org.aivaluechain.transform.gold.ClaimChecks;
import org.aivaluechain.transform.gold.DepreciationScenarios;
import org.aivaluechain.transform.silver.FactResolution;
import org.aivaluechain.transform.gold.FinancingCycles;
import org.aivaluechain.transform.silver.FiscalPeriods;
import org.aivaluechain.transform.validation.InputValidation;
import org.aivaluechain.transform.gold.MarginTrends;
import org.aivaluechain.transform.silver.Reconciliation;
import org.aivaluechain.transform.silver.SecPeriods;
import org.aivaluechain.transform.silver.SilverFinancials;
import org.aivaluechain.transform.Split;
import org.aivaluechain.transform.gold.SupplierCapture;
import org.aivaluechain.transform.gold.ValueConcentration;
import org.aivaluechain.transform.gold.ValueMigration;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The whole pipeline on curated inputs: read and validate the files, write bronze, resolve silver,
 * compute gold. Only this class reads files and writes tables; the transforms it calls are pure.
 * Every table is replaced whole (one Delta commit each), so a rerun leaves the same tables.
 */
public final class CuratedPipeline {

    static final StructType LOAD_RUNS = new StructType()
            .add("run_id", DataTypes.StringType)
            .add("command", DataTypes.StringType)
            .add("started_at", DataTypes.TimestampType)
            .add("finished_at", DataTypes.TimestampType)
            .add("input_file", DataTypes.StringType)
            .add("rows_read", DataTypes.LongType)
            .add("rows_loaded", DataTypes.LongType)
            .add("rows_quarantined", DataTypes.LongType)
            .add("tables_written", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final Progress progress;

    public CuratedPipeline(SparkSession spark, Warehouse warehouse, Progress progress) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.progress = progress;
    }

    public RunReport run(CuratedInputs inputs) {
        String runId = UUID.randomUUID().toString();
        Timestamp startedAt = Timestamp.from(Instant.now());

        // 1. read every file first: a missing or unreadable file stops the run before anything is written
        ParsedFile companiesFile = CsvFileReader.read(inputs.companies(), CuratedInputs.COMPANIES);
        ParsedFile segmentsFile = CsvFileReader.read(inputs.segments(), CuratedInputs.SEGMENTS);
        ParsedFile fxFile = CsvFileReader.read(inputs.fxRates(), CuratedInputs.FX_RATES);
        ParsedFile ciksFile = CsvFileReader.read(inputs.companyCiks(), CuratedInputs.COMPANY_CIKS);
        ParsedFile secSegmentsFile = CsvFileReader.read(inputs.secSegmentMembers(), CuratedInputs.SEC_SEGMENT_MEMBERS);
        ParsedFile depreciationFile = CsvFileReader.read(inputs.depreciationParameters(),
                CuratedInputs.DEPRECIATION_PARAMETERS);
        List<ParsedFile> factFiles = inputs.factFiles().stream()
                .map(f -> CsvFileReader.read(f, CuratedInputs.FACTS)).toList();
        ParsedFile partiesFile = CsvFileReader.read(inputs.parties(), DealInputs.PARTIES);
        ParsedFile dealsFile = CsvFileReader.read(inputs.deals(), DealInputs.DEALS);
        ParsedFile guidanceFile = CsvFileReader.read(inputs.capexGuidance(), AnalystInputs.CAPEX_GUIDANCE);
        ParsedFile claimsFile = CsvFileReader.read(inputs.claims(), AnalystInputs.CLAIMS);
        progress.stage("read " + (10 + factFiles.size()) + " input files");

        // 2. validate: reference data first, then facts against it
        // each split is cached so its checks run once for the valid and the quarantined side
        Split companies = InputValidation.companies(frame(companiesFile, CuratedInputs.COMPANIES)).cached();
        Dataset<Row> validCompanies = companies.valid();
        Split segments = InputValidation.segments(frame(segmentsFile, CuratedInputs.SEGMENTS), validCompanies).cached();
        Split ciks = InputValidation.companyCiks(frame(ciksFile, CuratedInputs.COMPANY_CIKS), validCompanies).cached();
        Dataset<Row> validCiks = ciks.valid();
        Split fx = InputValidation.fxRates(frame(fxFile, CuratedInputs.FX_RATES)).cached();
        Dataset<Row> validSegments = segments.valid();
        Dataset<Row> validFx = fx.valid();
        Split depreciation = InputValidation.depreciationParameters(
                frame(depreciationFile, CuratedInputs.DEPRECIATION_PARAMETERS), validCompanies).cached();
        Dataset<Row> validDepreciation = depreciation.valid();
        Split secSegments = InputValidation.secSegmentMembers(frame(secSegmentsFile, CuratedInputs.SEC_SEGMENT_MEMBERS),
                validCompanies, validSegments).cached();
        Dataset<Row> validSecSegments = withoutLineage(secSegments.valid());
        Split facts = InputValidation.facts(Frames.rows(spark, factFiles, CuratedInputs.FACTS),
                validCompanies, validSegments, validFx).cached();
        Dataset<Row> validFacts = facts.valid();
        Split parties = FinancingCycles.parties(frame(partiesFile, DealInputs.PARTIES), validCompanies).cached();
        Dataset<Row> validParties = parties.valid();
        Split deals = FinancingCycles.deals(frame(dealsFile, DealInputs.DEALS), validParties).cached();
        Dataset<Row> validDeals = deals.valid();
        Split guidance = CapexGuidance.validate(frame(guidanceFile, AnalystInputs.CAPEX_GUIDANCE), validCompanies)
                .cached();
        Dataset<Row> validGuidance = guidance.valid();
        Split claims = ClaimChecks.validate(frame(claimsFile, AnalystInputs.CLAIMS), validCompanies).cached();
        Dataset<Row> validClaims = claims.valid();

        List<ParsedFile> allFiles = new ArrayList<>(List.of(companiesFile, ciksFile, segmentsFile, fxFile,
                depreciationFile));
        allFiles.addAll(factFiles);
        allFiles.add(secSegmentsFile);
        allFiles.add(partiesFile);
        allFiles.add(dealsFile);
        allFiles.add(guidanceFile);
        allFiles.add(claimsFile);
        Dataset<Row> quarantine = Frames.parseRejects(spark, allFiles)
                .unionByName(companies.quarantined()).unionByName(ciks.quarantined())
                .unionByName(segments.quarantined())
                .unionByName(fx.quarantined()).unionByName(depreciation.quarantined())
                .unionByName(facts.quarantined()).unionByName(secSegments.quarantined())
                .unionByName(parties.quarantined()).unionByName(deals.quarantined())
                .unionByName(guidance.quarantined()).unionByName(claims.quarantined())
                .withColumn("run_id", lit(runId));
        List<FileCount> counts = countRows(allFiles, List.of(validCompanies, validCiks, validSegments, validFx, validDepreciation, validFacts, secSegments.valid(), validParties,
                        validDeals, validGuidance, validClaims),
                quarantine);
        progress.stage("validated inputs");

        // Each layer is written, then read back from Delta: downstream plans start from a short table scan
        // instead of carrying the parsed rows and every upstream step in each task.
        Map<String, Long> versions = new LinkedHashMap<>();
        Map<String, Dataset<Row>> bronze = new LinkedHashMap<>();
        bronze.put("bronze.financial_facts", validFacts.withColumn("run_id", lit(runId)));
        bronze.put("bronze.quarantine", quarantine);
        bronze.put("silver.companies", withoutLineage(validCompanies));
        bronze.put("silver.company_ciks", withoutLineage(validCiks));
        bronze.put("silver.segments", withoutLineage(validSegments));
        // SEC facts ingested earlier, resolved into fiscal periods; with nothing ingested (no table, or an
        // empty one) the resolution's many small stages are skipped
        boolean secIngested = warehouse.exists("bronze.sec_facts") && !warehouse.existingTable("bronze.sec_facts").isEmpty();
        bronze.put("silver.sec_period_values", secIngested
                ? SecPeriods.build(warehouse.table("bronze.sec_facts"), MetricTags.load(spark), validCiks, validCompanies)
                : warehouse.emptyRows("silver.sec_period_values"));
        bronze.put("silver.sec_unplaced_facts", secIngested ? SecPeriods.unplaced(warehouse.table("bronze.sec_facts"),
                MetricTags.load(spark), validCiks, validCompanies) : warehouse.emptyRows("silver.sec_unplaced_facts"));
        bronze.put("silver.fx_rates", withoutLineage(validFx));
        versions.putAll(warehouse.replaceAll(bronze));
        progress.stage("wrote bronze and reference tables");

        // cached: each is read by several of the next steps
        Dataset<Row> companiesTable = warehouse.table("silver.companies").cache();
        Dataset<Row> segmentsTable = warehouse.table("silver.segments").cache();
        Dataset<Row> fxTable = warehouse.table("silver.fx_rates").cache();
        // SEC values win over curated facts for the same fiscal period (see FactResolution)
        Dataset<Row> curatedFacts = warehouse.table("bronze.financial_facts");
        Dataset<Row> secValues = warehouse.table("silver.sec_period_values").cache();
        Dataset<Row> resolved = FactResolution.resolve(curatedFacts.unionByName(
                SecPeriods.asFacts(secValues, companiesTable, validSecSegments, false), true), companiesTable).cache();
        Dataset<Row> periods = FiscalPeriods.of(resolved, companiesTable, fxTable).cache();
        Map<String, Dataset<Row>> silver = new LinkedHashMap<>();
        silver.put("silver.quarterly_financials", SilverFinancials.quarterlyFinancials(resolved, periods, companiesTable));
        silver.put("silver.segment_financials", SilverFinancials.segmentFinancials(resolved, periods, segmentsTable));
        silver.put("silver.reconciliation", Reconciliation.checks(resolved));
        silver.put("silver.financing_deals", withoutLineage(validDeals));
        versions.putAll(warehouse.replaceAll(silver));
        progress.stage("wrote silver");

        Dataset<Row> quarterly = warehouse.table("silver.quarterly_financials").cache();
        Dataset<Row> segmentFinancials = warehouse.table("silver.segment_financials").cache();
        Map<String, Dataset<Row>> gold = new LinkedHashMap<>();
        // the point-in-time twin differs only where an SEC value was restated; otherwise it is a copy
        if (!secIngested || secValues.where(col("restated")).isEmpty()) {
            gold.put("silver.quarterly_financials_as_reported", quarterly);
        } else {
            Dataset<Row> resolvedAsReported = FactResolution.resolve(curatedFacts.unionByName(
                    SecPeriods.asFacts(secValues, companiesTable, validSecSegments, true), true), companiesTable);
            gold.put("silver.quarterly_financials_as_reported", SilverFinancials.quarterlyFinancials(
                    resolvedAsReported, FiscalPeriods.of(resolvedAsReported, companiesTable, fxTable), companiesTable));
        }
        gold.put("gold.capex_intensity", CapexIntensity.build(quarterly));
        gold.put("gold.margin_trends", MarginTrends.build(quarterly));
        gold.put("gold.value_concentration", ValueConcentration.build(quarterly, companiesTable,
                segmentFinancials, segmentsTable));
        gold.put("gold.supplier_capture", SupplierCapture.build(quarterly, segmentFinancials, companiesTable,
                segmentsTable));
        gold.put("gold.depreciation_scenarios", DepreciationScenarios.build(quarterly, validDepreciation,
                DepreciationScenarios.LIVES_YEARS));
        gold.put("gold.value_migration", ValueMigration.build(quarterly, companiesTable, List.of(8, 12)));
        Dataset<Row> financingDeals = warehouse.table("silver.financing_deals").cache();
        Dataset<Row> cycles = FinancingCycles.cycles(financingDeals, FinancingCycles.DEFAULT_MAX_HOPS).cache();
        gold.put("gold.financing_cycles", cycles);
        gold.put("gold.financing_party_flows", FinancingCycles.partyFlows(financingDeals, cycles,
                withoutLineage(validParties)));
        Dataset<Row> guidanceVsActual = CapexGuidance.build(validGuidance, quarterly).cache();
        gold.put("gold.capex_guidance_vs_actual", guidanceVsActual);
        gold.put("gold.claim_checks", ClaimChecks.build(validClaims, quarterly, segmentFinancials, guidanceVsActual));
        versions.putAll(warehouse.replaceAll(gold));
        progress.stage("wrote gold");

        List<Row> failures = warehouse.table("silver.reconciliation").where(col("passed").equalTo(false))
                .orderBy("ticker", "fiscal_year", "fiscal_period", "check_name", "metric").collectAsList();
        Timestamp finishedAt = Timestamp.from(Instant.now());
        List<Row> runRows = new ArrayList<>();
        for (FileCount c : counts) {
            runRows.add(RowFactory.create(runId, "run", startedAt, finishedAt, c.inputFile(), c.read(), c.loaded(),
                    c.quarantined(), scala.jdk.javaapi.CollectionConverters.asScala(versions)));
        }
        warehouse.append("bronze.load_runs", spark.createDataFrame(runRows, LOAD_RUNS));
        progress.stage("wrote bronze.load_runs");
        spark.catalog().clearCache();
        return new RunReport(runId, counts, failures, versions);
    }

    private Dataset<Row> frame(ParsedFile file, List<ColumnSpec> columns) {
        return Frames.rows(spark, List.of(file), columns);
    }

    private static Dataset<Row> withoutLineage(Dataset<Row> df) {
        return df.drop("input_file", "line_number", "input_order");
    }

    /** Per file: read from the parser; loaded and quarantined counted in one job over the frames that get written. */
    private static List<FileCount> countRows(List<ParsedFile> files, List<Dataset<Row>> loadedFrames,
                                             Dataset<Row> quarantine) {
        Dataset<Row> outcomes = quarantine.select(col("input_file"), lit(false).as("loaded"));
        for (Dataset<Row> frame : loadedFrames) {
            outcomes = outcomes.unionByName(frame.select(col("input_file"), lit(true).as("loaded")));
        }
        Map<String, Long> loaded = new HashMap<>();
        Map<String, Long> quarantined = new HashMap<>();
        for (Row r : outcomes.groupBy("input_file", "loaded").count().collectAsList()) {
            (r.getBoolean(1) ? loaded : quarantined).put(r.getString(0), r.getLong(2));
        }
        List<FileCount> counts = new ArrayList<>();
        for (ParsedFile f : files) {
            counts.add(new FileCount(f.inputFile(), f.rowsRead(), loaded.getOrDefault(f.inputFile(), 0L),
                    quarantined.getOrDefault(f.inputFile(), 0L)));
        }
        return counts;
    }
}

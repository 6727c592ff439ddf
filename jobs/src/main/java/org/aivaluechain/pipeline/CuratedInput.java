package org.aivaluechain.pipeline;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.aivaluechain.io.AnalystInputs;
import org.aivaluechain.io.ColumnSpec;
import org.aivaluechain.io.CuratedInputs;
import org.aivaluechain.io.DealInputs;
import org.aivaluechain.io.InputFile;
import org.aivaluechain.transform.Split;
import org.aivaluechain.transform.gold.CapexGuidance;
import org.aivaluechain.transform.gold.ClaimChecks;
import org.aivaluechain.transform.gold.FinancingCycles;
import org.aivaluechain.transform.validation.InputValidation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every kind of curated input file, in the order it is validated (reference data before what is checked
 * against it): where its files are, their columns, and the checks that split its rows into valid and quarantined.
 * The one list of inputs: reading, validation, row counts and bronze.load_runs follow it.
 */
enum CuratedInput {
    COMPANIES(in -> List.of(in.companies()), CuratedInputs.COMPANIES,
            (rows, valid) -> InputValidation.companies(rows)),
    COMPANY_CIKS(in -> List.of(in.companyCiks()), CuratedInputs.COMPANY_CIKS,
            (rows, valid) -> InputValidation.companyCiks(rows, valid.rows(CuratedInput.COMPANIES))),
    SEGMENTS(in -> List.of(in.segments()), CuratedInputs.SEGMENTS,
            (rows, valid) -> InputValidation.segments(rows, valid.rows(CuratedInput.COMPANIES))),
    FX_RATES(in -> List.of(in.fxRates()), CuratedInputs.FX_RATES,
            (rows, valid) -> InputValidation.fxRates(rows)),
    DEPRECIATION_PARAMETERS(in -> List.of(in.depreciationParameters()), CuratedInputs.DEPRECIATION_PARAMETERS,
            (rows, valid) -> InputValidation.depreciationParameters(rows, valid.rows(CuratedInput.COMPANIES))),
    FACTS(CuratedInputs::factFiles, CuratedInputs.FACTS,
            (rows, valid) -> InputValidation.facts(rows, valid.rows(CuratedInput.COMPANIES),
                    valid.rows(CuratedInput.SEGMENTS), valid.rows(CuratedInput.FX_RATES), valid.runDate())),
    SEC_SEGMENT_MEMBERS(in -> List.of(in.secSegmentMembers()), CuratedInputs.SEC_SEGMENT_MEMBERS,
            (rows, valid) -> InputValidation.secSegmentMembers(rows, valid.rows(CuratedInput.COMPANIES),
                    valid.rows(CuratedInput.SEGMENTS))),
    PARTIES(in -> List.of(in.parties()), DealInputs.PARTIES,
            (rows, valid) -> FinancingCycles.parties(rows, valid.rows(CuratedInput.COMPANIES))),
    DEALS(in -> List.of(in.deals()), DealInputs.DEALS,
            (rows, valid) -> FinancingCycles.deals(rows, valid.rows(CuratedInput.PARTIES))),
    CAPEX_GUIDANCE(in -> List.of(in.capexGuidance()), AnalystInputs.CAPEX_GUIDANCE,
            (rows, valid) -> CapexGuidance.validate(rows, valid.rows(CuratedInput.COMPANIES))),
    CLAIMS(in -> List.of(in.claims()), AnalystInputs.CLAIMS,
            (rows, valid) -> ClaimChecks.validate(rows, valid.rows(CuratedInput.COMPANIES)));

    private final Function<CuratedInputs, List<InputFile>> files;
    private final List<ColumnSpec> columns;
    private final BiFunction<Dataset<Row>, ValidatedInputs, Split> checks;

    CuratedInput(Function<CuratedInputs, List<InputFile>> files, List<ColumnSpec> columns,
                 BiFunction<Dataset<Row>, ValidatedInputs, Split> checks) {
        this.files = files;
        this.columns = columns;
        this.checks = checks;
    }

    List<InputFile> files(CuratedInputs inputs) {
        return files.apply(inputs);
    }

    List<ColumnSpec> columns() {
        return columns;
    }

    /**
     * The company registry: every other input is checked against it, so a rejected row there would cascade into
     * "unknown ticker" for all of that company's rows; it stops the run instead, naming the row.
     */
    boolean rejectedRowStopsTheRun() {
        return this == COMPANIES;
    }

    /** Checks the parsed rows (with lineage) against the inputs validated before this one. */
    Split check(Dataset<Row> rows, ValidatedInputs validatedBefore) {
        return checks.apply(rows, validatedBefore);
    }
}

package org.aivaluechain.transform.silver;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;
import static org.apache.spark.sql.functions.expr;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.List;

import org.aivaluechain.testing.Fixtures;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Values derived before they reached sample-data, recognised from real source strings of sample-data/facts. */
@ExtendWith(SharedSpark.class)
class UpstreamDerivationsTest {

    // verbatim source texts of sample-data/facts rows (file:line)
    private static final String INTC_Q2_CAPEX = "akiraak/ai-financial-analyst@a47d373a21546421acb40a16f655a75fc51448b2:companies/intel/data/cash-flows.json [8-K EX-99.1 earnings release extract] (fiscal YTD minus previous YTD) | corroborated by: ConceptStocks SEC rows | consistency check: Q1+Q2+Q3+Q4 = FY"; // ext.csv:812
    private static final String MU_Q4_CAPEX = "seonu-dragon/Mir_US_Stocks@857d73dbf70be73a79f3ceb11b098fc4ffa3b28d:data/financials/MU.json [quarterly fy=2023 fq=4, capex; d = FY minus 9M by source repo] | consistency: FY 7676 - (2449+2205+1561 base-file) = 1461"; // turn2.csv:144
    private static final String NVDA_Q2_OCF = "derived: 6M YTD 74421 minus 3M 50344 (both NetCashProvidedByUsedInOperatingActivities facts quoted in Korean SEC companyfacts re-processing report) | corroborated by: seonu-dragon/Mir_US_Stocks@857d73dbf70be73a79f3ceb11b098fc4ffa3b28d:data/financials/NVDA.json [quarterly fy=2027 fq=2 ocf 24077, d-flag]"; // turn2.csv:200
    private static final String NVDA_Q3_DA = "brogan999/slow-variables@d32a451a8037958748c29c82bbeb3a688d944bab:tests/fixtures/sec_nvda_companyfacts.json [SEC companyfacts subset] (derived: YTD to 2024-10-27 minus YTD to 2024-07-28) | corroborated by: SEC companyfacts via Mir_US_Stocks"; // core.csv:2353
    private static final String TSM_HPC = "akiraak/ai-financial-analyst@a47d373a21546421acb40a16f655a75fc51448b2:companies/tsmc/data/segments.json [8-K/6-K earnings release] (derived in source from HPC % share x revenue; approximate)"; // core.csv:2883
    // reported values whose text mentions arithmetic or derivation about something else
    private static final String AMZN_AWS = "wenchiehlee-investment/ConceptStocks@e14b3efe13a9549cc24c2c149546c2235999b7ac:raw_conceptstock_company_quarterly_segments.csv (8-K headline text rounded to 0.1 USD bn; quarter re-derived from filing date 2022-10-27)"; // core.csv:479
    private static final String NVDA_Q4_COST = "akiraak/ai-financial-analyst@a47d373a21546421acb40a16f655a75fc51448b2:companies/nvidia/data/financials.json [8-K/6-K earnings release] | corroborated by: consistency check FY minus Q1..Q3"; // core.csv:2133
    private static final String INTC_Q1_CAPEX = "akiraak/ai-financial-analyst@a47d373a21546421acb40a16f655a75fc51448b2:companies/intel/data/cash-flows.json [8-K EX-99.1 earnings release extract] (Q1 = YTD) | corroborated by: ConceptStocks SEC rows | consistency check: Q1+Q2+Q3+Q4 = FY"; // ext.csv:792
    private static final String INTC_Q1_REVENUE = "akiraak/ai-financial-analyst@a47d373a21546421acb40a16f655a75fc51448b2:companies/intel/data/financials.json [8-K EX-99.1 earnings release extract] [period_end computed as Q2 end 2022-07-02 minus 13 weeks] | consistency check: Q1+Q2+Q3+Q4 = FY"; // ext.csv:969
    private static final String TCEHY_Q1_REVENUE = "https://ja.chinastockmarketnews.com/post/776787.html (article figure (1354.71 yi yuan); guangxilong.com states 1354.7 yi) | corroborated by: half-year minus other quarter"; // ext.csv:2328

    private static Object[] fact(String ticker, int fy, String fp, String end, String currency, String segment,
                                 String metric, String value, String source, long line) {
        return row(ticker, fy, fp, Date.valueOf(end), currency, segment, metric, new BigDecimal(value), source,
                "facts.csv", line, 0);
    }

    private static Dataset<Row> sampleRows() {
        return frame(Fixtures.FACTS,
                fact("INTC", 2020, "Q2", "2020-06-27", "USD", "", "capex", "3408", INTC_Q2_CAPEX, 2),
                fact("MU", 2023, "Q4", "2023-08-31", "USD", "", "capex", "1461", MU_Q4_CAPEX, 3),
                fact("NVDA", 2027, "Q2", "2026-07-26", "USD", "", "operating_cash_flow", "24077", NVDA_Q2_OCF, 4),
                fact("NVDA", 2025, "Q3", "2024-10-27", "USD", "", "depreciation_amortization", "478", NVDA_Q3_DA, 5),
                fact("TSM", 2021, "Q1", "2021-03-31", "TWD", "hpc_platform", "revenue", "126844", TSM_HPC, 6),
                fact("AMZN", 2022, "Q3", "2022-09-30", "USD", "aws", "revenue", "20500", AMZN_AWS, 7),
                fact("NVDA", 2021, "Q4", "2021-01-31", "USD", "", "cost_of_revenue", "1846", NVDA_Q4_COST, 8),
                fact("INTC", 2020, "Q1", "2020-03-28", "USD", "", "capex", "3268", INTC_Q1_CAPEX, 9),
                fact("INTC", 2022, "Q1", "2022-04-02", "USD", "", "revenue", "18353", INTC_Q1_REVENUE, 10),
                fact("TCEHY", 2022, "Q1", "2022-03-31", "CNY", "", "revenue", "135471", TCEHY_Q1_REVENUE, 11));
    }

    @Test
    void sourceTextsThatShowAnUpstreamDerivationSetDerivationAndSayDerivedInTheSource() {
        Dataset<Row> resolved = FactResolution.resolve(sampleRows(), Fixtures.companies());
        assertRows(resolved, "ticker, fiscal_period, metric, value, derivation, source",
                row("INTC", "Q2", "capex", 3408, "upstream: fiscal YTD minus previous YTD",
                        "derived upstream: " + INTC_Q2_CAPEX),
                row("MU", "Q4", "capex", 1461, "upstream: d = FY minus 9M by source repo",
                        "derived upstream: " + MU_Q4_CAPEX),
                // already says "derived" first: the source stays as it is
                row("NVDA", "Q2", "operating_cash_flow", 24077, "upstream: 6M YTD 74421 minus 3M 50344", NVDA_Q2_OCF),
                row("NVDA", "Q3", "depreciation_amortization", 478,
                        "upstream: YTD to 2024-10-27 minus YTD to 2024-07-28", "derived upstream: " + NVDA_Q3_DA),
                row("TSM", "Q1", "revenue", 126844,
                        "upstream: derived in source from HPC % share x revenue; approximate",
                        "derived upstream: " + TSM_HPC),
                row("AMZN", "Q3", "revenue", 20500, null, AMZN_AWS),
                row("NVDA", "Q4", "cost_of_revenue", 1846, null, NVDA_Q4_COST),
                row("INTC", "Q1", "capex", 3268, null, INTC_Q1_CAPEX),
                row("INTC", "Q1", "revenue", 18353, null, INTC_Q1_REVENUE),
                row("TCEHY", "Q1", "revenue", 135471, null, TCEHY_Q1_REVENUE));
    }

    @Test
    void silverListsThemInDerivedValuesAndSources() {
        Dataset<Row> resolved = FactResolution.resolve(sampleRows(), Fixtures.companies());
        Dataset<Row> periods = FiscalPeriods.of(resolved, Fixtures.companies(), Fixtures.fx());
        // the fixture registry holds NVIDIA (and not Intel, Micron, TSMC, Amazon, Tencent)
        assertRows(SilverFinancials.quarterlyFinancials(resolved, periods, Fixtures.companies())
                        .withColumn("entries", expr("array_sort(transform(map_entries(sources), e -> concat(e.key, ' = ', e.value)))")),
                "ticker, fiscal_year, fiscal_quarter, cost_of_revenue, depreciation_amortization, operating_cash_flow, "
                        + "derived_values, entries",
                row("NVDA", 2021, 4, 1846, null, null, List.of(), List.of("cost_of_revenue = " + NVDA_Q4_COST)),
                row("NVDA", 2025, 3, null, 478, null,
                        List.of("depreciation_amortization: upstream: YTD to 2024-10-27 minus YTD to 2024-07-28"),
                        List.of("depreciation_amortization = derived upstream: " + NVDA_Q3_DA)),
                row("NVDA", 2027, 2, null, null, 24077,
                        List.of("operating_cash_flow: upstream: 6M YTD 74421 minus 3M 50344"),
                        List.of("operating_cash_flow = " + NVDA_Q2_OCF)));
    }
}

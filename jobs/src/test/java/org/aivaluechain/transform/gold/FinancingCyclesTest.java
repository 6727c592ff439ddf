package org.aivaluechain.transform.gold;

import org.aivaluechain.transform.Split;

import static org.aivaluechain.testing.Frames.assertRows;
import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;
import static org.aivaluechain.testing.Frames.sources;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.aivaluechain.io.CsvFileReader;
import org.aivaluechain.io.CuratedInputs;
import org.aivaluechain.io.DealInputs;
import org.aivaluechain.io.Frames;
import org.aivaluechain.io.ParsedFile;
import org.aivaluechain.testing.Fixtures;
import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class FinancingCyclesTest {

    private static final String DEALS = "deal_id STRING, announced_date STRING, from_party STRING, to_party STRING, "
            + "deal_type STRING, amount_usd_bn DECIMAL(20,4), amount_note STRING, gigawatts DECIMAL(20,4), "
            + "source STRING, input_file STRING, line_number BIGINT, input_order INT";
    private static final String PARTIES = "party STRING, ticker STRING, layer STRING, files_with_sec BOOLEAN, "
            + "source STRING, input_file STRING, line_number BIGINT, input_order INT";

    private static Object[] deal(String id, String date, String from, String to, String amount, long line) {
        return row(id, date, from, to, "cloud_contract", amount == null ? null : new BigDecimal(amount), "", null,
                "src " + id, "deals.csv", line, 0);
    }

    private static Object[] party(String name, String ticker, String layer, long line) {
        return row(name, ticker, layer, !ticker.isEmpty(), "src", "parties.csv", line, 0);
    }

    /** A and C are registry companies (tickers AAA, CCC), the others private. */
    private static Dataset<Row> parties() {
        return frame(PARTIES,
                party("A", "AAA", "chips", 2), party("B", "", "model_lab", 3), party("C", "CCC", "hyperscaler", 4),
                party("D", "", "neocloud", 5), party("E", "", "investor", 6), party("F", "", "joint_venture", 7));
    }

    /**
     * The hand-made graph:
     * <pre>
     *   d1 A -> B 10 (2024-01-15)     d2 B -> C 20 (month only: 2024-02)   d3 C -> A 5    d4 C -> A 1
     *   d5 A -> D 7                   d6 D -> A undisclosed
     *   d7 E -> B 3 (E receives nothing: the edge leads into a cycle but lies on none)
     *   d8 A; B -> F 100 (co-funded; F pays nobody: a dead end)
     * </pre>
     * Cycles: A -> B -> C -> A (C -> A carries d3 + d4 = 6) and A -> D -> A (D -> A undisclosed).
     */
    private static Dataset<Row> silverDeals() {
        Dataset<Row> deals = frame(DEALS,
                deal("d1", "2024-01-15", "A", "B", "10", 2),
                deal("d2", "2024-02", "B", "C", "20", 3),
                deal("d3", "2024-03-01", "C", "A", "5", 4),
                deal("d4", "2024-03-02", "C", "A", "1", 5),
                deal("d5", "2024-04-01", "A", "D", "7", 6),
                deal("d6", "2024-05-01", "D", "A", null, 7),
                deal("d7", "2024-06-01", "E", "B", "3", 8),
                deal("d8", "2024-07-01", "A; B", "F", "100", 9));
        Split split = FinancingCycles.deals(deals, parties());
        assertEquals(0L, split.quarantined().count());
        return split.valid();
    }

    @Test
    void dealsGetDatesWithPrecisionTickersAndTheirFunders() {
        assertRows(silverDeals(),
                "deal_id, cast(announced_date as string), announced_date_precision, from_parties, co_funded, "
                        + "from_ticker, to_ticker, amount_usd_bn, amount_note",
                row("d1", "2024-01-15", "day", "[A]", false, "AAA", null, 10, null),
                // month-only date: first of the month
                row("d2", "2024-02-01", "month", "[B]", false, null, "CCC", 20, null),
                row("d3", "2024-03-01", "day", "[C]", false, "CCC", "AAA", 5, null),
                row("d4", "2024-03-02", "day", "[C]", false, "CCC", "AAA", 1, null),
                row("d5", "2024-04-01", "day", "[A]", false, "AAA", null, 7, null),
                row("d6", "2024-05-01", "day", "[D]", false, null, "AAA", null, null),
                row("d7", "2024-06-01", "day", "[E]", false, null, null, 3, null),
                // several funders: no single from_ticker
                row("d8", "2024-07-01", "day", "[A, B]", true, null, null, 100, null));
    }

    @Test
    void eachCycleOnceFromItsSmallestPartyWithAmountsPerHop() {
        Dataset<Row> cycles = FinancingCycles.cycles(silverDeals(), 5);
        // A -> B -> C -> A: hops 10, 20 and 5 + 1 = 6, all disclosed, smallest 6.
        // A -> D -> A: D -> A is undisclosed, so the smallest amount is unknown.
        // E -> B and the co-funded A -> F, B -> F lie on no cycle; B -> C -> A -> B is the same cycle, not repeated.
        assertRows(cycles,
                "cycle_id, path, hops, deal_ids, to_json(hop_deal_ids), cast(amounts_usd_bn as array<double>), "
                        + "smallest_amount_usd_bn, cycle_complete_amounts, has_co_funded_edge",
                row("A -> B -> C -> A", "[A, B, C, A]", 3, "[d1, d2, d3, d4]", "[[\"d1\"],[\"d2\"],[\"d3\",\"d4\"]]",
                        "[10.0, 20.0, 6.0]", 6, true, false),
                row("A -> D -> A", "[A, D, A]", 2, "[d5, d6]", "[[\"d5\"],[\"d6\"]]", "[7.0, null]", null, false,
                        false));
        // sources: each deal on the cycle -> its source in deals.csv
        assertRows(cycles, "cycle_id, sources",
                row("A -> B -> C -> A", sources("d1", "src d1", "d2", "src d2", "d3", "src d3", "d4", "src d4")),
                row("A -> D -> A", sources("d5", "src d5", "d6", "src d6")));
        // with at most 2 hops only the 2-cycle remains
        assertRows(FinancingCycles.cycles(silverDeals(), 2), "cycle_id", row("A -> D -> A"));
    }

    @Test
    void partyFlowsSplitInflowIntoWhatComesBackAroundACycle() {
        Dataset<Row> deals = silverDeals();
        Dataset<Row> flows = FinancingCycles.partyFlows(deals, FinancingCycles.cycles(deals, 5), parties());
        // A: in d3 5 + d4 1 (+ d6 undisclosed) = 6, all on cycles; out d1 10 + d5 7 = 17, co-funded d8 100 apart.
        // B: in d1 10 (on the 3-cycle) + d7 3 (not) = 13, share 10 / 13; out d2 20, co-funded d8 100.
        // C: in d2 20 on the cycle; out d3 + d4 = 6.  D: in d5 7 on the cycle; out d6 undisclosed.
        // E: receives nothing, so no share.  F: 100 in from the co-funded d8, none of it on a cycle.
        assertRows(flows,
                "party, ticker, layer, money_in_usd_bn, money_out_usd_bn, co_funded_money_out_usd_bn, deals_in, "
                        + "deals_out, deals_in_undisclosed, deals_out_undisclosed, inflow_on_cycles_usd_bn, "
                        + "deals_in_on_cycles, inflow_on_cycles_share",
                row("A", "AAA", "chips", 6, 17, 100, 3, 3, 1, 0, 6, 3, 1.0),
                row("B", null, "model_lab", 13, 20, 100, 2, 2, 0, 0, 10, 1, 0.769230769),
                row("C", "CCC", "hyperscaler", 20, 6, 0, 1, 2, 0, 0, 20, 1, 1.0),
                row("D", null, "neocloud", 7, 0, 0, 1, 1, 0, 1, 7, 1, 1.0),
                row("E", null, "investor", 0, 3, 0, 0, 1, 0, 0, 0, 0, null),
                row("F", null, "joint_venture", 100, 0, 0, 1, 0, 0, 0, 0, 0, 0.0));
        // sources: every deal in or out, co-funded d8 for both its funders; E only pays (d7)
        assertRows(flows, "party, sources",
                row("A", sources("d1", "src d1", "d3", "src d3", "d4", "src d4", "d5", "src d5", "d6", "src d6",
                        "d8", "src d8")),
                row("B", sources("d1", "src d1", "d2", "src d2", "d7", "src d7", "d8", "src d8")),
                row("C", sources("d2", "src d2", "d3", "src d3", "d4", "src d4")),
                row("D", sources("d5", "src d5", "d6", "src d6")),
                row("E", sources("d7", "src d7")),
                row("F", sources("d8", "src d8")));
    }

    @Test
    void aPartyInNoDealHasNoSources() {
        Dataset<Row> deals = silverDeals().where("deal_id = 'd7'");
        Dataset<Row> flows = FinancingCycles.partyFlows(deals, FinancingCycles.cycles(deals, 5), parties());
        assertRows(flows.where("party IN ('B', 'C')"), "party, deals_in, sources",
                row("B", 1, sources("d7", "src d7")), row("C", 0, sources()));
    }

    /** Dates and repeated deal ids are checked when deals.csv is read (io.CsvFileReaderTest). */
    @Test
    void unknownPartiesAndNegativeAmountsAreQuarantinedWithReasons() {
        Dataset<Row> deals = frame(DEALS,
                deal("d2", "2025-02-28", "A", "Z", "1", 3),
                deal("d3", "2024-01", "A; Y", "A", "1", 4),
                deal("d4", "2024-01-05", "A", "B", "-1", 5),
                deal("d6", "2024-01", "B", "C", null, 8));
        Split split = FinancingCycles.deals(deals, parties());
        assertRows(split.valid(), "deal_id, cast(announced_date as string), announced_date_precision",
                row("d6", "2024-01-01", "month"));
        assertRows(split.quarantined(), "line_number, reason, raw_record",
                row(3, "unknown party 'Z' (not in parties)", "d2,2025-02-28,A,Z,cloud_contract,1.0000,,src d2"),
                row(4, "unknown party 'Y' (not in parties); from_party and to_party name the same party",
                        "d3,2024-01,A; Y,A,cloud_contract,1.0000,,src d3"),
                row(5, "amount_usd_bn -1.0000 is negative", "d4,2024-01-05,A,B,cloud_contract,-1.0000,,src d4"));
    }

    @Test
    void partyTickersMustBeRegistryCompaniesOfTheSameLayer() {
        Dataset<Row> parties = frame(PARTIES,
                party("NVIDIA", "NVDA", "chips", 2),
                party("Microsoft", "MSFT", "chips", 3),
                party("Nebius", "NBIS", "neocloud", 4),
                party("OpenAI", "", "model_lab", 5));
        Split split = FinancingCycles.parties(parties, Fixtures.companies());
        assertRows(split.valid(), "party", row("NVIDIA"), row("OpenAI"));
        assertRows(split.quarantined(), "line_number, reason",
                row(3, "layer chips differs from the company's layer hyperscaler"),
                row(4, "unknown ticker 'NBIS' (not in companies)"));
    }

    /** The real reference files: every deal loads, every party is known, and the cycles are listed below. */
    @Test
    void realDealsLoadCompletelyAndCloseTheNvidiaOpenAiOracleLoop() {
        Path root = Path.of("sample-data");
        CuratedInputs inputs = new CuratedInputs(root);
        ParsedFile companiesFile = CsvFileReader.read(root.resolve("companies.csv"), CuratedInputs.COMPANIES);
        ParsedFile partiesFile = CsvFileReader.read(inputs.parties(), DealInputs.PARTIES);
        ParsedFile dealsFile = CsvFileReader.read(inputs.deals(), DealInputs.DEALS);
        assertEquals(List.of(), partiesFile.rejects());
        assertEquals(List.of(), dealsFile.rejects());
        var spark = SharedSpark.spark();
        Split parties = FinancingCycles.parties(Frames.rows(spark, List.of(partiesFile), DealInputs.PARTIES),
                Frames.rows(spark, List.of(companiesFile), CuratedInputs.COMPANIES));
        assertEquals(0L, parties.quarantined().count());
        Split deals = FinancingCycles.deals(Frames.rows(spark, List.of(dealsFile), DealInputs.DEALS), parties.valid());
        assertEquals(0L, deals.quarantined().count());
        Dataset<Row> silver = deals.valid().cache();
        assertEquals(47L, silver.count());
        assertEquals(5L, silver.where("announced_date_precision = 'month'").count());

        Dataset<Row> cycles = FinancingCycles.cycles(silver, FinancingCycles.DEFAULT_MAX_HOPS).cache();
        // by hand from deals.csv: NVIDIA -> OpenAI D020 100 + D042 30, OpenAI -> Oracle D017 300,
        // Oracle -> NVIDIA D012 40 (the Abilene chips), so the smallest hop is Oracle's 40
        assertRows(cycles.where("cycle_id = 'NVIDIA -> OpenAI -> Oracle -> NVIDIA'"),
                "hops, deal_ids, cast(amounts_usd_bn as array<double>), smallest_amount_usd_bn, cycle_complete_amounts",
                row(3, "[D020, D042, D017, D012]", "[130.0, 300.0, 40.0]", 40, true));
        // the filings and articles behind it, as deals.csv gives them
        assertRows(cycles.where("cycle_id = 'NVIDIA -> OpenAI -> Oracle -> NVIDIA'"), "sources['D012'], size(sources)",
                row("https://photonews.com.pk/oracle-nvidia-openai-stargate-2025 ; "
                        + "https://the-decoder.com/oracle-drops-40-billion-on-nvidia-chips-for-openais-texas-mega-facility/", 4));
        // the 2-cycles are the pairs that pay each other both ways: AMD/OpenAI (warrant, chips), Amazon/Anthropic,
        // Amazon/OpenAI, Anthropic/Google, Anthropic/Microsoft, Anthropic/NVIDIA, Microsoft/OpenAI
        assertRows(cycles.groupBy("hops").count(), "hops, count",
                row(2, 7), row(3, 1), row(4, 7), row(5, 2));
        cycles.unpersist();
        silver.unpersist();
    }
}

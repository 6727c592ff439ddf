package org.aivaluechain.transform.gold;

import org.aivaluechain.model.Lineage;

import org.aivaluechain.model.Amounts;

import org.aivaluechain.transform.Split;
import org.aivaluechain.transform.Money;
import org.aivaluechain.transform.Reused;
import org.aivaluechain.transform.validation.DateOrMonth;
import org.aivaluechain.transform.validation.InputValidation;
import org.aivaluechain.transform.validation.Reasons;

import static org.aivaluechain.transform.Split.reasons;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Money flowing between firms (deals.csv, parties.csv) and the cycles it makes: silver.financing_deals,
 * gold.financing_cycles and gold.financing_party_flows. Contracts in the three DDL files under schemas/.
 *
 * <p>Rules, in one place:
 * <ul>
 *   <li><b>Dates.</b> announced_date 'YYYY-MM-DD' has precision 'day'; 'YYYY-MM' loads as the first of the month
 *   with precision 'month'; anything else (e.g. '2023-13') is quarantined.</li>
 *   <li><b>Several funders.</b> A from_party listing parties separated by ';' (the Stargate row) is one deal with
 *   from_parties = the list and co_funded = true. In the money graph it becomes one edge per funder, each with the
 *   whole (undivided) headline amount, because the sources do not say how it is shared. Party flows therefore keep
 *   a co-funded deal out of money_out_usd_bn and report it in co_funded_money_out_usd_bn.</li>
 *   <li><b>Edges per pair.</b> The graph has one edge per ordered pair of parties; its amount is the sum of the
 *   disclosed amounts of every deal between them (overlaps are not netted, as in deals.csv), complete when every
 *   one of those deals has an amount.</li>
 *   <li><b>Cycles.</b> Simple directed cycles (no party twice) of 2 to maxHops edges, found by extending paths
 *   with joins from each cycle's smallest party (Spark string order) to larger parties only, so each cycle is
 *   found once, already rotated to start at its smallest party.</li>
 * </ul>
 */
public final class FinancingCycles {

    /** Longest cycle searched for by default, in edges. */
    public static final int DEFAULT_MAX_HOPS = 5;

    /** Column order of silver.financing_deals. */
    public static final String[] DEAL_COLUMNS = {"deal_id", "announced_date", "announced_date_precision",
            "from_party", "from_parties", "co_funded", "to_party", "from_ticker", "to_ticker", "deal_type",
            "amount_usd_bn", "amount_note", "gigawatts", "source"};

    private static final String[] DEAL_INPUT_COLUMNS = {"deal_id", "announced_date", "from_party", "to_party",
            "deal_type", "amount_usd_bn", "amount_note", "gigawatts", "source"};
    private static final String[] LINEAGE = Lineage.COLUMNS.toArray(String[]::new);
    private static final Column NO_DEALS = array().cast("array<string>");

    private FinancingCycles() {
    }

    /**
     * Parties: a ticker must be a company of the registry ({@code companies}, the validated silver.companies rows)
     * and the party's layer must then be the company's layer (a party listed twice stops the run when the file
     * is read).
     */
    public static Split parties(Dataset<Row> parties, Dataset<Row> companies) {
        Dataset<Row> company = companies.select(col("ticker").as("_company_ticker"), col("layer").as("_company_layer"));
        Dataset<Row> checked = parties.join(company, col("ticker").equalTo(col("_company_ticker")), "left");
        Column hasTicker = col("ticker").isNotNull().and(col("ticker").notEqual(""));
        Column reason = reasons(
                when(hasTicker.and(col("_company_ticker").isNull()), Reasons.unknownTicker(col("ticker"))),
                when(col("_company_layer").isNotNull().and(col("layer").notEqual(col("_company_layer"))),
                        concat(lit("layer "), col("layer"), lit(" differs from the company's layer "),
                                col("_company_layer"))));
        return Split.onReason(checked, reason, parties.columns(),
                "party", "ticker", "layer", "files_with_sec", "source");
    }

    /**
     * Deals (as read with DealInputs.DEALS) against the validated parties: returns the silver.financing_deals
     * rows (plus input_file, line_number, input_order) and the quarantined ones with every reason that applies.
     */
    public static Split deals(Dataset<Row> deals, Dataset<Row> parties) {
        // the party registry as one row (a set and a party -> ticker map), joined to every deal: small by nature
        Dataset<Row> registry = parties.agg(
                collect_set(col("party")).as("_known_parties"),
                map_from_entries(collect_list(struct(col("party"), col("ticker")))).as("_tickers"));


        Column fromParties = filter(transform(split(col("from_party"), ";"), p -> trim(p)), p -> p.notEqual(""));
        Dataset<Row> checked = deals.crossJoin(registry)
                .withColumn("announced_date_text", col("announced_date"))
                .withColumn("amount_note_text", col("amount_note"))
                .withColumn("_date", DateOrMonth.date(col("announced_date")))
                .withColumn("announced_date_precision", DateOrMonth.precision(col("announced_date")))
                .withColumn("from_parties", fromParties)
                .withColumn("_unknown", concat(
                        filter(col("from_parties"), p -> not(array_contains(col("_known_parties"), p))),
                        filter(array(col("to_party")), p -> not(array_contains(col("_known_parties"), p)))));

        Column reason = reasons(
                when(size(col("from_parties")).equalTo(0), lit("from_party names no party")),
                when(size(col("_unknown")).gt(0), concat(lit("unknown party "),
                        array_join(transform(col("_unknown"), p -> concat(lit("'"), p, lit("'"))), ", "),
                        lit(" (not in parties)"))),
                when(array_contains(col("from_parties"), col("to_party")),
                        lit("from_party and to_party name the same party")),
                when(col("amount_usd_bn").lt(0), Reasons.negative("amount_usd_bn")),
                InputValidation.outOfRange("amount_usd_bn"),
                when(col("gigawatts").lt(0), Reasons.negative("gigawatts")),
                InputValidation.outOfRange("gigawatts"));

        Column single = size(col("from_parties")).equalTo(1);
        Dataset<Row> silver = checked
                .withColumn("co_funded", size(col("from_parties")).gt(1))
                .withColumn("from_ticker", when(single, nullIfEmpty(try_element_at(col("_tickers"),
                        try_element_at(col("from_parties"), lit(1))))))
                .withColumn("to_ticker", nullIfEmpty(try_element_at(col("_tickers"), col("to_party"))))
                .withColumn("amount_note", nullIfEmpty(col("amount_note")))
                .withColumn("announced_date", col("_date"));
        String[] validColumns = joined(DEAL_COLUMNS, LINEAGE);
        String[] recordColumns = Arrays.stream(DEAL_INPUT_COLUMNS)
                .map(c -> c.equals("announced_date") || c.equals("amount_note") ? c + "_text" : c)
                .toArray(String[]::new);
        return Split.onReason(silver, reason, validColumns, recordColumns);
    }

    /**
     * The money graph: one row per ordered pair of parties (from_party, to_party) with the deals between them
     * (deal_ids, sorted), amount_usd_bn = sum of the disclosed amounts (null when none is disclosed),
     * amount_complete = every deal has an amount, co_funded = some deal on it has several funders.
     */
    public static Dataset<Row> edges(Dataset<Row> deals) {
        return deals
                .select(explode(col("from_parties")).as("from_party"), col("to_party"), col("deal_id"),
                        col("amount_usd_bn"), col("co_funded"))
                .groupBy("from_party", "to_party")
                .agg(sort_array(collect_list(col("deal_id"))).as("deal_ids"),
                        sum(col("amount_usd_bn")).cast(Amounts.AMOUNT).as("amount_usd_bn"),
                        min(col("amount_usd_bn").isNotNull()).as("amount_complete"),
                        max(col("co_funded")).as("co_funded"));
    }

    /** gold.financing_cycles over silver.financing_deals rows (sources: each deal on the cycle); see the class comment. */
    public static Dataset<Row> cycles(Dataset<Row> deals, int maxHops) {
        if (maxHops < 2) {
            throw new IllegalArgumentException("maxHops must be at least 2, got " + maxHops);
        }
        // edges, next and each hop's paths feed two branches (close and extend): planned once each, else every
        // hop would copy all earlier ones into the plan again
        Dataset<Row> edges = Reused.once(edges(deals).where(col("from_party").notEqual(col("to_party"))));
        Dataset<Row> next = Reused.once(edges.select(col("from_party").as("_e_from"), col("to_party").as("_e_to"),
                col("deal_ids").as("_e_deal_ids"), col("amount_usd_bn").as("_e_amount"),
                col("amount_complete").as("_e_complete"), col("co_funded").as("_e_co_funded")));

        // open paths of one edge, starting at their smallest party
        Dataset<Row> paths = edges.where(col("to_party").gt(col("from_party"))).select(
                col("from_party").as("start"),
                col("to_party").as("last"),
                array(col("from_party"), col("to_party")).as("path"),
                array(col("deal_ids")).as("hop_deal_ids"),
                array(col("amount_usd_bn")).as("amounts_usd_bn"),
                col("amount_complete").as("complete"),
                col("co_funded").as("co_funded"));

        Dataset<Row> cycles = null;
        for (int hops = 1; hops < maxHops; hops++) {
            // close: an edge from the path's last party back to its start
            Dataset<Row> closed = extend(paths.join(next, col("_e_from").equalTo(col("last"))
                    .and(col("_e_to").equalTo(col("start")))));
            cycles = cycles == null ? closed : cycles.unionByName(closed);
            if (hops + 1 < maxHops) {
                // extend: an edge to a party larger than the start and not yet on the path
                paths = Reused.once(extend(paths.join(next, col("_e_from").equalTo(col("last"))
                        .and(col("_e_to").gt(col("start")))
                        .and(not(array_contains(col("path"), col("_e_to")))))));
            }
        }
        return withDealSources(cycles.select(
                array_join(col("path"), " -> ").as("cycle_id"),
                col("path"),
                size(col("path")).minus(1).as("hops"),
                flatten(col("hop_deal_ids")).as("deal_ids"),
                col("hop_deal_ids"),
                col("amounts_usd_bn"),
                when(col("complete"), array_min(col("amounts_usd_bn"))).as("smallest_amount_usd_bn"),
                col("complete").as("cycle_complete_amounts"),
                col("co_funded").as("has_co_funded_edge")), col("deal_ids"), deals);
    }

    /**
     * {@code rows} with sources: deal_id -> the deal's source in deals.csv, for the deals in the array
     * {@code dealIds}. The deals' sources come as one row (deal_id -> source), joined to every row: small by nature.
     */
    private static Dataset<Row> withDealSources(Dataset<Row> rows, Column dealIds, Dataset<Row> deals) {
        // sorted by deal id: collect_list keeps the rows' arrival order, which follows the plan
        Dataset<Row> all = deals.agg(map_from_entries(array_sort(collect_list(struct(col("deal_id"), col("source")))))
                .as("_deal_sources"));
        return rows.crossJoin(all).withColumn("sources", Sources.only(col("_deal_sources"), dealIds))
                .drop("_deal_sources");
    }

    private static Dataset<Row> extend(Dataset<Row> joined) {
        return joined.select(
                col("start"),
                col("_e_to").as("last"),
                concat(col("path"), array(col("_e_to"))).as("path"),
                concat(col("hop_deal_ids"), array(col("_e_deal_ids"))).as("hop_deal_ids"),
                concat(col("amounts_usd_bn"), array(col("_e_amount"))).as("amounts_usd_bn"),
                col("complete").and(col("_e_complete")).as("complete"),
                col("co_funded").or(col("_e_co_funded")).as("co_funded"));
    }

    /**
     * gold.financing_party_flows: one row per party of {@code parties} (validated parties.csv rows). Money in
     * counts each deal once for its to_party; money out counts sole-funded deals (co-funded ones separately);
     * inflow on cycles sums the incoming deals that lie on at least one cycle of {@code cycles}; sources names
     * the source of every deal in or out.
     */
    public static Dataset<Row> partyFlows(Dataset<Row> deals, Dataset<Row> cycles, Dataset<Row> parties) {
        Column undisclosed = when(col("amount_usd_bn").isNull(), 1);
        Dataset<Row> in = deals.groupBy(col("to_party").as("party")).agg(
                collect_list(col("deal_id")).as("_deals_in"),
                sum(col("amount_usd_bn")).as("money_in_usd_bn"),
                count(lit(1)).as("deals_in"),
                count(undisclosed).as("deals_in_undisclosed"));
        Dataset<Row> out = deals.select(explode(col("from_parties")).as("party"), col("deal_id"), col("amount_usd_bn"),
                        col("co_funded"))
                .groupBy("party").agg(
                        collect_list(col("deal_id")).as("_deals_out"),
                        sum(when(not(col("co_funded")), col("amount_usd_bn"))).as("money_out_usd_bn"),
                        sum(when(col("co_funded"), col("amount_usd_bn"))).as("co_funded_money_out_usd_bn"),
                        count(lit(1)).as("deals_out"),
                        count(undisclosed).as("deals_out_undisclosed"));
        Dataset<Row> onCycles = cycles.select(explode(col("deal_ids")).as("deal_id")).distinct()
                .join(deals, "deal_id")
                .groupBy(col("to_party").as("party")).agg(
                        sum(col("amount_usd_bn")).as("inflow_on_cycles_usd_bn"),
                        count(lit(1)).as("deals_in_on_cycles"));

        Column moneyIn = zero(col("money_in_usd_bn"));
        Column inflowOnCycles = zero(col("inflow_on_cycles_usd_bn"));
        Dataset<Row> flows = parties.select(col("party"), nullIfEmpty(col("ticker")).as("ticker"), col("layer"))
                .join(in, "party", "left")
                .join(out, "party", "left")
                .join(onCycles, "party", "left");
        Column dealsOfParty = concat(coalesce(col("_deals_in"), NO_DEALS), coalesce(col("_deals_out"), NO_DEALS));
        return withDealSources(flows, dealsOfParty, deals)
                .select(col("party"), col("ticker"), col("layer"),
                        moneyIn.as("money_in_usd_bn"),
                        zero(col("money_out_usd_bn")).as("money_out_usd_bn"),
                        zero(col("co_funded_money_out_usd_bn")).as("co_funded_money_out_usd_bn"),
                        coalesce(col("deals_in"), lit(0L)).as("deals_in"),
                        coalesce(col("deals_out"), lit(0L)).as("deals_out"),
                        coalesce(col("deals_in_undisclosed"), lit(0L)).as("deals_in_undisclosed"),
                        coalesce(col("deals_out_undisclosed"), lit(0L)).as("deals_out_undisclosed"),
                        inflowOnCycles.as("inflow_on_cycles_usd_bn"),
                        coalesce(col("deals_in_on_cycles"), lit(0L)).as("deals_in_on_cycles"),
                        when(moneyIn.gt(0), inflowOnCycles.cast("double").divide(moneyIn.cast("double")))
                                .as("inflow_on_cycles_share"),
                        col("sources"));
    }

    private static Column zero(Column amount) {
        return coalesce(amount, lit(0)).cast(Amounts.AMOUNT);
    }

    private static Column nullIfEmpty(Column c) {
        return when(c.isNotNull().and(c.notEqual("")), c);
    }

    private static String[] joined(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

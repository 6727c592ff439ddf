package org.aivaluechain.io;

import static org.aivaluechain.io.ColumnSpec.Kind.BOOLEAN;
import static org.aivaluechain.io.ColumnSpec.Kind.DATE_OR_MONTH;
import static org.aivaluechain.io.ColumnSpec.Kind.DECIMAL;
import static org.aivaluechain.io.ColumnSpec.Kind.STRING;
import static org.aivaluechain.io.ColumnSpec.oneOf;
import static org.aivaluechain.io.ColumnSpec.optional;
import static org.aivaluechain.io.ColumnSpec.required;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The financing-deal inputs under the curated folder: reference/deals.csv (one row per deal, money or value
 * flowing from_party -> to_party) and reference/parties.csv (one row per party named in the deals, with its
 * ticker when it is a company in companies.csv). Column specs live here once.
 *
 * <p>announced_date is a day or, when the source gives only the month, a month ('2023-09'): checked on reading
 * ({@link ColumnSpec.Kind#DATE_OR_MONTH}) and kept as text, which the transform turns into the first of the
 * month with precision 'month'.
 */
public final class DealInputs {

    private DealInputs() {
    }

    /** What a party is when it is not one of the value-chain layers of companies.csv. */
    public static final Set<String> NON_COMPANY_LAYERS = Set.of("model_lab", "investor", "joint_venture",
            "financing_vehicle");

    /** The value-chain layers of companies.csv plus the non-company layers. */
    public static final Set<String> PARTY_LAYERS = union(CuratedInputs.LAYERS, NON_COMPANY_LAYERS);

    public static final Set<String> DEAL_TYPES = Set.of("equity_investment", "cloud_contract", "chip_purchase",
            "compute_purchase_commitment", "backstop", "warrant");

    public static final List<ColumnSpec> DEALS = List.of(
            required("deal_id", STRING).asKey(),
            required("announced_date", DATE_OR_MONTH),
            required("from_party", STRING),
            required("to_party", STRING),
            oneOf("deal_type", true, DEAL_TYPES),
            optional("amount_usd_bn", DECIMAL),
            optional("amount_note", STRING),
            optional("gigawatts", DECIMAL),
            required("source", STRING));

    public static final List<ColumnSpec> PARTIES = List.of(
            required("party", STRING).asKey(),
            optional("ticker", STRING),
            oneOf("layer", true, PARTY_LAYERS),
            required("files_with_sec", BOOLEAN),
            required("source", STRING));

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}

package org.aivaluechain.io;

import static org.aivaluechain.io.ColumnSpec.Kind.DATE;
import static org.aivaluechain.io.ColumnSpec.Kind.DATE_OR_MONTH;
import static org.aivaluechain.io.ColumnSpec.Kind.DECIMAL;
import static org.aivaluechain.io.ColumnSpec.Kind.STRING;
import static org.aivaluechain.io.ColumnSpec.matching;
import static org.aivaluechain.io.ColumnSpec.oneOf;
import static org.aivaluechain.io.ColumnSpec.optional;
import static org.aivaluechain.io.ColumnSpec.required;

import java.util.List;
import java.util.Set;

/**
 * Analyst inputs next to the curated filings: capex guidance statements (reference/capex_guidance.csv) and
 * claims taken from articles (claims.csv, documented in schemas/input/claims.md). Column specs live here once.
 */
public final class AnalystInputs {

    private AnalystInputs() {
    }

    /** Claim metrics ClaimChecks can recompute; any other metric is rejected on load. */
    public static final Set<String> CLAIM_METRICS = Set.of(
            "revenue", "net_income", "capex", "segment_revenue", "segment_share_of_revenue",
            "gross_margin", "operating_margin", "net_margin",
            "revenue_growth_yoy", "net_income_growth_yoy", "capex_growth_yoy", "segment_revenue_growth_yoy",
            "capex_guidance", "capex_guidance_growth_yoy", "not_in_our_tables");
    public static final Set<String> CLAIM_UNITS = Set.of("usd_bn", "cny_bn", "pct");
    public static final Set<String> CLAIM_BASES = Set.of("cash_capex", "incl_finance_lease_principal",
            "incl_finance_leases");
    private static final String CURRENCY = "[A-Z]{3}";

    public static final List<ColumnSpec> CAPEX_GUIDANCE = List.of(
            required("company", STRING),
            required("ticker", STRING),
            // YYYY-MM-DD, or YYYY-MM when the source gives only the month; empty when no source gives it
            optional("announced_date", DATE_OR_MONTH),
            required("period", STRING),
            optional("low_usd_bn", DECIMAL),
            optional("high_usd_bn", DECIMAL),
            matching("currency", CURRENCY, "a three-letter currency code"),
            required("basis_note", STRING),
            required("source", STRING));

    public static final List<ColumnSpec> CLAIMS = List.of(
            matching("claim_id", "C\\d{2,3}", "an id like C01").asKey(),
            required("article", STRING),
            optional("article_date", DATE),
            required("claim_text", STRING),
            required("claim_text_en", STRING),
            oneOf("metric", true, CLAIM_METRICS),
            optional("ticker", STRING),
            optional("segment", STRING),
            matching("period", "(FY|CY)\\d{4}|FY\\d{4}Q[1-4]|\\d{4}Q[1-4]",
                    "a period like FY2025, FY2025Q3, CY2024 or 2024Q3"),
            oneOf("comparator", true, Set.of("approx", "at_least", "at_most")),
            required("claimed_value", DECIMAL),
            oneOf("unit", true, CLAIM_UNITS),
            oneOf("basis", false, CLAIM_BASES),
            required("tolerance", DECIMAL),
            oneOf("tolerance_kind", true, Set.of("relative", "absolute")),
            optional("notes", STRING));

}

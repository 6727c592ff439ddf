package org.aivaluechain.model;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.aivaluechain.model.Metric.Kind.FLOW;
import static org.aivaluechain.model.Metric.Kind.INSTANT;

/**
 * The one list of metrics. Input validation accepts exactly these names, silver pivots them into columns, and a
 * test checks that schemas/silver/quarterly_financials.sql (and segment_financials.sql for segment metrics) and
 * sec/metric_tags.csv agree with it. Adding a metric: an entry here, its column in the DDL, its XBRL tags in
 * sec/metric_tags.csv (if the SEC data has it), a test (README: Adding a metric).
 * Units: millions of the reporting currency in inputs, USD millions in silver.
 */
public final class Metrics {

    /** In the order of silver.quarterly_financials' columns. */
    public static final List<Metric> ALL = List.of(
            new Metric("revenue", FLOW, true, true, "total revenue (net sales)"),
            new Metric("cost_of_revenue", FLOW, true, false, "cost of revenue (cost of sales)"),
            new Metric("gross_profit", FLOW, false, false, "revenue - cost of revenue, as reported or derived"),
            new Metric("operating_income", FLOW, false, true, "operating income (loss)"),
            new Metric("net_income", FLOW, false, false, "net income attributable to the parent"),
            new Metric("capex", FLOW, true, false, "cash purchases of property and equipment"),
            new Metric("finance_lease_principal", FLOW, true, false,
                    "principal repayments of finance leases, where reported"),
            new Metric("depreciation_amortization", FLOW, true, false, "cash-flow statement D&A"),
            new Metric("depreciation", FLOW, true, false, "depreciation alone, where reported as such"),
            new Metric("operating_cash_flow", FLOW, false, false,
                    "net cash provided by (used in) operating activities"),
            new Metric("rd_expense", FLOW, true, false, "research and development expense"),
            new Metric("rpo", INSTANT, true, false,
                    "remaining performance obligations at the period end (contracted revenue not yet recognised; "
                            + "total RPO, not a company's narrower 'commercial RPO'); filings state it rounded"));

    private Metrics() {
    }

    public static Set<String> names() {
        return ALL.stream().map(Metric::name).collect(Collectors.toUnmodifiableSet());
    }

    /** Every metric, in column order (silver.quarterly_financials). */
    public static List<String> consolidated() {
        return ALL.stream().map(Metric::name).toList();
    }

    /** The metrics loaded per segment, in column order (silver.segment_financials). */
    public static List<String> bySegment() {
        return ALL.stream().filter(Metric::bySegment).map(Metric::name).toList();
    }

    /** Flows: the metrics whose quarters add up to the fiscal year. */
    public static List<String> flows() {
        return ALL.stream().filter(m -> m.kind() == FLOW).map(Metric::name).toList();
    }

    /** Flows that cannot be negative: a negative derived quarter of one is an operand mix, not a quarter. */
    public static List<String> nonNegativeFlows() {
        return ALL.stream().filter(m -> m.nonNegative() && m.kind() == FLOW).map(Metric::name).toList();
    }

    /** The metrics that cannot be negative. */
    public static List<String> nonNegative() {
        return ALL.stream().filter(Metric::nonNegative).map(Metric::name).toList();
    }
}

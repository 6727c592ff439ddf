package org.aivaluechain.model;

/**
 * One financial line the project loads: its name in input files, silver columns and {@code sec/metric_tags.csv}.
 *
 * @param name        snake_case name, also the column of silver.quarterly_financials (and of
 *                    silver.segment_financials when {@code bySegment})
 * @param kind        a flow over the period (income statement, cash flow: quarters add up to the year, Q4 may
 *                    be derived as FY - Q1 - Q2 - Q3) or an instant at the period end (a balance such as RPO:
 *                    never added up or differenced)
 * @param nonNegative true where a negative value cannot be right (revenue, costs, capex), so a negative one is
 *                    flagged rather than used
 * @param bySegment   also loaded per reporting segment
 * @param meaning     what the line is, for documentation and help texts
 */
public record Metric(String name, Kind kind, boolean nonNegative, boolean bySegment, String meaning) {

    public enum Kind { FLOW, INSTANT }
}

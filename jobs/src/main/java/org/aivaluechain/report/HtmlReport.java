package org.aivaluechain.report;

import java.util.List;

/**
 * The report page: one section per chart (title, what it shows, the SVG, its data coverage and its SQL) and the
 * claim-checks table. Self-contained: the content security policy forbids loading anything, so the page
 * cannot depend on the network by accident.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body { font-family: sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #222; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2.2em; }
            .chart { width: 100%; height: auto; border: 1px solid #ddd; background: #fff; }
            .description { color: #444; }
            details { margin: 0.5em 0; } summary { cursor: pointer; color: #333; }
            pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; font-size: 0.85em; }
            table { border-collapse: collapse; font-size: 0.85em; }
            th, td { border: 1px solid #ddd; padding: 0.3em 0.45em; vertical-align: top; text-align: left; }
            th { background: #f0f0f0; }
            td.holds { color: #1b7a2f; font-weight: bold; }
            td.does_not_hold { color: #b3261e; font-weight: bold; }
            td.cannot_check { color: #666; }
            """;

    private HtmlReport() {
    }

    public static String render(String warehouse, List<Chart> charts, Table claims) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>AI value chain: capex, margins and profit pool</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>AI value chain: capex, margins and profit pool</h1>\n")
                .append("<p>Quarterly filings of the AI value chain (chips, foundry, memory, servers and networking, "
                        + "neoclouds, hyperscalers, devices, applications), in USD, by calendar quarter. Built by "
                        + "<code>bin/valuechain report</code> from the tables of the warehouse <code>")
                .append(Html.escape(warehouse)).append("</code>; every figure traces to a filing in "
                        + "<code>silver.quarterly_financials.sources</code>.</p>\n")
                .append("<p><strong>Data coverage.</strong> Companies enter the data at their "
                        + "<code>coverage_start</code> and some quarters lack a filing. A point or bar where an "
                        + "expected company is missing is drawn hollow or faded, and each chart lists who is "
                        + "missing when. Compare such quarters with care.</p>\n<ul>\n");
        for (Chart chart : charts) {
            html.append("<li><a href=\"#").append(chart.spec().id()).append("\">")
                    .append(Html.escape(chart.spec().title())).append("</a></li>\n");
        }
        html.append("<li><a href=\"#claim-checks\">Do the articles' numbers hold? (claim checks)</a></li>\n</ul>\n");

        for (Chart chart : charts) {
            section(html, chart);
        }
        claims(html, claims);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void section(StringBuilder html, Chart chart) {
        ChartSpec spec = chart.spec();
        html.append("<section id=\"").append(spec.id()).append("\">\n<h2>").append(Html.escape(spec.title()))
                .append("</h2>\n<p class=\"description\">").append(Html.escape(spec.description())).append("</p>\n")
                .append(SvgCharts.render(chart)).append('\n');
        List<String> notes = chart.coverageNotes();
        html.append("<details class=\"coverage\"").append(notes.size() <= 6 ? " open" : "").append(">\n<summary>Data coverage: ")
                .append(notes.isEmpty() ? "every drawn point is complete" : notes.size() + " note(s)")
                .append("</summary>\n");
        if (!notes.isEmpty()) {
            html.append("<ul>\n");
            for (String note : notes) {
                html.append("<li>").append(Html.escape(note)).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("</details>\n<details class=\"sql\">\n<summary>SQL</summary>\n<pre>")
                .append(Html.escape(spec.sql())).append("</pre>\n</details>\n</section>\n");
    }

    private static void claims(StringBuilder html, Table claims) {
        long holds = claims.rows().stream().filter(r -> r.contains("holds")).count();
        long fails = claims.rows().stream().filter(r -> r.contains("does_not_hold")).count();
        long unchecked = claims.rows().stream().filter(r -> r.contains("cannot_check")).count();
        html.append("<section id=\"claim-checks\">\n<h2>Do the articles' numbers hold? (claim checks)</h2>\n")
                .append("<p class=\"description\">Quantitative claims quoted from the analyst articles, recomputed "
                        + "from our tables (gold.claim_checks): ")
                .append(holds).append(" hold, ").append(fails).append(" do not hold, ").append(unchecked)
                .append(" cannot be checked. Amounts in the claim's unit (usd_bn, cny_bn or pct).</p>\n")
                .append("<table class=\"claims\">\n<thead><tr>");
        for (String column : claims.columns()) {
            html.append("<th>").append(Html.escape(column)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        int verdict = claims.columns().indexOf("verdict");
        for (List<String> row : claims.rows()) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                html.append(i == verdict ? "<td class=\"" + Html.escape(row.get(i)) + "\">" : "<td>")
                        .append(Html.escape(row.get(i))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n<details class=\"sql\">\n<summary>SQL</summary>\n<pre>")
                .append(Html.escape(ReportQueries.CLAIM_CHECKS)).append("</pre>\n</details>\n</section>\n");
    }
}

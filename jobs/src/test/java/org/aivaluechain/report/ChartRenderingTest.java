package org.aivaluechain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aivaluechain.report.Chart.Point;
import org.aivaluechain.report.ChartSpec.CoverageScope;
import org.aivaluechain.report.ChartSpec.Kind;
import org.aivaluechain.report.ChartSpec.Unit;
import org.junit.jupiter.api.Test;

/** Shaping chart rows and drawing them as SVG: pure Java, no Spark. */
class ChartRenderingTest {

    private static ChartSpec spec(Kind kind, CoverageScope scope, Double floor) {
        return new ChartSpec("t", "Test chart", "what it shows", kind, Unit.PERCENT, "share (%)", scope, "SELECT 1",
                floor);
    }

    @Test
    void shapingOrdersQuartersAndLayersAndKeepsGaps() {
        Chart chart = ChartShaping.shape(spec(Kind.LINES, CoverageScope.PER_SERIES, null), List.of(
                new Point("hyperscaler", "2024Q2", 0.30, true, null),
                new Point("chips", "2024Q3", 0.50, true, null),
                new Point("hyperscaler", "2024Q1", 0.25, false, "missing BABA"),
                new Point("chips", "2024Q1", 0.40, true, null),
                new Point("neocloud", "2024Q1", null, true, null)));

        assertEquals(List.of("2024Q1", "2024Q2", "2024Q3"), chart.quarters());
        // value-chain order, not alphabetical; a series without any value is not drawn but named in a note
        assertEquals(List.of("chips", "hyperscaler"), chart.series().stream().map(Chart.Series::name).toList());
        assertEquals(Arrays.asList(0.40, null, 0.50), chart.series().get(0).values());
        assertEquals(Arrays.asList(0.25, 0.30, null), chart.series().get(1).values());
        assertEquals(List.of(false, true, true), chart.series().get(1).complete());
        assertEquals(List.of("only 3 quarters qualify: too few to read a trend",
                        "not drawn, no value in any quarter: neocloud", "hyperscaler, 2024Q1: missing BABA"),
                chart.coverageNotes());
    }

    @Test
    void quarterCoverageNotesJoinConsecutiveQuartersWithTheSameGap() {
        Chart chart = ChartShaping.shape(spec(Kind.STACKED_BARS, CoverageScope.PER_QUARTER, null), List.of(
                new Point("chips", "2024Q1", 0.5, false, "missing TCEHY"),
                new Point("hyperscaler", "2024Q1", 0.5, false, "missing TCEHY"),
                new Point("chips", "2024Q2", 0.6, false, "missing TCEHY"),
                new Point("chips", "2024Q3", 0.6, true, null),
                new Point("chips", "2024Q4", 0.6, false, "missing BABA, TCEHY")));

        assertEquals(List.of("2024Q1–2024Q2: missing TCEHY", "2024Q4: missing BABA, TCEHY"), chart.coverageNotes());
    }

    @Test
    void valuesBelowTheAxisFloorAreNamedWithTheirValue() {
        Chart chart = ChartShaping.shape(spec(Kind.LINES, CoverageScope.PER_SERIES, -0.5), List.of(
                new Point("applications", "2020Q3", -2.9297, true, null),
                new Point("applications", "2020Q4", 0.1, true, null)));

        assertEquals(List.of("only 2 quarters qualify: too few to read a trend",
                "applications, 2020Q3: -293.0%, below the axis (drawn at -50%)"), chart.coverageNotes());
        String svg = SvgCharts.render(chart);
        assertEquals(1, count(svg, "class=\"clipped\""));
        assertTrue(svg.contains("<title>applications, 2020Q3: -293.0%</title>"), svg);
    }

    @Test
    void linesBreakAtGapsAndIncompletePointsAreHollow() {
        Chart chart = ChartShaping.shape(spec(Kind.LINES, CoverageScope.PER_SERIES, null), List.of(
                new Point("MSFT", "2024Q1", 0.10, true, null),
                new Point("MSFT", "2024Q2", 0.20, true, null),
                new Point("MSFT", "2024Q4", 0.40, false, "missing X"),
                new Point("AMZN", "2024Q3", 0.30, true, null)));
        String svg = SvgCharts.render(chart);

        String marks = svg.substring(svg.indexOf("<g class=\"marks\">"), svg.indexOf("</g>", svg.indexOf("<g class=\"marks\">")));
        assertEquals(2, count(marks, "class=\"line\""));
        assertEquals(4, count(marks, "<circle"));
        // MSFT has no 2024Q3: its line restarts with a second move-to after the gap
        Matcher msft = Pattern.compile("d=\"(M[^\"]*)\"[^>]*><title>MSFT</title>").matcher(marks);
        assertTrue(msft.find(), marks);
        assertEquals(2, count(msft.group(1), "M"));
        assertEquals(1, count(msft.group(1), "L"));
        assertEquals(1, count(marks, "fill=\"#ffffff\""));
        assertTrue(marks.contains("<title>MSFT, 2024Q4: 40.0% (incomplete quarter)</title>"), marks);
        // axis: 0% to 40% in 10% steps, the unit in the label
        for (String tick : List.of(">0%<", ">10%<", ">20%<", ">30%<", ">40%<")) {
            assertTrue(svg.contains(tick), tick);
        }
        assertTrue(svg.contains(">share (%)<") && svg.contains(">calendar quarter<"));
        assertTrue(svg.contains(">hollow: incomplete quarter<"));
    }

    @Test
    void stackedBarsPutLossesBelowZeroAndMarkIncompleteQuarters() {
        Chart chart = ChartShaping.shape(spec(Kind.STACKED_BARS, CoverageScope.PER_QUARTER, null), List.of(
                new Point("chips", "2024Q1", 0.8, true, null),
                new Point("memory", "2024Q1", -0.2, true, null),
                new Point("hyperscaler", "2024Q1", 0.4, true, null),
                new Point("chips", "2024Q2", 1.0, false, "missing X")));
        String svg = SvgCharts.render(chart);

        String marks = svg.substring(svg.indexOf("<g class=\"marks\">"), svg.indexOf("</g>", svg.indexOf("<g class=\"marks\">")));
        assertEquals(4, count(marks, "<rect"));
        assertEquals(1, count(marks, "class=\"incomplete\""));
        // values from -20% to 120% (positive stack 0.8 + 0.4) give an axis of -50% to 150% in 50% steps;
        // the memory loss hangs from the zero line down
        SvgCharts.Axis axis = SvgCharts.Axis.nice(-0.2, 1.2);
        assertEquals(-0.5, axis.lo(), 1e-12);
        assertEquals(1.5, axis.hi(), 1e-12);
        assertTrue(svg.contains(">-50%<") && svg.contains(">150%<"));
        double zero = axis.y(0);
        Matcher memory = Pattern.compile("<rect x=\"[^\"]+\" y=\"([^\"]+)\"[^>]*><title>memory, 2024Q1: -20.0%")
                .matcher(marks);
        assertTrue(memory.find(), marks);
        assertEquals(zero, Double.parseDouble(memory.group(1)), 0.06);
    }

    @Test
    void niceAxesAndUnits() {
        SvgCharts.Axis axis = SvgCharts.Axis.nice(0, 181.5);
        assertEquals(0, axis.lo());
        assertEquals(200, axis.hi());
        assertEquals(List.of(0.0, 50.0, 100.0, 150.0, 200.0), axis.ticks());
        assertEquals("$181.5 bn", SvgCharts.format(Unit.USD_BN, 181.5, 1));
        assertEquals("4,000", SvgCharts.format(Unit.POINTS, 4000, 0));
        assertEquals("27.3%", SvgCharts.format(Unit.PERCENT, 0.2734, 1));
    }

    @Test
    void pageIsSelfContainedAndEscapesText() {
        Chart chart = ChartShaping.shape(spec(Kind.LINES, CoverageScope.PER_SERIES, null),
                List.of(new Point("A&B", "2024Q1", 0.1, true, null)));
        String page = HtmlReport.render("/tmp/w", List.of(chart), new Table(List.of("claim_id", "verdict"),
                List.of(List.of("C01", "holds"), List.of("C02 <x>", "does_not_hold"))));

        assertTrue(page.contains("default-src 'none'"), "a content security policy that forbids any download");
        assertTrue(!page.contains("<script") && !page.contains("src=") && !page.contains("<link"));
        String withoutNamespace = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertTrue(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://"), "no address");
        assertTrue(page.contains(">A&amp;B<") && page.contains("C02 &lt;x&gt;"));
        assertTrue(page.contains("1 hold, 1 do not hold, 0 cannot be checked"), page);
        assertTrue(page.contains("<td class=\"does_not_hold\">does_not_hold</td>"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}

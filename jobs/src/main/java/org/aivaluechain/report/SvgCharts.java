package org.aivaluechain.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.aivaluechain.report.Chart.Series;
import org.aivaluechain.report.ChartSpec.Unit;

/**
 * Draws a {@link Chart} as an inline SVG element: axes with units, a legend, and the plotted marks inside
 * {@code <g class="marks">}. Pure Java and no script, so the report works offline and in any browser.
 * Points of incomplete quarters are drawn hollow (lines) or marked by a hollow circle above the bar (bars);
 * every mark has a tooltip.
 */
public final class SvgCharts {

    static final int WIDTH = 960;
    static final int HEIGHT = 430;
    private static final int LEFT = 78;
    private static final int RIGHT = 210;
    private static final int TOP = 20;
    private static final int BOTTOM = 58;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

    /** Tableau 10: distinguishable and colour-blind aware. */
    private static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
            "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");

    private SvgCharts() {
    }

    public static String render(Chart chart) {
        ChartSpec spec = chart.spec();
        int n = chart.quarters().size();
        double[] range = chart.spec().kind() == ChartSpec.Kind.STACKED_BARS ? stackedRange(chart) : valueRange(chart);
        if (spec.axisFloor() != null) {
            range[0] = Math.max(range[0], spec.axisFloor());
        }
        Axis axis = Axis.nice(range[0], range[1]);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" id=\"svg-%s\" viewBox=\"0 0 %d %d\" "
                        + "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" "
                        + "font-size=\"12\">%n", spec.id(), WIDTH, HEIGHT, Html.escape(spec.title())));
        svg.append("<title>").append(Html.escape(spec.title())).append("</title>\n");
        yAxis(svg, spec, axis);
        xAxis(svg, chart.quarters());

        svg.append("<g class=\"marks\">\n");
        if (n > 0) {
            if (spec.kind() == ChartSpec.Kind.STACKED_BARS) {
                bars(svg, chart, axis);
            } else {
                lines(svg, chart, axis);
            }
        }
        svg.append("</g>\n");
        legend(svg, chart);
        svg.append("</svg>");
        return svg.toString();
    }

    private static void lines(StringBuilder svg, Chart chart, Axis axis) {
        int n = chart.quarters().size();
        for (int s = 0; s < chart.series().size(); s++) {
            Series series = chart.series().get(s);
            String color = color(s);
            StringBuilder d = new StringBuilder();
            boolean penDown = false;
            for (int i = 0; i < n; i++) {
                Double v = series.values().get(i);
                if (v == null) {
                    penDown = false; // a gap in the data is a gap in the line
                    continue;
                }
                d.append(penDown ? " L" : " M").append(num(x(i, n))).append(' ').append(num(axis.y(axis.clamp(v))));
                penDown = true;
            }
            svg.append(String.format(Locale.ROOT, "<path class=\"line\" d=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\"><title>%s</title></path>%n", d.toString().strip(), color,
                    Html.escape(series.name())));
            for (int i = 0; i < n; i++) {
                Double v = series.values().get(i);
                if (v == null) {
                    continue;
                }
                boolean complete = series.complete().get(i);
                if (v < axis.lo()) {
                    // an outlier below the axis floor: a downward triangle on the floor, its value in the tooltip
                    double cx = x(i, n);
                    double cy = axis.y(axis.lo());
                    svg.append(String.format(Locale.ROOT, "<path class=\"clipped\" d=\"M%s %s L%s %s L%s %s Z\" "
                                    + "fill=\"%s\"%s><title>%s</title></path>%n", num(cx - 5), num(cy - 8), num(cx + 5),
                            num(cy - 8), num(cx), num(cy), color, data(chart, i, v),
                            Html.escape(tooltip(chart, series, i))));
                    continue;
                }
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\" stroke=\"%s\" "
                                + "stroke-width=\"1.5\"%s><title>%s</title></circle>%n", num(x(i, n)), num(axis.y(v)),
                        complete ? "2.5" : "3.5", complete ? color : "#ffffff", color, data(chart, i, v),
                        Html.escape(tooltip(chart, series, i))));
            }
        }
    }

    /** The quarter and value of a data mark, for tests and for anyone reading the page's source. */
    private static String data(Chart chart, int i, double v) {
        return String.format(Locale.ROOT, " data-quarter=\"%s\" data-value=\"%s\"",
                Html.escape(chart.quarters().get(i)), Double.toString(v));
    }

    /** Positive values stack up from zero and negative ones down, so losses stay visible. */
    private static void bars(StringBuilder svg, Chart chart, Axis axis) {
        int n = chart.quarters().size();
        double barWidth = Math.max(2, 0.72 * PLOT_WIDTH / n);
        for (int i = 0; i < n; i++) {
            double up = 0;
            double down = 0;
            for (int s = 0; s < chart.series().size(); s++) {
                Series series = chart.series().get(s);
                Double v = series.values().get(i);
                if (v == null || v == 0) {
                    continue;
                }
                double from = v > 0 ? up : down;
                double to = from + v;
                if (v > 0) {
                    up = to;
                } else {
                    down = to;
                }
                double top = Math.min(axis.y(from), axis.y(to));
                double height = Math.abs(axis.y(from) - axis.y(to));
                svg.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"%s>"
                                + "<title>%s</title></rect>%n", num(x(i, n) - barWidth / 2), num(top), num(barWidth),
                        num(Math.max(height, 0.5)), color(s), data(chart, i, v), Html.escape(tooltip(chart, series, i))));
            }
            if (!quarterComplete(chart, i)) {
                // a hollow circle above the bar: fading whole bars would hide the shares when most quarters miss someone
                svg.append(String.format(Locale.ROOT, "<circle class=\"incomplete\" cx=\"%s\" cy=\"%s\" r=\"3\" "
                                + "fill=\"#ffffff\" stroke=\"#555555\" stroke-width=\"1.2\"><title>%s: incomplete quarter"
                                + "</title></circle>%n", num(x(i, n)), num(axis.y(up) - 7), chart.quarters().get(i)));
            }
        }
    }

    private static boolean quarterComplete(Chart chart, int i) {
        return chart.series().stream().allMatch(s -> s.values().get(i) == null || s.complete().get(i));
    }

    private static String tooltip(Chart chart, Series series, int i) {
        return series.name() + ", " + chart.quarters().get(i) + ": " + format(chart.spec().unit(), series.values().get(i), 1)
                + (series.complete().get(i) ? "" : " (incomplete quarter)");
    }

    private static void yAxis(StringBuilder svg, ChartSpec spec, Axis axis) {
        svg.append("<g class=\"y-axis\">\n");
        for (double tick : axis.ticks()) {
            double y = axis.y(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\" stroke=\"%s\"/>%n",
                    LEFT, LEFT + PLOT_WIDTH, num(y), num(y), tick == 0 ? "#555555" : "#e3e3e3"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%s\" text-anchor=\"end\" "
                    + "dominant-baseline=\"middle\">%s</text>%n", LEFT - 6, num(y), format(spec.unit(), tick,
                    axis.decimals(spec.unit()))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" "
                        + "transform=\"rotate(-90 16 %d)\">%s</text>%n", TOP + PLOT_HEIGHT / 2, TOP + PLOT_HEIGHT / 2,
                Html.escape(spec.yAxisLabel())));
        svg.append("</g>\n");
    }

    /** A tick per quarter; labels on first quarters of a year (every quarter when there are few). */
    private static void xAxis(StringBuilder svg, List<String> quarters) {
        int n = quarters.size();
        int bottom = TOP + PLOT_HEIGHT;
        svg.append("<g class=\"x-axis\">\n");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#555555\"/>%n",
                LEFT, LEFT + PLOT_WIDTH, bottom, bottom));
        for (int i = 0; i < n; i++) {
            String q = quarters.get(i);
            boolean label = n <= 12 || q.endsWith("Q1") || (i == 0 && !nearFirstQuarterOfYear(quarters));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%s\" x2=\"%s\" y1=\"%d\" y2=\"%d\" stroke=\"#555555\"/>%n",
                    num(x(i, n)), num(x(i, n)), bottom, bottom + (label ? 6 : 3)));
            if (label) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                        num(x(i, n)), bottom + 20, Html.escape(q)));
            }
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">calendar quarter</text>%n",
                LEFT + PLOT_WIDTH / 2, HEIGHT - 8));
        svg.append("</g>\n");
    }

    /** True when a Q1 label follows the first quarter closely enough for both labels to overlap. */
    private static boolean nearFirstQuarterOfYear(List<String> quarters) {
        for (int i = 1; i < Math.min(3, quarters.size()); i++) {
            if (quarters.get(i).endsWith("Q1")) {
                return true;
            }
        }
        return false;
    }

    private static void legend(StringBuilder svg, Chart chart) {
        int x = LEFT + PLOT_WIDTH + 18;
        int y = TOP + 8;
        boolean bars = chart.spec().kind() == ChartSpec.Kind.STACKED_BARS;
        svg.append("<g class=\"legend\">\n");
        for (int s = 0; s < chart.series().size(); s++) {
            String color = color(s);
            if (bars) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"%s\"/>%n",
                        x, y - 5, color));
            } else {
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
                        + "stroke-width=\"2\"/><circle cx=\"%d\" cy=\"%d\" r=\"2.5\" fill=\"%s\"/>%n", x, x + 16, y, y,
                        color, x + 8, y, color));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" dominant-baseline=\"middle\">%s</text>%n",
                    x + 22, y, Html.escape(chart.series().get(s).name())));
            y += 18;
        }
        if (anyIncomplete(chart)) {
            y += 8;
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"#ffffff\" "
                    + "stroke=\"#555555\" stroke-width=\"1.5\"/>%n", x + 8, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" dominant-baseline=\"middle\">%s</text>%n",
                    x + 22, y, bars ? "incomplete quarter" : "hollow: incomplete quarter"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" dominant-baseline=\"middle\" "
                    + "fill=\"#555555\">(see data coverage below)</text>%n", x + 22, y + 16));
        }
        svg.append("</g>\n");
    }

    private static boolean anyIncomplete(Chart chart) {
        for (Series s : chart.series()) {
            for (int i = 0; i < s.values().size(); i++) {
                if (s.values().get(i) != null && !s.complete().get(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double[] valueRange(Chart chart) {
        double min = 0;
        double max = 0;
        for (Series s : chart.series()) {
            for (Double v : s.values()) {
                if (v != null) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return new double[] {min, max};
    }

    private static double[] stackedRange(Chart chart) {
        double min = 0;
        double max = 0;
        for (int i = 0; i < chart.quarters().size(); i++) {
            double up = 0;
            double down = 0;
            for (Series s : chart.series()) {
                Double v = s.values().get(i);
                if (v != null) {
                    if (v > 0) {
                        up += v;
                    } else {
                        down += v;
                    }
                }
            }
            min = Math.min(min, down);
            max = Math.max(max, up);
        }
        return new double[] {min, max};
    }

    private static double x(int i, int n) {
        return LEFT + (i + 0.5) * PLOT_WIDTH / n;
    }

    private static String color(int series) {
        return PALETTE.get(series % PALETTE.size());
    }

    /** A value as the axis and tooltips print it. */
    static String format(Unit unit, double value, int decimals) {
        return switch (unit) {
            case PERCENT -> String.format(Locale.ROOT, "%." + decimals + "f%%", value * 100);
            case USD_BN -> String.format(Locale.ROOT, "$%,." + decimals + "f bn", value).replace("$-", "-$");
            case POINTS -> String.format(Locale.ROOT, "%,." + decimals + "f", value);
        };
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A y axis from a "nice" lower to upper bound with 4 to 8 ticks that always include zero. */
    record Axis(double lo, double hi, double step) {

        static Axis nice(double min, double max) {
            if (max - min <= 0) {
                max = min + 1;
            }
            double raw = (max - min) / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = magnitude * (raw / magnitude <= 1 ? 1 : raw / magnitude <= 2 ? 2 : raw / magnitude <= 5 ? 5 : 10);
            return new Axis(Math.floor(min / step) * step, Math.ceil(max / step) * step, step);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            long count = Math.round((hi - lo) / step);
            for (long k = 0; k <= count; k++) {
                double t = lo + k * step;
                ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
            }
            return ticks;
        }

        double clamp(double v) {
            return Math.max(lo, Math.min(hi, v));
        }

        double y(double v) {
            return TOP + PLOT_HEIGHT * (hi - v) / (hi - lo);
        }

        int decimals(Unit unit) {
            double shown = unit == Unit.PERCENT ? step * 100 : step;
            return shown >= 1 ? 0 : (int) Math.ceil(-Math.log10(shown));
        }
    }
}

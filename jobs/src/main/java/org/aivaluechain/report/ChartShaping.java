package org.aivaluechain.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.aivaluechain.report.Chart.Point;
import org.aivaluechain.report.Chart.Series;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Turns a chart query's rows into a {@link Chart}: quarters in order, one value per series and quarter. */
public final class ChartShaping {

    /** Layers in value-chain order (supplier to buyer), so every chart lists them the same way. */
    static final List<String> LAYER_ORDER = List.of("chips", "foundry", "memory", "servers_networking",
            "neocloud", "hyperscaler", "devices", "applications");

    private ChartShaping() {
    }

    /** Fewer drawn quarters than this and the chart says plainly that they are too few to read a trend. */
    static final int MIN_QUARTERS = 4;

    public static Chart shape(ChartSpec spec, Dataset<Row> rows) {
        return shape(spec, points(rows), panelNotes(rows));
    }

    /** The distinct values of the optional {@code panel} column: which panel and threshold a chart uses. */
    static List<String> panelNotes(Dataset<Row> rows) {
        if (!List.of(rows.columns()).contains("panel")) {
            return List.of();
        }
        return rows.select("panel").where("panel IS NOT NULL").distinct().orderBy("panel").collectAsList().stream()
                .map(r -> r.getString(0)).toList();
    }

    /** The rows of a chart query (columns as {@link ChartSpec} defines) as plain points. */
    static List<Point> points(Dataset<Row> rows) {
        List<Point> points = new ArrayList<>();
        for (Row r : rows.collectAsList()) {
            Object value = r.getAs("value");
            points.add(new Point(r.getAs("series"), r.getAs("calendar_quarter"),
                    value == null ? null : ((Number) value).doubleValue(),
                    Boolean.TRUE.equals(r.getAs("complete")), r.getAs("coverage")));
        }
        return points;
    }

    public static Chart shape(ChartSpec spec, List<Point> points) {
        return shape(spec, points, List.of());
    }

    /** {@code panelNotes} come first under the chart: which panel and threshold it uses, what was left out. */
    public static Chart shape(ChartSpec spec, List<Point> points, List<String> panelNotes) {
        List<Point> drawn = points.stream().filter(p -> p.value() != null && Double.isFinite(p.value())).toList();
        List<String> quarters = new ArrayList<>(new TreeSet<>(drawn.stream().map(Point::quarter).toList()));
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < quarters.size(); i++) {
            column.put(quarters.get(i), i);
        }

        List<String> names = new ArrayList<>(new TreeSet<>(points.stream().map(Point::series).toList()));
        names.sort(Comparator.comparingInt(ChartShaping::layerRank).thenComparing(Comparator.naturalOrder()));
        Map<String, Series> series = new LinkedHashMap<>();
        for (String name : names) {
            List<Double> values = new ArrayList<>();
            List<Boolean> complete = new ArrayList<>();
            for (int i = 0; i < quarters.size(); i++) {
                values.add(null);
                complete.add(true);
            }
            series.put(name, new Series(name, values, complete));
        }
        for (Point p : drawn) {
            Series s = series.get(p.series());
            int i = column.get(p.quarter());
            s.values().set(i, p.value());
            s.complete().set(i, p.complete());
        }

        List<String> notes = new ArrayList<>(panelNotes);
        if (quarters.size() < MIN_QUARTERS) {
            notes.add(quarters.isEmpty() ? "no quarter qualifies: nothing to draw"
                    : "only " + quarters.size() + " quarter" + (quarters.size() == 1 ? "" : "s")
                    + " qualify: too few to read a trend");
        }
        List<String> empty = series.values().stream().filter(s -> !s.hasValues()).map(Series::name).toList();
        if (!empty.isEmpty()) {
            notes.add("not drawn, no value in any quarter: " + String.join(", ", empty));
        }
        if (spec.axisFloor() != null) {
            for (Point p : drawn) {
                if (p.value() < spec.axisFloor()) {
                    notes.add(p.series() + ", " + p.quarter() + ": " + SvgCharts.format(spec.unit(), p.value(), 1)
                            + ", below the axis (drawn at " + SvgCharts.format(spec.unit(), spec.axisFloor(), 0) + ")");
                }
            }
        }
        notes.addAll(spec.coverageScope() == ChartSpec.CoverageScope.PER_QUARTER
                ? quarterNotes(quarters, drawn)
                : seriesNotes(names, quarters, drawn));
        List<Series> withValues = series.values().stream().filter(Series::hasValues).toList();
        return new Chart(spec, List.copyOf(quarters), withValues, List.copyOf(notes));
    }

    /** Coverage that applies to the whole quarter: consecutive quarters with the same gap share one note. */
    private static List<String> quarterNotes(List<String> quarters, List<Point> drawn) {
        Map<String, String> gapByQuarter = new HashMap<>();
        for (Point p : drawn) {
            if (!p.complete() && p.coverage() != null) {
                gapByQuarter.putIfAbsent(p.quarter(), p.coverage());
            }
        }
        return runs(quarters, gapByQuarter, "");
    }

    private static List<String> seriesNotes(List<String> names, List<String> quarters, List<Point> drawn) {
        List<String> notes = new ArrayList<>();
        for (String name : names) {
            Map<String, String> gapByQuarter = new HashMap<>();
            for (Point p : drawn) {
                if (p.series().equals(name) && !p.complete() && p.coverage() != null) {
                    gapByQuarter.put(p.quarter(), p.coverage());
                }
            }
            notes.addAll(runs(quarters, gapByQuarter, name + ", "));
        }
        return notes;
    }

    /** "2019Q2–2019Q4: missing TCEHY" for each run of consecutive quarters with the same gap. */
    private static List<String> runs(List<String> quarters, Map<String, String> gapByQuarter, String prefix) {
        List<String> notes = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= quarters.size(); i++) {
            String gap = i < quarters.size() ? gapByQuarter.get(quarters.get(i)) : null;
            String runGap = start < 0 ? null : gapByQuarter.get(quarters.get(start));
            if (start >= 0 && !Objects.equals(gap, runGap)) {
                String span = start == i - 1 ? quarters.get(start) : quarters.get(start) + "–" + quarters.get(i - 1);
                notes.add(prefix + span + ": " + runGap);
                start = -1;
            }
            if (start < 0 && gap != null) {
                start = i;
            }
        }
        return notes;
    }

    private static int layerRank(String name) {
        int i = LAYER_ORDER.indexOf(name);
        return i < 0 ? LAYER_ORDER.size() : i;
    }
}

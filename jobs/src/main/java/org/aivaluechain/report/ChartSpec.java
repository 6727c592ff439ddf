package org.aivaluechain.report;

/**
 * One chart of the report: what it shows, how its values are drawn and the SQL that feeds it.
 *
 * <p>Every chart query returns the same five columns, so one shaping step serves every chart:
 * {@code series STRING, calendar_quarter STRING, value DOUBLE, complete BOOLEAN, coverage STRING} where
 * {@code complete} is false when companies expected in that point are missing, and {@code coverage} says which
 * (null when complete). An optional {@code panel STRING} column says which panel and coverage threshold the
 * chart uses and what it left out; its distinct values are printed under the chart.
 *
 * <p>{@code axisFloor}, when set, is the lowest value the y axis shows: a rare outlier (a small company's loss
 * quarter) would otherwise flatten every other line. Points below it are drawn on the floor as a downward
 * triangle and listed in the chart's notes with their value.
 */
public record ChartSpec(String id, String title, String description, Kind kind, Unit unit, String yAxisLabel,
                        CoverageScope coverageScope, String sql, Double axisFloor) {

    /** A chart whose y axis reaches every value. */
    public ChartSpec(String id, String title, String description, Kind kind, Unit unit, String yAxisLabel,
                     CoverageScope coverageScope, String sql) {
        this(id, title, description, kind, unit, yAxisLabel, coverageScope, sql, null);
    }

    public enum Kind { LINES, STACKED_BARS }

    /** How values are printed on the axis and in tooltips. */
    public enum Unit {
        /** a fraction drawn as a percentage (0.27 -> 27%) */
        PERCENT,
        /** USD billions */
        USD_BN,
        /** a plain number (HHI points) */
        POINTS
    }

    /** Whether a coverage gap belongs to one series (a layer's missing companies) or to the whole quarter. */
    public enum CoverageScope { PER_SERIES, PER_QUARTER }
}

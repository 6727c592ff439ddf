package org.aivaluechain.report;

import java.util.List;

/**
 * A chart's data, ready to draw: quarters along x in order, and per series one value per quarter
 * (null = no value) with a completeness flag per point. Pure data, no Spark.
 */
public record Chart(ChartSpec spec, List<String> quarters, List<Series> series, List<String> coverageNotes) {

    public record Series(String name, List<Double> values, List<Boolean> complete) {

        public boolean hasValues() {
            return values.stream().anyMatch(v -> v != null);
        }
    }

    /** One row of a chart query (see {@link ChartSpec}). */
    public record Point(String series, String quarter, Double value, boolean complete, String coverage) {
    }
}

package org.stromasim.metrics;

import java.util.List;

/** One row of metrics.csv: column names (with units) and their values, in the same order. */
public record MetricsRow(List<String> columns, double[] values) {

    public MetricsRow {
        columns = List.copyOf(columns);
        if (columns.size() != values.length) {
            throw new IllegalArgumentException(columns.size() + " columns but " + values.length + " values");
        }
    }

    public double value(String column) {
        int c = columns.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no metrics column '" + column + "' in " + columns);
        }
        return values[c];
    }
}

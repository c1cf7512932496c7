package org.stromasim.report;

import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * Tick labels with as many digits as the data's spread needs (never the 16 digits of a raw double), and
 * a visible range around a constant course, which would otherwise collapse the axis onto one value.
 */
final class ValueAxis {

    private ValueAxis() {
    }

    static void apply(XYChart chart, List<Double> values) {
        if (values.isEmpty()) {
            return;
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double span = max - min;
        double magnitude = Math.max(Math.abs(min), Math.abs(max));
        if (!(span > 1e-9 * magnitude)) {
            double pad = magnitude > 0 ? 0.05 * magnitude : 1;
            // a non-negative quantity (a share, a stiffness) keeps a non-negative axis
            min = min >= 0 ? Math.max(0, min - pad) : min - pad;
            max += pad;
            span = max - min;
            chart.getStyler().setYAxisMin(min);
            chart.getStyler().setYAxisMax(max);
        }
        chart.getStyler().setYAxisDecimalPattern(pattern(span, magnitude));
    }

    /** Enough decimals to tell ticks about span/5 apart; scientific notation for very small or large values. */
    static String pattern(double span, double magnitude) {
        if (magnitude >= 1e6 || (magnitude > 0 && magnitude < 1e-3)) {
            return "0.##E0";
        }
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(span / 5)));
        return decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(Math.min(decimals, 6));
    }
}

package org.stromasim.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tick positions of one plot axis, chosen here rather than by XChart: XChart puts a tick on every
 * data value when the values are equally spaced (a time course sampled every minute, a stiffness rising
 * linearly, shells 20 µm apart), whatever spacing hint it is given, which crowds a small panel with
 * labels one minute or 0.002 kPa apart.
 *
 * @param low      axis start (a tick for value axes; 0 for time axes)
 * @param high     axis end
 * @param first    first tick
 * @param step     distance between ticks
 * @param count    number of ticks
 * @param decimals decimals that tell neighbouring ticks apart; -1 for scientific notation
 */
public record AxisTicks(double low, double high, double first, double step, int count, int decimals) {

    /** Steps, in the axis unit, that read as round times: seconds or minutes (a sixtieth), hours (a day). */
    private static final double[] SIXTY_STEPS = {1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600};
    private static final double[] HOUR_STEPS = {1, 2, 3, 6, 12, 24, 48, 96, 240, 480};

    /**
     * A value axis over [min, max] widened to whole steps of 1, 2 or 5 × 10^k, with at most
     * {@code maxIntervals} intervals. A constant course gets a range ±5 % around its value (a
     * non-negative one not below 0), so the line lies inside the panel rather than on its edge.
     */
    public static AxisTicks forValues(double min, double max, int maxIntervals) {
        double magnitude = Math.max(Math.abs(min), Math.abs(max));
        if (!(max - min > 1e-9 * magnitude)) {
            double pad = magnitude > 0 ? 0.05 * magnitude : 1;
            min = min >= 0 ? Math.max(0, min - pad) : min - pad;
            max += pad;
        }
        double step = decimalStep((max - min) / maxIntervals);
        double low = Math.floor(min / step + 1e-9) * step;
        double high = Math.ceil(max / step - 1e-9) * step;
        // floor/ceil can add an interval on each side; widen the step once if that breaks the limit
        if (Math.round((high - low) / step) > maxIntervals) {
            step = decimalStep(step * 1.0001);
            low = Math.floor(min / step + 1e-9) * step;
            high = Math.ceil(max / step - 1e-9) * step;
        }
        int count = (int) Math.round((high - low) / step) + 1;
        return new AxisTicks(low, high, low, step, count, decimalsFor(step, magnitude));
    }

    /** A time axis from 0 to {@code end} (in the axis unit) with round steps for that unit. */
    static AxisTicks forTime(double end, TimeAxis unit, int maxIntervals) {
        if (!(end > 0)) {
            return forValues(0, 1, maxIntervals);
        }
        double wanted = end / maxIntervals;
        double step = decimalStep(wanted);
        if (wanted > 1) {
            step = roundTime(wanted, unit.secondsPerUnit() == 3600 ? HOUR_STEPS : SIXTY_STEPS);
        }
        int count = (int) Math.floor(end / step + 1e-9) + 1;
        return new AxisTicks(0, end, 0, step, count, decimalsFor(step, end));
    }

    /** The smallest 1, 2 or 5 × 10^k that is at least {@code wanted}. */
    static double decimalStep(double wanted) {
        double power = Math.pow(10, Math.floor(Math.log10(wanted)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= wanted * (1 - 1e-12)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static double roundTime(double wanted, double[] steps) {
        for (double s : steps) {
            if (s >= wanted) {
                return s;
            }
        }
        return decimalStep(wanted);
    }

    private static int decimalsFor(double step, double magnitude) {
        if (magnitude >= 1e6 || (magnitude > 0 && magnitude < 1e-3)) {
            return -1;
        }
        return (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
    }

    List<Double> positions() {
        List<Double> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double v = first + i * step;
            out.add(Math.abs(v) < 1e-9 * step ? 0.0 : v);
        }
        return out;
    }

    /** The label of a tick: grouped thousands and just the decimals the step needs, or 1.5E-4 style. */
    String label(double value) {
        return format().format(value);
    }

    /** The same format as a pattern, for XChart's own (hidden) labels so it reserves the right width. */
    String pattern() {
        if (decimals < 0) {
            return "0.##E0";
        }
        return decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals);
    }

    private DecimalFormat format() {
        return new DecimalFormat(pattern(), DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}

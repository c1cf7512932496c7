package org.stromasim.viewer.data;

import org.stromasim.viewer.color.ColorMap;

/**
 * Maps field values to [0, 1], the coordinate of the colour map and of the opacity ramp: linear between
 * {@code low} and {@code high}, or logarithmic (concentrations span decades; a log scale shows the front
 * of a penetrating drug that a linear one hides). Values outside the range are clamped.
 *
 * @param low  value shown at the bottom of the colour bar (in log scale: > 0)
 * @param high value shown at the top; > low
 * @param log  true for log10 scaling
 */
public record TransferFunction(double low, double high, boolean log) {

    /** Decades shown in log scale when the field has zeros: the auto range floor is high / 10^4. */
    public static final double LOG_DECADES = 4;

    public TransferFunction {
        if (!(high > low) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new ViewerInputException("value range [" + low + ", " + high + "] is empty or not finite"
                    + " (allowed: finite low < high)");
        }
        if (log && !(low > 0)) {
            throw new ViewerInputException("log scale needs a range above zero, got low = " + low);
        }
    }

    /**
     * The range of a field: its finite minimum and maximum; for a diverging map on a field with both signs,
     * symmetric about 0 so that zero sits at the neutral centre colour, and on a field of one sign from 0
     * to its extreme (no empty negative or positive half). A constant field gets a unit-wide range around
     * its value.
     */
    public static TransferFunction auto(VolumeField field, boolean log, ColorMap map) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double minPositive = Double.POSITIVE_INFINITY;
        for (float v : field.values()) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (v > 0) {
                    minPositive = Math.min(minPositive, v);
                }
            }
        }
        if (min > max) {
            min = 0;
            max = 0;
        }
        if (map.diverging() && min >= 0 && max > min) {
            return new TransferFunction(0, max, false); // a non-negative field has no negative half to show
        }
        if (map.diverging() && max <= 0 && max > min) {
            return new TransferFunction(min, 0, false);
        }
        if (map.diverging()) {
            double extent = Math.max(Math.abs(min), Math.abs(max));
            return extent > 0 ? new TransferFunction(-extent, extent, false) : new TransferFunction(-1, 1, false);
        }
        if (log) {
            if (!(max > 0)) {
                return new TransferFunction(1e-4, 1, true);
            }
            double low = Math.max(minPositive, max / Math.pow(10, LOG_DECADES));
            return new TransferFunction(low, low < max ? max : low * 10, true);
        }
        if (max > min) {
            return new TransferFunction(min, max, false);
        }
        return new TransferFunction(min - 0.5, min + 0.5, false);
    }

    /** Position of {@code value} on the colour bar, in [0, 1]. */
    public double normalize(double value) {
        if (!Double.isFinite(value)) {
            return value > 0 ? 1 : 0;
        }
        double t = log
                ? (Math.log10(Math.max(value, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))
                : (value - low) / (high - low);
        return Math.min(1, Math.max(0, t));
    }

    /** Every value of a field normalised, the texture the shader samples. */
    public float[] normalize(VolumeField field) {
        float[] values = field.values();
        float[] out = new float[values.length];
        for (int v = 0; v < values.length; v++) {
            out[v] = (float) normalize(values[v]);
        }
        return out;
    }

    /** Decades a log colour bar spans, log10(high / low); 0 for a linear one. */
    public double logDecades() {
        return log ? Math.log10(high / low) : 0;
    }

    /**
     * How opaque compositing makes a sample at colour-bar position {@code t}, relative to the top: {@code t}
     * on a linear scale; on a log scale the value over the top value, value / high, so opacity follows the
     * amount as light absorption does (Beer–Lambert) and the log scale changes only the colours. A ramp in
     * the log position instead gives a tissue that lies within a decade of the top three quarters or more
     * of full opacity everywhere, and the box turns into an opaque block of the map's top colour. The
     * shader computes the same (volume.frag, opacityWeight).
     */
    public double opacityWeight(double t) {
        return log ? Math.pow(10, (t - 1) * logDecades()) : t;
    }

    /** The field value at colour-bar position {@code t} (inverse of {@link #normalize(double)}). */
    public double valueAt(double t) {
        return log ? Math.pow(10, Math.log10(low) + t * (Math.log10(high) - Math.log10(low))) : low + t * (high - low);
    }
}

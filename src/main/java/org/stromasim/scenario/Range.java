package org.stromasim.scenario;

/**
 * The allowed values of a numeric key, with its unit, and the words that say so in an error
 * message ("must be > 0 (µm²/s)"). Infinity and NaN are never allowed.
 */
record Range(double min, boolean minInclusive, double max, boolean maxInclusive, String unit) {

    static Range positive(String unit) {
        return new Range(0, false, Double.POSITIVE_INFINITY, false, unit);
    }

    static Range nonNegative(String unit) {
        return new Range(0, true, Double.POSITIVE_INFINITY, false, unit);
    }

    /** A fraction in [0, 1]. */
    static Range fraction() {
        return new Range(0, true, 1, true, "");
    }

    /** A share that must not be zero: (0, 1]. */
    static Range positiveFraction() {
        return new Range(0, false, 1, true, "");
    }

    static Range atLeast(double min, String unit) {
        return new Range(min, true, Double.POSITIVE_INFINITY, false, unit);
    }

    static Range between(double min, double max, String unit) {
        return new Range(min, true, max, true, unit);
    }

    static Range anyFinite(String unit) {
        return new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false, unit);
    }

    boolean contains(double v) {
        if (!Double.isFinite(v)) {
            return false;
        }
        boolean aboveMin = minInclusive ? v >= min : v > min;
        boolean belowMax = maxInclusive ? v <= max : v < max;
        return aboveMin && belowMax;
    }

    /**
     * What to write, e.g. "a number > 0 (µm²/s)", "an integer in [1, 10]", or just "an integer" when
     * any value is allowed.
     */
    String requirement(String kind) {
        if (isUnbounded()) {
            return unit.isEmpty() ? kind : kind + " (" + unit + ")";
        }
        return kind + " " + describe();
    }

    boolean isUnbounded() {
        return min == Double.NEGATIVE_INFINITY && max == Double.POSITIVE_INFINITY;
    }

    /** e.g. "> 0 (µm²/s)", "in [0, 1]", "≥ 1 (voxels)". */
    String describe() {
        String bounds;
        boolean hasMin = min != Double.NEGATIVE_INFINITY;
        boolean hasMax = max != Double.POSITIVE_INFINITY;
        if (hasMin && hasMax) {
            bounds = "in " + (minInclusive ? "[" : "(") + format(min) + ", " + format(max) + (maxInclusive ? "]" : ")");
        } else if (hasMin) {
            bounds = (minInclusive ? "≥ " : "> ") + format(min);
        } else if (hasMax) {
            bounds = (maxInclusive ? "≤ " : "< ") + format(max);
        } else {
            bounds = "(any value)";
        }
        return unit.isEmpty() ? bounds : bounds + " (" + unit + ")";
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}

package org.stromasim.report;

/**
 * When a metric's time course settles, by the settling-time convention of control engineering: the
 * time from which the course stays within a band of ±{@value #BAND} of its whole change (last value
 * minus first) around its last value. The band is a share of the change, not of the last value, so a
 * read-out that falls towards 0 (the under-suppressed fraction) is judged like one that rises.
 *
 * <p>The entry into the band is interpolated linearly between the last row outside it and the first row
 * inside, so the time does not jump with the metrics interval. The last value is only the steady value
 * if the course has stopped moving, so the steady state counts as reached only when the course has
 * stayed in the band for at least the last {@value #MIN_HOLD} of the run; otherwise it is "not reached"
 * (the run is too short to say). A course that swings with each dose by more than the band never
 * settles by this rule; the time-course panel shows the swing.
 *
 * @param settledS   the time the course entered the band for good, s from t = 0 (NaN when not reached
 *                   or undefined)
 * @param lastValue  the last finite value (NaN when there is none)
 * @param heldS      how long the course has been in the band at the end, s (NaN when undefined)
 * @param reason     why there is no time: "not reached", "n/a"; null when there is one
 */
public record SteadyState(double settledS, double lastValue, double heldS, String reason) {

    /** Half-width of the band, as a share of the course's whole change. */
    public static final double BAND = 0.10;
    /** The share of the run's duration the course must have stayed in the band at the end. */
    public static final double MIN_HOLD = 0.20;

    /** The steady state of {@code values} sampled at {@code timesS}; rows with a non-finite value are skipped. */
    public static SteadyState of(double[] timesS, double[] values) {
        if (timesS.length != values.length) {
            throw new IllegalArgumentException(timesS.length + " times for " + values.length + " values");
        }
        int first = -1;
        int last = -1;
        for (int r = 0; r < values.length; r++) {
            if (Double.isFinite(values[r]) && Double.isFinite(timesS[r])) {
                first = first < 0 ? r : first;
                last = r;
            }
        }
        if (first < 0 || first == last) {
            return new SteadyState(Double.NaN, first < 0 ? Double.NaN : values[last], Double.NaN, "n/a");
        }
        double end = values[last];
        double band = BAND * Math.abs(end - values[first]);
        // walk back from the end to the last row outside the band
        int inside = last;
        int outside = -1;
        for (int r = last - 1; r >= first; r--) {
            if (!Double.isFinite(values[r])) {
                continue;
            }
            if (Math.abs(values[r] - end) > band) {
                outside = r;
                break;
            }
            inside = r;
        }
        double settled;
        if (outside < 0) {
            settled = timesS[first];
        } else {
            // the band edge on the outside row's side of the last value
            double edge = end + Math.signum(values[outside] - end) * band;
            double fraction = (values[outside] - edge) / (values[outside] - values[inside]);
            settled = timesS[outside] + fraction * (timesS[inside] - timesS[outside]);
        }
        double held = timesS[last] - settled;
        if (held < MIN_HOLD * (timesS[last] - timesS[first])) {
            return new SteadyState(Double.NaN, end, held, "not reached");
        }
        return new SteadyState(settled, end, held, null);
    }

    public boolean reached() {
        return reason == null;
    }

    /** "2.8 d", "7.5 h", "not reached (still changing in the last 20 % of the run)", "n/a". */
    public String text() {
        if (reached()) {
            return duration(settledS);
        }
        return reason.equals("not reached")
                ? "not reached (still changing in the last " + Math.round(100 * MIN_HOLD) + " % of the run)"
                : reason;
    }

    /** A duration in the unit a reader of that scale expects: s, min, h or d, three significant digits. */
    public static String duration(double seconds) {
        double a = Math.abs(seconds);
        if (a < 120) {
            return Headline.number3(seconds) + " s";
        }
        if (a < 7200) {
            return Headline.number3(seconds / 60) + " min";
        }
        if (a < 2 * 86400) {
            return Headline.number3(seconds / 3600) + " h";
        }
        return Headline.number3(seconds / 86400) + " d";
    }
}

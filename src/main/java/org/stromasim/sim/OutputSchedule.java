package org.stromasim.sim;

/**
 * When a run writes metrics rows and snapshots: at whole multiples of each interval, and always at the
 * end. Times are computed as k × interval (never by repeated addition) so that long runs do not drift.
 */
final class OutputSchedule {

    /** Relative tolerance for "this time is an output time". */
    private static final double EPS = 1e-9;

    private final double intervalS;

    OutputSchedule(double intervalS) {
        this.intervalS = intervalS;
    }

    /** The first output time strictly after {@code timeS}. */
    double nextAfter(double timeS) {
        long k = (long) Math.floor(timeS / intervalS * (1 + EPS) + EPS) + 1;
        return k * intervalS;
    }

    /**
     * The latest output time at or before {@code timeS}, computed as k × interval with the same k that
     * {@link #nextAfter} would have produced, so it equals bitwise the event time a run passed through.
     */
    double lastAtOrBefore(double timeS) {
        long k = (long) Math.floor(timeS / intervalS * (1 + EPS) + EPS);
        return k * intervalS;
    }

    /** Whether {@code timeS} is an output time. */
    boolean isDue(double timeS) {
        double k = Math.rint(timeS / intervalS);
        return Math.abs(timeS - k * intervalS) <= EPS * Math.max(1.0, timeS);
    }
}

package org.stromasim.sim;

import org.stromasim.backend.Backend;
import org.stromasim.tissue.Tissue;

/**
 * Step doubling on a backend: from one state, the transport over a pilot window is run twice, with
 * the run's steps (interval by interval, as {@link TimeStepPlan#stepsFor} splits it) and with each of
 * those steps halved, and the two end states are compared. The backend is left holding the start
 * state again (uploaded afresh), so the run continues exactly as if no pilot had run.
 *
 * <p>The two runs advance side by side, interval by interval (the backend holds one state at a time:
 * each is uploaded, advanced over one interval and downloaded again), so that a candidate whose
 * difference is already far too large part-way through the window is abandoned there instead of being
 * run to the end: that is where most of the cost of rejected candidates went (a candidate costs
 * about 1 + √2 times the run's own work over the window, RKL2 at h/2 needing 1/√2 of the stages).
 * A download and upload at every interval end is what the run itself does at a metrics time, so the
 * coarse run passes through the same (float-rounded) states as the run.
 *
 * <p>The difference measured is the largest, over the species' concentration fields and the drug
 * exposure accumulated over the window, of the relative L2 difference ‖coarse − fine‖₂ / ‖fine‖₂
 * (exposure: of the increments over the window). A field that is zero in the fine run everywhere has
 * nothing to be relative to and is skipped.
 */
final class StepDoublingPilot {

    private final Backend backend;
    private final Tissue start;
    private final Tissue coarse;
    private final Tissue fine;
    /** The coarse run advances in calls of at most this many steps, as the run's loop does. */
    private final int chunkSteps;

    /** Told the coarse run's state at each interval end (the run's own state there, when it adopts the pilot). */
    interface CoarseListener {
        void reached(double timeS, Tissue coarse);
    }

    /** @param start the state at the window start; it must be the state the backend holds (uploaded) */
    StepDoublingPilot(Backend backend, Tissue start) {
        this(backend, start, Integer.MAX_VALUE);
    }

    /**
     * @param chunkSteps the run loop's largest advance call, in steps: a backend may fuse work across
     *                   the steps of one call, so the coarse run splits its calls where the run does
     */
    StepDoublingPilot(Backend backend, Tissue start, int chunkSteps) {
        this.backend = backend;
        // The backend's own copy of what it holds: a state that carries no rebalancing term (a fresh
        // run's initial state) does not reset the backend's on upload, so restoring "start" by uploading
        // the caller's copy would leave the last pilot run's term behind and change the run that follows.
        this.start = start.copy();
        backend.download(this.start);
        this.coarse = start.copy();
        this.fine = start.copy();
        this.chunkSteps = chunkSteps;
    }

    /** The coarse run's state where the last {@link #compare} stopped. */
    Tissue coarse() {
        return coarse;
    }

    /**
     * The largest relative difference, the field it was found in, and the time the two runs had
     * reached: the window end, or, when {@code abandoned}, the interval end where it was given up.
     */
    record Difference(double relative, String field, double untilS, boolean abandoned) {
    }

    /**
     * Runs the window {@code eventTimesS[0] → eventTimesS[last]} with at most {@code plan.maxDtS()} per
     * step (equal steps between consecutive event times, as the run takes them) and with half those
     * steps, and returns their difference. Never abandoned early.
     */
    Difference compare(double[] eventTimesS, TimeStepPlan plan) {
        return compare(eventTimesS, plan, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #compare(double[], TimeStepPlan)}, but gives up at the first interval end in the second
     * half of the window (before its end) where the relative difference exceeds {@code abandonAbove},
     * returning that difference. Not earlier: the exposure's difference is relative to its increment
     * since the window start, which is tiny just after the start or an onset (a bolus), so early ratios
     * say little about the window's (measured: 133 % by 60 s at steps of 0.08 s over a bolus at 60 s
     * on the reduced default scenario, whose 240 s window meets 3 % at 8 s steps).
     */
    Difference compare(double[] eventTimesS, TimeStepPlan plan, double abandonAbove) {
        return compare(eventTimesS, plan, abandonAbove, (t, c) -> { });
    }

    /** As {@link #compare(double[], TimeStepPlan, double)}, telling {@code listener} each coarse interval end. */
    Difference compare(double[] eventTimesS, TimeStepPlan plan, double abandonAbove, CoarseListener listener) {
        start.copyInto(coarse);
        start.copyInto(fine);
        int last = eventTimesS.length - 1;
        Difference d = new Difference(0, "none", eventTimesS[0], false);
        for (int i = 0; i < last; i++) {
            advanceInterval(eventTimesS[i], eventTimesS[i + 1], plan, 1, coarse);
            listener.reached(eventTimesS[i + 1], coarse);
            advanceInterval(eventTimesS[i], eventTimesS[i + 1], plan, 2, fine);
            boolean pastHalf = eventTimesS[i + 1] - eventTimesS[0] >= 0.5 * (eventTimesS[last] - eventTimesS[0]);
            if (i + 1 < last && pastHalf && Double.isFinite(abandonAbove)) {
                d = difference(eventTimesS[i + 1], false);
                if (d.relative() > abandonAbove) {
                    backend.upload(start);
                    return new Difference(d.relative(), d.field(), d.untilS(), true);
                }
            }
        }
        backend.upload(start);
        return difference(eventTimesS[last], false);
    }

    private Difference difference(double untilS, boolean abandoned) {
        double worst = 0;
        String where = "none";
        for (int s = 0; s < start.speciesCount(); s++) {
            double r = relativeL2(coarse.concentration(s), fine.concentration(s), null);
            if (r > worst) {
                worst = r;
                where = start.speciesNames().get(s);
            }
        }
        double exposure = relativeL2(coarse.drugExposure(), fine.drugExposure(), start.drugExposure());
        if (exposure > worst) {
            worst = exposure;
            where = "drug exposure";
        }
        return new Difference(worst, where, untilS, abandoned);
    }

    /** Advances {@code state} from {@code fromS} to {@code toS} in the run's steps divided by {@code refinement}. */
    private void advanceInterval(double fromS, double toS, TimeStepPlan plan, int refinement, Tissue state) {
        backend.upload(state);
        double length = toS - fromS;
        int steps = plan.stepsFor(length) * refinement;
        double dt = length / steps;
        int chunk = refinement == 1 ? chunkSteps : Integer.MAX_VALUE;
        for (int done = 0; done < steps; ) {
            int n = Math.min(chunk, steps - done);
            backend.advance(fromS + done * dt, dt, n); // times as the run's loop computes them
            done += n;
        }
        backend.download(state);
    }

    /** ‖a − b‖ / ‖b − base‖ (base null: 0); 0 when the denominator is 0 (nothing to be relative to). */
    static double relativeL2(float[] a, float[] b, float[] base) {
        if (a == null || b == null) {
            return 0;
        }
        double num = 0;
        double den = 0;
        for (int v = 0; v < a.length; v++) {
            double d = (double) a[v] - b[v];
            double ref = base == null ? b[v] : (double) b[v] - base[v];
            num += d * d;
            den += ref * ref;
        }
        return den > 0 ? Math.sqrt(num / den) : 0;
    }
}

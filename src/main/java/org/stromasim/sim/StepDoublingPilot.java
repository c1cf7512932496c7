package org.stromasim.sim;

import org.stromasim.backend.Backend;
import org.stromasim.tissue.Tissue;

/**
 * Step doubling on a backend: from one state, the transport over a pilot window is run twice, with
 * the run's steps (interval by interval, as {@link TimeStepPlan#stepsFor} splits it: the "coarse" run,
 * the one the run may adopt) and with a reference step, and the two end states are compared. The
 * reference takes twice the run's steps ({@link Reference#DOUBLE_STEPS}, the cheap one: RKL2 at 2h
 * needs about √2 times the stages of h for half the steps, so about 0.7 of the run's work, TR-BDF2 and
 * the unsplit step 0.5; intervals of a single step are crossed in pairs, {@link #schedule}, or
 * several at a time, {@link #grouped}: 1/6 of the run's work for six intervals) or half of
 * them ({@link Reference#HALF_STEPS}, for windows whose intervals hold too few steps to double, or a
 * doubled step beyond the stage cap; about 1.4 times the run's work). The backend is left holding the
 * start state again (uploaded afresh), so the run continues exactly as if no pilot had run.
 *
 * <p>The two runs advance side by side, interval by interval (the backend holds one state at a time:
 * each is uploaded, advanced over one interval and downloaded again), so that a candidate whose
 * difference is already far too large part-way through the window is abandoned there instead of being
 * run to the end: that is where most of the cost of rejected candidates went.
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
    /** The coarse run's state; null after {@link #takeCoarse} until the next {@link #compare}. */
    private Tissue coarse;
    private final Tissue reference;
    /** Both runs advance in calls of at most this many steps, as the run's loop does. */
    private final int chunkSteps;
    private final StopRequest stop;
    /** Wall seconds the last {@link #compare} spent on the coarse run (its steps and its listener). */
    private double coarseWallS;
    /**
     * The window and step of the coarse run {@link #coarse} holds complete (run to the window's end, not
     * abandoned), for {@link #compareWithCoarse}; null when it holds none.
     */
    private double[] coarseWindow;
    private double coarseStepS = Double.NaN;

    /** Told the coarse run's state at each interval end (the run's own state there, when it adopts the pilot). */
    interface CoarseListener {
        void reached(double timeS, Tissue coarse);
    }

    /**
     * @param start the state at the window start; it must be the state the backend holds (uploaded). It
     *              is restored from the backend here and uploaded again after each comparison, never
     *              changed otherwise
     */
    StepDoublingPilot(Backend backend, Tissue start) {
        this(backend, start, Integer.MAX_VALUE);
    }

    /**
     * @param chunkSteps the run loop's largest advance call, in steps: a backend may fuse work across
     *                   the steps of one call, so the coarse run splits its calls where the run does
     */
    StepDoublingPilot(Backend backend, Tissue start, int chunkSteps) {
        this(backend, start, chunkSteps, StopRequest.NEVER);
    }

    /**
     * @param stop polled before every advance call of either run, as the run's loop polls it: when it
     *             asks, the backend is given the start state back and {@link PilotStopped} is thrown
     */
    StepDoublingPilot(Backend backend, Tissue start, int chunkSteps, StopRequest stop) {
        this.stop = stop;
        this.backend = backend;
        // What the backend holds, so that restoring "start" by uploading it gives the run that follows
        // exactly the backend state it would have had without the pilots.
        this.start = start;
        backend.download(start);
        // copies of the transported fields only: the tissue fields are shared, a pilot runs transport alone
        this.coarse = start.transportCopy();
        this.reference = start.transportCopy();
        this.chunkSteps = chunkSteps;
    }

    /** The step of the run the coarse one is compared with. */
    enum Reference {
        /** Each interval's n steps halved: 2n steps. */
        HALF_STEPS,
        /**
         * Each interval's n ≥ 2 steps doubled: ⌈n/2⌉ steps; two neighbouring intervals of one step each
         * are crossed together in one reference step (see {@link #schedule}).
         */
        DOUBLE_STEPS,
        /**
         * Every interval a single run step, crossed several at a time: each group of neighbouring
         * intervals in one reference step of at most {@link AccuracyStepControl#MAX_STEP_S} (see
         * {@link #schedule}); the ratio is the group's length over its longest interval.
         */
        GROUPED
    }

    /** Reference steps for an interval the run crosses in {@code runSteps} steps. */
    static int referenceSteps(int runSteps, Reference reference) {
        return reference == Reference.HALF_STEPS ? 2 * runSteps : (runSteps + 1) / 2;
    }

    /**
     * Where the reference run is compared with the coarse one, and how many steps it takes to get there:
     * segment k ends at event {@code endEvent[k]} (an index into the window's event times) and is crossed
     * in {@code steps[k]} equal steps; {@code smallestRatio} is the smallest ratio of a reference step to
     * a run step of the same segment.
     */
    record Schedule(int[] endEvent, int[] steps, double smallestRatio) {
        /** Whether a segment crosses two intervals (a pair of single-step intervals). */
        boolean pairsIntervals(int intervals) {
            return endEvent.length < intervals;
        }
    }

    /**
     * The reference's segments over the window, null when doubled steps do not fit.
     *
     * <p>Half steps: every interval its own segment, 2n steps. Doubled steps: an interval of n ≥ 2 run
     * steps its own segment, ⌈n/2⌉ steps; an interval of a single run step is paired with the next one
     * if that also holds a single step, and the pair is crossed in one reference step. Pairing is what
     * makes doubled steps possible where the step sits at the metrics interval (the upper bound), one
     * step per interval: without it only half steps fit there, whose reference costs 2× the run's work
     * against 0.5× (implicit scheme: one solve per species and step at any step). The reference state
     * is needed only where the two runs are compared (the window end, and the segment ends for
     * abandoning), never at the interval inside a pair, so nothing is lost by not stopping there. Any
     * other single-step interval (one left over, or next to a longer interval) leaves no doubled
     * reference: null.
     */
    static Schedule schedule(double[] eventTimesS, TimeStepPlan plan, Reference reference) {
        if (reference == Reference.GROUPED) {
            return grouped(eventTimesS, plan, AccuracyStepControl.MAX_STEP_S);
        }
        int intervals = eventTimesS.length - 1;
        int[] endEvent = new int[intervals];
        int[] steps = new int[intervals];
        int segments = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < intervals; i++) {
            int n = plan.stepsFor(eventTimesS[i + 1] - eventTimesS[i]);
            if (reference == Reference.HALF_STEPS || n >= 2) {
                int m = referenceSteps(n, reference);
                endEvent[segments] = i + 1;
                steps[segments++] = m;
                smallest = Math.min(smallest, n / (double) m);
                continue;
            }
            boolean pairable = i + 1 < intervals && plan.stepsFor(eventTimesS[i + 2] - eventTimesS[i + 1]) == 1;
            if (!pairable) {
                return null;
            }
            double first = eventTimesS[i + 1] - eventTimesS[i];
            double second = eventTimesS[i + 2] - eventTimesS[i + 1];
            // one reference step over both against run steps of each length: the ratio to the longer one
            smallest = Math.min(smallest, (first + second) / Math.max(first, second));
            endEvent[segments] = i + 2;
            steps[segments++] = 1;
            i++;
        }
        return new Schedule(java.util.Arrays.copyOf(endEvent, segments), java.util.Arrays.copyOf(steps, segments),
                smallest);
    }

    /**
     * The grouped reference: where every interval of the window is crossed by the run in a single step,
     * the intervals are split into the fewest contiguous groups of at least two intervals each whose
     * lengths stay within {@code longestS} (sizes as equal as the count allows, larger groups first),
     * and each group is crossed in one reference step. Its ratio is the group's length over its longest
     * interval (6 for six equal intervals in one group). Null when an interval holds more than one run
     * step, when the window has fewer than two intervals, or when no grouping fits.
     */
    static Schedule grouped(double[] eventTimesS, TimeStepPlan plan, double longestS) {
        int intervals = eventTimesS.length - 1;
        for (int i = 0; i < intervals; i++) {
            if (plan.stepsFor(eventTimesS[i + 1] - eventTimesS[i]) != 1) {
                return null;
            }
        }
        for (int groups = 1; 2 * groups <= intervals; groups++) {
            int[] endEvent = new int[groups];
            int[] steps = new int[groups];
            double smallest = Double.POSITIVE_INFINITY;
            boolean fits = true;
            int start = 0;
            for (int g = 0; g < groups && fits; g++) {
                int size = intervals / groups + (g < intervals % groups ? 1 : 0);
                int end = start + size;
                double longestInterval = 0;
                for (int i = start; i < end; i++) {
                    longestInterval = Math.max(longestInterval, eventTimesS[i + 1] - eventTimesS[i]);
                }
                double length = eventTimesS[end] - eventTimesS[start];
                fits = length <= longestS * (1 + 1e-12);
                smallest = Math.min(smallest, length / longestInterval);
                endEvent[g] = end;
                steps[g] = 1;
                start = end;
            }
            if (fits) {
                return new Schedule(endEvent, steps, smallest);
            }
        }
        return null;
    }

    /**
     * The smallest ratio of the reference's step to the run's over the window's reference segments
     * ({@link #schedule}): 1/2 with half steps; with doubled steps n/⌈n/2⌉ (2 for even n, 5/3 for n = 5),
     * L₁+L₂ over the longer of two paired single-step intervals, NaN when doubled steps do not fit.
     */
    static double smallestStepRatio(double[] eventTimesS, TimeStepPlan plan, Reference reference) {
        Schedule s = schedule(eventTimesS, plan, reference);
        return s == null ? Double.NaN : s.smallestRatio();
    }

    /** Wall seconds the last {@link #compare} spent on the coarse run: the run's own work when the run adopts it. */
    double coarseWallS() {
        return coarseWallS;
    }

    /** The coarse run's state where the last {@link #compare} stopped. */
    Tissue coarse() {
        return coarse;
    }

    /** The coarse run's state where the last {@link #compare} stopped, handed over: a later compare works in a new one. */
    Tissue takeCoarse() {
        Tissue taken = coarse;
        coarse = null;
        coarseWindow = null;
        return taken;
    }

    /**
     * Whether the last {@link #compare} ran the coarse run of {@code plan} over this very window to its
     * end, so that another reference can be compared with it by {@link #compareWithCoarse}.
     */
    boolean holdsCoarse(double[] eventTimesS, TimeStepPlan plan) {
        return coarseWindow != null && plan.maxDtS() == coarseStepS
                && java.util.Arrays.equals(coarseWindow, eventTimesS);
    }

    /**
     * The difference at the window's end between the coarse run the last {@link #compare} completed
     * ({@link #holdsCoarse}) and a run with {@code referenceStep}: the coarse run is the same whatever
     * it is compared with, so a candidate that one reference could not decide costs only the next
     * reference's run. Never abandoned (the coarse states inside the window are not kept); the coarse
     * run's wall time stays that of its own run.
     */
    Difference compareWithCoarse(double[] eventTimesS, TimeStepPlan plan, Reference referenceStep) {
        if (!holdsCoarse(eventTimesS, plan)) {
            throw new IllegalStateException("no complete coarse run of this step over this window to compare with");
        }
        Schedule schedule = schedule(eventTimesS, plan, referenceStep);
        if (schedule == null) {
            throw new IllegalArgumentException("no doubled-step reference fits this window");
        }
        start.copyTransportedInto(reference);
        int segmentStart = 0;
        for (int segment = 0; segment < schedule.endEvent().length; segment++) {
            int end = schedule.endEvent()[segment];
            advanceInterval(eventTimesS[segmentStart], eventTimesS[end], schedule.steps()[segment],
                    reference); // as compare advances it: the same reference run
            segmentStart = end;
        }
        backend.upload(start);
        return difference(eventTimesS[eventTimesS.length - 1], false);
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
        return compare(eventTimesS, plan, Reference.HALF_STEPS, abandonAbove, (t, c) -> { });
    }

    /**
     * Runs the window with the run's steps and with the {@code referenceStep}'s, abandoning as
     * {@link #compare(double[], TimeStepPlan, double)} does, telling {@code listener} each coarse
     * interval end.
     */
    Difference compare(double[] eventTimesS, TimeStepPlan plan, Reference referenceStep, double abandonAbove,
                       CoarseListener listener) {
        if (coarse == null) {
            coarse = start.transportCopy();
        } else {
            start.copyTransportedInto(coarse);
        }
        start.copyTransportedInto(reference);
        coarseWallS = 0;
        coarseWindow = null;
        int last = eventTimesS.length - 1;
        Schedule schedule = schedule(eventTimesS, plan, referenceStep);
        if (schedule == null) {
            throw new IllegalArgumentException("no doubled-step reference fits this window");
        }
        int segment = 0;
        int segmentStart = 0;
        for (int i = 0; i < last; i++) {
            int runSteps = plan.stepsFor(eventTimesS[i + 1] - eventTimesS[i]);
            long coarseStart = System.nanoTime();
            advanceInterval(eventTimesS[i], eventTimesS[i + 1], runSteps, coarse);
            listener.reached(eventTimesS[i + 1], coarse);
            coarseWallS += (System.nanoTime() - coarseStart) * 1e-9;
            if (schedule.endEvent()[segment] != i + 1) {
                continue; // inside a paired segment: the reference crosses it in one step at its end
            }
            advanceInterval(eventTimesS[segmentStart], eventTimesS[i + 1], schedule.steps()[segment], reference);
            segment++;
            segmentStart = i + 1;
            boolean pastHalf = eventTimesS[i + 1] - eventTimesS[0] >= 0.5 * (eventTimesS[last] - eventTimesS[0]);
            if (i + 1 < last && pastHalf && Double.isFinite(abandonAbove)) {
                Difference d = difference(eventTimesS[i + 1], false);
                if (d.relative() > abandonAbove) {
                    backend.upload(start);
                    return new Difference(d.relative(), d.field(), d.untilS(), true);
                }
            }
        }
        backend.upload(start);
        coarseWindow = eventTimesS.clone();
        coarseStepS = plan.maxDtS();
        return difference(eventTimesS[last], false);
    }

    private Difference difference(double untilS, boolean abandoned) {
        double worst = 0;
        String where = "none";
        for (int s = 0; s < start.speciesCount(); s++) {
            double r = relativeL2(coarse.concentration(s), reference.concentration(s), null);
            if (r > worst) {
                worst = r;
                where = start.speciesNames().get(s);
            }
        }
        double exposure = relativeL2(coarse.drugExposure(), reference.drugExposure(), start.drugExposure());
        if (exposure > worst) {
            worst = exposure;
            where = "drug exposure";
        }
        return new Difference(worst, where, untilS, abandoned);
    }

    /** Advances {@code state} from {@code fromS} to {@code toS} in {@code steps} equal steps, at most {@code chunk} per call. */
    private void advanceInterval(double fromS, double toS, int steps, Tissue state) {
        backend.upload(state);
        double length = toS - fromS;
        double dt = length / steps;
        for (int done = 0; done < steps; ) {
            if (stop.isRequested()) {
                backend.upload(start);
                throw new PilotStopped();
            }
            int n = Math.min(chunkSteps, steps - done);
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

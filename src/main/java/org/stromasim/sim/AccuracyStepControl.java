package org.stromasim.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stromasim.backend.Backend;
import org.stromasim.metrics.MetricsCalculator;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.scenario.RunSpec;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ReactionStiffness;
import org.stromasim.transport.Rkl2;
import org.stromasim.transport.TransportFields;

/**
 * Chooses the coupling step of the large-step schemes (RKL2, implicit TR-BDF2) for
 * {@code run.diffusion.target_relative_error} by step doubling
 * (Richardson) on a pilot window, from the state at the start of the run and at every snapshot.
 *
 * <p>Estimator. A scheme of order p run with steps h over a window has error e(h) ≈ C·hᵖ, so the
 * difference between the runs with h and ρh is C·hᵖ·|ρᵖ − 1| and the error of the h run is estimated
 * as E(h) = ‖y_h − y_{ρh}‖ / |ρᵖ − 1| ({@link #toEstimate}), relative L2 as {@link StepDoublingPilot} measures it
 * (the worst of the species' concentrations and the window's drug exposure). p is the order of the
 * coupling: 2 with Strang splitting (RKL2 and TR-BDF2 are second order, Strang splitting with exact
 * sub-steps second order; LargeStepControlTest and ImplicitDiffusionTest check the observed order on
 * the test problems), 1 with Lie splitting.
 *
 * <p>Control. The first candidate is the upper bound ({@link #upperBoundS}), or, where the run plans
 * again at the end of a short pilot window, the last accepted step grown by its estimate
 * ({@link #continuedCandidate}); while its estimate is
 * above the target, the next candidate is h·(AIM·target/E)^(1/p), p replaced by the order observed
 * between the last two candidates when that is lower (clamped to [1, p]), and the step is taken only
 * once a pilot at that very step, over the whole pilot window, estimates an error ≤ target. So a wrong
 * order assumption costs another pilot, never an error above the estimate.
 *
 * <p>Cost. A candidate costs the run's own work over the pilot window (h) plus its reference run's:
 * with doubled steps (ρ = 2, where every interval of the window holds enough steps and 2h is within
 * the stage cap) about 1/√2 of it (RKL2 at 2h needs √2 times the stages of h for half the steps;
 * TR-BDF2 half the work), with half steps (ρ = 1/2) about √2 times it. Four things keep the control cheap:
 * <ul>
 *   <li>the reference: where every interval of the window holds one step (the step at its cap), the
 *       intervals grouped into reference steps of up to an hour (one step for six intervals: 1/6 of the
 *       run's work, {@link StepDoublingPilot#grouped}), accepting on a reading that allows for the
 *       error growing slower than h that far ({@link #GROUPED_SLOWEST_GROWTH}) and rejecting only where
 *       its lower bound is far above the target; else doubled steps wherever they fit
 *       ({@link #referenceFor}), including intervals of one step crossed in pairs and intervals of three
 *       steps (ratio 1.5), where they only accept (pairs reject too at order 1); a second reference for
 *       the same candidate reuses its completed coarse run ({@link StepDoublingPilot#compareWithCoarse});</li>
 *   <li>short windows: a candidate far below its cap (a step limited by a bolus or dose) is piloted
 *       over part of the window only ({@link #pilotWindowFor}), and the run plans again where that part
 *       ends, from a grown candidate, so the step grows as the transient dies away instead of staying
 *       at the bolus's step to the next snapshot;</li>
 *   <li>abandoning: a candidate whose estimate is already above {@link #ABANDON_ABOVE} × the target in
 *       the second half of the window is rejected there ({@link StepDoublingPilot}); rejecting is
 *       always safe, accepting still needs the whole window;</li>
 *   <li>adopting: the accepted candidate's run with step h <em>is</em> the run over the pilot window
 *       (same steps, advance calls and float rounding at each metrics time), so the run takes its end
 *       state and metrics rows instead of recomputing it ({@link Adopted}; checked bitwise by
 *       LargeStepControlTest#adoptingTheAcceptedPilotChangesNothing on the Java backend, and to float
 *       rounding where metrics are reduced on the device by AdoptedPilotsOnDeviceTest);</li>
 *   <li>grow-back: when the accepted step's estimate is below {@link #GROW_BELOW} × the target (the cut
 *       overshot: estimates often fall faster than hᵖ before the asymptotic range), one larger
 *       candidate is tried between it and the rejected step, so the run does not crawl at a step far
 *       smaller than the target needs, where the rest of the window after the pilot is long enough to
 *       repay that pilot ({@link #growingPays}).</li>
 * </ul>
 *
 * <p>Determinism: everything is computed from the state at the window start and the event times;
 * snapshots store that state, so a run resumed from a snapshot chooses, and takes, the same steps.
 */
public final class AccuracyStepControl {

    /**
     * Upper bound of the coupling step. Choice (C): one hour; beyond it the plasma curves' phases
     * (bolus distribution half-life ≈ 5 min in the default scenario) are not resolved at all.
     */
    static final double MAX_STEP_S = 3600;
    /**
     * Fraction of the target a new candidate aims at. Choice (C): half, so that one pilot at the
     * predicted step usually confirms it despite the estimate's own error (pre-asymptotic steps).
     */
    static final double AIM = 0.5;
    /**
     * Pilot windows are this many upper-bound steps long (or to the next snapshot, if sooner); for a
     * candidate {@link #FAR_BELOW_CAP far below the upper bound}, this many of its own steps, at least
     * {@link #SHORTEST_WINDOW} of that window ({@link #pilotWindowFor}). Choice (C).
     */
    static final int PILOT_STEPS = 8;
    /**
     * A candidate at most this fraction of the upper bound is far below its cap: it is limited by a
     * transient (a bolus or dose) whose error dies away, so it is piloted over part of the window only
     * ({@link #pilotWindowFor}), and the run plans again where that part ends, starting from a larger
     * candidate ({@link #continuedCandidate}). Choice (C).
     */
    static final double FAR_BELOW_CAP = 0.25;
    /**
     * A short pilot window (candidate far below its cap) still covers at least this fraction of the
     * usual one. Choice (C): the error is relative to the window's exposure increment, which is small
     * just after a bolus, so very short windows ask for far smaller steps than the hour does (24 h of
     * the default scenario at 32³, implicit unsplit: 30 s read 2.57 % over the first 600 s, 0.80 % over
     * 1800 s and 0.47 % over the hour; with windows of 8 candidate steps the run crawled at 5.8 s).
     */
    static final double SHORTEST_WINDOW = 0.5;
    /**
     * The first candidate of a window continued after a short pilot window is the last accepted step
     * times (target / its estimate)^(1/p), at least 1× and at most this (Hairer, Nørsett & Wanner's
     * facmax, 1.5–5; Söderlind's limiters serve the same end). Choice (C).
     */
    static final double MAX_GROWTH = 4;
    /**
     * Smallest ratio of doubled to run steps in any interval for the reference to take doubled steps
     * (an interval of three steps doubles to two, 1.5, where the estimate's factor 1/(ρ² − 1) = 0.8
     * magnifies the difference's own error); half steps below. Choice (C).
     */
    static final double SMALLEST_DOUBLING_RATIO = 1.6;
    /**
     * Smallest such ratio for a doubled reference that only accepts (as paired intervals do): an interval
     * of three steps doubled to two, 1.5. Its first-order reading, 1/(1.5 − 1) = 2 × the difference, is
     * the error itself for order 1 and above it for order 2 (2.5 C·h²), so accepting on it is as safe
     * as on 2h; rejecting on it is not (the order-p factor magnifies the difference's own error), so a
     * candidate it does not accept is piloted against h/2. Choice (C).
     */
    static final double SMALLEST_ACCEPTING_RATIO = 1.5;
    /**
     * The grouped reference (one step of ρh, ρ up to 6 on day-long runs) reaches far beyond the range
     * where the error grows linearly with the step: on 24 h of the default scenario at 32³ the
     * difference to it, read as first order, was 0.83–0.87 × the pairs' reading (error growing as
     * about h^0.75–0.9 between h and 6h), and at t = 1 h it accepted 600 s at 0.93 % where h/2 read
     * 1.23 %. Its accepting reading therefore assumes the error grows at least as h^q with this q over
     * [h, ρh]: ‖y_h − y_ρh‖/(ρ^q − 1), 0.69 × the difference at ρ = 6 instead of 0.2. Choice (C):
     * below the smallest growth measured, with margin.
     */
    static final double GROUPED_SLOWEST_GROWTH = 0.5;
    /** Candidates tried before the target is declared out of reach. Choice (C). */
    static final int MAX_PILOTS = 6;
    /** The largest reduction of the step from one candidate to the next (the Richardson ratio is trusted only so far). */
    private static final double LARGEST_CUT = 0.05;
    /**
     * A pilot is abandoned part-way once its estimate exceeds this multiple of the target. Choice (C):
     * far enough above that a window whose error falls again before its end (it is relative to a
     * growing exposure) is rarely given up on; below it the pilot runs to the end.
     */
    static final double ABANDON_ABOVE = 4;
    /** An accepted step whose estimate is below this fraction of the target gets a grow-back candidate. Choice (C). */
    static final double GROW_BELOW = 0.25;
    /** A grow-back candidate stays below this fraction of the step that was rejected. Choice (C). */
    private static final double LARGEST_GROWTH_OF_REJECTED = 0.9;
    /** A grow-back candidate is tried only if it is at least this much larger than the accepted step. Choice (C). */
    private static final double MIN_GROWTH = 1.2;

    private final RunSpec run;
    private final TransportFields fields;
    private final Backend backend;
    private final int order;
    private int pilots;
    private double pilotWallS;
    /**
     * Wall seconds of the pilots' coarse runs that the run adopted (their steps and metrics rows): the
     * run's own work, which it would otherwise do after the pilot, so not a cost of the control.
     */
    private double adoptedWallS;
    private String lastPlanCost = "";
    /**
     * Where the last plan's short pilot window ends before the snapshot window does (a step far below its
     * cap, see {@link #FAR_BELOW_CAP}): the run plans again there; NaN when the plan holds to the next
     * snapshot.
     */
    private double replanAtS = Double.NaN;
    /** The last accepted step and its estimate, for the first candidate of a continued window. */
    private double lastAcceptedH = Double.NaN;
    private double lastAcceptedE = Double.NaN;
    /** Wall seconds of the coarse run behind the last {@link #adoptable} result, with its metrics rows. */
    private double lastAdoptableWallS;
    /** Measures the coarse runs' interior metrics rows when the run adopts pilots; null: it does not. */
    private MetricsCalculator adoptMetrics;
    /**
     * When the run writes a metrics row. A pilot window's interior events also hold plasma breaks (a bolus
     * start), where the run writes none, so an adopted window's rows are only those at these times.
     */
    private OutputSchedule adoptRowTimes;
    private int chunkSteps = Integer.MAX_VALUE;
    private StopRequest stop = StopRequest.NEVER;
    /** The accepted candidate's coarse run over the last planned window, until the run takes it. */
    private Adopted adopted;
    /**
     * The metrics rows of the candidate being piloted, measured from its coarse run at the window's
     * interior events as it reaches them. Measuring every candidate, rejected ones too, costs a row per
     * interior event (45 ms at 128³, against 2.3 s for one implicit step there); keeping the fields
     * instead, to measure only the accepted candidate, held a copy of the transported fields per event
     * (five events of a 3600 s window: 2.2× the state).
     */
    private final List<MetricsRow> interiorRows = new ArrayList<>();

    /**
     * The accepted candidate's coarse run over the pilot window from {@code startS} to {@code endS}: it
     * is the run's own trajectory there (same steps, same advance calls, same float rounding at each
     * metrics time), so the run takes its end state and metrics rows instead of recomputing it.
     *
     * @param steps        the steps it took
     * @param interiorRows the metrics rows at the window's events before {@code endS}
     * @param endState     the state at {@code endS}
     */
    record Adopted(double startS, double endS, int steps, List<MetricsRow> interiorRows, Tissue endState) {
    }

    /**
     * Lets the run adopt each accepted pilot's coarse run ({@link #takeAdopted}); {@code metrics} measures
     * its rows at the times of {@code metricRows}. The coarse runs split their advance calls as the loop
     * does ({@link #stopWhen}). Only for runs without a slow step (see Simulation: bitwise the recomputed
     * window on the Java backend where every interior event is a metrics time; a plasma break between
     * metrics times, where the pilot downloads and the run does not, rounds the exposure once more there,
     * at most half an ulp; to float rounding where the run reduces its metrics on the device).
     */
    void adoptPilots(MetricsCalculator metrics, OutputSchedule metricRows) {
        this.adoptMetrics = metrics;
        this.adoptRowTimes = metricRows;
    }

    /**
     * Lets a stop request interrupt the pilots: they advance in calls of at most {@code chunkSteps} steps,
     * the loop's largest call (a backend may fuse work across the steps of one call, so an adopted coarse
     * run splits its calls where the run does), poll the request before each, and {@link #planAt} then throws
     * {@link PilotStopped} with the backend holding the window's start state. A plan at 128³ can pilot
     * for minutes (24 h of the default scenario: 103 s at t = 0), longer than Slurm's 30 s between
     * SIGTERM and SIGKILL.
     */
    void stopWhen(StopRequest stop, int chunkSteps) {
        this.stop = stop;
        this.chunkSteps = chunkSteps;
    }

    /** The adopted coarse run of the window planned at {@code timeS}, once; null if there is none. */
    Adopted takeAdopted(double timeS) {
        Adopted a = adopted;
        adopted = null;
        return a != null && a.startS() == timeS ? a : null;
    }

    /** Chooses steps for {@code run} on {@code backend}, from the live fields it holds. */
    public AccuracyStepControl(RunSpec run, Backend backend) {
        if (!run.diffusion().hasAccuracyTarget()) {
            throw new IllegalArgumentException("no run.diffusion.target_relative_error to control the step for");
        }
        this.run = run;
        this.fields = backend.fields();
        this.backend = backend;
        this.order = assumedOrder(run);
    }

    /**
     * The temporal order assumed for the Richardson estimate: 2 with Strang splitting, 1 with Lie and
     * with the unsplit coupling (exponential Euler, first order).
     */
    static int assumedOrder(RunSpec run) {
        if (run.diffusion().unsplit()) {
            return 1;
        }
        return run.splitting() == RunSpec.Splitting.STRANG ? 2 : 1;
    }

    /**
     * The largest step the control may choose: the metrics and snapshot intervals, {@link #MAX_STEP_S},
     * and the step that run.diffusion.max_stages stages allow the fastest-diffusing species.
     */
    public static double upperBoundS(RunSpec run, TransportFields fields) {
        return Math.min(Math.min(Math.min(run.metricsIntervalS(), run.snapshotIntervalS()),
                Math.min(MAX_STEP_S, stageCapS(run, fields))), splitCapS(run, fields));
    }

    /**
     * The largest step whose split error indicator ({@link ReactionStiffness}) is within its bound for
     * every species, a hair below it: a fixed run.dt_s above it is refused, so the control does not
     * try such steps either, whatever step doubling would estimate there.
     */
    private static double splitCapS(RunSpec run, TransportFields fields) {
        if (run.diffusion().unsplit()) {
            return Double.POSITIVE_INFINITY; // nothing is split
        }
        return fields.largestAccurateSplitStepS() * (1 - 1e-9);
    }

    /** Which of the bounds of {@link #upperBoundS} binds, in words. */
    public static String upperBoundReason(RunSpec run, TransportFields fields) {
        double bound = upperBoundS(run, fields);
        if (bound == run.metricsIntervalS()) {
            return "run.metrics_interval_s";
        }
        if (bound == run.snapshotIntervalS()) {
            return "run.snapshot_interval_s";
        }
        if (bound == MAX_STEP_S) {
            return "the 1 h upper bound";
        }
        if (bound == splitCapS(run, fields)) {
            return "the split error indicator's bound " + ReactionStiffness.MAX_SPLIT_INDICATOR
                    + " (reaction rates that differ between neighbouring voxels)";
        }
        return "run.diffusion.max_stages = " + run.diffusion().maxStages() + " for the fastest species";
    }

    private static double stageCapS(RunSpec run, TransportFields fields) {
        double cap = Double.POSITIVE_INFINITY;
        if (run.diffusion().scheme() != org.stromasim.scenario.DiffusionSpec.Scheme.RKL2) {
            return cap; // TR-BDF2 is L-stable: no stage count, no step cap from stability
        }
        for (int s = 0; s < fields.model().speciesCount(); s++) {
            double limit = fields.explicitLimitS(s);
            if (Double.isFinite(limit)) {
                // a hair below the exact bound, so that the stage count it implies stays within the cap
                cap = Math.min(cap, Rkl2.maxStepS(run.diffusion().maxStages(), limit) * (1 - 1e-9));
            }
        }
        return cap;
    }

    /**
     * Chooses the step for the window starting at {@code eventTimesS[0]}, whose output events (metrics,
     * snapshots, slow steps, end) are {@code eventTimesS} up to the next snapshot or the end.
     * {@code state} is the state there, which the backend holds; it holds it again afterwards.
     *
     * @throws IllegalArgumentException when no step down to 1/1000 of the upper bound meets the target
     */
    public TimeStepPlan planAt(Tissue state, double[] eventTimesS) {
        return planAt(state, eventTimesS, false);
    }

    /**
     * {@link #planAt} where the last plan's short pilot window has ended ({@link #replansAt}): the first
     * candidate is the last accepted step grown by its estimate ({@link #continuedCandidate}) instead of
     * the upper bound.
     */
    public TimeStepPlan continueAt(Tissue state, double[] eventTimesS) {
        return planAt(state, eventTimesS, true);
    }

    private TimeStepPlan planAt(Tissue state, double[] eventTimesS, boolean continued) {
        long wallStart = System.nanoTime();
        int pilotsBefore = pilots;
        double pilotWallBefore = pilotWallS;
        double adoptedBefore = adoptedWallS;
        try {
            return choose(state, eventTimesS, continued);
        } finally {
            pilotWallS += (System.nanoTime() - wallStart) * 1e-9;
            lastPlanCost = String.format(Locale.ROOT, "step control at t = %.6g s: %d pilots in %.3g s wall, "
                            + "the control's own cost %.3g s", eventTimesS[0], pilots - pilotsBefore,
                    pilotWallS - pilotWallBefore, (pilotWallS - pilotWallBefore) - (adoptedWallS - adoptedBefore));
        }
    }

    /** What the last {@link #planAt} cost, for the run log: where in a run the control's cost goes. */
    public String lastPlanCost() {
        return lastPlanCost;
    }

    private TimeStepPlan choose(Tissue state, double[] eventTimesS, boolean continued) {
        double target = run.diffusion().targetRelativeError();
        double bound = upperBoundS(run, fields);
        double[] fullWindow = pilotWindow(eventTimesS, bound);
        StepDoublingPilot pilot = new StepDoublingPilot(backend, state, chunkSteps, stop);
        adopted = null;
        replanAtS = Double.NaN;
        double h = continued ? continuedCandidate(lastAcceptedH, lastAcceptedE, target, bound, order) : bound;
        double previousH = Double.NaN;
        double previousE = Double.NaN;
        double previousEndS = Double.NaN;
        boolean previousOnlyBound = false;
        StringBuilder tried = new StringBuilder();
        if (continued) {
            tried.append(String.format(Locale.ROOT, "continued from %.4g s at %.3g %%: ", lastAcceptedH,
                    100 * lastAcceptedE));
        }
        for (int attempt = 1; attempt <= MAX_PILOTS; attempt++) {
            double[] pilotWindow = pilotWindowFor(eventTimesS, h, bound);
            boolean shortWindow = pilotWindow.length < fullWindow.length;
            Estimate e = estimate(pilot, pilotWindow, h, target, tried);
            if (!e.abandoned() && e.value() <= target) {
                Estimate chosen = e;
                Adopted ofAccepted = adoptable(pilotWindow, h, pilot);
                double ofAcceptedWallS = lastAdoptableWallS;
                // a short window is planned again at its end from a grown candidate: no grow-back within it
                if (!shortWindow && h < bound && e.value() < GROW_BELOW * target) {
                    double restS = eventTimesS[eventTimesS.length - 1] - pilotWindow[pilotWindow.length - 1];
                    chosen = growBack(pilot, pilotWindow, e, previousH, previousE, bound, target, restS, tried);
                }
                adopted = chosen == e ? ofAccepted : adoptable(pilotWindow, chosen.stepS(), pilot);
                if (adopted != null) {
                    adoptedWallS += chosen == e ? ofAcceptedWallS : lastAdoptableWallS;
                }
                lastAcceptedH = chosen.stepS();
                lastAcceptedE = chosen.value();
                if (shortWindow) {
                    replanAtS = pilotWindow[pilotWindow.length - 1];
                }
                String why = String.format(Locale.ROOT, "chosen for run.diffusion.target_relative_error = %.3g %%: "
                                + "estimated relative L2 error %.3g %% (worst field: %s) over the pilot %.6g–%.6g s "
                                + "(step doubling, order %d assumed; candidates %s)%s",
                        100 * target, 100 * chosen.value(), chosen.field(), pilotWindow[0],
                        pilotWindow[pilotWindow.length - 1], order, tried,
                        chosen.stepS() == bound ? "; capped by " + upperBoundReason(run, fields) : "")
                        + (shortWindow ? String.format(Locale.ROOT, "; far below its cap: chosen again at %.6g s",
                        replanAtS) : "");
                return TimeStepPlan.largeStep(run, fields, fields.stabilityLimit(), chosen.stepS(), why);
            }
            int p = order;
            // the observed order only from two whole-window estimates: an abandoned one covers less, and a
            // rejection on the double-step reading is only a lower bound (its order-p factor), which against
            // a later half-step estimate reads the order too low (order 1 where the error fell at 1.7–2
            // measured, two-layer problem with a held inlet) and so cut the step ~3× below what the target needs
            // and only between estimates over the same window (a shorter one reads a different error)
            double endS = pilotWindow[pilotWindow.length - 1];
            if (!Double.isNaN(previousE) && !previousOnlyBound && previousEndS == endS && e.value() > 0
                    && previousE > e.value()) {
                double observed = Math.log(previousE / e.value()) / Math.log(previousH / h);
                p = (int) Math.max(1, Math.min(order, Math.floor(observed + 0.5)));
            }
            double factor = e.value() > 0 ? Math.pow(AIM * target / e.value(), 1.0 / p) : 1;
            previousH = h;
            previousE = e.value();
            previousEndS = endS;
            previousOnlyBound = e.abandoned() || e.lowerBound();
            h = h * Math.max(LARGEST_CUT, Math.min(0.9, factor));
            if (h < bound * 1e-3) {
                break;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "run.diffusion.target_relative_error = %.3g %% is not reached at t = %.6g s: step-doubling estimates "
                        + "at the steps tried were %s; give a larger target, or a fixed run.dt_s",
                100 * target, eventTimesS[0], tried));
    }

    /**
     * One candidate's estimate: E(h), the field, whether the pilot was abandoned part-way (E then partial)
     * and whether E is only a lower bound (a rejection on the order-p reading of the double-step difference).
     */
    private record Estimate(double stepS, double value, String field, boolean abandoned, boolean lowerBound) {
    }

    /**
     * Pilots step {@code h}, abandoning it part-way once its estimate exceeds {@link #ABANDON_ABOVE} ×
     * the target; appends it to {@code tried}.
     *
     * <p>Where it fits ({@link #referenceFor}) the cheap pilot against doubled steps runs first. Its
     * factor from difference to error depends strongly on the order actually observed: 1/(2ᵖ − 1) = 1/3
     * for order 2 but 1 for order 1, and the drug exposure near held faces and sources was measured
     * converging at order 1–1.5 (LargeStepControlTest, two-layer problem). So it decides only where the
     * order does not matter: it accepts when even the first-order reading (the difference itself) meets
     * the target, and rejects when even the order-p reading exceeds it. In between, the candidate is
     * piloted again against half steps, whose factor 1/(1 − 2⁻ᵖ) varies far less with the order (4/3
     * for order 2, 2 for order 1).
     */
    private Estimate estimate(StepDoublingPilot pilot, double[] window, double h, double target, StringBuilder tried) {
        TimeStepPlan candidate = new TimeStepPlan(h, fields.stabilityLimit(), "pilot");
        tried.append(tried.length() == 0 || tried.charAt(tried.length() - 1) == ' ' ? "" : ", ")
                .append(String.format(Locale.ROOT, "%.4g s →", h));
        boolean pairsCanAccept = true;
        StepDoublingPilot.Schedule groups = StepDoublingPilot.grouped(window, candidate, MAX_STEP_S);
        if (groups != null && groups.smallestRatio() > 2 * (1 + 1e-9)
                && longestSegmentS(window, groups) <= stageCapS(run, fields)) {
            // Every interval one step (the step at its cap): groups of intervals crossed in one reference
            // step each, ratio ρ > 2, cost 1/ρ of the run's work instead of 1/2. As for pairs, it only
            // accepts, on the difference over ρ^q − 1 (GROUPED_SLOWEST_GROWTH): the error itself where it
            // grows as h^q between h and ρh, and above it where it grows faster (any order p ≥ q).
            double ratio = groups.smallestRatio();
            double orderP = toEstimate(ratio, order);
            double firstOrder = 1 / (Math.pow(ratio, GROUPED_SLOWEST_GROWTH) - 1);
            StepDoublingPilot.Difference d = compare(pilot, window, candidate, StepDoublingPilot.Reference.GROUPED,
                    ABANDON_ABOVE * target / orderP);
            String reference = String.format(Locale.ROOT, "%.3gh (grouped intervals)", ratio);
            if (!d.abandoned() && d.relative() * firstOrder <= target) {
                tried.append(String.format(Locale.ROOT, " ≤ %.3g %% vs %s", 100 * d.relative() * firstOrder, reference));
                return new Estimate(h, d.relative() * firstOrder, d.field(), false, false);
            }
            // With the error growing at most as h^p (the scheme's order) between h and ρh, the difference is
            // at most (ρᵖ − 1)·E(h), so E(h) ≥ difference/(ρᵖ − 1). Where even that lower bound is above
            // ABANDON_ABOVE × the target (or the pilot was abandoned there) the candidate is rejected here,
            // without a half-step pilot to confirm it (24 h of the default scenario, unsplit: 600 s at the
            // bolus read 85 % against one 3600 s step, so E ≥ 17 %; the h/2 pilot cost 1.2 s of 23). Nearer
            // the target the h/2 pilot still runs: the next cut needs the error, not a bound on it (cut from
            // the bound, the default scenario's 30 s at ≥ 3.3 % led to 4.5 s, 1.3 % off; cut from the
            // slow-growth reading, TR-BDF2 on random stiffness chose 5× smaller steps than the target needs).
            if (d.abandoned() || d.relative() * orderP > ABANDON_ABOVE * target) {
                tried.append(String.format(Locale.ROOT, " ≥ %.3g %% vs %s", 100 * d.relative() * orderP, reference));
                return new Estimate(h, d.relative() * orderP, d.field(), d.abandoned(), true);
            }
            // The pairs' difference is at least (2ᵖ − 1)/(ρᵖ − 1) × this one (0.2 × at ρ = 6 for p = 1): where
            // even that, on the pairs' own first-order reading, is above the target the pairs cannot accept,
            // so the candidate goes straight to h/2, as it would after them.
            double pairsAtLeast = d.relative() * (Math.pow(2, order) - 1) / (Math.pow(ratio, order) - 1)
                    * toEstimate(2, 1);
            pairsCanAccept = !d.abandoned() && pairsAtLeast <= target;
            tried.append(String.format(Locale.ROOT, " %s%.3g %% vs %s, then", d.abandoned() ? "≥ " : "",
                    100 * d.relative() * firstOrder, reference));
        }
        if (pairsCanAccept && referenceFor(window, candidate) == StepDoublingPilot.Reference.DOUBLE_STEPS) {
            StepDoublingPilot.Schedule schedule = StepDoublingPilot.schedule(window, candidate,
                    StepDoublingPilot.Reference.DOUBLE_STEPS);
            double ratio = schedule.smallestRatio();
            boolean paired = schedule.pairsIntervals(window.length - 1);
            // at order 1 the pairs' order-p reading is their first-order one, so they reject as they accept
            boolean acceptOnly = (paired && order > 1) || ratio < SMALLEST_DOUBLING_RATIO;
            double orderP = toEstimate(ratio, order);
            double firstOrder = toEstimate(ratio, 1);
            StepDoublingPilot.Difference d = compare(pilot, window, candidate, StepDoublingPilot.Reference.DOUBLE_STEPS,
                    ABANDON_ABOVE * target / orderP);
            if (!d.abandoned() && d.relative() * firstOrder <= target) {
                tried.append(String.format(Locale.ROOT, " ≤ %.3g %% vs 2h%s", 100 * d.relative() * firstOrder,
                        paired ? " (paired intervals)" : acceptOnly ? " (ratio " + ratio + ")" : ""));
                return new Estimate(h, d.relative() * firstOrder, d.field(), false, false);
            }
            if (acceptOnly) {
                // Paired intervals only accept where the assumed order is above 1. Their candidates are the
                // largest steps (one per interval, the cap), often before the asymptotic range, where a
                // rejection on the order-2 reading of 2h steered the next cut to steps whose own estimate
                // then fell short of the achieved error (two-layer problem with a held inlet at 3 %: 3.1
                // and 3.2 % achieved, RKL2 and TR-BDF2). So a candidate they do not accept is piloted
                // against h/2 as before pairing existed, and the control's choices there are those of the
                // half-step reference.
                tried.append(String.format(Locale.ROOT, " %s%.3g %% vs 2h (%s), then", d.abandoned() ? "≥ " : "",
                        100 * d.relative() * firstOrder, paired ? "paired intervals" : "ratio " + ratio));
            } else if (d.abandoned() || d.relative() * orderP > target) {
                tried.append(String.format(Locale.ROOT, " ≥ %.3g %% vs 2h%s", 100 * d.relative() * orderP,
                        d.abandoned() ? String.format(Locale.ROOT, " (by %.6g s, abandoned)", d.untilS()) : ""));
                return new Estimate(h, d.relative() * orderP, d.field(), d.abandoned(), true);
            } else {
                tried.append(String.format(Locale.ROOT, " %.3g–%.3g %% vs 2h, then", 100 * d.relative() * orderP,
                    100 * d.relative() * firstOrder));
            }
        }
        double halfSteps = toEstimate(0.5, order);
        StepDoublingPilot.Difference d = compare(pilot, window, candidate, StepDoublingPilot.Reference.HALF_STEPS,
                ABANDON_ABOVE * target / halfSteps);
        double value = d.relative() * halfSteps;
        tried.append(String.format(Locale.ROOT, " %.3g %% vs h/2%s", 100 * value,
                d.abandoned() ? String.format(Locale.ROOT, " (by %.6g s, abandoned)", d.untilS()) : ""));
        return new Estimate(h, value, d.field(), d.abandoned(), false);
    }

    /**
     * One pilot run of {@code candidate} against {@code reference}, measuring the coarse run's interior rows
     * for adoption. Where another reference has just left the candidate undecided, its complete coarse run
     * is compared with a doubled reference instead of being run again (it is the same run). Not with
     * half steps: their reference costs 2× the run, and only a pilot running both side by side can
     * abandon it part-way (the default scenario at t = 0: 30 s read 9.2 % against h/2 by the window's
     * half, where the reused run, compared at the end only, ran the whole window to read 4.0 %).
     */
    private StepDoublingPilot.Difference compare(StepDoublingPilot pilot, double[] window, TimeStepPlan candidate,
                                                 StepDoublingPilot.Reference reference, double abandonAbove) {
        if (reference != StepDoublingPilot.Reference.HALF_STEPS && pilot.holdsCoarse(window, candidate)) {
            pilots++;
            return pilot.compareWithCoarse(window, candidate, reference);
        }
        interiorRows.clear();
        double windowEnd = window[window.length - 1];
        StepDoublingPilot.Difference d = pilot.compare(window, candidate, reference, abandonAbove, (t, coarse) -> {
            if (adoptMetrics != null && t < windowEnd && adoptRowTimes.isDue(t)) {
                interiorRows.add(adoptMetrics.measure(coarse, t));
            }
        });
        pilots++;
        return d;
    }

    /**
     * Doubled steps for the reference run where every interval of the window holds at least two of the
     * run's steps with a ratio of at least {@link #SMALLEST_DOUBLING_RATIO}, or a single step paired with
     * a neighbouring single-step interval ({@link StepDoublingPilot#schedule}: the step at its cap, the
     * metrics interval, as in day-long runs after the bolus), and a doubled step stays within the RKL2
     * stage cap; half steps otherwise.
     */
    private StepDoublingPilot.Reference referenceFor(double[] window, TimeStepPlan candidate) {
        double ratio = StepDoublingPilot.smallestStepRatio(window, candidate, StepDoublingPilot.Reference.DOUBLE_STEPS);
        boolean fits = ratio >= SMALLEST_ACCEPTING_RATIO && 2 * candidate.maxDtS() <= stageCapS(run, fields);
        return fits ? StepDoublingPilot.Reference.DOUBLE_STEPS : StepDoublingPilot.Reference.HALF_STEPS;
    }

    /**
     * The factor from the difference of the two runs to the error of the run with steps h, for a scheme of
     * order p: y(ρh) − y(h) ≈ C·hᵖ·(ρᵖ − 1), so E(h) = ‖y(h) − y(ρh)‖ / |ρᵖ − 1| with ρ = 1/2 (half steps)
     * or the smallest ratio of doubled to run steps (at most 2: the smaller ratio gives the larger,
     * cautious estimate).
     */
    static double toEstimate(double stepRatio, int order) {
        return 1 / Math.abs(Math.pow(stepRatio, order) - 1);
    }

    /**
     * Grow-back: the step {@code accepted} was reached by a cut from {@code rejectedH} (estimate
     * {@code rejectedE}) and its estimate is far below the target, i.e. the cut overshot (the estimates
     * fall faster than hᵖ before the asymptotic range). One larger candidate is tried, where a straight
     * line through the two estimates in log–log meets AIM × target (the assumed order when that line is
     * not usable), capped below the rejected step and by the upper bound, if {@link #growingPays}; it is
     * taken only if its own pilot meets the target, else the accepted step stays.
     */
    private Estimate growBack(StepDoublingPilot pilot, double[] window, Estimate accepted, double rejectedH,
                              double rejectedE, double bound, double target, double restS, StringBuilder tried) {
        double h = accepted.stepS();
        double slope = order;
        if (!Double.isNaN(rejectedE) && rejectedE > accepted.value() && accepted.value() > 0) {
            slope = Math.max(order, Math.log(rejectedE / accepted.value()) / Math.log(rejectedH / h));
        }
        double grown = accepted.value() > 0 ? h * Math.pow(AIM * target / accepted.value(), 1 / slope) : bound;
        grown = Math.min(grown, Math.min(bound, Double.isNaN(rejectedH) ? bound : LARGEST_GROWTH_OF_REJECTED * rejectedH));
        if (grown < MIN_GROWTH * h || !growingPays(run, h, grown, window[window.length - 1] - window[0], restS)) {
            return accepted;
        }
        Estimate e = estimate(pilot, window, grown, target, tried);
        return !e.abandoned() && e.value() <= target ? e : accepted;
    }

    /**
     * Whether a grow-back pilot is likely to repay its cost within this window: it costs at most about
     * (1 + √2) × the run's work over the pilot window at the grown step (half-step reference; the
     * doubled-step one costs less, so this errs towards not growing), and saves, over the rest of
     * the window after the pilot (the pilot's own run is adopted either way), the difference between
     * the two steps' work. Work per simulated second at step h ∝ stages/h ∝ h^(−1/2) for RKL2 (stages
     * ∝ √h). The choice is made again at the next snapshot from the state alone, so nothing beyond the
     * window counts. In short windows (the pilot covering most of it) growing does not pay.
     */
    static boolean growingPays(double h, double grown, double pilotS, double restS) {
        double relativeCost = Math.sqrt(h / grown);
        return restS * (1 - relativeCost) > (1 + Math.sqrt(2)) * pilotS * relativeCost;
    }

    /**
     * {@link #growingPays} for the scheme of {@code run}: TR-BDF2's work per step does not depend on the
     * step, so its work per simulated second is ∝ 1/h and a pilot costs 1 + 2 = 3 times the run's work.
     */
    static boolean growingPays(RunSpec run, double h, double grown, double pilotS, double restS) {
        if (run.diffusion().scheme() != org.stromasim.scenario.DiffusionSpec.Scheme.IMPLICIT) {
            return growingPays(h, grown, pilotS, restS);
        }
        double relativeCost = h / grown;
        return restS * (1 - relativeCost) > 3 * pilotS * relativeCost;
    }

    /**
     * The coarse run the pilot just completed with step {@code h}, for the run to adopt (its end state
     * copied: a later candidate reuses the pilot's buffers); null when the run does not adopt pilots.
     */
    private Adopted adoptable(double[] window, double h, StepDoublingPilot pilot) {
        if (adoptMetrics == null) {
            return null;
        }
        TimeStepPlan plan = new TimeStepPlan(h, fields.stabilityLimit(), "pilot");
        long steps = 0;
        for (int i = 0; i + 1 < window.length; i++) {
            steps += plan.stepsFor(window[i + 1] - window[i]);
        }
        Adopted a = new Adopted(window[0], window[window.length - 1], Math.toIntExact(steps), List.copyOf(interiorRows),
                pilot.takeCoarse());
        lastAdoptableWallS = pilot.coarseWallS(); // its rows were measured within the coarse run
        return a;
    }

    /**
     * Seconds spent in pilots so far (wall), their number, and how much of that was the run's own work
     * (the adopted coarse runs): the rest is the cost of the control, for the run log.
     */
    public String costSummary() {
        return String.format(Locale.ROOT, "step control: %d pilots in %.3g s wall, of which %.3g s the run's own "
                + "steps (adopted coarse runs): the control's own cost %.3g s", pilots, pilotWallS, adoptedWallS,
                pilotWallS - adoptedWallS);
    }

    /** Wall seconds of the control's own work so far: pilots, less the adopted coarse runs (the run's own steps). */
    public double ownCostWallS() {
        return pilotWallS - adoptedWallS;
    }

    /**
     * The pilot window of candidate {@code h}: {@link #PILOT_STEPS} upper-bound steps ({@link #pilotWindow}),
     * or, for a candidate {@link #FAR_BELOW_CAP far below the bound}, PILOT_STEPS of its own steps but at
     * least {@link #SHORTEST_WINDOW} of that window (to the first event at least that far on): a small step
     * after a bolus or dose is verified over part of the window, and the run chooses again where that
     * part ends, from a larger candidate, instead of keeping the small step to the next snapshot.
     */
    static double[] pilotWindowFor(double[] eventTimesS, double h, double boundS) {
        if (h > FAR_BELOW_CAP * boundS) {
            return pilotWindow(eventTimesS, boundS);
        }
        double[] full = pilotWindow(eventTimesS, boundS);
        double reach = Math.max(PILOT_STEPS * h, SHORTEST_WINDOW * (full[full.length - 1] - full[0]));
        return pilotWindow(eventTimesS, reach / PILOT_STEPS);
    }

    /**
     * The first candidate of a window that continues a short pilot window: the last accepted step {@code h}
     * grown by (target / its estimate {@code e})^(1/p) (standard step-size selection, error ∝ hᵖ for the
     * window's error), at least 1× (it met the target where it was measured) and at most
     * {@link #MAX_GROWTH}×, and at most the upper bound. It aims at the target itself, not at
     * {@link #AIM} × it as a cut does: the transient that limited h dies away, so the same step reads
     * less in the next window (24 h of the default scenario at 32³: 30 s read 0.39 % over 0–1800 s and
     * 38.6 s read 0.15 % over 1800–3000 s), and a candidate that misses costs one pilot, never accuracy.
     * Aiming at the target there took 229 steps for the day instead of 247 (achieved 0.134 % against
     * 0.122 %, target 1 %), and the default scenario's 20 minutes 145 instead of 175.
     */
    static double continuedCandidate(double h, double e, double target, double boundS, int order) {
        double factor = e > 0 ? Math.pow(target / e, 1.0 / order) : MAX_GROWTH;
        return Math.min(boundS, h * Math.max(1, Math.min(MAX_GROWTH, factor)));
    }

    /** The longest of the schedule's segments (a grouped reference step), s. */
    private static double longestSegmentS(double[] window, StepDoublingPilot.Schedule schedule) {
        double longest = 0;
        int start = 0;
        for (int end : schedule.endEvent()) {
            longest = Math.max(longest, window[end] - window[start]);
            start = end;
        }
        return longest;
    }

    /**
     * Whether the run plans again at {@code timeS}: the first event at or after the end of the last plan's
     * short pilot window (an adaptive slow clock can move the events after the plan, so the end itself
     * need not be one).
     */
    boolean replansAt(double timeS) {
        return replanDue(timeS, replanAtS);
    }

    /** Whether an event at {@code timeS} is at or after a short window's end {@code endS} (NaN: none pending). */
    static boolean replanDue(double timeS, double endS) {
        return !Double.isNaN(endS) && timeS >= endS * (1 - 1e-12);
    }

    /** The event times from the window start to the first one at least PILOT_STEPS upper-bound steps on. */
    static double[] pilotWindow(double[] eventTimesS, double boundS) {
        double reach = eventTimesS[0] + PILOT_STEPS * boundS;
        int n = 1;
        while (n < eventTimesS.length && eventTimesS[n - 1] < reach * (1 - 1e-12)) {
            n++;
        }
        return java.util.Arrays.copyOf(eventTimesS, n);
    }

    /** {@link #planAt} on a fresh backend state: uploads {@code state} first (for validate and tests). */
    public TimeStepPlan planFrom(Tissue state, double[] eventTimesS) {
        backend.upload(state);
        return planAt(state, eventTimesS);
    }
}

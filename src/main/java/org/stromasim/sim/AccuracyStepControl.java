package org.stromasim.sim;

import java.util.Locale;
import org.stromasim.backend.Backend;
import org.stromasim.scenario.RunSpec;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.Rkl2;
import org.stromasim.transport.TransportModel;

/**
 * Chooses the RKL2 coupling step for {@code run.diffusion.target_relative_error} by step doubling
 * (Richardson) on a pilot window, from the state at the start of the run and at every snapshot.
 *
 * <p>Estimator. A scheme of order p run with steps h over a window has error e(h) ≈ C·hᵖ, so the
 * difference between the runs with h and h/2 is C·hᵖ·(1 − 2⁻ᵖ) and the error of the h run is
 * estimated as E(h) = ‖y_h − y_{h/2}‖ / (1 − 2⁻ᵖ), relative L2 as {@link StepDoublingPilot} measures it
 * (the worst of the species' concentrations and the window's drug exposure). p is the order of the
 * coupling: 2 with Strang splitting (RKL2 is second order, rebalanced Strang splitting second order;
 * LargeStepControlTest checks the observed order on the test problems), 1 with Lie splitting.
 *
 * <p>Control. The first candidate is the upper bound ({@link #upperBoundS}); while its estimate is
 * above the target, the next candidate is h·(AIM·target/E)^(1/p), p replaced by the order observed
 * between the last two candidates when that is lower (clamped to [1, p]), and the step is taken only
 * once a pilot at that very step estimates an error ≤ target. So a wrong order assumption costs
 * another pilot, never an error above the estimate.
 *
 * <p>Determinism: everything is computed from the state at the window start and the event times;
 * snapshots store that state, so a run resumed from a snapshot chooses the same steps.
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
    /** Pilot windows are this many upper-bound steps long (or to the next snapshot, if sooner). Choice (C). */
    static final int PILOT_STEPS = 8;
    /** Candidates tried before the target is declared out of reach. Choice (C). */
    static final int MAX_PILOTS = 6;
    /** The largest reduction of the step from one candidate to the next (the Richardson ratio is trusted only so far). */
    private static final double LARGEST_CUT = 0.05;

    private final RunSpec run;
    private final TransportModel model;
    private final Backend backend;
    private final int order;

    public AccuracyStepControl(RunSpec run, TransportModel model, Backend backend) {
        if (!run.diffusion().hasAccuracyTarget()) {
            throw new IllegalArgumentException("no run.diffusion.target_relative_error to control the step for");
        }
        this.run = run;
        this.model = model;
        this.backend = backend;
        this.order = assumedOrder(run);
    }

    /** The temporal order assumed for the Richardson estimate: 2 with Strang splitting, 1 with Lie. */
    static int assumedOrder(RunSpec run) {
        return run.splitting() == RunSpec.Splitting.STRANG ? 2 : 1;
    }

    /**
     * The largest step the control may choose: the metrics and snapshot intervals, {@link #MAX_STEP_S},
     * and the step that run.diffusion.max_stages stages allow the fastest-diffusing species.
     */
    public static double upperBoundS(RunSpec run, TransportModel model) {
        return Math.min(Math.min(run.metricsIntervalS(), run.snapshotIntervalS()),
                Math.min(MAX_STEP_S, stageCapS(run, model)));
    }

    /** Which of the bounds of {@link #upperBoundS} binds, in words. */
    public static String upperBoundReason(RunSpec run, TransportModel model) {
        double bound = upperBoundS(run, model);
        if (bound == run.metricsIntervalS()) {
            return "run.metrics_interval_s";
        }
        if (bound == run.snapshotIntervalS()) {
            return "run.snapshot_interval_s";
        }
        if (bound == MAX_STEP_S) {
            return "the 1 h upper bound";
        }
        return "run.diffusion.max_stages = " + run.diffusion().maxStages() + " for the fastest species";
    }

    private static double stageCapS(RunSpec run, TransportModel model) {
        double cap = Double.POSITIVE_INFINITY;
        for (int s = 0; s < model.speciesCount(); s++) {
            double limit = model.explicitLimitS(s);
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
        double target = run.diffusion().targetRelativeError();
        double bound = upperBoundS(run, model);
        double[] pilotWindow = pilotWindow(eventTimesS, bound);
        StepDoublingPilot pilot = new StepDoublingPilot(backend, state);
        double h = bound;
        double previousH = Double.NaN;
        double previousE = Double.NaN;
        StringBuilder tried = new StringBuilder();
        for (int attempt = 1; attempt <= MAX_PILOTS; attempt++) {
            TimeStepPlan candidate = new TimeStepPlan(h, model.stabilityLimit(), "pilot");
            StepDoublingPilot.Difference d = pilot.compare(pilotWindow, candidate);
            double estimate = d.relative() / (1 - Math.pow(2, -order));
            tried.append(tried.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g s → %.3g %%",
                    h, 100 * estimate));
            if (estimate <= target) {
                String why = String.format(Locale.ROOT, "chosen for run.diffusion.target_relative_error = %.3g %%: "
                                + "estimated relative L2 error %.3g %% (worst field: %s) over the pilot %.6g–%.6g s "
                                + "(step doubling, order %d assumed; candidates %s)%s",
                        100 * target, 100 * estimate, d.field(), pilotWindow[0], pilotWindow[pilotWindow.length - 1],
                        order, tried, h == bound ? "; capped by " + upperBoundReason(run, model) : "");
                return TimeStepPlan.rkl2(run, model, model.stabilityLimit(), h, why);
            }
            int p = order;
            if (!Double.isNaN(previousE) && estimate > 0 && previousE > estimate) {
                double observed = Math.log(previousE / estimate) / Math.log(previousH / h);
                p = (int) Math.max(1, Math.min(order, Math.floor(observed + 0.5)));
            }
            double factor = estimate > 0 ? Math.pow(AIM * target / estimate, 1.0 / p) : 1;
            previousH = h;
            previousE = estimate;
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

package org.stromasim.sim;

import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.transport.ReactionStiffness;
import org.stromasim.transport.Rkl2;
import org.stromasim.transport.StabilityLimit;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * The largest transport step a run may take, and why. Within an interval between output events the
 * loop takes equal steps no larger than this, so that every snapshot and metrics time is hit exactly.
 *
 * @param maxDtS  the step bound, s
 * @param limit   the explicit stability limit of the fields the plan was chosen from
 * @param reason  one line for the log: where the bound comes from
 */
public record TimeStepPlan(double maxDtS, StabilityLimit limit, String reason) {

    /** {@link #choose(RunSpec, TransportFields)} for the model as compiled (fields of its own, then dropped). */
    public static TimeStepPlan choose(RunSpec run, TransportModel model) {
        return choose(run, TransportFields.of(model));
    }

    /** Chooses the step: the requested one if it is stable (refused with the numbers if not), else a safe fraction of the limit. */
    public static TimeStepPlan choose(RunSpec run, TransportFields fields) {
        StabilityLimit limit = fields.stabilityLimit();
        if (run.diffusion().scheme() == DiffusionSpec.Scheme.RKL2) {
            return rkl2(run, fields, limit);
        }
        if (run.diffusion().scheme() == DiffusionSpec.Scheme.IMPLICIT) {
            if (run.diffusion().hasAccuracyTarget()) {
                double cap = AccuracyStepControl.upperBoundS(run, fields);
                return new TimeStepPlan(cap, limit, String.format(
                        "dt chosen for run.diffusion.target_relative_error = %.3g by a step-doubling pilot from the "
                                + "state at the start and at every snapshot (at most %.4g s: %s); %s, each choice and "
                                + "its estimate are in run.log%s",
                        run.diffusion().targetRelativeError(), cap, AccuracyStepControl.upperBoundReason(run, fields),
                        run.diffusion().unsplit() ? UNSPLIT_METHOD : "diffusion by TR-BDF2 with multigrid solves",
                        run.diffusion().unsplit() ? "; stiffest reaction k·dt at that bound: " + stiffestPerSpecies(fields, cap)
                                : ""));
            }
            return implicit(run, fields, limit, run.dtS(), "as requested by run.dt_s");
        }
        if (run.dtS() != null) {
            fields.checkTimeStep(run.dtS());
            return new TimeStepPlan(run.dtS(), limit,
                    String.format("dt = %.4g s as requested by run.dt_s (stability limit %.4g s)", run.dtS(), limit.dtMaxS()));
        }
        double dt = run.stabilitySafety() * limit.dtMaxS();
        return new TimeStepPlan(dt, limit, String.format(
                "dt = %.4g s: %.2f × the explicit stability limit %.4g s set by species %s (Dmax = %.4g µm²/s)",
                dt, run.stabilitySafety(), limit.dtMaxS(), limit.speciesName(), limit.dMaxUm2PerS()));
    }

    /**
     * RKL2: the coupling step is run.dt_s, or with an accuracy target the upper bound of the steps that
     * {@link AccuracyStepControl} chooses during the run; each species takes the stages its
     * own explicit limit needs (multirate), refused with the numbers above run.diffusion.max_stages.
     */
    private static TimeStepPlan rkl2(RunSpec run, TransportFields fields, StabilityLimit limit) {
        if (run.diffusion().hasAccuracyTarget()) {
            double cap = AccuracyStepControl.upperBoundS(run, fields);
            return new TimeStepPlan(cap, limit, String.format(
                    "dt chosen for run.diffusion.target_relative_error = %.3g by a step-doubling pilot from the state "
                            + "at the start and at every snapshot (at most %.4g s: %s); diffusion by RKL2, each "
                            + "choice, its estimate and the stages per species are in run.log; reactions %s-split, plain "
                            + "coupling (exact reaction sub-steps); stiffest reaction k·dt at that bound: %s",
                    run.diffusion().targetRelativeError(), cap, AccuracyStepControl.upperBoundReason(run, fields),
                    run.splitting().name().toLowerCase(java.util.Locale.ROOT), stiffestPerSpecies(fields, cap)));
        }
        return rkl2(run, fields, limit, run.dtS(), "as requested by run.dt_s");
    }

    /** How the unsplit coupling integrates, for the plan's line. */
    private static final String UNSPLIT_METHOD = "reactions and diffusion unsplit: exponential Euler with implicit "
            + "diffusion (1st order, L-stable, exact in uniform fields and at steady state; one multigrid solve per "
            + "species and step, cost per step independent of dt; no split error bound)";

    /** Per species the stiffest reaction's k·dt at step {@code dt}, its rate and where it acts. */
    private static String stiffestPerSpecies(TransportFields fields, double dt) {
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < fields.model().speciesCount(); s++) {
            ReactionStiffness r = fields.reactionStiffness(s);
            out.append(s == 0 ? "" : "; ").append(String.format(java.util.Locale.ROOT, "%s %.3g (%.4g /s, %s)",
                    fields.model().speciesNames().get(s), r.stiffestPerS() * dt, r.stiffestPerS(), r.stiffestWhere()));
        }
        return out.toString();
    }

    /**
     * The RKL2 plan for coupling step {@code dt}, with {@code why} (how dt was chosen) in its reason.
     * Refused with the numbers when a species would need more than run.diffusion.max_stages stages.
     */
    static TimeStepPlan rkl2(RunSpec run, TransportFields fields, StabilityLimit limit, double dt, String why) {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("time step dt must be a finite number > 0 s, got " + dt);
        }
        StringBuilder perSpecies = new StringBuilder();
        int cap = run.diffusion().maxStages();
        long stageSum = 0;
        for (int s = 0; s < fields.model().speciesCount(); s++) {
            String name = fields.model().speciesNames().get(s);
            double limitS = fields.explicitLimitS(s);
            int stages = Rkl2.stagesFor(dt, limitS);
            if (stages > cap) {
                throw new IllegalArgumentException(Rkl2.refusal(name, dt, limitS, cap));
            }
            ReactionStiffness stiffness = fields.reactionStiffness(s);
            stageSum += stages;
            perSpecies.append(perSpecies.length() == 0 ? "" : "; ").append(name).append(": ");
            perSpecies.append(stages == 0 ? "does not diffuse, 0 stages" : String.format(
                    "%d stages (explicit limit %.4g s, dt = %.4g × it; %d stages are stable up to %.4g s)",
                    stages, limitS, dt / limitS, stages, Rkl2.maxStepS(stages, limitS)));
            perSpecies.append(String.format(", stiffest reaction k·dt = %.3g (%.4g /s, %s), split error indicator "
                            + "%.3g of %.3g allowed", stiffness.stiffestPerS() * dt, stiffness.stiffestPerS(),
                    stiffness.stiffestWhere(), stiffness.splitIndicator(dt), ReactionStiffness.MAX_SPLIT_INDICATOR));
        }
        requireAccurateSplit(fields, limit, dt);
        double explicitPerStep = Double.isFinite(limit.dtMaxS())
                ? fields.model().speciesCount() * Math.ceil(dt / (run.stabilitySafety() * limit.dtMaxS())) : 0;
        return new TimeStepPlan(dt, limit, String.format(
                "dt = %.4g s %s, diffusion by RKL2 super-time-stepping (2nd order; reactions "
                        + "%s-split, %s), stages per species chosen so that dt ≤ explicit limit·(s²+s−2)/4: %s. "
                        + "Per step %d species-stages vs %.0f species-steps for explicit at %.2f × its limit %.4g s",
                dt, why, run.splitting().name().toLowerCase(java.util.Locale.ROOT),
                "plain coupling: exact reaction sub-steps, exposure exact along each",
                perSpecies, stageSum, explicitPerStep,
                run.stabilitySafety(), limit.dtMaxS()));
    }

    /** The plan of a large-step scheme (RKL2 or implicit) for coupling step {@code dt}, with {@code why} in its reason. */
    static TimeStepPlan largeStep(RunSpec run, TransportFields fields, StabilityLimit limit, double dt, String why) {
        return run.diffusion().scheme() == DiffusionSpec.Scheme.IMPLICIT
                ? implicit(run, fields, limit, dt, why) : rkl2(run, fields, limit, dt, why);
    }

    /** The implicit (TR-BDF2) plan: any dt > 0; the step's cost does not depend on it. */
    static TimeStepPlan implicit(RunSpec run, TransportFields fields, StabilityLimit limit, double dt, String why) {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("time step dt must be a finite number > 0 s, got " + dt);
        }
        if (run.diffusion().unsplit()) {
            // no splitting, so no split error bound: the step is limited by accuracy alone
            return new TimeStepPlan(dt, limit, String.format(
                    "dt = %.4g s %s, %s; dt = %.4g × the explicit limit %.4g s; %s; stiffest reaction k·dt per species: %s",
                    dt, why, UNSPLIT_METHOD, Double.isFinite(limit.dtMaxS()) ? dt / limit.dtMaxS() : 0.0,
                    limit.dtMaxS(), solveTolerance(run), stiffestPerSpecies(fields, dt)));
        }
        requireAccurateSplit(fields, limit, dt);
        return new TimeStepPlan(dt, limit, String.format(
                "dt = %.4g s %s, diffusion by TR-BDF2 (L-stable, 2nd order; each stage one multigrid solve, cost per "
                        + "step independent of dt; reactions %s-split with their exact sub-steps); dt = %.4g × the "
                        + "explicit limit %.4g s; %s",
                dt, why, run.splitting().name().toLowerCase(java.util.Locale.ROOT),
                Double.isFinite(limit.dtMaxS()) ? dt / limit.dtMaxS() : 0.0, limit.dtMaxS(), solveTolerance(run)));
    }

    /** The implicit scheme's solve tolerance in words (org.stromasim.transport.SolveTolerance). */
    private static String solveTolerance(RunSpec run) {
        return String.format(java.util.Locale.ROOT, "multigrid solves (run.multigrid.diffusion_coarsening: %s) to a relative residual of %.2g%s",
                org.stromasim.scenario.MultigridSpec.key(run.multigrid().diffusionCoarsening()),
                org.stromasim.transport.SolveTolerance.relativeResidual(run.diffusion()),
                run.diffusion().hasAccuracyTarget() ? " (10⁻³ of the target)" : "");
    }

    /**
     * Refuses a coupling step whose split error indicator ({@link ReactionStiffness}) is above its bound
     * for any species. Both large-step schemes split the reactions from diffusion the same way, and the
     * splitting error does not depend on how the diffusion sub-step is integrated, so the bound is theirs
     * alike.
     */
    private static void requireAccurateSplit(TransportFields fields, StabilityLimit limit, double dt) {
        for (int s = 0; s < fields.model().speciesCount(); s++) {
            ReactionStiffness stiffness = fields.reactionStiffness(s);
            if (stiffness.splitIndicator(dt) > ReactionStiffness.MAX_SPLIT_INDICATOR) {
                throw new IllegalArgumentException(stiffness.refusal(fields.model().speciesNames().get(s), dt, limit.dtMaxS())
                        + String.format(" (largest step within the bound for every species: %.4g s)",
                        fields.largestAccurateSplitStepS()));
            }
        }
    }

    /** Number of equal steps that cover {@code durationS} without exceeding {@link #maxDtS}. */
    public int stepsFor(double durationS) {
        long n = (long) Math.ceil(durationS / maxDtS * (1 - 1e-12));
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an output interval of " + durationS + " s needs " + n
                    + " steps of " + maxDtS + " s; shorten the interval");
        }
        return (int) Math.max(1, n);
    }
}

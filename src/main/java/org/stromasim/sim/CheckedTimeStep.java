package org.stromasim.sim;

import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.transport.TransportModel;

/**
 * Chooses the run's time step ({@link TimeStepPlan#choose}) and checks, before the run starts, that its
 * output intervals can be covered by a countable number of steps; a refusal carries the scenario key
 * that decides it ({@link TimeStepRefusedException}): run.dt_s when it is set, else the D0 of the
 * species that sets the stability limit.
 */
public final class CheckedTimeStep {

    private CheckedTimeStep() {
    }

    /** The plan for a run of {@code scenario} to {@code endTimeS}, or a refusal naming the key. */
    public static TimeStepPlan choose(Scenario scenario, TransportModel model, double endTimeS) {
        TimeStepPlan plan;
        try {
            plan = TimeStepPlan.choose(scenario.run(), model);
        } catch (TimeStepRefusedException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new TimeStepRefusedException(keyFor(scenario, model), e.getMessage(), e);
        }
        double longest = Math.min(endTimeS, Math.min(scenario.run().snapshotIntervalS(),
                scenario.run().metricsIntervalS()));
        try {
            plan.stepsFor(longest);
        } catch (IllegalArgumentException e) {
            throw new TimeStepRefusedException(keyFor(scenario, model), e.getMessage(), e);
        }
        return plan;
    }

    private static String keyFor(Scenario scenario, TransportModel model) {
        if (scenario.run().dtS() != null) {
            return "run.dt_s";
        }
        if (scenario.run().diffusion().scheme() == DiffusionSpec.Scheme.RKL2) {
            return "run.diffusion.max_stages";
        }
        return "species[" + model.stabilityLimit().speciesName() + "].d0_um2_per_s";
    }
}

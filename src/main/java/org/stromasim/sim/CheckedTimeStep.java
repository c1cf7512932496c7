package org.stromasim.sim;

import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportFields;
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

    /**
     * As {@link #choose(Scenario, TransportModel, double)}, after refusing a tissue whose vessels fill the
     * whole grid: with no voxel outside the lumen nothing can diffuse (the stability limit is infinite,
     * so there is no step to derive) and every tissue metric would be a mean over no voxel, NaN.
     */
    public static TimeStepPlan choose(Scenario scenario, Tissue tissue, TransportModel model, double endTimeS) {
        return choose(scenario, tissue, TransportFields.of(model), endTimeS);
    }

    /** As above from fields of the compiled model the caller keeps (validate prints them afterwards). */
    public static TimeStepPlan choose(Scenario scenario, Tissue tissue, TransportFields compiled, double endTimeS) {
        byte vessel = CellType.VESSEL.code();
        boolean anyTissue = false;
        for (byte c : tissue.cell()) {
            if (c != vessel) {
                anyTissue = true;
                break;
            }
        }
        if (!anyTissue) {
            throw new TimeStepRefusedException("tissue.vessels", "the vessels cover every voxel of the "
                    + String.format(java.util.Locale.ROOT, "%.4g × %.4g × %.4g", tissue.grid().sizeXUm(),
                            tissue.grid().sizeYUm(), tissue.grid().sizeZUm())
                    + " µm domain, so no tissue is left for the species to diffuse into; allowed: vessels that leave"
                    + " at least one voxel outside their lumen (a smaller radius_um, or a larger grid)", null);
        }
        return choose(scenario, compiled, endTimeS);
    }

    /**
     * The plan for a run of {@code scenario} to {@code endTimeS} from the model as compiled (before any backend
     * holds fields of it), or a refusal naming the key.
     */
    public static TimeStepPlan choose(Scenario scenario, TransportModel model, double endTimeS) {
        return choose(scenario, TransportFields.of(model), endTimeS);
    }

    private static TimeStepPlan choose(Scenario scenario, TransportFields fields, double endTimeS) {
        TimeStepPlan plan;
        try {
            plan = TimeStepPlan.choose(scenario.run(), fields);
        } catch (TimeStepRefusedException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new TimeStepRefusedException(keyFor(scenario, fields), e.getMessage(), e);
        }
        double longest = Math.min(endTimeS, Math.min(scenario.run().snapshotIntervalS(),
                scenario.run().metricsIntervalS()));
        try {
            plan.stepsFor(longest);
        } catch (IllegalArgumentException e) {
            throw new TimeStepRefusedException(keyFor(scenario, fields), e.getMessage(), e);
        }
        return plan;
    }

    private static String keyFor(Scenario scenario, TransportFields fields) {
        if (scenario.run().dtS() != null) {
            return "run.dt_s";
        }
        if (scenario.run().diffusion().scheme() == DiffusionSpec.Scheme.RKL2) {
            return "run.diffusion.max_stages";
        }
        return "species[" + fields.stabilityLimit().speciesName() + "].d0_um2_per_s";
    }
}

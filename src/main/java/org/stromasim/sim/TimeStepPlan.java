package org.stromasim.sim;

import org.stromasim.scenario.RunSpec;
import org.stromasim.transport.StabilityLimit;
import org.stromasim.transport.TransportModel;

/**
 * The largest transport step a run may take, and why. Within an interval between output events the
 * loop takes equal steps no larger than this, so that every snapshot and metrics time is hit exactly.
 *
 * @param maxDtS  the step bound, s
 * @param limit   the explicit stability limit of the compiled model
 * @param reason  one line for the log: where the bound comes from
 */
public record TimeStepPlan(double maxDtS, StabilityLimit limit, String reason) {

    /** Chooses the step: the requested one if it is stable (refused with the numbers if not), else a safe fraction of the limit. */
    public static TimeStepPlan choose(RunSpec run, TransportModel model) {
        StabilityLimit limit = model.stabilityLimit();
        if (run.dtS() != null) {
            model.checkTimeStep(run.dtS());
            return new TimeStepPlan(run.dtS(), limit,
                    String.format("dt = %.4g s as requested by run.dt_s (stability limit %.4g s)", run.dtS(), limit.dtMaxS()));
        }
        double dt = run.stabilitySafety() * limit.dtMaxS();
        return new TimeStepPlan(dt, limit, String.format(
                "dt = %.4g s: %.2f × the explicit stability limit %.4g s set by species %s (Dmax = %.4g µm²/s)",
                dt, run.stabilitySafety(), limit.dtMaxS(), limit.speciesName(), limit.dMaxUm2PerS()));
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

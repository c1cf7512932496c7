package org.stromasim.sim;

import org.stromasim.metrics.MetricsRow;

/**
 * What a finished (or stopped) run reports.
 *
 * @param endTimeS     simulated time reached, s
 * @param steps        transport steps taken in this invocation
 * @param wallSeconds  wall-clock time of the time loop, s
 * @param plan         the time step and its reason
 * @param finalMetrics metrics at the end time (at the stop time when stopped early)
 * @param stopped      whether a {@link StopRequest} ended the run before {@code endTimeS} was reached
 */
public record RunResult(double endTimeS, long steps, double wallSeconds, TimeStepPlan plan, MetricsRow finalMetrics,
                        boolean stopped) {

    /** A run that reached its end time. */
    public RunResult(double endTimeS, long steps, double wallSeconds, TimeStepPlan plan, MetricsRow finalMetrics) {
        this(endTimeS, steps, wallSeconds, plan, finalMetrics, false);
    }
}

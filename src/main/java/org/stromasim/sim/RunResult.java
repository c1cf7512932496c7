package org.stromasim.sim;

import org.stromasim.metrics.MetricsRow;

/**
 * What a finished (or stopped) run reports.
 *
 * @param endTimeS     simulated time reached, s
 * @param steps        transport steps taken in this invocation
 * @param wallSeconds  wall-clock time of the time loop, s
 * @param plan         the time step and its reason
 * @param finalMetrics metrics at the end time
 */
public record RunResult(double endTimeS, long steps, double wallSeconds, TimeStepPlan plan, MetricsRow finalMetrics) {
}

package org.stromasim.sim;

import java.util.Optional;
import org.stromasim.backend.Backend;
import org.stromasim.metrics.MetricsCalculator;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.metrics.ReductionPlan;
import org.stromasim.metrics.StateReductions;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;

/**
 * The host time loop: advances the backend between output events and hands snapshots and metrics to
 * the {@link RunOutput}. The state stays in the backend; it is downloaded into the host copy only when
 * an event needs it.
 */
public final class Simulation {

    /**
     * Voxel-species updates per progress chunk. The chunk length depends only on the problem size,
     * never on wall time: a backend may fuse work across the steps of one {@code advance} call, so
     * where calls begin and end must be reproducible for a run (and a resumed run) to be repeatable.
     */
    private static final long UPDATES_PER_CHUNK = 50_000_000L;

    private final Scenario scenario;
    private final Backend backend;
    private final Tissue host;
    private final RunOutput output;
    private final MetricsCalculator metrics;
    private final TimeStepPlan plan;
    private ReductionPlan reductions;

    /**
     * @param host the host copy of the state; it must already be uploaded to {@code backend}
     */
    public Simulation(Scenario scenario, Backend backend, Tissue host, TimeStepPlan plan, RunOutput output) {
        this.scenario = scenario;
        this.backend = backend;
        this.host = host;
        this.plan = plan;
        this.output = output;
        this.metrics = new MetricsCalculator(scenario);
    }

    public MetricsCalculator metricsCalculator() {
        return metrics;
    }

    /**
     * Runs from {@code startTimeS} (state as uploaded, step counter {@code startStep}) to {@code endTimeS}.
     * With {@code writeInitial}, the start state is recorded first (a fresh run; not a resumed one).
     */
    public RunResult run(double startTimeS, long startStep, double endTimeS, boolean writeInitial,
                         ProgressListener progress) {
        OutputSchedule snapshots = new OutputSchedule(scenario.run().snapshotIntervalS());
        OutputSchedule metricRows = new OutputSchedule(scenario.run().metricsIntervalS());
        output.log(plan.reason());
        output.log("backend: " + backend.description());
        MetricsRow last = null;
        if (writeInitial) {
            last = metrics.measure(host, startTimeS);
            output.metrics(last);
            output.snapshot(host, startStep, startTimeS);
        }
        long wallStart = System.nanoTime();
        double time = startTimeS;
        long step = startStep;
        int chunk = (int) Math.max(1, UPDATES_PER_CHUNK
                / ((long) host.grid().voxelCount() * Math.max(1, host.speciesCount())));
        while (time < endTimeS * (1 - 1e-12)) {
            double eventTime = Math.min(endTimeS, Math.min(snapshots.nextAfter(time), metricRows.nextAfter(time)));
            int steps = plan.stepsFor(eventTime - time);
            double dt = (eventTime - time) / steps;
            int done = 0;
            while (done < steps) {
                int n = Math.min(chunk, steps - done);
                backend.advance(time + done * dt, dt, n);
                done += n;
                progress.advanced(time + done * dt, step + done);
            }
            time = eventTime;
            step += steps;
            boolean atEnd = time >= endTimeS * (1 - 1e-12);
            boolean wantMetrics = atEnd || metricRows.isDue(time);
            boolean wantSnapshot = atEnd || snapshots.isDue(time);
            Optional<StateReductions> reduced = wantMetrics && !wantSnapshot
                    ? backend.reduce(reductionPlan()) : Optional.empty();
            if (wantSnapshot || (wantMetrics && reduced.isEmpty())) {
                backend.download(host);
            }
            if (wantMetrics) {
                last = reduced.isPresent() ? metrics.measure(host, time, reductionPlan(), reduced.get())
                        : metrics.measure(host, time);
                output.metrics(last);
            }
            if (wantSnapshot) {
                output.snapshot(host, step, time);
            }
        }
        if (last == null) {
            backend.download(host);
            last = metrics.measure(host, time);
        }
        double wall = (System.nanoTime() - wallStart) * 1e-9;
        output.log(String.format("finished at t = %.6g s after %d steps in %.3g s wall", time, step - startStep, wall));
        return new RunResult(time, step - startStep, wall, plan, last);
    }

    /** The metrics' reduction plan, built on first use (cells and vessel distances are fixed during a run). */
    private ReductionPlan reductionPlan() {
        if (reductions == null) {
            reductions = metrics.reductionPlan(host);
        }
        return reductions;
    }
}

package org.stromasim.sim;

import org.stromasim.backend.Backend;
import org.stromasim.backend.NonFiniteValue;
import org.stromasim.biology.AdaptiveSlowInterval;
import org.stromasim.biology.SlowProcesses;
import org.stromasim.biology.SlowStep;
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
    /** The step plan in force; with an accuracy target it is chosen again at the start and every snapshot. */
    private TimeStepPlan plan;
    /** Chooses the step for run.diffusion.target_relative_error, or null for a fixed step. */
    private AccuracyStepControl stepControl;
    private StopRequest stop = StopRequest.NEVER;
    /** The biology slow step, or null for a pure-transport scenario. */
    private SlowProcesses slow;
    /** The solute convection split step, or null without {@code ecm.flow.convection}. */
    private org.stromasim.flow.Convection convection;
    /** Whether the run takes an accepted pilot's coarse run as its own (see {@link AccuracyStepControl.Adopted}). */
    private boolean adoptPilots = true;
    /** The slow steps' clock in force (with biology.slow_clock it is chosen again after every slow step). */
    private OutputSchedule slowClock;
    /** The clock of all state updates (convection's, else {@link #slowClock}), or null for none. */
    private OutputSchedule slowSteps;
    /** When the last slow step ended (the start of the next one; the run's start before the first). */
    private double lastSlowS;
    /** The adaptive slow clock's current step length, s (NaN without one), and the slow steps taken. */
    private double slowStepS = Double.NaN;
    private long slowStepsTaken;
    private long slowNanos;
    /** Where the plasma curves jump or kink: intervals end there ({@link PlasmaBreaks}). */
    private PlasmaBreaks breaks = PlasmaBreaks.NONE;

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

    /**
     * Runs the scenario's biology slow step (if it has a {@code biology} section) every slow interval,
     * on the backend's state ({@link Backend#runSlowStep}), which updates the diffusivity and uptake scales
     * of the backend's {@link Backend#fields}. Returns this simulation.
     */
    public Simulation withBiology() {
        this.slow = scenario.biology() == null ? null : new SlowProcesses(scenario);
        // convection is a state update on its own clock like the slow step, so it comes with it
        this.convection = org.stromasim.flow.Convection.of(scenario, backend.fields());
        return this;
    }

    /**
     * The clock of the state updates between transport intervals: convection's when the scenario has it
     * (the slow interval is a whole multiple of it, checked on loading), else the slow step's, else none.
     */
    private static OutputSchedule updateClock(Scenario scenario, OutputSchedule slowClock) {
        var flow = scenario.ecm().flow();
        if (flow != null && flow.convection() != null) {
            return new OutputSchedule(flow.convection().intervalS());
        }
        return slowClock;
    }

    /**
     * With biology.slow_clock: chooses the slow step that starts at {@code timeS} from the host state
     * (which holds the cells, stiffness and viability after a slow step on every backend) and logs it
     * when its length changes.
     */
    private void chooseSlowStep(double timeS) {
        AdaptiveSlowInterval.Choice choice = slow.adaptiveClock().choose(host, timeS);
        if (choice.intervalS() != slowStepS) {
            output.log(String.format("t = %.6g s: biology slow step %.6g s (%s; bound %.3g s, at most %.3g %% change)",
                    timeS, choice.intervalS(), choice.limit().name().toLowerCase(java.util.Locale.ROOT),
                    choice.boundS(), 100 * scenario.biology().slowClock().maxRelativeChange()));
        }
        slowStepS = choice.intervalS();
        slowClock = new OutputSchedule(choice.intervalS());
        slowSteps = updateClock(scenario, slowClock);
    }

    /** Runs the slow step ending at {@code timeS} (off the adaptive clock's grid: a closing step). */
    private void runSlowStep(double timeS, boolean closing) {
        long t0 = System.nanoTime();
        SlowStep step = slow.adaptiveClock() == null ? slow.stepEndingAt(timeS)
                : closing ? SlowStep.closing(slow, lastSlowS, timeS) : slow.stepBetween(lastSlowS, timeS);
        backend.runSlowStep(host, step);
        lastSlowS = timeS;
        slowStepsTaken++;
        if (slow.adaptiveClock() != null) {
            chooseSlowStep(timeS);
        }
        slowNanos += System.nanoTime() - t0;
    }

    /**
     * An adaptive run that ends or stops between slow steps first takes the slow step up to there, so
     * every snapshot it writes holds the state of a slow-step time (what a resume continues from).
     */
    private void closeSlowClock(double timeS) {
        if (slow != null && slow.adaptiveClock() != null && timeS > lastSlowS && !slowClock.isDue(timeS)) {
            runSlowStep(timeS, true);
        }
    }

    /**
     * With run.diffusion.target_relative_error: the step is chosen by {@link AccuracyStepControl} on
     * this simulation's backend (from its fields) from the state at the start and at every snapshot.
     * Required for such a scenario; does nothing for a fixed step. Returns this simulation.
     */
    public Simulation controlSteps() {
        this.stepControl = scenario.run().diffusion().hasAccuracyTarget()
                ? new AccuracyStepControl(scenario.run(), backend) : null;
        return this;
    }

    /** Recomputes each pilot window instead of adopting the accepted pilot's run (to test that they agree). */
    Simulation recomputingPilotWindows() {
        this.adoptPilots = false;
        return this;
    }

    /**
     * Polls {@code stop} at every chunk boundary: when it asks, the loop snapshots the state reached
     * there and returns a result marked stopped. Returns this simulation.
     */
    public Simulation stopWhen(StopRequest stop) {
        this.stop = java.util.Objects.requireNonNull(stop, "stop");
        return this;
    }

    /**
     * Runs from {@code startTimeS} (state as uploaded, step counter {@code startStep}) to {@code endTimeS}.
     * With {@code writeInitial}, the start state is recorded first (a fresh run; not a resumed one).
     *
     * <p>Reproducibility of resumed runs: whenever the loop downloads the state at an output event, it
     * loads it back into the backend, which rounds the backend's exposure accumulator (a compensated
     * float pair, or double) to the float a snapshot stores. A run that ended at an output time and is resumed from its final
     * snapshot therefore continues from bitwise the state the uninterrupted run continued from. A run resumed from
     * a snapshot taken between output events (a stop request) continues the interrupted interval with
     * its original step length and chunk boundaries when the start time lies exactly on that interval's
     * step grid, so its steps are the same as those of an uninterrupted run.
     *
     * <p>With an accuracy target the step is chosen from the state at the start and at every snapshot
     * ({@link AccuracyStepControl}); a run resumed from a snapshot at a snapshot time therefore chooses
     * the same steps. One resumed from a stop-request snapshot chooses from the state there, so its steps
     * up to the next snapshot may differ from the uninterrupted run's (the target holds either way).
     * Without a biology slow step (or convection step) the accepted pilot's run over its window is taken
     * as the run's own instead of being recomputed. On the Java backend it is bitwise the same
     * trajectory (the loop downloads and measures at every event, as the pilot does); on a backend
     * that reduces metrics on the device it agrees to float rounding: concentrations bitwise, the drug
     * exposure within half an ulp per event, metrics rows within the device/host reduction round-off.
     */
    public RunResult run(double startTimeS, long startStep, double endTimeS, boolean writeInitial,
                         ProgressListener progress) {
        OutputSchedule snapshots = new OutputSchedule(scenario.run().snapshotIntervalS());
        OutputSchedule metricRows = new OutputSchedule(scenario.run().metricsIntervalS());
        breaks = PlasmaBreaks.of(backend.fields().model(), endTimeS);
        // slow steps are events like outputs, so the transport intervals end exactly on them
        slowClock = slow == null ? null : new OutputSchedule(slow.intervalS());
        slowSteps = updateClock(scenario, slowClock);
        lastSlowS = startTimeS;
        if (slow != null) {
            slow.applyInterventionsAt(startTimeS, backend.fields());
            if (slow.adaptiveClock() == null) {
                output.log(String.format("biology: slow step every %.6g s on %s", slow.intervalS(),
                        backend.description()));
            } else {
                var clock = scenario.biology().slowClock();
                output.log(String.format("biology: adaptive slow step, %.6g s x 2^m up to %.6g s, at most %.3g %% "
                        + "change of stiffness, activation chance or viability per step, on %s", slow.intervalS(),
                        clock.maxIntervalS(), 100 * clock.maxRelativeChange(), backend.description()));
                chooseSlowStep(startTimeS);
            }
        }
        if (convection != null) {
            output.log(String.format("convection: split step every %.6g s (host code through the backend's state update)",
                    convection.intervalS()));
        }
        if (scenario.ecm().flow() != null) {
            output.log(org.stromasim.flow.DarcyStarlingSolver.describe(scenario.run().multigrid().pressureCoarsening()));
        }
        if (scenario.run().diffusion().hasAccuracyTarget() && stepControl == null) {
            throw new IllegalStateException("the scenario sets run.diffusion.target_relative_error: call controlSteps");
        }
        output.log(plan.reason());
        output.log("backend: " + backend.description());
        NonFiniteGuard guard = new NonFiniteGuard(scenario, endTimeS, output);
        MetricsRow last = null;
        if (writeInitial) {
            guard.stopIfPresent(NonFiniteValue.firstIn(host), host, startTimeS, startStep);
            last = metrics.measure(host, startTimeS);
            output.metrics(last);
            output.snapshot(host, startStep, startTimeS);
        }
        // The start state is stored either way: written just now, or the snapshot a resume starts from.
        long lastSnapshotStep = startStep;
        long wallStart = System.nanoTime();
        double time = startTimeS;
        long step = startStep;
        int chunk = (int) Math.max(1, UPDATES_PER_CHUNK
                / ((long) host.grid().voxelCount() * Math.max(1, host.speciesCount())));
        boolean first = true;
        if (stepControl != null && adoptPilots && slowSteps == null) {
            // The pilot's coarse run downloads, uploads and measures on the host at each event, as this
            // loop does on the Java backend: there adopting it is bitwise the recomputed window. A backend
            // that reduces on the device does not download at a metrics-only event, so there the adopted
            // window differs from the recomputed one only in rounding: the concentrations are the same
            // bits (upload writes the downloaded floats back; the exposure accumulator feeds nothing
            // back without a slow step), the exposure is rounded to float once more per event (its
            // compensation folded in on upload, at most half an ulp each, as after a stop request), and
            // the rows are the host's reductions of that state instead of the device's (equal within
            // float round-off, DeviceMetricsParityTest). Tested against recomputing:
            // AdoptedPilotsOnDeviceTest.
            stepControl.adoptPilots(metrics, metricRows);
        }
        if (stepControl != null) {
            stepControl.stopWhen(stop, chunk);
        }
        if (stepControl != null && time < endTimeS * (1 - 1e-12)) {
            replan(time, endTimeS, snapshots, metricRows, slowSteps, false);
        }
        Events events = new Events(endTimeS, snapshots, metricRows, breaks);
        while (time < endTimeS * (1 - 1e-12)) {
            AccuracyStepControl.Adopted adopted = stepControl == null ? null : stepControl.takeAdopted(time);
            if (adopted != null) {
                if (stop.isRequested()) {
                    closeSlowClock(time);
                    return stopAt(time, step, startStep, lastSnapshotStep, wallStart, guard);
                }
                guard.stopIfPresent(NonFiniteValue.firstIn(adopted.endState()), adopted.endState(), adopted.endS(),
                        step + adopted.steps());
                last = adopt(adopted, last);
                step += adopted.steps();
                progress.advanced(adopted.endS(), step);
            }
            Interval interval = adopted != null ? Interval.taken(time, adopted.endS(), adopted.steps())
                    : first ? Interval.resumedAt(time, events.with(slowSteps), plan)
                    : Interval.startingAt(time, events.with(slowSteps), plan);
            // its end state's arrays stay the backend's only until a pilot uploads its own: not held past that
            // by this frame, or a plan later in this pass would hold a fourth copy of the fields
            adopted = null;
            first = false;
            int done = interval.done();
            long stepAtIntervalStart = step - done;
            while (done < interval.steps()) {
                if (stop.isRequested()) {
                    closeSlowClock(interval.timeAfter(done));
                    return stopAt(interval.timeAfter(done), stepAtIntervalStart + done, startStep, lastSnapshotStep,
                            wallStart, guard);
                }
                int n = Math.min(chunk, interval.steps() - done);
                backend.advance(interval.timeAfter(done), interval.dtS(), n);
                done += n;
                progress.advanced(interval.timeAfter(done), stepAtIntervalStart + done);
            }
            time = interval.endS();
            step = stepAtIntervalStart + interval.steps();
            boolean atEnd = time >= endTimeS * (1 - 1e-12);
            if (slowSteps != null && slowSteps.isDue(time)) {
                // before outputs: they show the updated state
                if (convection != null) {
                    backend.updateState(host, convection.stepEndingAt(time));
                }
                if (slowClock != null && slowClock.isDue(time)) {
                    runSlowStep(time, false);
                }
            }
            if (atEnd) {
                closeSlowClock(time);
            }
            boolean wantMetrics = atEnd || metricRows.isDue(time);
            boolean wantSnapshot = atEnd || snapshots.isDue(time);
            ReductionPlan rowPlan = wantMetrics && !wantSnapshot ? reductionPlan() : null;
            StateReductions reduced = rowPlan != null && backend.reducesOnDevice() ? backend.reduce(rowPlan, host) : null;
            boolean downloaded = wantSnapshot || (wantMetrics && reduced == null);
            if (downloaded) {
                backend.download(host);
                backend.upload(host); // continue from exactly the stored (float) state; see run's doc
            }
            if (wantMetrics || wantSnapshot) {
                // before anything of this state is written: a non-finite row or snapshot is never stored
                guard.stopIfPresent(downloaded ? NonFiniteValue.firstIn(host) : backend.firstNonFinite(host), host,
                        time, step);
            }
            if (wantMetrics) {
                last = reduced != null ? metrics.measure(host, time, rowPlan, reduced)
                        : metrics.measure(host, time);
                output.metrics(last);
            }
            if (wantSnapshot) {
                output.snapshot(host, step, time);
                lastSnapshotStep = step;
                if (stepControl != null && !atEnd) {
                    replan(time, endTimeS, snapshots, metricRows, slowSteps, false);
                }
            } else if (stepControl != null && !atEnd && stepControl.replansAt(time)) {
                // the last plan's step was far below its cap and verified over a short pilot window only:
                // chosen again from the state here (derived from the last snapshot's alone, so a run
                // resumed from that snapshot takes the same steps)
                replan(time, endTimeS, snapshots, metricRows, slowSteps, true);
            }
        }
        if (last == null) {
            backend.download(host);
            last = metrics.measure(host, time);
        }
        double wall = (System.nanoTime() - wallStart) * 1e-9;
        output.log(String.format("finished at t = %.6g s after %d steps in %.3g s wall", time, step - startStep, wall));
        if (stepControl != null) {
            output.log(stepControl.costSummary() + String.format(java.util.Locale.ROOT,
                    " = %.1f %% of the run's wall (all included in the wall time above)",
                    wall > 0 ? 100 * stepControl.ownCostWallS() / wall : 0.0));
        }
        if (slow != null) {
            output.log(String.format("biology: %d slow steps, %.3g s wall (%.1f %% of the run)", slowStepsTaken,
                    slowNanos * 1e-9, wall > 0 ? 100 * slowNanos * 1e-9 / wall : 0.0));
        }
        return new RunResult(time, step - startStep, wall, plan, last);
    }

    /**
     * Chooses the step for the window from {@code timeS} to the next snapshot from the state there
     * (the host copy equals the backend's state: just uploaded or stored) and logs it; {@code continued}
     * where a short pilot window has ended ({@link AccuracyStepControl#continueAt}).
     */
    private void replan(double timeS, double endTimeS, OutputSchedule snapshots, OutputSchedule metricRows,
                        OutputSchedule slowSteps, boolean continued) {
        double[] events = windowEvents(timeS, new Events(endTimeS, snapshots, metricRows, breaks).with(slowSteps));
        try {
            plan = continued ? stepControl.continueAt(host, events) : stepControl.planAt(host, events);
        } catch (PilotStopped stopped) {
            // the loop stops at its next check, before any step: at timeS, the state the pilots started from
            output.log(String.format("t = %.6g s: step control stopped on request while piloting", timeS));
            output.log(stepControl.lastPlanCost());
            return;
        }
        output.log(String.format("t = %.6g s: %s", timeS, plan.reason()));
        output.log(stepControl.lastPlanCost());
    }

    /**
     * The step an accuracy-target run of {@code scenario} would choose at t = 0 from {@code state}
     * (uploaded here to {@code backend}), for {@code validate}: the same window and pilot as the run.
     */
    public static TimeStepPlan chooseAtStart(Scenario scenario, Backend backend, Tissue state) {
        var run = scenario.run();
        OutputSchedule slowSteps = null;
        if (scenario.biology() != null) {
            SlowProcesses processes = new SlowProcesses(scenario);
            slowSteps = updateClock(scenario, new OutputSchedule(processes.adaptiveClock() == null
                    ? processes.intervalS() : processes.adaptiveClock().choose(state, 0.0).intervalS()));
        }
        double[] events = windowEvents(0.0, new Events(run.endTimeS(), new OutputSchedule(run.snapshotIntervalS()),
                new OutputSchedule(run.metricsIntervalS()), PlasmaBreaks.of(backend.fields().model(), run.endTimeS()))
                .with(slowSteps));
        return new AccuracyStepControl(run, backend).planFrom(state, events);
    }

    /**
     * The event times (plasma breaks included) the run passes from {@code fromS} to the next snapshot or the end, computed as
     * {@link Interval#startingAt} computes them, so a pilot over them takes the run's very steps.
     */
    static double[] windowEvents(double fromS, Events events) {
        java.util.List<Double> times = new java.util.ArrayList<>();
        double t = fromS;
        times.add(t);
        while (true) {
            double next = events.nextAfter(t);
            times.add(next);
            if (next >= events.endTimeS() * (1 - 1e-12) || events.snapshots().isDue(next)) {
                break;
            }
            t = next;
        }
        double[] out = new double[times.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = times.get(i);
        }
        return out;
    }

    /**
     * Takes the accepted pilot's run over its window as this run's own (bitwise the same trajectory,
     * see {@link AccuracyStepControl.Adopted}): its interior metrics rows, and its end state into the
     * backend. Returns the last row written ({@code last} if none).
     */
    private MetricsRow adopt(AccuracyStepControl.Adopted adopted, MetricsRow last) {
        for (MetricsRow row : adopted.interiorRows()) {
            output.metrics(row);
            last = row;
        }
        backend.upload(adopted.endState());
        return last;
    }

    /**
     * The metrics' reduction plan for the current cells: the calculator keeps one while the host copy's
     * cells are unchanged and builds a new one after a slow step changed them (the host copy holds the
     * updated cells after {@code runSlowStep}).
     */
    private ReductionPlan reductionPlan() {
        return metrics.reductionPlan(host);
    }

    /** Ends the run at a chunk boundary on request: a snapshot there (no metrics row, off the metrics grid). */
    private RunResult stopAt(double timeS, long step, long startStep, long lastSnapshotStep, long wallStart,
                             NonFiniteGuard guard) {
        backend.download(host);
        guard.stopIfPresent(NonFiniteValue.firstIn(host), host, timeS, step);
        MetricsRow now = metrics.measure(host, timeS);
        if (step != lastSnapshotStep) {
            output.snapshot(host, step, timeS);
        }
        double wall = (System.nanoTime() - wallStart) * 1e-9;
        output.log(String.format("stopped on request at t = %.6g s (step %d) after %d steps in %.3g s wall; "
                + "the last snapshot holds this state", timeS, step, step - startStep, wall));
        return new RunResult(timeS, step - startStep, wall, plan, now, true);
    }

    /**
     * Where the time loop stops: metrics rows, snapshots, slow (or convection) steps, the end, and the
     * plasma curves' breaks; {@code slowSteps} null for none.
     */
    record Events(double endTimeS, OutputSchedule snapshots, OutputSchedule metricRows, PlasmaBreaks breaks,
                  OutputSchedule slowSteps) {

        Events(double endTimeS, OutputSchedule snapshots, OutputSchedule metricRows, PlasmaBreaks breaks) {
            this(endTimeS, snapshots, metricRows, breaks, null);
        }

        /** These events with the slow steps' clock in force. */
        Events with(OutputSchedule slow) {
            return new Events(endTimeS, snapshots, metricRows, breaks, slow);
        }

        /** The first output event after {@code timeS} (no break): where the last interval before it began. */
        double outputAfter(double timeS) {
            double next = Math.min(endTimeS, Math.min(snapshots.nextAfter(timeS), metricRows.nextAfter(timeS)));
            return slowSteps != null ? Math.min(next, slowSteps.nextAfter(timeS)) : next;
        }

        /** The latest output event at or before {@code timeS}. */
        double outputAtOrBefore(double timeS) {
            double previous = Math.max(snapshots.lastAtOrBefore(timeS), metricRows.lastAtOrBefore(timeS));
            return slowSteps != null ? Math.max(previous, slowSteps.lastAtOrBefore(timeS)) : previous;
        }

        /** The end of the interval that starts at {@code timeS}: the next output event or an earlier break. */
        double nextAfter(double timeS) {
            return breaks.end(timeS, outputAfter(timeS));
        }
    }

    /**
     * The steps between two output events: {@code steps} equal steps of {@code dtS} from {@code startS}
     * to {@code endS}, of which {@code done} are already taken.
     */
    private record Interval(double startS, double endS, int steps, double dtS, int done) {

        static Interval startingAt(double timeS, Events events, TimeStepPlan plan) {
            double eventTime = events.nextAfter(timeS);
            int steps = plan.stepsFor(eventTime - timeS);
            return new Interval(timeS, eventTime, steps, (eventTime - timeS) / steps, 0);
        }

        /**
         * The interval a run starting at {@code timeS} is in: when {@code timeS} lies exactly (bitwise) on
         * the step grid of the interval that began at the last output event, the rest of that interval;
         * otherwise a new interval from {@code timeS}.
         */
        static Interval resumedAt(double timeS, Events events, TimeStepPlan plan) {
            double previous = events.outputAtOrBefore(timeS);
            // a break between the last output event and timeS began an interval of its own: follow the
            // run's own sequence of interval ends from that event
            for (double next = events.nextAfter(previous); previous < timeS && next <= timeS;
                    next = events.nextAfter(previous)) {
                previous = next;
            }
            if (previous < timeS) {
                Interval whole = startingAt(previous, events, plan);
                long done = Math.round((timeS - previous) / whole.dtS());
                if (done > 0 && done < whole.steps() && whole.timeAfter((int) done) == timeS) {
                    return new Interval(previous, whole.endS(), whole.steps(), whole.dtS(), (int) done);
                }
            }
            return startingAt(timeS, events, plan);
        }

        /** A window already advanced (an adopted pilot run): all its steps done. */
        static Interval taken(double startS, double endS, int steps) {
            return new Interval(startS, endS, steps, (endS - startS) / steps, steps);
        }

        /** Time after {@code done} steps, computed from the interval start (never accumulated). */
        double timeAfter(int done) {
            return startS + done * dtS;
        }
    }
}

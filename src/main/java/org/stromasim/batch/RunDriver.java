package org.stromasim.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.stromasim.backend.Backend;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.BackendFactory;
import org.stromasim.backend.SelectedBackend;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.RunInfo;
import org.stromasim.scenario.Scenario;
import org.stromasim.sim.FileRunOutput;
import org.stromasim.sim.PeakMemory;
import org.stromasim.sim.ProgressListener;
import org.stromasim.sim.ResumePoint;
import org.stromasim.sim.RunResult;
import org.stromasim.sim.Simulation;
import org.stromasim.sim.StopRequest;
import org.stromasim.sim.TimeStepPlan;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * Runs the simulation of one existing run directory: from the start when it holds no snapshot yet, or
 * on from its newest snapshot. Shared by {@code resume}, local sweeps and Slurm array tasks.
 */
public final class RunDriver {

    /** Opens a progress display for a run that goes from {@code startS} to {@code endS}. */
    @FunctionalInterface
    public interface ProgressFactory {
        ProgressFactory NONE = (startS, endS) -> ProgressListener.NONE;

        ProgressListener open(double startS, double endS);
    }

    /**
     * How to run.
     *
     * @param backend where the numerics run
     * @param threads Java backend threads, 0 = one per processor
     * @param untilS  end time, or {@code null} for the scenario's run.end_time_s
     * @param deviceSpec {@code --device}: an OpenCL device index or name part, or {@code null}
     */
    public record Settings(BackendChoice backend, int threads, Double untilS, String deviceSpec) {

        public Settings(BackendChoice backend, int threads, Double untilS) {
            this(backend, threads, untilS, null);
        }


        public Settings {
            if (threads < 0) {
                throw new IllegalArgumentException("--threads = " + threads + ": must be >= 0 (0 = one per processor)");
            }
            if (untilS != null && !(untilS > 0 && Double.isFinite(untilS))) {
                throw new IllegalArgumentException("--until = " + untilS + ": must be a time > 0 s");
            }
        }

        double endTimeS(Scenario scenario) {
            return untilS != null ? untilS : scenario.run().endTimeS();
        }

        /**
         * Where a resumed run goes: {@code --until} when given, else the end the run was asked for when it
         * started (its run.json), else the scenario's run.end_time_s.
         */
        public double resumeEndTimeS(RunDirectory run, Scenario scenario) throws IOException {
            if (untilS != null) {
                return untilS;
            }
            return RunInfo.read(run.root()).map(RunInfo::requestedEndS).orElse(scenario.run().endTimeS());
        }
    }

    private final Settings settings;
    private final StopRequest stop;
    private final ProgressFactory progress;
    private final PrintWriter announce;

    /**
     * @param announce where a one-line "what runs where" goes, or {@code null} for none
     */
    public RunDriver(Settings settings, StopRequest stop, ProgressFactory progress, PrintWriter announce) {
        this.settings = settings;
        this.stop = stop;
        this.progress = progress;
        this.announce = announce;
    }

    /** Continues {@code run} from its newest snapshot, or starts it when it has none. */
    public RunResult runOrResume(RunDirectory run, Scenario scenarioIfFresh) throws IOException {
        var point = ResumePoint.latest(run);
        return point.isPresent() ? resume(run, point.get()) : fresh(run, scenarioIfFresh);
    }

    /** Simulates {@code scenario} from t = 0 into {@code run}, whose scenario.yaml is already written. */
    public RunResult fresh(RunDirectory run, Scenario scenario) {
        return simulate(run, scenario, TissueBuilder.build(scenario), null);
    }

    /**
     * Continues {@code run} from {@code point} to the end time. A run already at or past it is left
     * as it is and reported with zero steps.
     */
    public RunResult resume(RunDirectory run, ResumePoint point) {
        return simulate(run, point.scenario(), point.state(), point);
    }

    /** One run from {@code tissue}: from t = 0 when {@code point} is null, else on from the snapshot. */
    private RunResult simulate(RunDirectory run, Scenario scenario, Tissue tissue, ResumePoint point) {
        double startS = point == null ? 0.0 : point.timeS();
        long startStep = point == null ? 0L : point.step();
        double endTimeS;
        try {
            endTimeS = point == null ? settings.endTimeS(scenario) : settings.resumeEndTimeS(run, scenario);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume " + run.root() + ": " + e.getMessage(), e);
        }
        TransportModel model = TransportModel.compile(scenario, tissue);
        TimeStepPlan plan = TimeStepPlan.choose(scenario.run(), model);
        SelectedBackend selected = BackendFactory.select(settings.backend(), settings.deviceSpec(), model,
                settings.threads());
        try (Backend numerics = selected.backend();
             FileRunOutput output = point == null
                     ? FileRunOutput.create(run, scenario, numerics.description(), endTimeS)
                     : FileRunOutput.resume(run, scenario, numerics.description(), startS, endTimeS);
             ProgressListener bar = progress.open(startS, endTimeS)) {
            say("%s", selected.note());
            output.log(selected.note());
            if (point == null) {
                say("stromasim: %s on %s, %s", scenario.name(), numerics.description(), plan.reason());
            } else {
                say("stromasim: resuming %s from t = %.6g s (step %d, %s) to t = %.6g s on %s, %s", scenario.name(),
                        startS, startStep, point.snapshot().getFileName(), endTimeS, numerics.description(),
                        plan.reason());
                output.log(String.format("resumed from %s at t = %.6g s (step %d)", point.snapshot().getFileName(),
                        startS, startStep));
            }
            numerics.upload(tissue);
            RunResult result = new Simulation(scenario, numerics, tissue, plan, output).withBiology(model)
                    .controlSteps(model)
                    .stopWhen(stop).run(startS, startStep, endTimeS, point == null, bar);
            output.log(PeakMemory.report(tissue.stateBytes()));
            return result;
        }
    }

    private void say(String format, Object... args) {
        if (announce != null) {
            announce.printf(format + "%n", args);
            announce.flush();
        }
    }
}

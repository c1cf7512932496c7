package org.stromasim.batch;

import java.io.IOException;
import java.io.PrintWriter;
import org.stromasim.backend.Backend;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.BackendFactory;
import org.stromasim.io.RunDirectory;
import org.stromasim.scenario.Scenario;
import org.stromasim.sim.FileRunOutput;
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
     */
    public record Settings(BackendChoice backend, int threads, Double untilS) {

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
        double endTimeS = settings.endTimeS(scenario);
        Tissue tissue = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, tissue);
        TimeStepPlan plan = TimeStepPlan.choose(scenario.run(), model);
        try (Backend numerics = BackendFactory.create(settings.backend(), model, settings.threads());
             FileRunOutput output = FileRunOutput.create(run, scenario, numerics.description());
             ProgressListener bar = progress.open(0.0, endTimeS)) {
            say("stromasim: %s on %s, %s", scenario.name(), numerics.description(), plan.reason());
            numerics.upload(tissue);
            return new Simulation(scenario, numerics, tissue, plan, output).withBiology(model).stopWhen(stop)
                    .run(0.0, 0L, endTimeS, true, bar);
        }
    }

    /**
     * Continues {@code run} from {@code point} to the end time. A run already at or past it is left
     * as it is and reported with zero steps.
     */
    public RunResult resume(RunDirectory run, ResumePoint point) {
        Scenario scenario = point.scenario();
        double endTimeS = settings.endTimeS(scenario);
        Tissue tissue = point.state();
        TransportModel model = TransportModel.compile(scenario, tissue);
        TimeStepPlan plan = TimeStepPlan.choose(scenario.run(), model);
        try (Backend numerics = BackendFactory.create(settings.backend(), model, settings.threads());
             FileRunOutput output = FileRunOutput.resume(run, scenario, numerics.description(), point.timeS());
             ProgressListener bar = progress.open(point.timeS(), endTimeS)) {
            say("stromasim: resuming %s from t = %.6g s (step %d, %s) to t = %.6g s on %s, %s", scenario.name(),
                    point.timeS(), point.step(), point.snapshot().getFileName(), endTimeS, numerics.description(),
                    plan.reason());
            output.log(String.format("resumed from %s at t = %.6g s (step %d)", point.snapshot().getFileName(),
                    point.timeS(), point.step()));
            numerics.upload(tissue);
            return new Simulation(scenario, numerics, tissue, plan, output).withBiology(model).stopWhen(stop)
                    .run(point.timeS(), point.step(), endTimeS, false, bar);
        }
    }

    private void say(String format, Object... args) {
        if (announce != null) {
            announce.printf(format + "%n", args);
            announce.flush();
        }
    }
}

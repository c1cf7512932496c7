package org.stromasim.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.stromasim.backend.Backend;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.selection.BackendFactory;
import org.stromasim.backend.SelectedBackend;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.RunInfo;
import org.stromasim.scenario.Scenario;
import org.stromasim.sim.CheckedTimeStep;
import org.stromasim.sim.FileRunOutput;
import org.stromasim.sim.MemoryBudget;
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
            if (threads > maxThreads()) {
                throw new IllegalArgumentException("--threads = " + threads + ": at most " + maxThreads() + " (4 × the "
                        + Runtime.getRuntime().availableProcessors() + " processors here, at least 64); more threads than"
                        + " cores only add switching, and each holds its own plane buffers");
            }
            if (untilS != null && !(untilS > 0 && Double.isFinite(untilS))) {
                throw new IllegalArgumentException("--until = " + untilS + ": must be a time > 0 s");
            }
        }

        /** The most Java backend threads a run may ask for. */
        public static int maxThreads() {
            return Math.max(64, 4 * Runtime.getRuntime().availableProcessors());
        }

        /** These options as run.json records them, for a later resume. */
        public RunInfo.BackendRequest request() {
            return new RunInfo.BackendRequest(backend.name().toLowerCase(java.util.Locale.ROOT), threads, deviceSpec);
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
    private StopRequest stop;
    private final ProgressFactory progress;
    private final PrintWriter announce;

    /**
     * @param announce where a one-line "what runs where" goes, or {@code null} for none
     */
    public RunDriver(Settings settings, StopRequest stop, ProgressFactory progress, PrintWriter announce) {
        this.settings = settings;
        this.stop = stop == null ? StopRequest.NEVER : stop;
        this.progress = progress;
        this.announce = announce;
    }

    /**
     * Everything a run needs that can be refused, checked and built before its directory exists: the
     * heap estimate against the JVM's heap, the tissue, the time step (and the step
     * count of its output intervals), and the backend (an OpenCL device's memory is checked before any
     * buffer is allocated). Closing it releases the backend unless a run has taken it.
     */
    public static final class Prepared implements AutoCloseable {
        private final Scenario scenario;
        private final Tissue tissue;
        private final TimeStepPlan plan;
        private final SelectedBackend selected;
        private boolean taken;

        private Prepared(Scenario scenario, Tissue tissue, TimeStepPlan plan,
                         SelectedBackend selected) {
            this.scenario = scenario;
            this.tissue = tissue;
            this.plan = plan;
            this.selected = selected;
        }

        public Scenario scenario() {
            return scenario;
        }

        @Override
        public void close() {
            if (!taken) {
                taken = true;
                selected.backend().close();
            }
        }
    }

    /** Checks and builds a fresh run of {@code scenario} (see {@link Prepared}); nothing is written. */
    public Prepared prepareFresh(Scenario scenario) {
        boolean javaBackend = !BackendFactory.choosesOpenCl(settings.backend(), settings.deviceSpec(), scenario);
        MemoryBudget.of(scenario, javaBackend, threadsOrProcessors())
                .requireFits(MemoryBudget.availableHeapBytes(), "to run it");
        return prepare(scenario, TissueBuilder.build(scenario));
    }

    /** Checks and builds the continuation of a run from {@code point}; nothing is written. */
    public Prepared prepareResume(ResumePoint point) {
        return prepare(point.scenario(), point.state());
    }

    private Prepared prepare(Scenario scenario, Tissue tissue) {
        TransportModel model = TransportModel.compile(scenario, tissue);
        TimeStepPlan plan = CheckedTimeStep.choose(scenario, tissue, model, settings.endTimeS(scenario));
        SelectedBackend selected = BackendFactory.select(settings.backend(), settings.deviceSpec(), model,
                settings.threads());
        return new Prepared(scenario, tissue, plan, selected);
    }

    private int threadsOrProcessors() {
        return settings.threads() > 0 ? settings.threads() : Runtime.getRuntime().availableProcessors();
    }

    /** Polls {@code stop} from now on (a driver made before its shutdown hook was installed); returns this. */
    public RunDriver stoppingWhen(StopRequest stop) {
        this.stop = java.util.Objects.requireNonNull(stop, "stop");
        return this;
    }

    /** Continues {@code run} from its newest snapshot, or starts it when it has none. */
    public RunResult runOrResume(RunDirectory run, Scenario scenarioIfFresh) throws IOException {
        var point = ResumePoint.latest(run);
        return point.isPresent() ? resume(run, point.get()) : fresh(run, scenarioIfFresh);
    }

    /** Simulates {@code scenario} from t = 0 into {@code run}, whose scenario.yaml is already written. */
    public RunResult fresh(RunDirectory run, Scenario scenario) {
        try (Prepared prepared = prepareFresh(scenario)) {
            return fresh(run, prepared);
        }
    }

    /** Simulates a prepared fresh run into {@code run}, whose scenario.yaml is already written. */
    public RunResult fresh(RunDirectory run, Prepared prepared) {
        return simulate(run, prepared, null);
    }

    /**
     * Continues {@code run} from {@code point} to the end time. A run already at or past it is left
     * as it is and reported with zero steps.
     */
    public RunResult resume(RunDirectory run, ResumePoint point) {
        try (Prepared prepared = prepareResume(point)) {
            return simulate(run, prepared, point);
        }
    }

    /** One prepared run: from t = 0 when {@code point} is null, else on from the snapshot. */
    private RunResult simulate(RunDirectory run, Prepared prepared, ResumePoint point) {
        Scenario scenario = prepared.scenario;
        Tissue tissue = prepared.tissue;
        TimeStepPlan plan = prepared.plan;
        SelectedBackend selected = prepared.selected;
        prepared.taken = true;
        double startS = point == null ? 0.0 : point.timeS();
        long startStep = point == null ? 0L : point.step();
        double endTimeS;
        try {
            endTimeS = point == null ? settings.endTimeS(scenario) : settings.resumeEndTimeS(run, scenario);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume " + run.root() + ": " + e.getMessage(), e);
        }
        try (Backend numerics = selected.backend();
             FileRunOutput output = point == null
                     ? FileRunOutput.create(run, scenario, numerics.description(), endTimeS, settings.request())
                     : FileRunOutput.resume(run, scenario, numerics.description(), startS, endTimeS,
                             settings.request());
             ProgressListener bar = progress.open(startS, endTimeS)) {
            say("%s", selected.note());
            output.log(selected.note());
            if (point == null) {
                say("stromasim: %s on %s, %s", scenario.name(), numerics.description(), plan.reason());
            } else {
                for (String damaged : point.setAside()) {
                    String line = "damaged snapshot set aside, resuming from the previous intact snapshot "
                            + point.snapshot().getFileName() + ": " + damaged;
                    say("stromasim: %s", line);
                    output.log(line);
                }
                say("stromasim: resuming %s from t = %.6g s (step %d, %s) to t = %.6g s on %s, %s", scenario.name(),
                        startS, startStep, point.snapshot().getFileName(), endTimeS, numerics.description(),
                        plan.reason());
                output.log(String.format("resumed from %s at t = %.6g s (step %d)", point.snapshot().getFileName(),
                        startS, startStep));
            }
            numerics.upload(tissue);
            RunResult result = new Simulation(scenario, numerics, tissue, plan, output).withBiology()
                    .controlSteps()
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

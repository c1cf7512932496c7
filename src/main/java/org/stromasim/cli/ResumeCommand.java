package org.stromasim.cli;

import org.stromasim.LaunchCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.stromasim.batch.GracefulShutdown;
import org.stromasim.batch.RunDriver;
import org.stromasim.backend.BackendChoice;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.RunInfo;
import org.stromasim.io.RunDirectoryLock;
import org.stromasim.io.SnapshotFormatException;
import org.stromasim.sim.ResumePoint;
import org.stromasim.sim.RunResult;
import org.stromasim.sim.TimeStepRefusedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stromasim resume}: continue a stopped or finished run from its newest snapshot. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue a run from its newest complete snapshot to the end it was asked to reach (the "
                + "--until it was started with, else the scenario's run.end_time_s), or to a new --until.",
                "It continues with the --backend, --threads and --device the run was started with unless given here; on the "
                        + "same backend and thread count the result is bitwise the one of an uninterrupted run."})
final class ResumeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "Run directory written by 'run' or by a sweep.")
    Path runDir;

    @Option(names = "--until", paramLabel = "SECONDS",
            description = "Simulate to this time instead of the end the run was asked to reach (extends a finished run; "
                    + "remembered for later resumes).")
    Double untilS;

    @Mixin
    RunnerOptions runner;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (untilS != null && !(untilS > 0 && Double.isFinite(untilS))) {
            // refused before the run directory is touched (its lock file included)
            throw new UserInputException("--until = " + untilS + ": must be a time > 0 s");
        }
        RunDirectory run;
        try {
            run = RunDirectory.open(runDir);
        } catch (IOException e) {
            throw new UserInputException("cannot resume " + runDir + ": " + e.getMessage(), e);
        }
        try (RunDirectoryLock lock = RunDirectories.lock(run, "resume", spec.commandLine().getErr())) {
            return resume(run, out);
        }
    }

    private Integer resume(RunDirectory run, PrintWriter out) throws IOException {
        Optional<ResumePoint> point;
        try {
            point = ResumePoint.latest(run);
        } catch (SnapshotFormatException damaged) {
            // every snapshot is damaged: a problem with the run directory given, not with the program
            throw new UserInputException("cannot resume " + run.root() + ": " + damaged.getMessage(), damaged);
        }
        if (point.isEmpty()) {
            throw new UserInputException("cannot resume " + run.root() + ": it holds no complete snapshot yet; "
                    + "start it again with '" + LaunchCommand.get() + " run'");
        }
        RunDriver.Settings settings = settingsKeepingBackend(run);
        double endTimeS;
        try {
            endTimeS = settings.resumeEndTimeS(run, point.get().scenario());
        } catch (IOException e) {
            throw new UserInputException("cannot resume " + run.root() + ": " + e.getMessage(), e);
        }
        if (point.get().timeS() >= endTimeS * (1 - 1e-12)) {
            String command = LaunchCommand.get() + " resume " + LaunchCommand.shellWord(run.root().toString());
            if (untilS == null) {
                out.printf("%s has finished: it is at t = %s, the end it was asked to reach; nothing to do.%n"
                        + "To simulate further: %s --until SECONDS (a time after %s)%n",
                        run.root(), Units.formatDuration(point.get().timeS()), command,
                        Units.formatDuration(point.get().timeS()));
            } else {
                out.printf("%s is already at t = %s, at or past --until %s; nothing to do.%n"
                        + "To simulate further: %s --until SECONDS (a time after %s)%n",
                        run.root(), Units.formatDuration(point.get().timeS()), Units.formatDuration(untilS), command,
                        Units.formatDuration(point.get().timeS()));
            }
            out.flush();
            return ExitCodes.OK;
        }
        RunResult result;
        try (GracefulShutdown shutdown = GracefulShutdown.install(spec.commandLine().getErr());
             GracefulShutdown.Running running = shutdown.enter()) {
            RunDriver.ProgressFactory progress = runner.progress(spec.commandLine().getErr());
            result = new RunDriver(settings, shutdown, progress, out).resume(run, point.get());
        } catch (TimeStepRefusedException refused) {
            throw LocatedRefusal.of(refused, run.scenarioFile(), java.util.List.of());
        }
        if (result.stopped()) {
            return StoppedRunMessage.print(out, run.root(), result);
        }
        new RunSummaryPrinter(out).print(point.get().scenario(), run.root(), result);
        return ExitCodes.OK;
    }

    /**
     * The run options, with {@code --backend}, {@code --threads} and {@code --device} taken from run.json
     * where not given here: a run continued on another backend or thread count is not bitwise the
     * uninterrupted run, so resume does not switch silently (auto could pick another device than the
     * run started on). An option given here wins, and the log says the result is then not bitwise.
     */
    private RunDriver.Settings settingsKeepingBackend(RunDirectory run) throws IOException {
        RunDriver.Settings given = runner.settings(untilS);
        Optional<RunInfo.BackendRequest> recorded;
        try {
            recorded = RunInfo.read(run.root()).map(RunInfo::request);
        } catch (IOException e) {
            throw new UserInputException("cannot resume " + run.root() + ": " + e.getMessage(), e);
        }
        if (recorded.isEmpty()) {
            return given;
        }
        RunInfo.BackendRequest was = recorded.get();
        var parsed = spec.commandLine().getParseResult();
        BackendChoice backend = parsed.hasMatchedOption("--backend") ? given.backend() : recordedChoice(run, was);
        int threads = parsed.hasMatchedOption("--threads") ? given.threads() : was.threads();
        String device = parsed.hasMatchedOption("--device") ? given.deviceSpec() : was.device();
        RunDriver.Settings settings;
        try {
            settings = new RunDriver.Settings(backend, threads, untilS, device);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("cannot resume " + run.root() + " with the options it was started with ("
                    + describe(was) + "): " + e.getMessage() + "; give --threads", e);
        }
        if (!settings.request().equals(was)) {
            spec.commandLine().getErr().printf("note: %s was started with %s and continues with %s: the result is"
                    + " not bitwise the one of an uninterrupted run%n", run.root(), describe(was),
                    describe(settings.request()));
        }
        return settings;
    }

    private static BackendChoice recordedChoice(RunDirectory run, RunInfo.BackendRequest was) {
        try {
            return BackendChoice.valueOf(was.backend().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(run.root().resolve(RunInfo.FILE) + ": backend_request.backend = "
                    + was.backend() + " is not a backend; allowed: auto, opencl, java (or give --backend)", e);
        }
    }

    private static String describe(RunInfo.BackendRequest request) {
        return "--backend " + request.backend() + " --threads " + request.threads()
                + (request.device() == null ? "" : " --device " + LaunchCommand.shellWord(request.device()));
    }
}

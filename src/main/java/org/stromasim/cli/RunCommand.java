package org.stromasim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stromasim.batch.GracefulShutdown;
import org.stromasim.batch.RunDriver;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.RunDirectoryLock;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.scenario.UnitPlausibility;
import org.stromasim.sim.FloatRangeCheck;
import org.stromasim.sim.RunResult;
import org.stromasim.sim.TimeStepRefusedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stromasim run}: simulate a scenario into a run directory. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Simulate a scenario and write snapshots, run.xmf and metrics.csv into a run directory.",
                "With no SCENARIO, runs the embedded default (a tumour nest in fibrotic stroma, doxorubicin-like bolus)."})
final class RunCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "Scenario YAML file (default: the embedded default scenario).")
    Path scenarioFile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run directory to create (default: runs/<scenario>-<date>-<time>).")
    Path outDir;

    @Option(names = "--until", paramLabel = "SECONDS", description = "Simulate to this time instead of run.end_time_s.")
    Double untilS;

    @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
            description = "Override a scenario value, e.g. --set run.end_time_s=600 --set species.drug.d0_um2_per_s=50 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--force", description = "Reuse a non-empty run directory, replacing what is in it.")
    boolean force;

    @Mixin
    RunnerOptions runner;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Scenario scenario = scenarioFile == null
                ? ScenarioLoader.loadDefault(overrides)
                : ScenarioLoader.load(scenarioFile, overrides);
        UnitPlausibility.warnings(scenario).forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        spec.commandLine().getErr().flush();
        double endTimeS = untilS != null ? untilS : scenario.run().endTimeS();
        if (!(endTimeS > 0) || !Double.isFinite(endTimeS)) {
            throw new UserInputException("--until = " + untilS + ": must be a time > 0 s");
        }
        // the same warning `validate` gives: a level that may overflow float arithmetic before the run ends
        for (FloatRangeCheck.Excess excess : FloatRangeCheck.check(scenario, endTimeS)) {
            spec.commandLine().getErr().println("warning: " + excess.message());
        }
        spec.commandLine().getErr().flush();
        RunDriver.Settings settings = runner.settings(untilS); // refuses a bad --threads before any directory exists
        PrintWriter err = spec.commandLine().getErr();
        RunDriver driver = new RunDriver(settings, null, runner.progress(err), out);
        Path runRoot = outDir != null ? outDir : defaultRunDirectory(scenario);
        RunDirectories.requireUsable(runRoot, force);
        RunResult result;
        // every check that can refuse (memory, time step, backend and device) runs before the directory exists
        try (RunDriver.Prepared prepared = prepare(driver, scenario)) {
            // locked before --force removes a previous run's files: never those of a run still going
            try (RunDirectoryLock lock = RunDirectories.lockNew(runRoot, "run", err)) {
                RunDirectory runDirectory = RunDirectories.create(runRoot, ScenarioLoader.toYaml(scenario), force);
                result = run(driver, prepared, runDirectory, err);
                runRoot = runDirectory.root();
            }
        }
        if (result.stopped()) {
            return StoppedRunMessage.print(out, runRoot, result);
        }
        new RunSummaryPrinter(out).print(scenario, runRoot, result);
        out.flush();
        return ExitCodes.OK;
    }

    /** The simulation itself, with SIGINT/SIGTERM turned into a stop at the next chunk boundary. */
    private static RunResult run(RunDriver driver, RunDriver.Prepared prepared, RunDirectory runDirectory,
                                 PrintWriter err) {
        try (GracefulShutdown shutdown = GracefulShutdown.install(err);
             GracefulShutdown.Running running = shutdown.enter()) {
            return driver.stoppingWhen(shutdown).fresh(runDirectory, prepared);
        }
    }

    private RunDriver.Prepared prepare(RunDriver driver, Scenario scenario) {
        try {
            return driver.prepareFresh(scenario);
        } catch (TimeStepRefusedException refused) {
            throw LocatedRefusal.of(refused, scenarioFile, overrides);
        }
    }

    private static Path defaultRunDirectory(Scenario scenario) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", scenario.name() + "-" + stamp);
    }
}

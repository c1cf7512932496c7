package org.stromasim.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.cli.CliHarness;
import org.stromasim.reference.ReferenceStepper;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * Issue 12: an IV bolus whose plasma curve starts after t = 0, with step control (implicit, unsplit, 1 %).
 * Before, every step ending at the start gave the lumen h·peak/2 of exposure (trapezoid of the end
 * points) and a step across it took the plasma level at its midpoint, 0 or the peak whatever h: the
 * step-doubling estimate stayed near 50 % at every candidate and the run was refused. Now the source is
 * the step mean, the lumen exposure the curve's integral, and the start an event of the time loop.
 */
class BolusStartStepControlTest {

    static final double TARGET = 0.01;

    @TempDir
    static Path temp;

    /** The repro command of issue 12 (tiny.yaml, 16×16×12 voxels) on the tiny scenario, start at {@code startS}. */
    static List<String> settings(double startS) {
        return List.of("run.diffusion.scheme=implicit", "run.diffusion.coupling=unsplit",
                "run.diffusion.target_relative_error=" + TARGET, "run.snapshot_interval_s=20", "run.metrics_interval_s=2.5",
                "species.drug.vessel.plasma.start_s=" + startS, "run.end_time_s=40");
    }

    static Path tiny() {
        return CliHarness.testScenario("tiny.yaml");
    }

    @Test
    void theIssuesCommandCompletes() {
        List<String> args = new ArrayList<>(List.of("run", tiny().toString(), "--out", temp.resolve("repro").toString(),
                "--no-progress", "--until", "40"));
        for (String s : settings(20)) {
            if (!s.startsWith("run.end_time_s")) {
                args.add("--set");
                args.add(s);
            }
        }
        CliHarness.Result r = CliHarness.run(args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(temp.resolve("repro").resolve("metrics.csv")));
    }

    /**
     * The bolus at 21.3 s (inside a metrics interval): the run meets the target against the exact answer
     * (the plain RK4 reference in double, {@link LargeStepControlTest#exactReference}'s steps but placed so
     * that the jump falls on a step boundary), and the start is an event of the window from 20 s.
     */
    @Test
    void aBolusInsideAMetricsIntervalMeetsTheTargetAgainstTheExactAnswer() {
        Scenario s = ScenarioLoader.load(tiny(), settings(21.3));
        Tissue initial = TissueBuilder.build(s);
        LargeStepControlTest.Outcome o = LargeStepControlTest.simulate(s, initial);
        Tissue exact = exactReference(s, initial, 40, 21.3);
        double achieved = LargeStepControlTest.error(o.state(), exact, initial);
        System.out.printf("bolus at 21.3 s: achieved %.3g (target %.3g)%n%s%n", achieved, TARGET,
                String.join("\n", o.log().stream().filter(l -> l.startsWith("t = ")).toList()));
        assertTrue(achieved <= TARGET, String.format("achieved %.3g above the target %.3g", achieved, TARGET));
        double[] window = Simulation.windowEvents(20, new Simulation.Events(40, new OutputSchedule(20),
                new OutputSchedule(2.5), PlasmaBreaks.of(TransportModel.compile(s, initial.copy()), 40)));
        assertArrayEquals(new double[] {20, 21.3, 22.5, 25, 27.5, 30, 32.5, 35, 37.5, 40}, window, 1e-12);
    }

    /** A run resumed from its snapshot at 20 s takes the same steps through the bolus at 21.3 s: the same bits. */
    @Test
    void aRunResumedBeforeTheBolusTakesTheSameSteps() {
        Scenario s = ScenarioLoader.load(tiny(), settings(21.3));
        Tissue initial = TissueBuilder.build(s);
        RecordingOutput whole = RecordingOutput.withSnapshots();
        Tissue end = run(s, initial, 0, 0L, true, whole);
        Tissue at20 = whole.snapshots.get(1);
        RecordingOutput resumed = RecordingOutput.withSnapshots();
        Tissue again = run(s, at20, 20, whole.snapshotSteps.get(1), false, resumed);
        assertArrayEquals(end.concentration(0), again.concentration(0));
        assertArrayEquals(end.drugExposure(), again.drugExposure());
        assertEquals(whole.snapshotSteps.get(whole.snapshotSteps.size() - 1),
                resumed.snapshotSteps.get(resumed.snapshotSteps.size() - 1));
    }

    private static Tissue run(Scenario s, Tissue from, double startS, long startStep, boolean initial, RunOutput out) {
        Tissue state = from.copy();
        TransportModel model = TransportModel.compile(s, state);
        TimeStepPlan plan = TimeStepPlan.choose(s.run(), model);
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(state);
            new Simulation(s, backend, state, plan, out).withBiology().controlSteps()
                    .run(startS, startStep, s.run().endTimeS(), initial, ProgressListener.NONE);
            backend.download(state);
        }
        return state;
    }

    /** {@link LargeStepControlTest#exactReference} with the jump at {@code jumpS} on a step boundary. */
    static Tissue exactReference(Scenario scenario, Tissue initial, double endS, double jumpS) {
        ReferenceStepper r = ReferenceStepper.of(scenario, initial);
        double h = Math.min(0.25 * r.explicitLimitS(), 0.25 / Math.max(r.fastestReactionPerS(), 1e-30));
        int before = (int) Math.ceil(jumpS / h);
        int after = (int) Math.ceil((endS - jumpS) / h);
        r.advance(0, jumpS, before);
        r.advance(jumpS, endS, after);
        Tissue out = initial.copy();
        for (int s = 0; s < out.speciesCount(); s++) {
            for (int v = 0; v < out.cell().length; v++) {
                out.concentration(s)[v] = (float) r.concentration(s)[v];
            }
        }
        for (int v = 0; v < out.cell().length; v++) {
            out.drugExposure()[v] = (float) r.drugExposure()[v];
        }
        return out;
    }
}

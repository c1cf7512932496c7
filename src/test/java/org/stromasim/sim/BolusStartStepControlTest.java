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

    /**
     * A stop request after the bolus start (the first chunk boundary the loop reaches past it, as SIGTERM
     * leaves it): the run stops there with a snapshot off the snapshot grid, and the run resumed
     * from that snapshot chooses its steps from the state there, with the start behind it no longer an
     * event. It still meets the target against the exact answer, and the lumen's exposure is still the
     * plasma integral, 5/ln 2·[0.9·300·(1 − 2^(−18.7/300)) + 0.1·108000·(1 − 2^(−18.7/108000))] µM·s from
     * 21.3 to 40 s by hand (1e-6: float increments on a Kahan pair, and one fold to float at the stop).
     */
    @Test
    void aRunStoppedAfterTheBolusStartAndResumedMeetsTheTarget() {
        // metrics every 10 s: the step after the start (about 0.9 s) is far below that cap, so its pilot covers
        // a short window and the run plans again at 30 s, where it can stop (an adopted window runs whole)
        List<String> settings = settings(21.3).stream()
                .map(x -> x.startsWith("run.metrics_interval_s") ? "run.metrics_interval_s=10" : x).toList();
        Scenario s = ScenarioLoader.load(tiny(), settings);
        Tissue initial = TissueBuilder.build(s);
        RecordingOutput stopped = RecordingOutput.withSnapshots();
        ReachedTime reached = new ReachedTime();
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(s, state);
        RunResult first;
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(state);
            first = new Simulation(s, backend, state, TimeStepPlan.choose(s.run(), model), stopped).withBiology()
                    .controlSteps().stopWhen(() -> reached.timeS() > 21.3)
                    .run(0, 0L, s.run().endTimeS(), true, reached);
        }
        double stopS = first.endTimeS();
        assertTrue(first.stopped() && stopS > 21.3 && stopS < 40, "stopped after the start, before the end: " + stopS);
        Tissue atStop = stopped.snapshots.get(stopped.snapshots.size() - 1);
        RecordingOutput resumed = RecordingOutput.withSnapshots();
        Tissue end = run(s, atStop, stopS, stopped.snapshotSteps.get(stopped.snapshotSteps.size() - 1), false, resumed);
        double achieved = LargeStepControlTest.error(end, exactReference(s, initial, 40, 21.3), initial);
        System.out.printf("stopped at %.4g s and resumed: achieved %.3g (target %.3g)%n%s%n", stopS, achieved, TARGET,
                String.join("\n", resumed.log.stream().filter(l -> l.startsWith("t = ")).toList()));
        assertTrue(achieved <= TARGET, String.format("achieved %.3g above the target %.3g", achieved, TARGET));
        double tau = 40 - 21.3;
        double lumen = 5.0 / Math.log(2) * (0.9 * 300 * (1 - Math.pow(2, -tau / 300))
                + 0.1 * 108_000 * (1 - Math.pow(2, -tau / 108_000)));
        int vessel = org.stromasim.tissue.CellType.VESSEL.code();
        int checked = 0;
        for (int v = 0; v < end.cell().length; v++) {
            if (end.cell()[v] == vessel) {
                assertEquals(lumen, end.drugExposure()[v], 1e-6 * lumen, "lumen voxel " + v);
                checked++;
            }
        }
        assertTrue(checked > 0, "the scenario has lumen");
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

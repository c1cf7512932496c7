package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.backend.BackendChoice;
import org.stromasim.batch.GracefulShutdown;
import org.stromasim.batch.RunDriver;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.RunInfo;
import org.stromasim.io.SnapshotReader;
import org.stromasim.scenario.ScenarioLoader;

/** resume goes to the end the run was asked for (its --until), not the scenario's, and says when it is done. */
class ResumeEndTest {

    @TempDir
    Path temp;

    private static double newestSnapshotTime(Path run) throws IOException {
        return SnapshotReader.read(RunDirectory.open(run).latestSnapshot().orElseThrow()).header().info().timeS();
    }

    @Test
    void aFinishedRunIsNotExtendedToTheScenarioEndAndALaterUntilExtendsIt() throws IOException {
        Path run = temp.resolve("run");
        // tiny.yaml ends at 30 s; the run is asked for 12 s
        assertEquals(0, CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(), "--out", run.toString(),
                "--no-progress", "--until", "12").exitCode());

        CliHarness.Result again = CliHarness.run("resume", run.toString(), "--no-progress");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("has finished: it is at t = 12.00 s, the end it was asked to reach; nothing to do"),
                again.out());
        assertTrue(again.out().contains("resume " + run.toAbsolutePath() + " --until SECONDS"), again.out());
        assertEquals(12.0, newestSnapshotTime(run), 0.0);

        CliHarness.Result later = CliHarness.run("resume", run.toString(), "--no-progress", "--until", "20");
        assertEquals(0, later.exitCode(), later.err());
        assertEquals(20.0, newestSnapshotTime(run), 0.0);
        assertEquals(20.0, RunInfo.read(run).orElseThrow().requestedEndS(), 0.0, "the new end is remembered");

        CliHarness.Result done = CliHarness.run("resume", run.toString(), "--no-progress");
        assertTrue(done.out().contains("has finished: it is at t = 20.00 s"), done.out());
    }

    @Test
    void aStoppedRunContinuesToItsOwnUntilNotTheScenarioEnd() throws IOException {
        Path run = temp.resolve("stopped");
        var scenario = ScenarioLoader.load(CliHarness.testScenario("tiny.yaml"));
        RunDirectory dir = RunDirectory.create(run, ScenarioLoader.toYaml(scenario), false);
        GracefulShutdown stop = GracefulShutdown.manual();
        stop.request(); // stopped at the first chunk boundary, as by SIGTERM
        var result = new RunDriver(new RunDriver.Settings(BackendChoice.JAVA, 1, 12.0), stop,
                (start, end) -> org.stromasim.sim.ProgressListener.NONE, null).fresh(dir, scenario);
        assertTrue(result.stopped());
        assertTrue(newestSnapshotTime(run) < 12.0);

        CliHarness.Result resumed = CliHarness.run("resume", run.toString(), "--no-progress", "--backend", "java");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(12.0, newestSnapshotTime(run), 0.0, "continued to the --until it was started with, not to 30 s");
    }
}

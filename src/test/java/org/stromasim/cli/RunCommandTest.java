package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.Snapshot;
import org.stromasim.io.SnapshotReader;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;

/** The run command end to end: outputs, their consistency, and the refusals. */
class RunCommandTest {

    @TempDir
    Path temp;

    @Test
    void runWritesSnapshotsMetricsXdmfAndResolvedScenario() throws IOException {
        Path out = temp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(),
                "--out", out.toString(), "--no-progress", "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("drug L50 from vessels") && r.out().contains("drug exposure half-depth"), r.out());

        RunDirectory dir = RunDirectory.open(out);
        // 30 s with a snapshot every 10 s: t = 0, 10, 20, 30.
        List<Path> snapshots = dir.listSnapshots();
        assertEquals(4, snapshots.size(), snapshots.toString());
        Snapshot last = SnapshotReader.read(snapshots.get(3));
        assertEquals(30.0, last.header().info().timeS(), 1e-9);

        // metrics.csv: t = 0, 5, ..., 30 → 7 rows after the header.
        List<String> rows = Files.readAllLines(dir.metricsFile()).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertEquals(8, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(0).startsWith("time_s,"), rows.get(0));

        // The resolved scenario reloads to the same scenario that ran.
        Scenario resolved = ScenarioLoader.load(dir.scenarioFile());
        assertEquals(ScenarioLoader.load(CliHarness.testScenario("tiny.yaml")), resolved);

        String xmf = Files.readString(dir.xdmfFile());
        for (Path s : snapshots) {
            assertTrue(xmf.contains(s.getFileName().toString()), "run.xmf lacks " + s.getFileName());
        }
        assertTrue(Files.readString(dir.logFile()).contains("stability limit"));
    }

    @Test
    void drugEntersTissueFromVesselsAndExposureGrows() throws IOException {
        Path out = temp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(),
                "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        List<String> header = List.of(rows.get(0).split(","));
        int total = header.indexOf("drug_total_amol");
        double first = Double.parseDouble(rows.get(1).split(",")[total]);
        double lastValue = Double.parseDouble(rows.get(rows.size() - 1).split(",")[total]);
        assertEquals(0.0, first, 0.0, "no drug in tissue at t = 0");
        assertTrue(lastValue > 0, "drug crossed the vessel walls");
    }

    @Test
    void untilOverridesTheEndTime() throws IOException {
        Path out = temp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(),
                "--out", out.toString(), "--no-progress", "--until", "12");
        assertEquals(0, r.exitCode(), r.err());
        List<Path> snapshots = RunDirectory.open(out).listSnapshots();
        // t = 0, 10, and the end at 12.
        assertEquals(3, snapshots.size());
        assertEquals(12.0, SnapshotReader.read(snapshots.get(2)).header().info().timeS(), 1e-9);
    }

    @Test
    void malformedScenarioIsOneLineAndExitCode2() throws IOException {
        Path bad = temp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(CliHarness.testScenario("tiny.yaml"))
                .replace("d0_um2_per_s: 117", "d0_um2_per_s: -117"));
        CliHarness.Result r = CliHarness.run("run", bad.toString(), "--out", temp.resolve("x").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("bad.yaml:"), r.err());
        assertTrue(r.err().contains("d0_um2_per_s"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path bad = temp.resolve("bad.yaml");
        Files.writeString(bad, "name: x\n");
        CliHarness.Result r = CliHarness.run("run", bad.toString(), "-v");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("\tat org.stromasim"), r.err());
    }

    @Test
    void unstableRequestedStepIsRefusedWithTheNumbers() {
        CliHarness.Result r = CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(),
                "--out", temp.resolve("x").toString(), "--set", "run.dt_s=5");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("dt=5 s exceeds"), r.err());
        assertTrue(r.err().contains("set by species il6"), r.err());
    }

    @Test
    void nonEmptyRunDirectoryIsRefusedWithoutForce() throws IOException {
        Path out = temp.resolve("run");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        CliHarness.Result r = CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(),
                "--out", out.toString(), "--no-progress", "--until", "1");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains(out.toString()), r.err());
    }

    @Test
    void unknownOptionIsExitCode2() {
        CliHarness.Result r = CliHarness.run("run", "--frobnicate");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("--frobnicate"), r.err());
    }
}

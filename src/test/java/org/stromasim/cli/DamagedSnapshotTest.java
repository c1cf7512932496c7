package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.Snapshot;
import org.stromasim.io.SnapshotReader;

/**
 * A run whose newest snapshot lost its last 4 KiB: {@code resume} sets it aside, says so, continues from
 * the previous intact snapshot and ends bitwise where an uninterrupted run ends (same backend and
 * threads, the restart guarantee); {@code report} and {@code view} refuse it with one line.
 */
class DamagedSnapshotTest {

    @TempDir
    Path temp;

    private Path run(String name, String until) {
        Path out = temp.resolve(name);
        CliHarness.Result r = CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(), "--out",
                out.toString(), "--no-progress", "--backend", "java", "--threads", "2", "--until", until);
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    private static void cutLast4KiB(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 4096);
        }
    }

    @Test
    void resumeFallsBackToThePreviousIntactSnapshotAndSaysSo() throws IOException {
        Path whole = run("whole", "30");
        Path cut = run("cut", "20"); // snapshots at 0, 10, 20
        RunDirectory damaged = RunDirectory.open(cut);
        cutLast4KiB(damaged.snapshotFile(2));

        CliHarness.Result r = CliHarness.run("resume", cut.toString(), "--no-progress", "--backend", "java",
                "--threads", "2", "--until", "30");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("damaged snapshot set aside, resuming from the previous intact snapshot"
                + " snap_000001.h5: " + damaged.snapshotFile(2) + ": truncated"), r.out());
        assertTrue(Files.exists(damaged.snapshotsDir().resolve("snap_000002.h5.damaged")), "kept, renamed");
        assertTrue(Files.readString(damaged.logFile()).contains("damaged snapshot set aside"));

        Snapshot expected = SnapshotReader.read(RunDirectory.open(whole).snapshotFile(3));
        Snapshot resumed = SnapshotReader.read(damaged.latestSnapshot().orElseThrow());
        assertEquals(30.0, resumed.header().info().timeS(), 1e-9);
        for (int s = 0; s < expected.tissue().speciesCount(); s++) {
            assertArrayEquals(expected.tissue().concentration(s), resumed.tissue().concentration(s));
        }
        assertArrayEquals(expected.tissue().drugExposure(), resumed.tissue().drugExposure());
    }

    @Test
    void reportAndViewRefuseADamagedNewestSnapshotWithOneLine() throws IOException {
        Path cut = run("cut", "20");
        Path newest = RunDirectory.open(cut).snapshotFile(2);
        cutLast4KiB(newest);
        CliHarness.Result report = CliHarness.run("report", cut.toString());
        assertEquals(ExitCodes.BAD_INPUT, report.exitCode(), report.err());
        assertEquals(1, report.err().strip().lines().count(), report.err());
        assertTrue(report.err().contains(newest + ": truncated"), report.err());

        CliHarness.Result view = CliHarness.run("view", cut.toString(), "--screenshot", temp.resolve("v.png").toString());
        assertEquals(ExitCodes.BAD_INPUT, view.exitCode(), view.err());
        assertEquals(1, view.err().strip().lines().count(), view.err());
        assertTrue(view.err().contains(newest + ": truncated"), view.err());
    }

    /**
     * When every snapshot is damaged there is nothing to continue from: the run directory given is
     * unusable, which is bad input (exit 2, one line naming each damaged file), not an internal error; and
     * no file is set aside or deleted, so nothing is lost.
     */
    @Test
    void resumeWithEverySnapshotDamagedIsRefusedAsBadInput() throws IOException {
        Path cut = run("cut", "10"); // snapshots at 0 and 10
        RunDirectory run = RunDirectory.open(cut);
        cutLast4KiB(run.snapshotFile(0));
        cutLast4KiB(run.snapshotFile(1));
        CliHarness.Result r = CliHarness.run("resume", cut.toString(), "--no-progress", "--backend", "java",
                "--until", "30");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no intact snapshot to resume from") && r.err().contains(run.snapshotFile(0)
                + ": truncated") && r.err().contains(run.snapshotFile(1) + ": truncated"), r.err());
        assertTrue(!r.err().contains("SnapshotFormatException"), "no exception name for bad input: " + r.err());
        assertTrue(Files.exists(run.snapshotFile(0)) && Files.exists(run.snapshotFile(1)), "both kept as they were");
    }

    /** A directory that lost its scenario.yaml is not a run directory: report refuses it as bad input. */
    @Test
    void reportOnADirectoryThatIsNotARunIsRefusedAsBadInput() throws IOException {
        Path cut = run("cut", "10");
        Files.delete(RunDirectory.open(cut).scenarioFile());
        CliHarness.Result r = CliHarness.run("report", cut.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("is not a stromasim run directory (it needs scenario.yaml and snapshots/)")
                && !r.err().contains("IOException"), r.err());
        assertTrue(!Files.exists(cut.resolve("report")), "refused, yet a report directory was created");
    }

    /** A garbled run.json is refused in one line that names the file, line and column of the damage. */
    @Test
    void resumeRefusesAGarbledRunJsonInOneLine() throws IOException {
        Path cut = run("cut", "10");
        Files.writeString(cut.resolve("run.json"), "{\n  \"format_version\": 1,\n  garbage\n}\n");
        CliHarness.Result r = CliHarness.run("resume", cut.toString(), "--no-progress", "--until", "30");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(cut.toAbsolutePath().normalize().resolve("run.json") + ":3:"), r.err());
        assertTrue(r.err().contains("not readable JSON"), r.err());
    }
}

package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.RunDirectoryLock;

/**
 * One process at a time in a run directory: a second {@code resume} while a run in a child JVM holds it
 * is refused with the owner's pid (exit code 2, nothing written); after the child is killed with
 * SIGKILL, which runs no clean-up, the left lock file is stale and the next resume takes it over and
 * says whose it was. In one JVM a second lock of the same directory is refused too, and a released one
 * leaves no stale owner.
 */
class RunDirectoryLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondResumeIsRefusedWhileARunHoldsTheDirectoryAndAKilledRunsLockIsTakenOver() throws Exception {
        Path run = dir.resolve("run");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.stromasim.cli.Main", "run", "--out", run.toString(),
                BatchCli.tinyScenario().toString(), "--until", "40", "--threads", "1", "--backend", "java",
                "--no-progress", "--set", "grid.nx=64", "--set", "grid.ny=64", "--set", "grid.nz=48",
                "--set", "grid.voxel_um=5"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.out").toFile()).start();
        try {
            waitForInitialSnapshot(child, run);
            BatchCli.Result second = BatchCli.run("resume", run.toString(), "--until", "40", "--no-progress");
            assertEquals(2, second.exitCode(), second.err());
            assertTrue(second.err().contains("is in use by pid " + child.pid() + " on "), second.err());
            assertTrue(second.err().contains(", run since "), second.err());
        } finally {
            child.destroyForcibly(); // SIGKILL: the child releases nothing itself
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
        assertTrue(Files.readString(run.resolve(RunDirectoryLock.LOCK_FILE)).startsWith("pid " + child.pid()),
                "the killed run's lock file is left behind");
        BatchCli.Result after = BatchCli.run("resume", run.toString(), "--until", "0.2", "--threads", "1",
                "--backend", "java", "--no-progress");
        assertEquals(0, after.exitCode(), after.err());
        assertTrue(after.err().contains("took over a stale lock of " + run.toAbsolutePath().normalize() + " (pid "
                + child.pid()), after.err());
    }

    @Test
    void withinOneJvmASecondLockIsRefusedAndAReleasedOneIsNotStale() throws Exception {
        Path run = Files.createDirectories(dir.resolve("r"));
        try (RunDirectoryLock first = RunDirectoryLock.acquire(run, "run")) {
            assertNull(first.note());
            assertThrows(RunDirectoryLock.RunDirectoryInUseException.class, () -> RunDirectoryLock.acquire(run, "resume"));
        }
        try (RunDirectoryLock again = RunDirectoryLock.acquire(run, "resume")) {
            assertNull(again.note(), "a released lock leaves no owner behind");
        }
    }

    @Test
    void forceNeverRemovesTheFilesOfARunStillGoing() throws Exception {
        Path run = Files.createDirectories(dir.resolve("busy"));
        Path metrics = Files.writeString(run.resolve(RunDirectory.METRICS_FILE), "time_s\n0\n");
        try (RunDirectoryLock holder = RunDirectoryLock.acquire(run, "run")) {
            BatchCli.Result forced = BatchCli.run("run", BatchCli.tinyScenario().toString(), "--out", run.toString(),
                    "--force", "--until", "1", "--no-progress");
            assertEquals(2, forced.exitCode(), forced.err());
            assertTrue(forced.err().contains("is in use by pid " + ProcessHandle.current().pid()), forced.err());
            assertEquals("time_s\n0\n", Files.readString(metrics));
        }
    }

    private void waitForInitialSnapshot(Process child, Path run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(run.resolve(RunDirectory.SNAPSHOTS_DIR).resolve("snap_000000.h5"))) {
            if (!child.isAlive()) {
                fail("child exited early:\n" + Files.readString(dir.resolve("child.out")));
            }
            if (System.nanoTime() > deadline) {
                fail("no initial snapshot in 120 s");
            }
            Thread.sleep(20);
        }
    }
}

package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.Snapshot;

/**
 * A run in a child JVM receives SIGTERM mid-way (Process.destroy() sends SIGTERM on Linux, as Slurm
 * does at a time limit), writes a final snapshot at the chunk boundary it reached and exits; resumed to
 * the end it equals an uninterrupted run. Concentrations must be bitwise equal: the resume continues the
 * interrupted interval on the same step grid and chunk boundaries. Drug exposure is compared to float
 * rounding: the stop snapshot rounded the backend's double-precision accumulator to float at a moment
 * when the uninterrupted run kept it in double.
 */
class SigtermResumeTest {

    private static final List<String> FINE_GRID = List.of("--set", "grid.nx=64", "--set", "grid.ny=64",
            "--set", "grid.nz=48", "--set", "grid.voxel_um=5");

    @TempDir
    Path dir;

    @Test
    void aRunStoppedBySigtermResumesToTheUninterruptedState() throws Exception {
        Path whole = dir.resolve("whole");
        Path killed = dir.resolve("killed");
        // The Java backend (the equality argument above is about its accumulator), and a run several
        // seconds long on it, so that the SIGTERM lands mid-run even on a fast machine.
        List<String> common = new ArrayList<>(List.of(BatchCli.tinyScenario().toString(), "--until", "40",
                "--threads", "2", "--backend", "java", "--no-progress"));
        common.addAll(FINE_GRID);

        Process child = startChild(common, killed);
        waitForMetricsRows(child, killed, 1); // the initial row is written: the time loop is running
        Thread.sleep(1500);
        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not exit after SIGTERM");
        String output = Files.readString(dir.resolve("child.out"), StandardCharsets.UTF_8);
        assertEquals(3, child.exitValue(), "exit status after SIGTERM (stopped on request):\n" + output);
        assertTrue(output.contains("stop requested"), output);
        assertTrue(output.contains("continue with: stromasim resume " + killed.toAbsolutePath().normalize()), output);
        Snapshot stopSnapshot = BatchCli.latestSnapshot(killed);
        double stopTimeS = stopSnapshot.info().timeS();
        assertTrue(stopTimeS < 40, "stopped before the end, at t = " + stopTimeS);
        assertTrue(Files.readString(killed.resolve(RunDirectory.LOG_FILE)).contains("stopped on request"));

        BatchCli.runOk("resume", killed.toString(), "--until", "40", "--threads", "2", "--backend", "java",
                "--no-progress");
        List<String> wholeArgs = new ArrayList<>(List.of("run", "--out", whole.toString()));
        wholeArgs.addAll(common);
        BatchCli.runOk(wholeArgs.toArray(String[]::new));

        Snapshot expected = BatchCli.latestSnapshot(whole);
        Snapshot actual = BatchCli.latestSnapshot(killed);
        assertEquals(40.0, actual.info().timeS());
        assertEquals(expected.info().step(), actual.info().step(), "same steps after the stop at t = " + stopTimeS);
        BatchCli.assertConcentrationsBitwise(expected.tissue(), actual.tissue());
        float[] e = expected.tissue().drugExposure();
        float[] a = actual.tissue().drugExposure();
        for (int v = 0; v < e.length; v++) {
            assertEquals(e[v], a[v], 4 * Math.ulp(Math.max(Math.abs(e[v]), Float.MIN_NORMAL)), "drug_exposure at " + v);
        }
        // Exposure-derived columns carry the float rounding of the exposure at the stop (see RestartEqualityTest).
        RestartEqualityTest.assertRowsEqualExposureClose(RestartEqualityTest.dataRows(whole),
                RestartEqualityTest.dataRows(killed));
    }

    private Process startChild(List<String> common, Path out) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.stromasim.cli.Main", "run", "--out", out.toString()));
        command.addAll(common);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile())
                .start();
    }

    private void waitForMetricsRows(Process child, Path run, int rows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path metrics = run.resolve(RunDirectory.METRICS_FILE);
        while (true) {
            if (Files.isRegularFile(metrics) && RestartEqualityTest.dataRows(run).size() - 1 >= rows) {
                return;
            }
            if (!child.isAlive()) {
                fail("child exited early:\n" + Files.readString(dir.resolve("child.out")));
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail("child wrote fewer than " + rows + " metrics rows in 120 s");
            }
            Thread.sleep(20);
        }
    }
}

package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.backend.BackendChoice;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.Snapshot;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.sim.ResumePoint;
import org.stromasim.sim.RunResult;

/**
 * A run continued from a snapshot equals the uninterrupted run bitwise, on the same (Java) backend and
 * thread count (the OpenCL backend reduces metrics on the device without a round trip through the
 * float snapshot, so there a resume agrees within float rounding of the exposure, not bitwise): every field of the final snapshot and every metrics row. Why bitwise holds: the
 * snapshot stores every field the backend reads, the time loop re-loads the backend from each snapshot
 * it writes (so the uninterrupted run also continues from the stored float exposure), and a resumed
 * run takes the same advance() calls as the uninterrupted one.
 */
class RestartEqualityTest {

    @TempDir
    Path dir;

    @Test
    void resumingAtHalfTimeGivesTheUninterruptedRunBitwise() throws Exception {
        String tiny = BatchCli.tinyScenario().toString();
        Path whole = dir.resolve("whole");
        Path halves = dir.resolve("halves");
        BatchCli.runOk("run", tiny, "--out", whole.toString(), "--until", "30", "--threads", "2", "--backend", "java",
                "--no-progress");
        BatchCli.runOk("run", tiny, "--out", halves.toString(), "--until", "15", "--threads", "2", "--backend", "java",
                "--no-progress");
        assertEquals(15.0, BatchCli.latestSnapshot(halves).info().timeS());
        BatchCli.Result resumed = BatchCli.runOk("resume", halves.toString(), "--until", "30", "--threads", "2",
                "--backend", "java", "--no-progress");
        assertTrue(resumed.out().contains("resuming tiny from t = 15"), resumed.out());

        Snapshot expected = BatchCli.latestSnapshot(whole);
        Snapshot actual = BatchCli.latestSnapshot(halves);
        assertEquals(30.0, actual.info().timeS());
        assertEquals(expected.info().step(), actual.info().step(), "step count carried across the resume");
        BatchCli.assertStatesBitwiseEqual(expected.tissue(), actual.tissue());
        assertEquals(dataRows(whole), dataRows(halves), "metrics.csv rows");
        assertEquals(List.of(0.0, 10.0, 20.0, 30.0), snapshotTimes(whole));
        assertEquals(List.of(0.0, 10.0, 15.0, 20.0, 30.0), snapshotTimes(halves),
                "run.xmf indexes the snapshots of both segments, the first segment's end included");
    }

    @Test
    void aStopBetweenOutputEventsResumesOntoTheSameSteps() throws Exception {
        // 5 µm voxels: ~200 steps per 5 s metrics interval, chunks of 50e6 / (64·64·48·2) = 127 steps, so a
        // stop at the third chunk boundary lands between output events.
        List<String> fine = List.of("grid.nx=64", "grid.ny=64", "grid.nz=48", "grid.voxel_um=5");
        Scenario scenario = ScenarioLoader.load(BatchCli.tinyScenario(), fine);
        RunDriver.Settings settings = new RunDriver.Settings(BackendChoice.JAVA, 2, 12.0);

        RunDirectory whole = RunDirectory.create(dir.resolve("whole"), ScenarioLoader.toYaml(scenario), false);
        new RunDriver(settings, () -> false, RunDriver.ProgressFactory.NONE, null).fresh(whole, scenario);

        RunDirectory stopped = RunDirectory.create(dir.resolve("stopped"), ScenarioLoader.toYaml(scenario), false);
        AtomicInteger polls = new AtomicInteger();
        RunResult first = new RunDriver(settings, () -> polls.incrementAndGet() > 3, RunDriver.ProgressFactory.NONE,
                null).fresh(stopped, scenario);
        assertTrue(first.stopped());
        double stopTimeS = first.endTimeS();
        assertNotEquals(0.0, Math.IEEEremainder(stopTimeS, scenario.run().metricsIntervalS()),
                "the stop is between metrics times: " + stopTimeS);
        ResumePoint point = ResumePoint.latest(stopped).orElseThrow();
        assertEquals(stopTimeS, point.timeS());
        RunResult rest = new RunDriver(settings, () -> false, RunDriver.ProgressFactory.NONE, null).resume(stopped, point);
        assertFalse(rest.stopped());

        Snapshot expected = BatchCli.latestSnapshot(whole.root());
        Snapshot actual = BatchCli.latestSnapshot(stopped.root());
        assertEquals(expected.info().step(), actual.info().step());
        BatchCli.assertConcentrationsBitwise(expected.tissue(), actual.tissue());
        // The stop snapshot rounded the backend's compensated exposure accumulator to float; the
        // uninterrupted run kept the compensation there, so exposure agrees to float rounding only.
        assertExposureClose(expected.tissue().drugExposure(), actual.tissue().drugExposure());
        assertRowsEqualExposureClose(dataRows(whole.root()), dataRows(stopped.root()));
    }

    /**
     * No metrics row at the stop, the others equal: bitwise, except the columns computed from the drug
     * exposure ({@code drug_exposure_*}: means and half-depths of the exposure field), which carry its float
     * rounding at the stop (relative 1e-6).
     */
    static void assertRowsEqualExposureClose(List<String> expected, List<String> actual) {
        assertEquals(expected.size(), actual.size(), "no metrics row at the stop: " + actual);
        String[] columns = expected.get(0).split(",");
        assertEquals(expected.get(0), actual.get(0));
        for (int r = 1; r < expected.size(); r++) {
            String[] e = expected.get(r).split(",");
            String[] a = actual.get(r).split(",");
            for (int c = 0; c < columns.length; c++) {
                if (columns[c].startsWith("drug_exposure_")) {
                    double ev = Double.parseDouble(e[c]);
                    assertEquals(ev, Double.parseDouble(a[c]), Double.isNaN(ev) ? 0 : 1e-6 * Math.abs(ev),
                            columns[c] + " in row " + r);
                } else {
                    assertEquals(e[c], a[c], columns[c] + " in row " + r);
                }
            }
        }
    }

    private static void assertExposureClose(float[] expected, float[] actual) {
        for (int v = 0; v < expected.length; v++) {
            double tolerance = 4 * Math.ulp(Math.max(Math.abs(expected[v]), Float.MIN_NORMAL));
            assertEquals(expected[v], actual[v], tolerance, "drug_exposure at voxel " + v);
        }
    }

    static List<String> dataRows(Path runRoot) throws Exception {
        return Files.readAllLines(runRoot.resolve(RunDirectory.METRICS_FILE), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#")).toList();
    }

    private static List<Double> snapshotTimes(Path runRoot) throws Exception {
        String xmf = Files.readString(runRoot.resolve(RunDirectory.XDMF_FILE));
        return java.util.regex.Pattern.compile("<Time Value=\"([^\"]+)\"").matcher(xmf).results()
                .map(m -> Double.parseDouble(m.group(1))).toList();
    }
}

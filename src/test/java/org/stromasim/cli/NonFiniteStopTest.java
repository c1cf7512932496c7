package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.SnapshotReader;

/**
 * A run whose state overflows stops within one metrics interval with exit code 5, on both backends,
 * writes nothing of the bad state and marks the last good snapshot. The scenario: tiny.yaml with IL-6
 * secreted by CAFs at 1e38 nM/s and no decay. A CAF voxel then passes the float maximum 3.40e38 nM at
 * t* = 3.40e38 / 1e38 = 3.4 s (the analytic time; diffusion only lowers the peak), so the first metrics
 * row after it (every 5 s) is at t = 5 s, the snapshot at t = 0 is the last good one, and the row at
 * t = 0 is the only one written.
 */
class NonFiniteStopTest {

    private static final String[] OVERFLOW = {"--set", "species[il6].secretion.caf.rate_per_s=1e38",
            "--set", "species[il6].decay_per_s=0"};

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl"})
    void anOverflowStopsTheRunAtTheNextMetricsRowAndKeepsTheLastGoodSnapshot(String backend) throws IOException {
        if (backend.equals("opencl")) {
            org.junit.jupiter.api.Assumptions.assumeTrue(openClUsableOrCi(), "OpenCL tests skipped: no usable device");
        }
        Path out = temp.resolve(backend);
        CliHarness.Result r = CliHarness.run(args(out, backend));
        assertEquals(ExitCodes.NON_FINITE, r.exitCode(), r.err());
        // run warns as validate does (FloatRangeCheck's bound: 1e38 nM/s × the 30 s of tiny.yaml, no decay)
        assertTrue(r.err().contains("warning: il6 can reach 3.00e+39 nM by the end of the run"), r.err());
        String error = r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
        assertTrue(error.startsWith("error: il6 became "), error);
        Matcher time = Pattern.compile("by t = ([0-9.]+) s").matcher(error);
        assertTrue(time.find(), error);
        double stoppedAt = Double.parseDouble(time.group(1));
        double overflowAt = Float.MAX_VALUE / 1e38;
        assertTrue(stoppedAt >= overflowAt && stoppedAt <= overflowAt + 5.0,
                "stopped at " + stoppedAt + " s, the overflow is at " + overflowAt + " s, rows every 5 s");
        assertTrue(error.contains("first at voxel (i="), error);
        assertTrue(error.contains("secretion by caf at 1.00e+38 nM/s with no saturation and no decay"), error);
        assertTrue(error.contains("snapshots/snap_000000.h5 (t = 0"), error);
        assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("error")).count(), r.err());

        RunDirectory run = RunDirectory.open(out);
        assertEquals(List.of(run.snapshotFile(0)), run.listSnapshots(), "no snapshot of the bad state");
        assertEquals(0.0, SnapshotReader.read(run.snapshotFile(0)).header().info().timeS());
        List<String> rows = Files.readAllLines(run.metricsFile()).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(2, rows.size(), "header and the row at t = 0 only: " + rows);
        assertFalse(rows.get(1).contains("Infinity"), rows.get(1));
        List<String> marker = Files.readAllLines(run.lastGoodFile());
        assertTrue(marker.get(0).startsWith("snap_000000.h5"), marker.toString());
        List<String> log = Files.readAllLines(run.logFile());
        assertTrue(log.get(log.size() - 1).contains("run ended: il6 became"), log.get(log.size() - 1));
    }

    @Test
    void validateWarnsThatTheSameScenarioCanLeaveTheFloatRangeAndNotOtherwise() {
        CliHarness.Result bad = CliHarness.run(concat(new String[] {"validate",
                CliHarness.testScenario("tiny.yaml").toString()}, OVERFLOW));
        assertEquals(ExitCodes.OK, bad.exitCode(), bad.err());
        // the bound of FloatRangeCheck: 1e38 nM/s × the 30 s of tiny.yaml, no decay
        assertTrue(bad.err().contains("warning: il6 can reach 3.00e+39 nM by the end of the run"), bad.err());
        CliHarness.Result good = CliHarness.run("validate", CliHarness.testScenario("tiny.yaml").toString());
        assertFalse(good.err().contains("warning"), good.err());
        // over 1e6 s decay balances secretion at rate/decay = 1e34 / 5e-4 = 2e37 nM (< rate × T = 1e40 nM):
        // still beyond the warning level 3.4e35
        CliHarness.Result decaying = CliHarness.run("validate", CliHarness.testScenario("tiny.yaml").toString(),
                "--set", "species[il6].secretion.caf.rate_per_s=1e34", "--set", "run.end_time_s=1e6");
        assertTrue(decaying.err().contains("il6 can reach 2.00e+37 nM"), decaying.err());
    }

    /** Under CI=true never skipped (CI installs PoCL), as EnabledIfOpenClOrCi. */
    static boolean openClUsableOrCi() {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return true;
        }
        try {
            return org.stromasim.backend.opencl.DeviceSelector.best(org.stromasim.backend.opencl.OpenClDevices.list())
                    .isPresent();
        } catch (RuntimeException | LinkageError unavailable) {
            return false;
        }
    }

    private String[] args(Path out, String backend) {
        return concat(new String[] {"run", CliHarness.testScenario("tiny.yaml").toString(), "--out", out.toString(),
                "--no-progress", "--backend", backend}, OVERFLOW);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

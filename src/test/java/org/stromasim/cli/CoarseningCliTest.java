package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run.multigrid} from the command line: validate and the run log name each solve's coarsening, a bad
 * value is one message and a non-zero exit, and a resumed run keeps the coarsening it started with.
 */
class CoarseningCliTest {

    private static final String[] REDUCED = {"--set", "grid.voxel_um=40", "--set", "grid.nx=24", "--set", "grid.ny=24",
            "--set", "grid.nz=20"};

    @TempDir
    Path dir;

    @Test
    void validateNamesThePressureAndDiffusionCoarsenings() {
        CliHarness.Result plain = CliHarness.run("validate", "configs/fibrotic-barrier.yaml");
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(plain.out().contains("(run.multigrid.pressure_coarsening: geometric)"), plain.out());
        CliHarness.Result od = CliHarness.run("validate", "--set", "run.multigrid.pressure_coarsening=operator_dependent",
                "--set", "run.diffusion.scheme=implicit", "--set", "run.dt_s=0.1",
                "--set", "run.multigrid.diffusion_coarsening=operator_dependent", "configs/fibrotic-barrier.yaml");
        assertEquals(0, od.exitCode(), od.err());
        assertTrue(od.out().contains("(run.multigrid.pressure_coarsening: operator_dependent)"), od.out());
        assertTrue(od.out().contains("(run.multigrid.diffusion_coarsening: operator_dependent)"), od.out());
    }

    @Test
    void aBadCoarseningIsOneMessageAndAFailure() {
        CliHarness.Result r = CliHarness.run("validate", "--set", "run.multigrid.pressure_coarsening=amg",
                "configs/fibrotic-barrier.yaml");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("run.multigrid.pressure_coarsening") && r.err().contains("geometric, operator_dependent"),
                r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> l.contains("pressure_coarsening")).count(), r.err());
    }

    @Test
    void aResumedRunKeepsTheOperatorDependentPressureSolve() throws Exception {
        Path run = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(REDUCED));
        args.addAll(List.of("--set", "run.multigrid.pressure_coarsening=operator_dependent", "--set", "run.end_time_s=60",
                "--set", "run.snapshot_interval_s=30", "--out=" + run, "--threads=1", "--no-progress",
                "configs/fibrotic-barrier.yaml"));
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.readString(run.resolve("scenario.yaml")).contains("pressure_coarsening: operator_dependent"));
        CliHarness.Result resumed = CliHarness.run("resume", "--threads=1", "--no-progress", "--until=90", run.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        String log = Files.readString(run.resolve("run.log"));
        assertEquals(2, log.split("run.multigrid.pressure_coarsening: operator_dependent", -1).length - 1, log);
    }
}

package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fibre-matrix scenario end to end: validate prints the composition ranges and the flow summary; a
 * run writes the composition, pressure and velocity fields to every snapshot, and run.xmf shows the
 * velocity as a vector; resume continues the run with them.
 */
class BarrierOutputsTest {

    private static final String[] REDUCED = {"--set", "grid.voxel_um=40", "--set", "grid.nx=24", "--set", "grid.ny=24",
            "--set", "grid.nz=20"};

    @TempDir
    Path dir;

    @Test
    void validatePrintsCompositionAndFlow() {
        CliHarness.Result r = CliHarness.run("validate", "configs/fibrotic-barrier.yaml");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("matrix          collagen 0.02657–0.1710, GAG 0.0002300–0.001200, cells 0.1000–0.7200"),
                r.out());
        assertTrue(r.out().contains("flow            IFP "), r.out());
    }

    @Test
    void runWritesCompositionPressureAndVelocityAndResumes() throws Exception {
        Path run = dir.resolve("run");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run"));
        args.addAll(java.util.List.of(REDUCED));
        args.addAll(java.util.List.of("--set", "run.end_time_s=60", "--set", "run.snapshot_interval_s=30", "--out=" + run,
                "--threads=1", "--no-progress", "configs/fibrotic-barrier.yaml"));
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        try (HdfFile hdf = new HdfFile(run.resolve("snapshots/snap_000002.h5"))) {
            for (String field : new String[] {"collagen_fraction", "gag_fraction", "cell_fraction", "ifp_mmHg",
                    "darcy_velocity_x_um_per_s", "darcy_velocity_y_um_per_s", "darcy_velocity_z_um_per_s"}) {
                assertTrue(hdf.getDatasetByPath("/fields/" + field).getDimensions().length == 3, field);
            }
            assertEquals("mmHg", hdf.getDatasetByPath("/fields/ifp_mmHg").getAttribute("units").getData());
        }
        String xmf = Files.readString(run.resolve("run.xmf"));
        assertEquals(3, xmf.split("Name=\"darcy_velocity_um_per_s\"", -1).length - 1, "one vector per snapshot");
        CliHarness.Result resumed = CliHarness.run("resume", "--threads=1", "--no-progress", "--until=90", run.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(Files.exists(run.resolve("snapshots/snap_000003.h5")));
    }
}

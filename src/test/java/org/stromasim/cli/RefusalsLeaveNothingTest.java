package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refusal of {@code run} comes before the run directory exists (exit code 2, one line, nothing on
 * disk): a refused time step (naming file, line and key), a step count that overflows, an RKL2 stage
 * count above the cap, an unknown device, too many threads, and a grid too large for the heap (with the
 * numbers, computed here from the grid: the state is 1 + 4·(4 + species) bytes per voxel).
 */
class RefusalsLeaveNothingTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {
            "--set run.dt_s=50",
            "--set species[drug].d0_um2_per_s=1e30",
            "--set run.diffusion.scheme=rkl2 --set run.dt_s=1000 --set run.diffusion.max_stages=3",
            "--device 99",
            "--device no-such-gpu",
            "--threads 100000",
            "--backend java --set grid.nx=1200 --set grid.ny=1200 --set grid.nz=1200"})
    void aRefusedRunLeavesNoDirectory(String options) {
        Assumptions.assumeTrue(!options.contains("1200") || Runtime.getRuntime().maxMemory() < (100L << 30),
                "the test JVM could hold the large grid");
        Path out = temp.resolve("run");
        List<String> args = new java.util.ArrayList<>(List.of("run", CliHarness.testScenario("tiny.yaml").toString(),
                "--out", out.toString(), "--no-progress"));
        args.addAll(List.of(options.split(" ")));
        CliHarness.Result r = CliHarness.run(args.toArray(new String[0]));
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        // one error line (a unit-plausibility warning may come before it)
        assertEquals(1, r.err().strip().lines().filter(l -> !l.startsWith("warning: ")).count(), "one line: " + r.err());
        assertFalse(Files.exists(out), "refused, yet " + out + " was created");
    }

    @Test
    void aRefusedTimeStepNamesFileLineAndKey() throws IOException {
        Path scenario = temp.resolve("fast.yaml");
        String text = Files.readString(CliHarness.testScenario("tiny.yaml")).replace("  seed: 7\n", "  seed: 7\n  dt_s: 50\n");
        Files.writeString(scenario, text);
        int line = text.lines().toList().indexOf("  dt_s: 50") + 1;
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", temp.resolve("x").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("error: " + scenario + ":" + line + ":9: run.dt_s: dt=50 s exceeds"), r.err());
        // the D0 that sets the limit is named when no step is requested
        CliHarness.Result d0 = CliHarness.run("validate", CliHarness.testScenario("tiny.yaml").toString(),
                "--set", "species[drug].d0_um2_per_s=1e30");
        assertTrue(d0.err().contains("(--set species[drug].d0_um2_per_s=1e30): species[drug].d0_um2_per_s: an output"
                + " interval of 5.0 s needs"), d0.err());
    }

    @Test
    void aGridTooLargeForTheHeapIsRefusedWithTheNumbersByValidateToo() {
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < (100L << 30), "the test JVM could hold the grid");
        CliHarness.Result r = CliHarness.run("validate", CliHarness.testScenario("tiny.yaml").toString(),
                "--set", "grid.nx=1200", "--set", "grid.ny=1200", "--set", "grid.nz=1200");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        long voxels = 1200L * 1200 * 1200;
        // cell byte; stiffness, viability, vessel distance, exposure and 2 species; the vessel wall's area and fraction
        double stateGiB = voxels * (1 + 4 * (4 + 2) + 4 * 2) / (double) (1L << 30);
        // stiffness and cells compiled from, the wall's S/V and distance, plasma groups and perfused fraction
        // (4 + 1 + 4 + 4 + 1 + 4); the live fields' cells and perfused fraction (1 + 4)
        double modelGiB = voxels * 23.0 / (1L << 30);
        assertTrue(r.err().contains(String.format("state %.2f GiB, model %.2f GiB", stateGiB, modelGiB)),
                r.err());
        assertTrue(r.err().contains("-Xmx") && r.err().contains("smaller grid"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    private CliHarness.Result runTiny(Path out, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("run", CliHarness.testScenario("tiny.yaml").toString(),
                "--out", out.toString(), "--no-progress", "--backend", "java"));
        args.addAll(List.of(options));
        return CliHarness.run(args.toArray(new String[0]));
    }

    /**
     * tiny.yaml's domain is 320 × 320 × 240 µm; a vessel radius above its longest edge (here 400 µm, as a
     * radius typed in the wrong unit would be) is refused at the key with the allowed range, before the
     * tissue is voxelised (which for a radius of metres sweeps a box of that size for hours).
     */
    @Test
    void aVesselWiderThanTheDomainIsRefusedAtItsKey() {
        Path out = temp.resolve("wide");
        CliHarness.Result r = runTiny(out, "--set", "tissue.vessels[0].radius_um=400");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("(--set tissue.vessels[0].radius_um=400): tissue.vessels[0].radius_um = 400:"
                + " must be in (0, 320] (µm, the domain's longest edge)"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out), "refused, yet " + out + " was created");
    }

    /**
     * A vessel along x = 40, y = 160 µm with radius 320 µm reaches every voxel centre of the 320 × 320 µm
     * cross-section (the farthest, (310, 10), is √(270² + 150²) = 309 µm away): no tissue is left, nothing
     * can diffuse and every tissue mean would be NaN. run and validate refuse it, naming tissue.vessels.
     */
    @Test
    void vesselsThatFillTheGridAreRefusedBeforeAnythingIsWritten() {
        Path out = temp.resolve("filled");
        CliHarness.Result r = runTiny(out, "--set", "tissue.vessels[0].radius_um=320");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("tissue.vessels: the vessels cover every voxel of the 320.0 × 320.0 × 240.0 µm"
                + " domain"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out), "refused, yet " + out + " was created");
        CliHarness.Result v = CliHarness.run("validate", CliHarness.testScenario("tiny.yaml").toString(),
                "--set", "tissue.vessels[0].radius_um=320");
        assertEquals(ExitCodes.BAD_INPUT, v.exitCode(), v.err());
        // one voxel column outside the lumen is enough: 300 µm leaves the corner (310, 310) outside
        CliHarness.Result almost = CliHarness.run("validate", CliHarness.testScenario("tiny.yaml").toString(),
                "--set", "tissue.vessels[0].radius_um=300");
        assertEquals(0, almost.exitCode(), almost.err());
    }

    /**
     * The vessel distance map squares voxel distances in float, exact only while nx² + ny² + nz² < 2^24; a
     * longer grid is refused at grid in the scenario file (line 4 of tiny.yaml), not deep in the tissue build.
     */
    @Test
    void aGridWithTooLongADiagonalIsRefusedAtTheGridKey() {
        Path out = temp.resolve("long");
        CliHarness.Result r = runTiny(out, "--set", "grid.nx=4096");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("error: " + CliHarness.testScenario("tiny.yaml") + ":4:1"), r.err());
        assertTrue(r.err().contains("grid: nx × ny × nz = 4096 × 16 × 12 has a diagonal of 4096 voxels: must be"
                + " < 4096"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out), "refused, yet " + out + " was created");
        // 4095 × 1 × 1 is below the bound (4095² + 2 < 2^24) and is not refused for its diagonal
        CliHarness.Result under = CliHarness.run("validate", CliHarness.testScenario("tiny.yaml").toString(),
                "--set", "grid.nx=4095", "--set", "grid.ny=1", "--set", "grid.nz=1");
        assertFalse(under.err().contains("diagonal"), under.err());
    }

    /**
     * tiny.yaml's grid has 16 · 16 · 12 = 3072 voxels of 20 µm, so a random walk longer than 3072 · 20 =
     * 61440 µm (one that would thread every voxel once) cannot add lumen; such a length, and a step so
     * short that the walk needs more than 10^7 steps, are refused at their keys (file and line), not deep
     * in the tissue build (unlocated) or after minutes of rasterising.
     */
    @Test
    void anOverlongRandomWalkIsRefusedAtItsKeys() {
        Path out = temp.resolve("walk");
        CliHarness.Result r = runTiny(out, "--set", "tissue.vessels[1].length_um=1e6");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("): tissue.vessels[1].length_um = 1e6: must be in (0, 61440] (µm, at most voxel"
                + " count × voxel_um)"), r.err());
        assertTrue(r.err().startsWith("error: " + CliHarness.testScenario("tiny.yaml") + ":"), r.err());
        assertFalse(Files.exists(out), "refused, yet " + out + " was created");
        CliHarness.Result step = runTiny(out, "--set", "tissue.vessels[1].step_um=1e-6");
        assertEquals(ExitCodes.BAD_INPUT, step.exitCode(), step.err());
        // 200 µm / 10^7 = 2e-5 µm
        assertTrue(step.err().startsWith("error: " + CliHarness.testScenario("tiny.yaml") + ":")
                && step.err().contains("tissue.vessels[1].step_um = 1e-6: must be in [2.0E-5, 200]"), step.err());
        assertFalse(Files.exists(out), "refused, yet " + out + " was created");
    }
}

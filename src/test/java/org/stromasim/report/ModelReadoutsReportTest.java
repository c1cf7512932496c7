package org.stromasim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.cli.CliHarness;
import org.stromasim.flow.FlowFieldNames;
import org.stromasim.grid.Grid3D;
import org.stromasim.io.DerivedField;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.SnapshotInfo;
import org.stromasim.io.SnapshotWriter;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * The report's endocrine and flow sections on hand-made run directories whose answers are worked out
 * by hand: a 12×10×8 grid of 20 µm voxels, a vessel column at i = j = 0, cancer for i ≥ 4 (so a cancer
 * voxel's depth below the tumour boundary is (i − 3)·20 µm and its depth shell is i − 4, 80 voxels
 * each), ER net suppression falling linearly with i, a known pressure and a known velocity field.
 */
class ModelReadoutsReportTest {

    private static final double DAY = 86400;
    private static final Grid3D GRID = new Grid3D(12, 10, 8, 20);

    @TempDir
    Path temp;

    @Test
    void compareSaysTheEndocrineAndFlowDifferencesInWords() throws IOException {
        Path a = run(temp.resolve("a"), new double[] {0, 0.3, 0.5, 0.55, 0.58, 0.6, 0.61, 0.6, 0.59, 0.6, 0.6},
                0.70, 0.02, 20, 1.0);
        Path b = run(temp.resolve("b"), new double[] {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.48},
                0.55, 0.03, 12, 0.5);
        CliHarness.Result r = CliHarness.run("report", a.toString(), "--compare", b.toString(),
                "--out", temp.resolve("cmp").toString());
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertContains(out, "net suppression at the end: 60.0 % vs 48.0 %, 12.0 percentage points lower in b");
        // a settles at 2.8 d (see SteadyStateTest); b still rises in its last fifth
        assertContains(out, "time to steady state of the net suppression: 2.8 d vs not reached (still changing in the "
                + "last 20 % of the run), reached only in the first run");
        // shell s = i − 4: a 0.70 − 0.02·s, b 0.55 − 0.03·s
        assertContains(out, "at 0 µm: 70.0 % vs 55.0 %, 15.0 percentage points lower in b");
        assertContains(out, "at 140 µm: 56.0 % vs 34.0 %, 22.0 percentage points lower in b");
        assertContains(out, "mean IFP in living cancer voxels: 20 mmHg vs 12 mmHg, 8 mmHg (40 %) lower in b");
        assertContains(out, "largest interstitial speed: 1.2 µm/s vs 0.6 µm/s, 0.6 µm/s (50 %) lower in b");
        // (80 rim voxels at 0.5 µm/s + one at 1.2) over the 952 tissue voxels
        assertContains(out, "mean interstitial speed: 0.0433 µm/s vs 0.0216 µm/s, 0.0216 µm/s (50 %) lower in b");
        // the layers at the surface: tumour i = 4 at 0.5 µm/s (a) and stroma i = 3 at rest
        assertContains(out, "interstitial speed at the tumour surface: 0.25 µm/s vs 0.125 µm/s, 0.125 µm/s (50 %) "
                + "lower in b");
        // the headline rows carry the endocrine columns too
        assertContains(out, "mean net suppression (after IL-6), cancer: 60.0 % → 48.0 % (-12.0 percentage points)");

        BufferedImage png = ImageIO.read(temp.resolve("cmp").resolve(ReportPlots.ENDOCRINE_DEPTH_PROFILE).toFile());
        assertEquals(ReportPlots.PROFILE_WIDTH, png.getWidth());
        assertEquals(ReportPlots.PROFILE_PANEL_HEIGHT, png.getHeight());
    }

    @Test
    void aSingleRunPrintsItsSteadyStatesDepthsAndFlow() throws IOException {
        Path a = run(temp.resolve("single"), new double[] {0, 0.3, 0.5, 0.55, 0.58, 0.6, 0.61, 0.6, 0.59, 0.6, 0.6},
                0.70, 0.02, 20, 1.0);
        CliHarness.Result r = CliHarness.run("report", a.toString());
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.matches("(?s).*net suppression \\(after IL-6\\)\\s+steady after 2\\.8 d\\s+last 60\\.0 %.*"), out);
        // depth 60 µm is shell 3: net suppression 0.70 − 0.06, occupancy 0.9 − 0.01·3, 80 voxels
        assertTrue(out.matches("(?s).*\\n    60\\s+87\\.0 %\\s+64\\.0 %\\s+80\\n.*"), out);
        assertContains(out, "mean IFP, living cancer voxels");
        Path rising = run(temp.resolve("rising"), new double[] {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.48},
                0.55, 0.03, Double.NaN, 0);
        assertTrue(CliHarness.run("report", rising.toString()).out().matches("(?s).*net suppression \\(after IL-6\\)\\s+"
                + "steady state not reached \\(still changing in the last 20 % of the run\\)\\s+last 48\\.0 %.*"));
        assertTrue(out.matches("(?s).*mean IFP, normal tissue\\s+5 mmHg\\n.*"), out);
        assertTrue(out.matches("(?s).*mean IFP, deepest layer of the tumour\\s+20 mmHg\\n.*"), out);
        assertTrue(Files.isRegularFile(a.resolve("report").resolve(ReportPlots.ENDOCRINE_DEPTH_PROFILE)));
    }

    @Test
    void aRunWithoutTheModelsHasNoSuchSections() throws IOException {
        Path plain = run(temp.resolve("plain"), null, 0, 0, Double.NaN, 0);
        CliHarness.Result r = CliHarness.run("report", plain.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.out().contains("endocrine"), r.out());
        assertFalse(r.out().contains("interstitial"), r.out());
        assertFalse(Files.exists(plain.resolve("report").resolve(ReportPlots.ENDOCRINE_DEPTH_PROFILE)));
    }

    @Test
    void stromaAndNormalTissuePressuresAverageTheirOwnVoxels() {
        // stroma shell: the tissue voxels with i = 2 or 3 (here given as a mask), pressure 10 + i there;
        // normal tissue i ≤ 1 without the vessel: pressure 1; the vessel lumen (30 mmHg) and one dead
        // cancer voxel (100 mmHg) count in none of the means
        Tissue t = tissue();
        int dead = GRID.index(8, 5, 4);
        t.cell()[dead] = CellType.DEAD.code();
        float[] p = new float[GRID.voxelCount()];
        boolean[] stroma = new boolean[GRID.voxelCount()];
        float[][] u = new float[3][GRID.voxelCount()];
        for (int v = 0; v < p.length; v++) {
            int i = v % GRID.nx();
            stroma[v] = i == 2 || i == 3;
            p[v] = i >= 4 ? 20 : stroma[v] ? 10 + i : 1;
            if (t.cell()[v] == CellType.VESSEL.code()) {
                p[v] = 30;
            }
        }
        p[dead] = 100;
        FlowReadout f = FlowReadout.of(t, p, u, stroma);
        assertEquals(12.5, f.stromaIfpMmHg(), 1e-9);
        assertEquals(1, f.normalIfpMmHg(), 1e-9);
        assertEquals(20, f.cancerIfpMmHg(), 1e-9);
        assertEquals(0, f.maxSpeedUmPerS());
        assertTrue(Double.isNaN(FlowReadout.of(t, p, u, null).stromaIfpMmHg()));
    }

    private static void assertContains(String out, String expected) {
        assertTrue(out.contains(expected), "expected «" + expected + "» in:\n" + out);
    }

    private static Tissue tissue() {
        Tissue t = new Tissue(GRID, List.of("drug"));
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    int v = GRID.index(i, j, k);
                    t.cell()[v] = (i == 0 && j == 0 ? CellType.VESSEL : i >= 4 ? CellType.CANCER : CellType.ECM).code();
                    t.vesselDistanceUm()[v] = (float) (Math.hypot(i, j) * GRID.voxelUm());
                }
            }
        }
        return t;
    }

    /**
     * A run directory: metrics.csv with one row a day (the net suppression {@code net}, or no endocrine
     * columns when null), and one snapshot at 10 d with the ER fields (net suppression rim − slope·(i − 4),
     * occupancy 0.9 − 0.01·(i − 4)) and, when {@code cancerIfp} is a number, a pressure (that in cancer,
     * 5 mmHg elsewhere) and a velocity ({@code speedScale}·(0.3, 0.4, 0) µm/s in the rim shell i = 4 and
     * {@code speedScale}·1.2 µm/s along z at one stroma voxel).
     */
    private static Path run(Path dir, double[] net, double rim, double slope, double cancerIfp, double speedScale)
            throws IOException {
        RunDirectory run = RunDirectory.create(dir, "name: synthetic\n", false);
        Tissue t = tissue();
        List<DerivedField> derived = new ArrayList<>();
        int n = GRID.voxelCount();
        if (net != null) {
            float[] occupancy = new float[n];
            float[] netField = new float[n];
            for (int v = 0; v < n; v++) {
                int i = v % GRID.nx();
                if (t.cell()[v] == CellType.CANCER.code()) {
                    occupancy[v] = (float) (0.9 - 0.01 * (i - 4));
                    netField[v] = (float) (rim - slope * (i - 4));
                }
            }
            derived.add(new DerivedField(EndocrineReadout.OCCUPANCY_FIELD, "1", null, occupancy));
            derived.add(new DerivedField(EndocrineReadout.NET_SUPPRESSION_FIELD, "1", null, netField));
        }
        if (!Double.isNaN(cancerIfp)) {
            float[] p = new float[n];
            float[][] u = new float[3][n];
            for (int v = 0; v < n; v++) {
                int i = v % GRID.nx();
                p[v] = t.cell()[v] == CellType.CANCER.code() ? (float) cancerIfp : 5f;
                if (i == 4) {
                    u[0][v] = (float) (0.3 * speedScale);
                    u[1][v] = (float) (0.4 * speedScale);
                }
            }
            u[2][GRID.index(2, 5, 3)] = (float) (1.2 * speedScale);
            derived.add(new DerivedField(FlowFieldNames.PRESSURE, "mmHg", null, p));
            for (int axis = 0; axis < 3; axis++) {
                derived.add(new DerivedField(FlowFieldNames.velocity(axis), "µm/s", null, u[axis]));
            }
        }
        SnapshotWriter.write(run.snapshotsDir(), t, new SnapshotInfo(10, 10 * DAY, 0, "synthetic", "test",
                "name: synthetic\n", "synthetic", Map.of("drug", "µM"), "µM·s"), derived);
        StringBuilder csv = new StringBuilder("time_s,viable_fraction");
        if (net != null) {
            csv.append(",").append(String.join(",", EndocrineReadout.OCCUPANCY, EndocrineReadout.SUPPRESSION,
                    EndocrineReadout.NET_SUPPRESSION, EndocrineReadout.UNDER_SUPPRESSED));
        }
        csv.append('\n');
        for (int d = 0; d <= 10; d++) {
            csv.append(d * DAY).append(",1");
            if (net != null) {
                csv.append(",").append(Math.min(0.9, 1.5 * net[d])).append(",").append(net[d]).append(",")
                        .append(net[d]).append(",").append(1 - net[d]);
            }
            csv.append('\n');
        }
        Files.writeString(dir.resolve("metrics.csv"), csv.toString());
        return dir;
    }
}

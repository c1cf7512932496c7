package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.grid.Grid3D;
import org.stromasim.imaging.TestImages;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.BuiltTissue;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.tissue.TissueRegion;

/**
 * {@code tissue.images} end to end on the 16 × 16 × 12 test grid (20-µm voxels): a stiffness NRRD, a
 * label TIFF and an initial-concentration HDF5 dataset set the built tissue at voxels whose values are
 * computed here by hand (placement, trilinear or nearest sampling, linear intensity map), the resolved
 * YAML reads back to the same scenario, and each bad image is one line naming the file and the item,
 * exit 2, no run directory.
 */
class TissueImageFileTest {

    @TempDir
    Path temp;

    /** Stiffness intensity 100·i + 10·j + k on 8 × 8 × 6 samples of 40 µm, first centre at (20, 20, 20) µm. */
    private Path stiffnessNrrd(String name) throws IOException {
        return stiffnessNrrd(name, "spacings: 40 40 40\nspace origin: (20,20,20)");
    }

    private Path stiffnessNrrd(String name, String geometry) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2 * 8 * 8 * 6).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < 8; j++) {
                for (int i = 0; i < 8; i++) {
                    b.putShort((short) (100 * i + 10 * j + k));
                }
            }
        }
        return TestImages.nrrd(temp.resolve(name), "type: uint16\ndimension: 3\nsizes: 8 8 6\n" + geometry
                + "\nencoding: raw\nendian: little", b.array(), false);
    }

    /** Labels by column: 1 for i < 2, 2 for i = 2, 0 for i = 3, on 4 × 4 × 3 pages (spacing from the scenario: 80 µm). */
    private Path labelTiff() throws IOException {
        float[] v = new float[4 * 4 * 3];
        for (int s = 0; s < v.length; s++) {
            v[s] = s % 4 < 2 ? 1 : s % 4 == 2 ? 2 : 0;
        }
        return TestImages.tiff(temp.resolve("cells.tif"), 4, 4, 3, v, false);
    }

    /** Concentration i + 2j + 4k on 2 × 2 × 2 samples, element_size_um (z, y, x) = (120, 160, 160). */
    private Path concentrationH5() throws IOException {
        Path f = temp.resolve("drug0.h5");
        double[][][] c = new double[2][2][2];
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < 2; i++) {
                    c[k][j][i] = i + 2 * j + 4 * k;
                }
            }
        }
        try (WritableHdfFile w = HdfFile.write(f)) {
            WritableDataset d = w.putDataset("drug", c);
            d.putAttribute("element_size_um", new double[]{120, 160, 160});
        }
        return f;
    }

    private static final String ALL_THREE = """
                - {file: stiff.nrrd, sets: stiffness_kpa, intensity_range: [-100, 1000], value_range: [1, 23]}
                - {file: cells.tif, sets: cell, spacing_um: [80, 80, 80], labels: {0: keep, 1: caf, 2: cancer}}
                - {file: drug0.h5, dataset: /drug, sets: initial_concentration, species: drug}
            """;

    private Path scenario(String images) throws IOException {
        String text = Files.readString(CliHarness.testScenario("tiny.yaml"));
        int at = text.indexOf("\nspecies:");
        String withImages = images == null ? text
                : text.substring(0, at) + "\n  images:\n" + images.stripTrailing() + text.substring(at);
        Path scenario = temp.resolve(images == null ? "plain.yaml" : "scenario.yaml");
        Files.writeString(scenario, withImages);
        return scenario;
    }

    private void writeAll() throws IOException {
        stiffnessNrrd("stiff.nrrd");
        labelTiff();
        concentrationH5();
    }

    @Test
    void imagesSetTheBuiltTissueAtHandComputedVoxels() throws IOException {
        writeAll();
        BuiltTissue built = TissueBuilder.buildWithRegions(ScenarioLoader.load(scenario(ALL_THREE)));
        Tissue t = built.tissue();
        Tissue plain = TissueBuilder.build(ScenarioLoader.load(scenario(null)));
        Grid3D g = t.grid();
        // Voxel (1, 2, 3): centre (30, 50, 70) µm → u = (0.25, 0.75, 1.25); the intensity is linear, so
        // 25 + 7.5 + 1.25 = 33.75, mapped 1 + (33.75 + 100)·(23 − 1)/1100 = 3.675 kPa, with no texture on top.
        assertEquals(3.675, t.stiffnessKpa()[g.index(1, 2, 3)], 1e-5);
        // Voxel (0, 0, 0): centre (10, 10, 10), before the first sample centre: sample (0, 0, 0) = 0 → 3 kPa.
        assertEquals(3.0, t.stiffnessKpa()[g.index(0, 0, 0)], 1e-6);
        // Vessel lumen keeps the normal baseline (3 kPa in tiny.yaml), image or not.
        int lumen = 0;
        for (int v = 0; v < g.voxelCount(); v++) {
            if (t.cellAt(v) == CellType.VESSEL && g.centreX(v % g.nx()) < 320) {
                assertEquals(3f, t.stiffnessKpa()[v], "lumen voxel " + v);
                lumen++;
            }
        }
        assertTrue(lumen > 0);
        // Labels, samples 80 µm apart from 40 µm: x = 130 → u = 1.125 → sample 1 (label 1, caf, normal
        // interstitium); x = 170 → u = 1.625 → sample 2 (label 2, cancer, tumour).
        assertEquals(CellType.CAF, t.cellAt(g.index(6, 2, 2)));
        assertEquals(TissueRegion.NORMAL, built.regions().regionAt(g.index(6, 2, 2)));
        assertEquals(CellType.CAF, t.cellAt(g.index(0, 2, 2)));
        assertEquals(CellType.CANCER, t.cellAt(g.index(8, 2, 2)));
        assertEquals(TissueRegion.TUMOUR, built.regions().regionAt(g.index(8, 2, 2)));
        // Label 0 (keep), sample i = 3 (u ≥ 2.5, x ≥ 240 µm): those voxels are exactly as built without the image.
        int fibroblasts = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 12; i < g.nx(); i++) {
                    int v = g.index(i, j, k);
                    assertEquals(plain.cellAt(v), t.cellAt(v), "kept voxel " + i + "," + j + "," + k);
                    fibroblasts += plain.cellAt(v) == CellType.FIBROBLAST || plain.cellAt(v) == CellType.CAF ? 1 : 0;
                }
            }
        }
        assertTrue(fibroblasts > 0, "kept voxels include fibroblasts, so keep is told apart from ecm");
        // Drug: samples at (80, 80, 60) and (240, 240, 180) µm. Voxel (4, 8, 6): centre (90, 170, 130) →
        // u = (0.0625, 0.5625, 0.58333…), c linear: 0.0625 + 2·0.5625 + 4·0.58333… = 3.5208333…
        assertEquals(0.0625 + 1.125 + 4 * (70.0 / 120), t.concentration("drug")[g.index(4, 8, 6)], 1e-5);
        // Species without an image keep their constant initial value.
        assertEquals(plain.concentration("il6")[g.index(4, 8, 6)], t.concentration("il6")[g.index(4, 8, 6)]);
    }

    /**
     * The same image with its geometry in mm, stated by the header or by length_unit_um, lands on the same
     * voxels: (1, 2, 3) → 3.675 kPa as above.
     */
    @Test
    void fileUnitsScaleSpacingAndOrigin() throws IOException {
        stiffnessNrrd("mm.nrrd", "spacings: 0.04 0.04 0.04\nspace origin: (0.02,0.02,0.02)\nspace units: \"mm\" \"mm\" \"mm\"");
        stiffnessNrrd("plain-mm.nrrd", "spacings: 0.04 0.04 0.04\nspace origin: (0.02,0.02,0.02)");
        String map = "sets: stiffness_kpa, intensity_range: [-100, 1000], value_range: [1, 23]";
        for (String image : List.of("    - {file: mm.nrrd, " + map + "}",
                "    - {file: plain-mm.nrrd, length_unit_um: 1000, " + map + "}")) {
            Tissue t = TissueBuilder.build(ScenarioLoader.load(scenario(image)));
            assertEquals(3.675, t.stiffnessKpa()[t.grid().index(1, 2, 3)], 1e-5, image);
        }
    }

    /**
     * A stroma label marks the voxels stroma and keeps their cells: with no stiffness image, their stiffness
     * is the stroma baseline times the same texture, i.e. exactly 18/3 = 6 times what the normal voxels had.
     */
    @Test
    void stromaLabelMarksTheRegionAndKeepsTheCell() throws IOException {
        labelTiff();
        BuiltTissue built = TissueBuilder.buildWithRegions(ScenarioLoader.load(scenario(
                "    - {file: cells.tif, sets: cell, spacing_um: [80, 80, 80], labels: {0: stroma, 1: caf, 2: cancer}}")));
        BuiltTissue plain = TissueBuilder.buildWithRegions(ScenarioLoader.load(scenario(null)));
        Grid3D g = built.tissue().grid();
        int checked = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 12; i < g.nx(); i++) { // label 0 (stroma): sample column 3, x ≥ 240 µm
                    int v = g.index(i, j, k);
                    if (plain.regions().regionAt(v) != TissueRegion.NORMAL) {
                        continue; // vessel lumen stays vessel; nest and shell voxels have other baselines
                    }
                    assertEquals(TissueRegion.STROMA, built.regions().regionAt(v), "voxel " + i + "," + j + "," + k);
                    assertEquals(plain.tissue().cellAt(v), built.tissue().cellAt(v));
                    assertEquals(6.0, built.tissue().stiffnessKpa()[v] / plain.tissue().stiffnessKpa()[v], 1e-5);
                    checked++;
                }
            }
        }
        assertTrue(checked > 500, "checked " + checked);
    }

    /**
     * A Fiji-calibrated TIFF (80 µm pixels, 80 µm between pages) needs no spacing_um; a spacing_um that
     * differs from the file's by more than 1 % wins, with one warning naming both; one that agrees
     * brings no warning.
     */
    @Test
    void tiffSpacingComesFromTheFileAndTheScenarioOverridesItWithAWarning() throws IOException {
        float[] v = new float[4 * 4 * 3];
        for (int s = 0; s < v.length; s++) {
            v[s] = s % 4 < 2 ? 1 : s % 4 == 2 ? 2 : 0;
        }
        TestImages.calibratedTiff(temp.resolve("fiji.tif"), 4, 4, 3, v, new TestImages.Calibration(1, 80, 1, 80, 1,
                "ImageJ=1.54f\nimages=3\nslices=3\nunit=micron\nspacing=80\n"));
        Scenario fromFile = ScenarioLoader.load(scenario("    - {file: fiji.tif, sets: cell, labels: {0: keep, 1: caf, 2: cancer}}"));
        assertArrayEquals(new double[]{80, 80, 80}, fromFile.tissue().images().get(0).volume().spacingUm(), 1e-9);

        Path overridden = scenario("    - {file: fiji.tif, sets: cell, spacing_um: [40, 80, 80], labels: {0: keep, 1: caf, 2: cancer}}");
        assertArrayEquals(new double[]{40, 80, 80},
                ScenarioLoader.load(overridden).tissue().images().get(0).volume().spacingUm(), 1e-9);
        CliHarness.Result r = CliHarness.run("validate", overridden.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("warning: tissue.images[0].spacing_um = [40, 80, 80] µm overrides the spacing")
                && r.err().contains("fiji.tif states, [80, 80, 80] µm (axis x"), r.err());

        Path agreeing = scenario("    - {file: fiji.tif, sets: cell, spacing_um: [80.4, 80, 80], labels: {0: keep, 1: caf, 2: cancer}}");
        CliHarness.Result quiet = CliHarness.run("validate", agreeing.toString());
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertFalse(quiet.err().contains("overrides the spacing"), quiet.err());
    }

    /**
     * A TIFF saved by Fiji with an origin (ImageJ's xorigin=2, yorigin=-1.5, zorigin=1 pixels of 40 µm:
     * the centre of sample (0, 0, 0) at (−80, 60, −40) µm) holding the field I = 1000 + x/4 + y/2 + z (x,
     * y, z in µm at each sample's centre, written as exact integers), mapped to stiffness 1 + I/100 kPa.
     * Trilinear sampling reproduces a linear field, so every grid voxel whose centre lies within the
     * image's sample centres holds 1 + I(centre)/100 to float rounding (relative 1e-6); a voxel beyond the
     * shifted image keeps the built stiffness. The same file with {@code origin_um} in the scenario is
     * placed where the scenario says, as every image format is.
     */
    @Test
    void tiffOriginShiftsTheImageAndTheScenarioOriginOverridesIt() throws IOException {
        int nx = 8;
        int ny = 8;
        int nz = 6;
        double spacing = 40;
        double[] fileOrigin = {-80, 60, -40};
        float[] values = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    values[i + nx * (j + ny * k)] = (float) intensity(fileOrigin[0] + i * spacing,
                            fileOrigin[1] + j * spacing, fileOrigin[2] + k * spacing);
                }
            }
        }
        TestImages.calibratedTiff(temp.resolve("shifted.tif"), nx, ny, nz, values, new TestImages.Calibration(1, 40, 1, 40,
                1, "ImageJ=1.54f\nimages=6\nslices=6\nunit=micron\nspacing=40\nxorigin=2\nyorigin=-1.5\nzorigin=1\n"));
        String map = "sets: stiffness_kpa, intensity_range: [0, 2000], value_range: [1, 21]";
        Tissue plain = TissueBuilder.build(ScenarioLoader.load(scenario(null)));
        Tissue fromFile = TissueBuilder.build(ScenarioLoader.load(scenario("    - {file: shifted.tif, " + map + "}")));
        assertPlacedAt(fileOrigin, spacing, nx, ny, nz, fromFile, plain);

        double[] scenarioOrigin = {30, -50, 10};
        Tissue moved = TissueBuilder.build(ScenarioLoader.load(scenario("    - {file: shifted.tif, origin_um: [30, -50, 10], "
                + map + "}")));
        // the samples keep their values; only where they lie changes: I at sample (i, j, k) is the field at
        // the file's position, so in the scenario's frame the field is I(x − shift)
        double[] shift = new double[3];
        for (int a = 0; a < 3; a++) {
            shift[a] = scenarioOrigin[a] - fileOrigin[a];
        }
        Grid3D g = moved.grid();
        int checked = 0;
        for (int v = 0; v < g.voxelCount(); v++) {
            double[] c = {g.centreX(v % g.nx()), g.centreY((v / g.nx()) % g.ny()), g.centreZ(v / (g.nx() * g.ny()))};
            if (inside(c, scenarioOrigin, spacing, nx, ny, nz) && moved.cell()[v] != CellType.VESSEL.code()) {
                double expected = 1 + intensity(c[0] - shift[0], c[1] - shift[1], c[2] - shift[2]) / 100;
                assertEquals(expected, moved.stiffnessKpa()[v], 1e-6 * expected, "voxel " + v);
                checked++;
            }
        }
        assertTrue(checked > 100, "voxels inside the moved image: " + checked);
    }

    private static double intensity(double xUm, double yUm, double zUm) {
        return 1000 + xUm / 4 + yUm / 2 + zUm;
    }

    private static boolean inside(double[] centre, double[] origin, double spacing, int nx, int ny, int nz) {
        int[] n = {nx, ny, nz};
        for (int a = 0; a < 3; a++) {
            if (centre[a] < origin[a] || centre[a] > origin[a] + (n[a] - 1) * spacing) {
                return false;
            }
        }
        return true;
    }

    private static void assertPlacedAt(double[] origin, double spacing, int nx, int ny, int nz, Tissue t, Tissue plain) {
        Grid3D g = t.grid();
        int inside = 0;
        int beyond = 0;
        for (int v = 0; v < g.voxelCount(); v++) {
            double[] c = {g.centreX(v % g.nx()), g.centreY((v / g.nx()) % g.ny()), g.centreZ(v / (g.nx() * g.ny()))};
            if (t.cell()[v] == CellType.VESSEL.code()) {
                continue;
            }
            if (inside(c, origin, spacing, nx, ny, nz)) {
                double expected = 1 + intensity(c[0], c[1], c[2]) / 100;
                assertEquals(expected, t.stiffnessKpa()[v], 1e-6 * expected, "voxel " + v);
                inside++;
            } else if (c[0] > origin[0] + (nx - 0.5) * spacing) {
                assertEquals(plain.stiffnessKpa()[v], t.stiffnessKpa()[v], "voxel " + v + " beyond the image");
                beyond++;
            }
        }
        assertTrue(inside > 100 && beyond > 100, "inside " + inside + ", beyond " + beyond);
    }

    /**
     * A collagen-fraction image linear in x, φ = 0.02 + 0.002·x/µm on 8 × 8 × 6 samples of 40 µm (0.06 …
     * 0.62 on the sample centres; mapped from the intensity 100·i + 10·j + k): trilinear interpolation is
     * exact for a linear field, so every non-vessel voxel whose centre the samples bracket holds the
     * stiffness whose Ogston fibre fraction (the law's own formula) is φ at its centre, to float rounding
     * of the stored stiffness (relative 6e-8, over n = 2.25: 3e-8 in φ; 1e-6 allowed).
     */
    @Test
    void collagenFractionImageSetsTheStiffnessOfThatFraction() throws IOException {
        stiffnessNrrd("shg.nrrd");
        // intensity 100·i + 10·j + k → φ = 0.06 + 0.0008·intensity: along x 0.08 per sample of 40 µm
        Scenario sc = ScenarioLoader.load(scenario("    - {file: shg.nrrd, sets: collagen_fraction,"
                + " intensity_range: [0, 1000], value_range: [0.06, 0.86]}"));
        Tissue t = TissueBuilder.build(sc);
        org.stromasim.transport.OgstonLaw ogston = (org.stromasim.transport.OgstonLaw)
                org.stromasim.transport.DiffusivityLaw.of(sc.ecm().diffusivityLaw());
        double dx = t.grid().voxelUm();
        int checked = 0;
        for (int k = 0; k < t.grid().nz(); k++) {
            for (int j = 0; j < t.grid().ny(); j++) {
                for (int i = 0; i < t.grid().nx(); i++) {
                    double x = (i + 0.5) * dx;
                    double y = (j + 0.5) * dx;
                    double z = (k + 0.5) * dx;
                    int v = t.grid().index(i, j, k);
                    if (x < 20 || x > 300 || y < 20 || y > 300 || z < 20 || z > 220
                            || t.cell()[v] == org.stromasim.tissue.CellType.VESSEL.code()) {
                        continue; // outside the sample centres (edge value held) or lumen
                    }
                    // sample index s = (p − 20)/40 on each axis; intensity 100·si + 10·sj + sk, linear
                    double intensity = 100 * (x - 20) / 40 + 10 * (y - 20) / 40 + (z - 20) / 40;
                    double phi = 0.06 + 0.0008 * intensity;
                    assertEquals(phi, ogston.fibreFraction(t.stiffnessKpa()[v]), 1e-6 * phi, "voxel " + i + "," + j + "," + k);
                    checked++;
                }
            }
        }
        assertTrue(checked > 500, "checked " + checked);
    }

    @Test
    void collagenFractionOutsideItsRangeOrWithoutAFibreLawIsRefused() throws IOException {
        stiffnessNrrd("shg.nrrd");
        assertRefused("    - {file: shg.nrrd, sets: collagen_fraction}", "shg.nrrd", "voxel (0, 0, 0) = 0",
                "is not in (0, 1] (volume fraction)");
        assertRefused("    - {file: shg.nrrd, sets: collagen_fraction, intensity_range: [0, 1000], value_range: [0, 0.5]}",
                "tissue.images[0].value_range", "(0, 1]");
        String image = "    - {file: shg.nrrd, sets: collagen_fraction, intensity_range: [0, 1000], value_range: [0.06, 0.46]}";
        assertRefusedWithLaw("{law: exponential, stiffness_scale_kpa: 10}", image, "tissue.images[0].sets",
                "needs a diffusivity law with a fibre fraction");
        // the fibre-matrix law caps collagen at 0.3: the 96 samples above intensity 600 (φ > 0.3) cannot be held;
        // the largest, 775 at (7, 7, 5), is φ = 0.06 + 0.4·0.775 = 0.37
        assertRefusedWithLaw("{law: fibre_matrix, collagen_fibre_radius_nm: 20, gag_fibre_radius_nm: 0.5, composition:"
                        + " {reference_stiffness_kpa: 3, reference_collagen_fraction: 0.05, stiffness_exponent: 2.25,"
                        + " max_collagen_fraction: 0.3, gag_fraction: {ecm: 3.0e-4, cancer: 3.0e-4, fibroblast: 3.0e-4,"
                        + " caf: 3.0e-4, dead: 3.0e-4}, cell_fraction: {ecm: 0.1, cancer: 0.6, fibroblast: 0.3, caf: 0.3,"
                        + " dead: 0.3}}}", image, "shg.nrrd: sample (7, 7, 5) = 0.37 (and 95 more) is above the collagen fraction",
                "max_collagen_fraction");
    }

    private void assertRefusedWithLaw(String law, String images, String... fragments) throws IOException {
        Path scenario = scenario(images);
        String text = Files.readString(scenario);
        Files.writeString(scenario, text.replaceFirst("diffusivity_law: \\{[^}]*\\}", java.util.regex.Matcher.quoteReplacement(
                "diffusivity_law: " + law)));
        Path out = temp.resolve("out");
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "message lacks '" + f + "': " + err);
        }
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void lengthUnitContradictingTheFileIsRefused() throws IOException {
        stiffnessNrrd("mm.nrrd", "spacings: 0.04 0.04 0.04\nspace units: \"mm\" \"mm\" \"mm\"");
        assertRefused("    - {file: mm.nrrd, length_unit_um: 1, sets: stiffness_kpa, intensity_range: [-100, 1000],"
                + " value_range: [1, 23]}", "tissue.images[0].length_unit_um", "contradicts the file", "1000 µm");
    }

    @Test
    void resolvedYamlReadsBackToTheSameImages() throws IOException {
        writeAll();
        Scenario sc = ScenarioLoader.load(scenario(ALL_THREE));
        Scenario again = ScenarioLoader.parse(ScenarioLoader.toYaml(sc), "resolved.yaml", List.of());
        assertEquals(sc.tissue(), again.tissue());
        assertEquals(3, again.tissue().images().size());
    }

    private void assertRefused(String images, String... fragments) throws IOException {
        Path out = temp.resolve("out");
        CliHarness.Result r = CliHarness.run("run", scenario(images).toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains("scenario.yaml:"), "names the scenario line: " + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "message lacks '" + f + "': " + err);
        }
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void missingFile() throws IOException {
        assertRefused("    - {file: nowhere.nrrd, sets: stiffness_kpa}", "tissue.images[0].file", "nowhere.nrrd",
                "file not found");
    }

    @Test
    void wrongDimensionality() throws IOException {
        TestImages.nrrd(temp.resolve("flat.nrrd"), "type: uint8\ndimension: 2\nsizes: 4 4\nencoding: raw", new byte[16], false);
        assertRefused("    - {file: flat.nrrd, sets: stiffness_kpa}", "flat.nrrd", "field 'dimension' is 2",
                "must be 3D");
    }

    @Test
    void spacingMissing() throws IOException {
        labelTiff();
        assertRefused("    - {file: cells.tif, sets: cell, labels: {0: keep, 1: caf}}", "cells.tif",
                "spacing missing", "spacing_um");
    }

    @Test
    void intensityOutsideTheMappedRange() throws IOException {
        stiffnessNrrd("stiff.nrrd");
        // The first sample above 700 in file order (x fastest) is (7, 1, 0) = 710; 47 samples exceed it.
        assertRefused("    - {file: stiff.nrrd, sets: stiffness_kpa, intensity_range: [0, 700], value_range: [1, 21]}",
                "stiff.nrrd", "voxel (7, 1, 0) = 710 (and 46 more voxels) is outside intensity_range [0, 700]");
    }

    @Test
    void stiffnessTakenAsIsMustBePositive() throws IOException {
        stiffnessNrrd("stiff.nrrd");
        assertRefused("    - {file: stiff.nrrd, sets: stiffness_kpa}", "voxel (0, 0, 0) = 0 is not", "kPa");
    }

    @Test
    void labelNotInTheTable() throws IOException {
        labelTiff();
        assertRefused("    - {file: cells.tif, sets: cell, spacing_um: [80, 80, 80], labels: {1: caf}}", "cells.tif",
                "voxel (2, 0, 0) = 2", "is not a label of the table (allowed: 1");
    }

    /** A label mapped to something that is no cell type (nor stroma, keep) is refused at its table entry. */
    @Test
    void labelMappedToAnUnknownCellType() throws IOException {
        labelTiff();
        assertRefused("    - {file: cells.tif, sets: cell, spacing_um: [80, 80, 80], labels: {0: keep, 1: caf, 2: tumor}}",
                "tissue.images[0].labels.2", "tumor");
    }

    @Test
    void unknownSpecies() throws IOException {
        concentrationH5();
        assertRefused("    - {file: drug0.h5, dataset: /drug, sets: initial_concentration, species: drugg}",
                "tissue.images[0].species", "names no species");
    }

    @Test
    void imageOutsideTheDomain() throws IOException {
        stiffnessNrrd("stiff.nrrd");
        assertRefused("    - {file: stiff.nrrd, sets: stiffness_kpa, intensity_range: [-100, 1000], value_range: [1, 23],"
                + " origin_um: [5000, 0, 0]}", "covers no voxel of the domain", "on x");
    }

    @Test
    void missingDataset() throws IOException {
        concentrationH5();
        assertRefused("    - {file: drug0.h5, dataset: /oxygen, sets: initial_concentration, species: drug}",
                "drug0.h5", "dataset /oxygen does not exist");
    }
}

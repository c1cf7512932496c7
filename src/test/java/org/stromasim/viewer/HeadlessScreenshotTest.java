package org.stromasim.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.viewer.camera.OrbitCamera;
import org.stromasim.viewer.color.ColorMap;
import org.stromasim.viewer.hud.HudPainter;

/**
 * Headless renderings of known fields, judged by image statistics: where the blob appears, what is dark,
 * what changes when the field, colour map or time changes, and that a run minus itself is blank.
 */
@EnabledIfGlOrCi
class HeadlessScreenshotTest {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final String SIZE = WIDTH + "x" + HEIGHT;

    @TempDir
    static Path dir;
    private static Path run;

    @BeforeAll
    static void writeRun() throws IOException {
        run = SyntheticRuns.blobRun(dir.resolve("blob-run"));
    }

    private static BufferedImage shot(String name, String... args) {
        return ViewCli.screenshot(dir.resolve(name + ".png"), args);
    }

    /** Pixel where the blob centre of snapshot {@code s} projects with the default camera. */
    private static double[] projectedBlob(int s) {
        return OrbitCamera.DEFAULT.projectToPixel(SyntheticRuns.worldOf(SyntheticRuns.BLOB_CENTRES_UM[s]), WIDTH, HEIGHT);
    }

    @Test
    void mipShowsBlobBrightAtItsProjectedCentreWithDarkCorners() {
        BufferedImage image = shot("mip", run.toString(), "--field", "drug", "--time", "first", "--mode", "mip",
                "--overlays", "none", "--no-hud", "--size", SIZE);
        double[] expected = projectedBlob(0);
        double centre = ImageStats.meanLuma(image, (int) expected[0] - 2, (int) expected[1] - 2, 5, 5);
        // Viridis' top colour #FDE725 has luma 216; the ray through the centre meets the maximum.
        assertTrue(centre > 180, "blob centre luma " + centre + " at " + expected[0] + "," + expected[1]);
        for (int[] corner : new int[][] {{0, 0}, {WIDTH - 12, 0}, {0, HEIGHT - 12}, {WIDTH - 12, HEIGHT - 12}}) {
            double luma = ImageStats.meanLuma(image, corner[0], corner[1], 12, 12);
            assertTrue(luma < 2, "corner " + corner[0] + "," + corner[1] + " luma " + luma);
        }
        double[] centroid = ImageStats.centroid(image);
        double error = Math.hypot(centroid[0] - expected[0], centroid[1] - expected[1]);
        assertTrue(error < 0.03 * WIDTH, "brightness centroid " + centroid[0] + "," + centroid[1]
                + " is " + error + " px from the projected blob centre " + expected[0] + "," + expected[1]);
    }

    @Test
    void compositeFollowsTheBlobToItsPositionAtTheLaterTime() {
        BufferedImage first = shot("c0", run.toString(), "--time", "0", "--overlays", "none", "--no-hud", "--size", SIZE);
        BufferedImage last = shot("c1", run.toString(), "--time", "600s", "--overlays", "none", "--no-hud", "--size", SIZE);
        for (int s = 0; s < 2; s++) {
            double[] centroid = ImageStats.centroid(s == 0 ? first : last);
            double[] expected = projectedBlob(s);
            double error = Math.hypot(centroid[0] - expected[0], centroid[1] - expected[1]);
            assertTrue(error < 0.04 * WIDTH, "snapshot " + s + ": centroid " + centroid[0] + "," + centroid[1]
                    + " vs projected blob " + expected[0] + "," + expected[1]);
        }
        assertTrue(ImageStats.meanAbsDifference(first, last) > 1, "two times rendered alike");
    }

    @Test
    void differentFieldsAndColourMapsGiveDifferentImages() {
        BufferedImage drug = shot("drug", run.toString(), "--field", "drug", "--no-hud", "--size", SIZE);
        BufferedImage lactate = shot("lactate", run.toString(), "--field", "lactate", "--no-hud", "--size", SIZE);
        BufferedImage magma = shot("magma", run.toString(), "--field", "drug", "--colormap", "magma", "--no-hud",
                "--size", SIZE);
        assertTrue(ImageStats.meanAbsDifference(drug, lactate) > 2, "drug and lactate rendered alike");
        assertTrue(ImageStats.meanAbsDifference(drug, magma) > 0.5, "viridis and magma rendered alike");
    }

    @Test
    void differenceOfARunWithItselfIsBlank() {
        ViewCli.Result result = ViewCli.run(run.toString(), "--compare", run.toString(), "--compare-mode", "difference",
                "--overlays", "none", "--no-hud", "--size", SIZE, "--screenshot", dir.resolve("self.png").toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("identical"), result.out());
        BufferedImage image = ViewCli.screenshot(dir.resolve("self2.png"), run.toString(), "--compare", run.toString(),
                "--compare-mode", "difference", "--overlays", "none", "--no-hud", "--size", SIZE);
        assertEquals(0, ImageStats.nonBackgroundPixels(image), "difference of a run with itself is not blank");
        // The same call across the two different times of one snapshot pair is not blank: the test can fail.
        BufferedImage moved = ViewCli.screenshot(dir.resolve("moved.png"), run.toString(), "--compare",
                run.resolve("snapshots/snap_000000.h5").toString(), "--compare-mode", "difference", "--overlays", "none",
                "--no-hud", "--size", SIZE);
        assertTrue(ImageStats.nonBackgroundPixels(moved) > 1000, "difference of two different blobs is blank");
    }

    @Test
    void sideBySideShowsBothRunsWithOneScale() {
        BufferedImage image = shot("sbs", run.toString(), "--compare", run.resolve("snapshots/snap_000000.h5").toString(),
                "--overlays", "none", "--no-hud", "--size", "640x240");
        // Left panel: the late blob; right panel: the early blob. Each half's centroid is its own blob's projection.
        double[] left = ImageStats.centroid(image.getSubimage(0, 0, 320, 240));
        double[] right = ImageStats.centroid(image.getSubimage(320, 0, 320, 240));
        double[] expectedLeft = projectedBlob(1);
        double[] expectedRight = projectedBlob(0);
        assertTrue(Math.hypot(left[0] - expectedLeft[0], left[1] - expectedLeft[1]) < 0.04 * WIDTH);
        assertTrue(Math.hypot(right[0] - expectedRight[0], right[1] - expectedRight[1]) < 0.04 * WIDTH);
    }

    @Test
    void colourBarShowsTheColourMapTopAndBottom() {
        BufferedImage image = shot("hud", run.toString(), "--colormap", "magma", "--size", "640x480");
        int[] bar = HudPainter.colorBarRect(640, 480);
        int x = bar[0] + bar[2] / 2;
        assertColour(ColorMap.MAGMA.colorAt(1), image.getRGB(x, bar[1] + 1));
        assertColour(ColorMap.MAGMA.colorAt(0), image.getRGB(x, bar[1] + bar[3] - 2));
    }

    private static void assertColour(int expected, int actual) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = (expected >> shift) & 0xFF;
            int a = (actual >> shift) & 0xFF;
            assertTrue(Math.abs(e - a) <= 6, String.format("expected #%06X, got #%06X", expected, actual & 0xFFFFFF));
        }
    }

    @Test
    void vesselOverlayDrawsTheVesselColumn() {
        BufferedImage plain = shot("plain", run.toString(), "--overlays", "none", "--no-hud", "--size", SIZE);
        BufferedImage vessels = shot("vessels", run.toString(), "--overlays", "vessels", "--no-hud", "--size", SIZE);
        double[] vesselMid = OrbitCamera.DEFAULT.projectToPixel(SyntheticRuns.worldOf(new double[] {
                (SyntheticRuns.VESSEL_I + 0.5) * 10, (SyntheticRuns.VESSEL_J + 0.5) * 10, 120}), WIDTH, HEIGHT);
        int redPlain = (plain.getRGB((int) vesselMid[0], (int) vesselMid[1]) >> 16) & 0xFF;
        int redVessel = (vessels.getRGB((int) vesselMid[0], (int) vesselMid[1]) >> 16) & 0xFF;
        assertTrue(redVessel > redPlain + 80, "vessel overlay red " + redVessel + " vs without " + redPlain);
    }

    @Test
    void largeFieldIsDownsampledWithAMessageAndStillInPlace() {
        ViewCli.Result result = ViewCli.run(run.toString(), "--time", "first", "--mode", "mip", "--overlays", "none",
                "--no-hud", "--size", SIZE, "--max-texture-edge", "16", "--screenshot", dir.resolve("small.png").toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("downsampled by 3×2×2"), result.out());
        BufferedImage image = ViewCli.screenshot(dir.resolve("small2.png"), run.toString(), "--time", "first", "--mode",
                "mip", "--overlays", "none", "--no-hud", "--size", SIZE, "--max-texture-edge", "16");
        double[] centroid = ImageStats.centroid(image);
        double[] expected = projectedBlob(0);
        assertTrue(Math.hypot(centroid[0] - expected[0], centroid[1] - expected[1]) < 0.05 * WIDTH);
    }

    @Test
    void savedViewStateReproducesTheImage() {
        Path state = dir.resolve("state.json");
        BufferedImage original = shot("orig", run.toString(), "--mode", "iso", "--camera", "30,40,2", "--colormap",
                "magma", "--slice", "z=0.4", "--field", "lactate", "--time", "first", "--save-view-state", state.toString(),
                "--size", SIZE);
        BufferedImage reloaded = shot("reload", run.toString(), "--view-state", state.toString(), "--size", SIZE);
        assertEquals(0.0, ImageStats.meanAbsDifference(original, reloaded));
        BufferedImage otherCamera = shot("other", run.toString(), "--view-state", state.toString(), "--camera", "120,10,2",
                "--size", SIZE);
        assertTrue(ImageStats.meanAbsDifference(original, otherCamera) > 1, "explicit --camera did not override the state");
    }

    /**
     * A log scale spreads the blob's four decades over the whole colour bar; were opacity to follow the
     * colour-bar position, the tail at 10⁻³–10⁻¹ of the peak (30–110 µm from the centre of a 30 µm blob)
     * would be a quarter to three quarters opaque and the halo would cover several times the area it
     * covers on a linear scale. Opacity follows the amount, so the visible area stays that of the linear
     * view (only the colours differ), within the faint rim that the brighter log colours add.
     */
    @Test
    void logScaleRecoloursWithoutFillingTheBox() {
        BufferedImage linear = shot("lin", run.toString(), "--time", "first", "--overlays", "none", "--no-hud", "--size", SIZE);
        BufferedImage log = shot("log", run.toString(), "--time", "first", "--log", "--overlays", "none", "--no-hud",
                "--size", SIZE);
        double linearMean = ImageStats.meanLuma(linear, 0, 0, WIDTH, HEIGHT);
        double logMean = ImageStats.meanLuma(log, 0, 0, WIDTH, HEIGHT);
        assertTrue(logMean < 1.5 * linearMean + 1, "log mean luma " + logMean + " vs linear " + linearMean);
    }
}

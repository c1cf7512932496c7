package org.stromasim.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.viewer.camera.OrbitCamera;
import org.stromasim.viewer.color.ColorMap;
import org.stromasim.viewer.data.TransferFunction;
import org.stromasim.viewer.data.VolumeField;
import org.stromasim.viewer.hud.ScaleBar;

/** The viewer's scale choices against values worked out by hand. */
class ViewScalesTest {

    @Test
    void isoLevelGivenAsAValueLandsAtItsColourBarPosition() {
        RenderSettings iso = RenderSettings.DEFAULT.withMode(RenderMode.ISO).withIsoValue(0.5);
        // linear 0..2 µM: 0.5 µM is a quarter of the way up
        assertEquals(0.25, iso.isoFractionOn(new TransferFunction(0, 2, false)), 1e-12);
        // log 1e-3..1 µM: 0.01 µM is one decade of three up
        assertEquals(1.0 / 3, RenderSettings.DEFAULT.withIsoValue(0.01).isoFractionOn(new TransferFunction(1e-3, 1, true)),
                1e-12);
        // without a value, the fraction given directly
        assertEquals(0.7, RenderSettings.DEFAULT.withIsoLevel(0.7).isoFractionOn(new TransferFunction(0, 2, false)));
        // a fraction given after a value replaces it
        assertEquals(0.7, iso.withIsoLevel(0.7).isoFractionOn(new TransferFunction(0, 2, false)));
    }

    @Test
    void anIsoValueOutsideTheRangeIsReported() {
        VolumeField field = new VolumeField("drug", "µM", 0, 2, 1, 1, 40, 20, 20, new float[] {0, 2});
        Scene scene = new Scene(java.util.List.of(new Panel(field, null, "a")), new TransferFunction(0, 2, false),
                ColorMap.VIRIDIS, "drug", java.util.List.of());
        RenderSettings iso = RenderSettings.DEFAULT.withMode(RenderMode.ISO);
        assertTrue(scene.withIsoCheck(iso.withIsoValue(3.0)).notes().get(0).contains("outside the shown range 0 .. 2"));
        assertEquals(0, scene.withIsoCheck(iso.withIsoValue(1.0)).notes().size());
    }

    @Test
    void logOpacityFollowsTheAmountNotTheLogPosition() {
        TransferFunction log = new TransferFunction(1e-4, 1, true);
        // four decades: position 0.75 is 0.1 of the top value, 0.5 is 0.01, 1 is the top
        assertEquals(0.1, log.opacityWeight(0.75), 1e-12);
        assertEquals(0.01, log.opacityWeight(0.5), 1e-12);
        assertEquals(1.0, log.opacityWeight(1), 1e-12);
        assertEquals(4.0, log.logDecades(), 1e-12);
        TransferFunction linear = new TransferFunction(0, 2, false);
        assertEquals(0.75, linear.opacityWeight(0.75));
        assertEquals(0.0, linear.logDecades());
    }

    @Test
    void divergingMapOnANonNegativeFieldShowsNoNegativeHalf() {
        VolumeField field = new VolumeField("drug", "µM", 0, 3, 1, 1, 60, 20, 20, new float[] {0.2f, 1.0f, 1.8f});
        TransferFunction scale = TransferFunction.auto(field, false, ColorMap.DIVERGING);
        assertEquals(0.0, scale.low());
        assertEquals(1.8, scale.high(), 1e-6);
        VolumeField signed = new VolumeField("d", "µM", 0, 2, 1, 1, 40, 20, 20, new float[] {-0.5f, 2f});
        TransferFunction symmetric = TransferFunction.auto(signed, false, ColorMap.DIVERGING);
        assertEquals(-2.0, symmetric.low());
        assertEquals(2.0, symmetric.high());
    }

    @Test
    void narrowPanelsWidenTheVerticalFieldSoTheHorizontalOneStays() {
        assertEquals(35.0, OrbitCamera.fovYDeg(1.5));
        assertEquals(35.0, OrbitCamera.fovYDeg(4.0 / 3.0));
        // the horizontal field of a 4:3 view, 2·atan(tan(17.5°)·4/3) = 45.60°, kept at aspect 1 and 0.5:
        // 2·atan(0.31530·(4/3) / 1) = 45.60°, 2·atan(0.31530·(4/3) / 0.5) = 80.11°
        assertEquals(45.60, OrbitCamera.fovYDeg(1.0), 0.01);
        assertEquals(80.11, OrbitCamera.fovYDeg(0.5), 0.01);
    }

    @Test
    void everyBoxCornerLiesInsideEachHalfOfASideBySideView() {
        // the default camera on a 1 × 1 × 0.833 box (48 × 48 × 40 voxels) in one half of a 640 × 480 frame
        // minus the colour-bar strip: 278 × 480 px
        int width = 278;
        int height = 480;
        for (int corner = 0; corner < 8; corner++) {
            double[] p = {(corner & 1) == 0 ? -0.5 : 0.5, (corner & 2) == 0 ? -0.5 : 0.5, (corner & 4) == 0 ? -0.4167 : 0.4167};
            double[] pixel = OrbitCamera.DEFAULT.projectToPixel(p, width, height);
            assertTrue(pixel[0] >= 0 && pixel[0] <= width && pixel[1] >= 0 && pixel[1] <= height,
                    "corner " + corner + " at " + pixel[0] + ", " + pixel[1]);
        }
    }

    @Test
    void captionTimesAreInTheUnitOfTheRun() {
        assertEquals("45 s", org.stromasim.viewer.data.Units.clock(45));
        assertEquals("10 min (600 s)", org.stromasim.viewer.data.Units.clock(600));
        assertEquals("60 min (3600 s)", org.stromasim.viewer.data.Units.clock(3600));
        assertEquals("2.5 min (150 s)", org.stromasim.viewer.data.Units.clock(150));
        assertEquals("3 h (10800 s)", org.stromasim.viewer.data.Units.clock(10800));
    }

    @Test
    void scaleBarIsTheLongestRoundLengthThatFits() {
        // d = 2.4 box lengths, box 960 µm, 640 × 452 px (wider than 4:3, so fovY = 35°):
        // 2·2.4·tan(17.5°) = 1.51344 box lengths over 452 px
        double umPerPixel = ScaleBar.umPerPixel(2.4, 960, 640, 452);
        assertEquals(1.51344 * 960 / 452, umPerPixel, 1e-4);
        // a quarter of the panel, 139 px = 446.8 µm: the longest 1-2-5 length below is 200 µm, 62.2 px
        ScaleBar bar = ScaleBar.fitting(umPerPixel, 139);
        assertEquals(200.0, bar.lengthUm());
        assertEquals(200 / umPerPixel, bar.pixels(), 1e-9);
        assertEquals(500.0, ScaleBar.fitting(1.0, 500).lengthUm());
        assertEquals(50.0, ScaleBar.fitting(1.0, 99).lengthUm());
        assertNull(ScaleBar.fitting(1e-6, 10));
    }
}

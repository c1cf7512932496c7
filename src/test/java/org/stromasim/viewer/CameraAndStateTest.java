package org.stromasim.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lwjgl.glfw.GLFW.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.viewer.camera.Mat4;
import org.stromasim.viewer.camera.OrbitCamera;
import org.stromasim.viewer.color.ColorMap;
import org.stromasim.viewer.data.ViewerInputException;

/** Camera geometry, key bindings and view-state files. */
class CameraAndStateTest {

    @TempDir
    Path dir;

    @Test
    void inverseTimesMatrixIsIdentity() {
        Mat4 m = new OrbitCamera(37, 21, 1.7, 0.1, -0.2, 0.05).viewProjection(4.0 / 3);
        Mat4 product = m.inverse().times(m);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(r == c ? 1 : 0, product.get(r, c), 1e-9, "(" + r + "," + c + ")");
            }
        }
    }

    @Test
    void targetProjectsToTheImageCentreAndXToTheRightSeenFromMinusY() {
        OrbitCamera camera = new OrbitCamera(-90, 0, 2, 0, 0, 0); // eye on -y, looking along +y, z up
        double[] centre = camera.projectToPixel(new double[] {0, 0, 0}, 640, 480);
        assertEquals(320, centre[0], 1e-9);
        assertEquals(240, centre[1], 1e-9);
        double[] plusX = camera.projectToPixel(new double[] {0.2, 0, 0}, 640, 480);
        double[] plusZ = camera.projectToPixel(new double[] {0, 0, 0.2}, 640, 480);
        assertTrue(plusX[0] > 320 && Math.abs(plusX[1] - 240) < 1e-9, "+x is to the right");
        assertTrue(plusZ[1] < 240 && Math.abs(plusZ[0] - 320) < 1e-9, "+z is up");
        // Pinhole: 0.2 at distance 2 with a 35° vertical field of view.
        assertEquals(240 * 0.1 / Math.tan(Math.toRadians(17.5)), 240 - plusZ[1], 1e-6);
    }

    @Test
    void orbitZoomAndPanStayWithinLimits() {
        OrbitCamera camera = OrbitCamera.DEFAULT.orbit(10, 200);
        assertEquals(OrbitCamera.MAX_ELEVATION_DEG, camera.elevationDeg());
        assertEquals(OrbitCamera.MIN_DISTANCE, camera.zoom(1e-6).distance());
        OrbitCamera panned = new OrbitCamera(-90, 0, 2, 0, 0, 0).pan(0.1, 0.2);
        assertEquals(0.1, panned.panX(), 1e-12); // right is +x seen from -y
        assertEquals(0.2, panned.panZ(), 1e-12);
        assertThrows(ViewerInputException.class, () -> OrbitCamera.parse("0,90,2"));
    }

    @Test
    void keysChangeTheStateAndSayWhetherToReload() {
        ViewerControls controls = new ViewerControls(List.of("cell", "drug", "lactate"), 3);
        ViewState state = new ViewState("drug", 0, OrbitCamera.DEFAULT, RenderSettings.DEFAULT, null, null);
        ViewerControls.Result next = controls.onKey(GLFW_KEY_RIGHT, state);
        assertEquals(1, next.state().timeIndex());
        assertEquals(ViewerControls.Effect.RELOAD, next.effect());
        assertEquals(2, controls.onKey(GLFW_KEY_END, state).state().timeIndex());
        assertEquals(0, controls.onKey(GLFW_KEY_LEFT, state).state().timeIndex(), "stops at the first snapshot");
        assertEquals("lactate", controls.onKey(GLFW_KEY_F, state).state().field());
        assertEquals("cell", controls.onKey(GLFW_KEY_F, state.withField("lactate")).state().field());
        ViewerControls.Result mode = controls.onKey(GLFW_KEY_M, state);
        assertEquals(RenderMode.MIP, mode.state().settings().mode());
        assertEquals(ViewerControls.Effect.REDRAW, mode.effect());
        assertEquals(ColorMap.MAGMA, controls.onKey(GLFW_KEY_C, state).state().settings().colorMap());
        assertTrue(controls.onKey(GLFW_KEY_L, state).state().settings().log());
        assertEquals(0, controls.onKey(GLFW_KEY_X, state).state().settings().slice().axis());
        assertEquals(0.95, controls.onKey(GLFW_KEY_LEFT_BRACKET, state).state().settings().clip().xMax(), 1e-12);
        ViewState turned = state.withCamera(state.camera().orbit(40, 10));
        assertEquals(OrbitCamera.DEFAULT, controls.onKey(GLFW_KEY_R, turned).state().camera());
        assertEquals(ViewerControls.Effect.SAVE_STATE, controls.onKey(GLFW_KEY_S, state).effect());
        assertEquals(ViewerControls.Effect.QUIT, controls.onKey(GLFW_KEY_ESCAPE, state).effect());
        assertEquals(2, controls.timeIndexAt(0.9));
        assertEquals(0, controls.nextPlayIndex(2), "playing loops");
    }

    @Test
    void viewStateRoundTripsThroughJson() throws IOException {
        ViewState state = new ViewState("lactate", 2, new OrbitCamera(12.5, -30, 3, 0.1, 0, -0.2),
                RenderSettings.DEFAULT.withMode(RenderMode.ISO).withColorMap(ColorMap.MAGMA).withLog(true)
                        .withSlice(new SlicePlane(1, 0.3)).withClip(new ClipBox(0, 0.1, 0, 1, 1, 0.7)), 0.5, 2000.0);
        Path file = dir.resolve("state.json");
        ViewStateFile.save(state, file);
        assertEquals(state, ViewStateFile.load(file));
        assertTrue(Files.readString(file).contains("\"colorMap\" : \"MAGMA\""));
    }

    @Test
    void malformedViewStateIsRefusedWithTheReason() throws IOException {
        Path file = dir.resolve("bad.json");
        ViewStateFile.save(new ViewState("drug", 0, OrbitCamera.DEFAULT, RenderSettings.DEFAULT, null, null), file);
        Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{ \"zoom\": 3,"));
        ViewerInputException unknown = assertThrows(ViewerInputException.class, () -> ViewStateFile.load(file));
        assertTrue(unknown.getMessage().contains("zoom"), unknown.getMessage());
        Files.writeString(file, "{\"field\": \"drug\", \"timeIndex\": 0}");
        ViewerInputException incomplete = assertThrows(ViewerInputException.class, () -> ViewStateFile.load(file));
        assertTrue(incomplete.getMessage().contains("needs a camera"), incomplete.getMessage());
        assertThrows(ViewerInputException.class, () -> ViewStateFile.load(dir.resolve("missing.json")));
    }
}

package org.stromasim.viewer;

import static org.lwjgl.glfw.GLFW.*;

import java.util.List;
import org.stromasim.viewer.camera.OrbitCamera;
import org.stromasim.viewer.color.ColorMap;

/**
 * What each key does to the view state, apart from the window: so the key bindings can be tested
 * without a display. Key codes are GLFW's (compile-time constants).
 */
public final class ViewerControls {

    /** What the window must do after a key besides showing the new state. */
    public enum Effect {
        /** Nothing (unknown key). */
        NONE,
        /** Draw again with the same data (camera, mode, slice, clip, opacity). */
        REDRAW,
        /** Load data again (field, time, scale, colour map, overlays). */
        RELOAD,
        TOGGLE_PLAY,
        SAVE_STATE,
        LOAD_STATE,
        SCREENSHOT,
        QUIT
    }

    /** The new state and what to do about it. */
    public record Result(ViewState state, Effect effect) {
    }

    /** Slice and clip move in steps of 5 % of the box. */
    static final double STEP_FRACTION = 0.05;

    private final List<String> fields;
    private final int timeCount;

    /**
     * @param fields    the fields F cycles through
     * @param timeCount snapshots in the run
     */
    public ViewerControls(List<String> fields, int timeCount) {
        this.fields = List.copyOf(fields);
        this.timeCount = timeCount;
    }

    public Result onKey(int key, ViewState state) {
        RenderSettings s = state.settings();
        return switch (key) {
            case GLFW_KEY_RIGHT -> reload(state.withTimeIndex(Math.min(timeCount - 1, state.timeIndex() + 1)));
            case GLFW_KEY_LEFT -> reload(state.withTimeIndex(Math.max(0, state.timeIndex() - 1)));
            case GLFW_KEY_HOME -> reload(state.withTimeIndex(0));
            case GLFW_KEY_END -> reload(state.withTimeIndex(timeCount - 1));
            case GLFW_KEY_SPACE -> new Result(state, Effect.TOGGLE_PLAY);
            case GLFW_KEY_F -> reload(state.withField(nextField(state.field())));
            case GLFW_KEY_M -> redraw(state.withSettings(s.withMode(s.mode().next())));
            case GLFW_KEY_C -> reload(state.withSettings(s.withColorMap(
                    ColorMap.values()[(s.colorMap().ordinal() + 1) % ColorMap.values().length])));
            case GLFW_KEY_L -> reload(state.withSettings(s.withLog(!s.log())).withRange(null, null));
            case GLFW_KEY_V -> reload(state.withSettings(s.withOverlays(!s.showVessels(), s.showTumour())));
            case GLFW_KEY_T -> reload(state.withSettings(s.withOverlays(s.showVessels(), !s.showTumour())));
            case GLFW_KEY_X -> redraw(state.withSettings(s.withSlice(s.slice().nextAxis())));
            case GLFW_KEY_PAGE_UP -> redraw(state.withSettings(s.withSlice(s.slice().movedBy(STEP_FRACTION))));
            case GLFW_KEY_PAGE_DOWN -> redraw(state.withSettings(s.withSlice(s.slice().movedBy(-STEP_FRACTION))));
            case GLFW_KEY_LEFT_BRACKET -> redraw(state.withSettings(s.withClip(s.clip().withMax(0, s.clip().xMax() - STEP_FRACTION))));
            case GLFW_KEY_RIGHT_BRACKET -> redraw(state.withSettings(s.withClip(s.clip().withMax(0, s.clip().xMax() + STEP_FRACTION))));
            case GLFW_KEY_EQUAL -> redraw(state.withSettings(s.withOpacity(Math.min(1000, s.opacity() * 1.5))));
            case GLFW_KEY_MINUS -> redraw(state.withSettings(s.withOpacity(s.opacity() / 1.5)));
            case GLFW_KEY_R -> redraw(state.withCamera(OrbitCamera.DEFAULT));
            case GLFW_KEY_S -> new Result(state, Effect.SAVE_STATE);
            case GLFW_KEY_O -> new Result(state, Effect.LOAD_STATE);
            case GLFW_KEY_P -> new Result(state, Effect.SCREENSHOT);
            case GLFW_KEY_ESCAPE, GLFW_KEY_Q -> new Result(state, Effect.QUIT);
            default -> new Result(state, Effect.NONE);
        };
    }

    /** The time index a click at fraction {@code fraction} of the slider selects. */
    public int timeIndexAt(double fraction) {
        double clamped = Math.max(0, Math.min(1, fraction));
        return (int) Math.round(clamped * (timeCount - 1));
    }

    /** The next time index when playing: loops to the start after the last snapshot. */
    public int nextPlayIndex(int timeIndex) {
        return (timeIndex + 1) % timeCount;
    }

    private String nextField(String current) {
        int index = fields.indexOf(current);
        return fields.get((index + 1) % fields.size());
    }

    private static Result reload(ViewState state) {
        return new Result(state, Effect.RELOAD);
    }

    private static Result redraw(ViewState state) {
        return new Result(state, Effect.REDRAW);
    }
}

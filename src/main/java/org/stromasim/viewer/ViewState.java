package org.stromasim.viewer;

import org.stromasim.viewer.camera.OrbitCamera;
import org.stromasim.viewer.data.ViewerInputException;

/**
 * Everything that decides the picture apart from the data: saved as JSON and reloaded so a figure can be
 * reproduced exactly.
 *
 * @param field     field name
 * @param timeIndex snapshot index in the run
 * @param camera    orbit camera
 * @param settings  mode, colour map, scale, overlays, slice, clip
 * @param rangeLow  fixed low end of the colour bar, or null for the field's own range
 * @param rangeHigh fixed high end, or null
 */
public record ViewState(String field, int timeIndex, OrbitCamera camera, RenderSettings settings,
                        Double rangeLow, Double rangeHigh) {

    public ViewState {
        if (field == null || field.isBlank()) {
            throw new ViewerInputException("view state needs a field name");
        }
        if (timeIndex < 0) {
            throw new ViewerInputException("view state time index " + timeIndex + " must be >= 0");
        }
        if ((rangeLow == null) != (rangeHigh == null)) {
            throw new ViewerInputException("a value range needs both ends, got low = " + rangeLow + ", high = " + rangeHigh);
        }
        if (camera == null || settings == null) {
            throw new ViewerInputException("view state needs a camera and render settings");
        }
    }

    public ViewState withField(String value) {
        return new ViewState(value, timeIndex, camera, settings, null, null);
    }

    public ViewState withTimeIndex(int value) {
        return new ViewState(field, value, camera, settings, rangeLow, rangeHigh);
    }

    public ViewState withCamera(OrbitCamera value) {
        return new ViewState(field, timeIndex, value, settings, rangeLow, rangeHigh);
    }

    public ViewState withSettings(RenderSettings value) {
        return new ViewState(field, timeIndex, camera, value, rangeLow, rangeHigh);
    }

    public ViewState withRange(Double low, Double high) {
        return new ViewState(field, timeIndex, camera, settings, low, high);
    }
}

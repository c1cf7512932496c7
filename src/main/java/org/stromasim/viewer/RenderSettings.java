package org.stromasim.viewer;

import org.stromasim.viewer.color.ColorMap;
import org.stromasim.viewer.data.ViewerInputException;

/**
 * How a field is drawn, apart from the camera.
 *
 * @param mode        compositing, MIP or isosurface
 * @param colorMap    colour map of the field
 * @param log         log10 value scale (concentrations span decades)
 * @param opacity     compositing: optical depth across one box length where the colour-bar position is 1
 * @param isoLevel    isosurface level as a colour-bar position in [0, 1]
 * @param showVessels draw the vessel surfaces (from the cell field)
 * @param showTumour  draw the tumour boundary (cancer and dead cells, from the cell field)
 * @param slice       slice plane, or {@link SlicePlane#NONE}
 * @param clip        the drawn part of the box
 */
public record RenderSettings(RenderMode mode, ColorMap colorMap, boolean log, double opacity, double isoLevel,
                             boolean showVessels, boolean showTumour, SlicePlane slice, ClipBox clip) {

    /**
     * Defaults: compositing with viridis (perceptual and colour-blind safe); opacity 6 lets about e^-6 of the
     * light through a box length of the highest value, so a drug gradient stays see-through at its low end
     * (a display choice, tuned by eye); iso level at mid-range.
     */
    public static final RenderSettings DEFAULT = new RenderSettings(RenderMode.COMPOSITE, ColorMap.VIRIDIS, false,
            6, 0.5, true, true, SlicePlane.NONE, ClipBox.FULL);

    public RenderSettings {
        if (!(opacity >= 0 && opacity <= 1000)) {
            throw new ViewerInputException("opacity " + opacity + " must be within 0..1000 (optical depth per box length)");
        }
        if (!(isoLevel > 0 && isoLevel < 1)) {
            throw new ViewerInputException("iso level " + isoLevel + " must be a colour-bar position strictly between 0 and 1");
        }
    }

    public RenderSettings withMode(RenderMode value) {
        return new RenderSettings(value, colorMap, log, opacity, isoLevel, showVessels, showTumour, slice, clip);
    }

    public RenderSettings withColorMap(ColorMap value) {
        return new RenderSettings(mode, value, log, opacity, isoLevel, showVessels, showTumour, slice, clip);
    }

    public RenderSettings withLog(boolean value) {
        return new RenderSettings(mode, colorMap, value, opacity, isoLevel, showVessels, showTumour, slice, clip);
    }

    public RenderSettings withOpacity(double value) {
        return new RenderSettings(mode, colorMap, log, value, isoLevel, showVessels, showTumour, slice, clip);
    }

    public RenderSettings withIsoLevel(double value) {
        return new RenderSettings(mode, colorMap, log, opacity, value, showVessels, showTumour, slice, clip);
    }

    public RenderSettings withOverlays(boolean vessels, boolean tumour) {
        return new RenderSettings(mode, colorMap, log, opacity, isoLevel, vessels, tumour, slice, clip);
    }

    public RenderSettings withSlice(SlicePlane value) {
        return new RenderSettings(mode, colorMap, log, opacity, isoLevel, showVessels, showTumour, value, clip);
    }

    public RenderSettings withClip(ClipBox value) {
        return new RenderSettings(mode, colorMap, log, opacity, isoLevel, showVessels, showTumour, slice, value);
    }
}

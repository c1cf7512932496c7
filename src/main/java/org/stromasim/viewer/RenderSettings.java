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
 * @param isoLevel    isosurface level as a colour-bar position in (0, 1), used when {@code isoValue} is null
 * @param isoValue    isosurface level in the field's unit (e.g. µM), or null to use {@code isoLevel}
 * @param showVessels draw the vessel surfaces (from the cell field)
 * @param showTumour  draw the tumour boundary (cancer and dead cells, from the cell field)
 * @param slice       slice plane, or {@link SlicePlane#NONE}
 * @param clip        the drawn part of the box
 */
public record RenderSettings(RenderMode mode, ColorMap colorMap, boolean log, double opacity, double isoLevel,
                             Double isoValue, boolean showVessels, boolean showTumour, SlicePlane slice, ClipBox clip) {

    /**
     * Defaults: compositing with viridis (perceptual and colour-blind safe); opacity 6 lets about e^-6 of the
     * light through a box length of the highest value, so a drug gradient stays see-through at its low end
     * (a display choice, tuned by eye); iso level at mid-range.
     */
    public static final RenderSettings DEFAULT = new RenderSettings(RenderMode.COMPOSITE, ColorMap.VIRIDIS, false,
            6, 0.5, null, true, true, SlicePlane.NONE, ClipBox.FULL);

    public RenderSettings {
        if (!(opacity >= 0 && opacity <= 1000)) {
            throw new ViewerInputException("opacity " + opacity + " must be within 0..1000 (optical depth per box length)");
        }
        if (!(isoLevel > 0 && isoLevel < 1)) {
            throw new ViewerInputException("iso fraction " + isoLevel + " must be a colour-bar position strictly between 0 and 1");
        }
        if (isoValue != null && !Double.isFinite(isoValue)) {
            throw new ViewerInputException("iso level " + isoValue + " must be a finite value in the field's unit");
        }
    }

    public RenderSettings withMode(RenderMode value) {
        return new RenderSettings(value, colorMap, log, opacity, isoLevel, isoValue, showVessels, showTumour, slice, clip);
    }

    public RenderSettings withColorMap(ColorMap value) {
        return new RenderSettings(mode, value, log, opacity, isoLevel, isoValue, showVessels, showTumour, slice, clip);
    }

    public RenderSettings withLog(boolean value) {
        return new RenderSettings(mode, colorMap, value, opacity, isoLevel, isoValue, showVessels, showTumour, slice, clip);
    }

    public RenderSettings withOpacity(double value) {
        return new RenderSettings(mode, colorMap, log, value, isoLevel, isoValue, showVessels, showTumour, slice, clip);
    }

    public RenderSettings withIsoLevel(double value) {
        return new RenderSettings(mode, colorMap, log, opacity, value, null, showVessels, showTumour, slice, clip);
    }

    /** The isosurface at a value in the field's unit (null: back to the colour-bar fraction). */
    public RenderSettings withIsoValue(Double value) {
        return new RenderSettings(mode, colorMap, log, opacity, isoLevel, value, showVessels, showTumour, slice, clip);
    }

    /**
     * The isosurface level as a colour-bar position on {@code scale}: the value's position (0 or 1 when it
     * lies outside the range, where no surface is drawn) or the fraction given directly.
     */
    public double isoFractionOn(org.stromasim.viewer.data.TransferFunction scale) {
        return isoValue == null ? isoLevel : scale.normalize(isoValue);
    }

    public RenderSettings withOverlays(boolean vessels, boolean tumour) {
        return new RenderSettings(mode, colorMap, log, opacity, isoLevel, isoValue, vessels, tumour, slice, clip);
    }

    public RenderSettings withSlice(SlicePlane value) {
        return new RenderSettings(mode, colorMap, log, opacity, isoLevel, isoValue, showVessels, showTumour, value, clip);
    }

    public RenderSettings withClip(ClipBox value) {
        return new RenderSettings(mode, colorMap, log, opacity, isoLevel, isoValue, showVessels, showTumour, slice, value);
    }
}

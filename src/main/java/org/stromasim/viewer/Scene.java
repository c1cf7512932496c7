package org.stromasim.viewer;

import java.util.List;
import org.stromasim.viewer.color.ColorMap;
import org.stromasim.viewer.data.TransferFunction;

/**
 * Everything loaded for one frame, before it goes to the GPU: one or two panels sharing one value scale
 * (so equal colours mean equal values across panels), the colour map actually used, and notes for the
 * user (downsampling, a compared run's different time).
 *
 * @param panels   one panel, or two side by side
 * @param scale    the shared transfer function
 * @param colorMap the colour map (a difference always uses the diverging one)
 * @param title    first line of the on-screen caption
 * @param notes    lines to print and to show
 */
public record Scene(List<Panel> panels, TransferFunction scale, ColorMap colorMap, String title, List<String> notes) {

    public Scene {
        panels = List.copyOf(panels);
        notes = List.copyOf(notes);
    }

    /**
     * The scene with a note added when an isosurface is asked for at a value outside the colour range
     * (its colour-bar position clamps to an end, where the field never crosses it: nothing is drawn).
     */
    Scene withIsoCheck(RenderSettings settings) {
        Double value = settings.isoValue();
        if (settings.mode() != RenderMode.ISO || value == null || (value > scale.low() && value < scale.high())) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(notes);
        more.add("iso level " + org.stromasim.viewer.data.Units.compact(value) + " " + unit()
                + " is outside the shown range " + org.stromasim.viewer.data.Units.compact(scale.low()) + " .. "
                + org.stromasim.viewer.data.Units.compact(scale.high()) + ": no isosurface");
        return new Scene(panels, scale, colorMap, title, more);
    }

    public boolean diverging() {
        return colorMap.diverging();
    }

    /** The unit of the values on the colour bar. */
    public String unit() {
        return panels.get(0).field().unit();
    }
}

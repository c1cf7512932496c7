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

    public boolean diverging() {
        return colorMap.diverging();
    }

    /** The unit of the values on the colour bar. */
    public String unit() {
        return panels.get(0).field().unit();
    }
}

package org.stromasim.viewer;

import java.util.List;
import org.stromasim.viewer.hud.HudPainter;

/** Builds the overlay text for a scene and view state. */
final class HudContents {

    private HudContents() {
    }

    /**
     * @param timeIndex slider position, or -1 for no slider (screenshots)
     * @param timeCount snapshots in the run
     */
    static HudPainter.Content of(Scene scene, ViewState state, List<String> notes, int timeIndex, int timeCount) {
        String title = scene.title() + " · " + state.settings().mode().key();
        List<String> captions = scene.panels().stream().map(Panel::caption).toList();
        return new HudPainter.Content(title, captions, scene.scale(), scene.colorMap(), scene.unit(), notes, timeIndex,
                timeCount);
    }
}

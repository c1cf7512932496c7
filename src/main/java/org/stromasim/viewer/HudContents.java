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
        RenderSettings settings = state.settings();
        String title = scene.title() + " · " + settings.mode().key();
        if (settings.mode() == RenderMode.ISO) {
            // the level in the field's unit, however it was given
            double level = scene.scale().valueAt(settings.isoFractionOn(scene.scale()));
            title += " at " + org.stromasim.viewer.data.Units.compact(level) + " " + scene.unit();
        }
        List<String> captions = scene.panels().stream().map(Panel::caption).toList();
        org.stromasim.viewer.data.VolumeField field = scene.panels().get(0).field();
        double boxLengthUm = Math.max(field.sizeXUm(), Math.max(field.sizeYUm(), field.sizeZUm()));
        return new HudPainter.Content(title, captions, scene.scale(), scene.colorMap(), scene.unit(), notes, timeIndex,
                timeCount, state.camera().distance(), boxLengthUm);
    }
}

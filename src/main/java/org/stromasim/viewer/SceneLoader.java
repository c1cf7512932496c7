package org.stromasim.viewer;

import java.util.ArrayList;
import java.util.List;
import org.stromasim.io.SnapshotLayout;
import org.stromasim.viewer.color.ColorMap;
import org.stromasim.viewer.data.CellMasks;
import org.stromasim.viewer.data.FieldDifference;
import org.stromasim.viewer.data.FieldLoader;
import org.stromasim.viewer.data.SnapshotEntry;
import org.stromasim.viewer.data.SnapshotSeries;
import org.stromasim.viewer.data.TransferFunction;
import org.stromasim.viewer.data.Units;
import org.stromasim.viewer.data.VolumeField;
import org.stromasim.viewer.data.ViewerInputException;

/**
 * Loads what one frame shows from disk (CPU only, so it can run on a background thread): the chosen
 * field of the chosen snapshot, the compared run's field at the nearest time, the overlay masks, and the
 * shared value scale.
 */
public final class SceneLoader {

    private final SnapshotSeries primary;
    private final SnapshotSeries compared;
    private final CompareMode compareMode;

    /**
     * @param compared    second run, or null
     * @param compareMode NONE when {@code compared} is null
     */
    public SceneLoader(SnapshotSeries primary, SnapshotSeries compared, CompareMode compareMode) {
        if ((compared == null) != (compareMode == CompareMode.NONE)) {
            throw new ViewerInputException("a compare mode needs a second run (--compare RUN_DIR) and a second run needs"
                    + " a compare mode other than none");
        }
        this.primary = primary;
        this.compared = compared;
        this.compareMode = compareMode;
    }

    public SnapshotSeries primary() {
        return primary;
    }

    /**
     * @param field     field name (a snapshot dataset)
     * @param timeIndex index into the primary run's snapshots
     * @param state     colour map, log scale, overlays and value range
     */
    public Scene load(String field, int timeIndex, ViewState state) {
        return loadScene(field, timeIndex, state).withIsoCheck(state.settings());
    }

    private Scene loadScene(String field, int timeIndex, ViewState state) {
        RenderSettings settings = state.settings();
        List<String> notes = new ArrayList<>();
        SnapshotEntry entryA = primary.get(timeIndex);
        VolumeField a = FieldLoader.load(entryA, field);
        boolean overlays = settings.showVessels() || settings.showTumour();
        CellMasks masksA = overlays ? masks(entryA, field, a) : null;
        String labelA = label(primary);
        String title = field + " · t = " + Units.clock(a.timeS());
        if (compareMode == CompareMode.NONE) {
            TransferFunction scale = scale(state, settings.colorMap(), a);
            return new Scene(List.of(new Panel(a, masksA, labelA)), scale, settings.colorMap(), title, notes);
        }
        SnapshotEntry entryB = compared.get(compared.nearestIndex(a.timeS()));
        VolumeField b = FieldLoader.load(entryB, field);
        String labelB = label(compared);
        if (labelB.equals(labelA)) {
            labelA = labelA + " (A)";
            labelB = labelB + " (B)";
        }
        if (Math.abs(b.timeS() - a.timeS()) > 1e-6 * Math.max(1, a.timeS())) {
            notes.add(labelB + " has no snapshot at t = " + Units.seconds(a.timeS()) + "; showing its nearest, t = "
                    + Units.seconds(b.timeS()));
        }
        if (compareMode == CompareMode.DIFFERENCE) {
            VolumeField difference = FieldDifference.of(a, b, labelA, labelB);
            ColorMap map = settings.colorMap().diverging() ? settings.colorMap() : ColorMap.DIVERGING;
            if (!settings.colorMap().diverging()) {
                notes.add("difference shown with the diverging colour map (zero is the neutral centre)");
            }
            if (isZero(difference)) {
                notes.add("the two runs are identical in " + field + " at this time: the difference is zero everywhere");
            }
            TransferFunction scale = scale(state, map, difference);
            return new Scene(List.of(new Panel(difference, masksA, labelA + " − " + labelB)), scale, map,
                    title + " · difference", notes);
        }
        CellMasks masksB = overlays ? masks(entryB, field, b) : null;
        TransferFunction scale = union(scale(state, settings.colorMap(), a), scale(state, settings.colorMap(), b),
                state);
        return new Scene(List.of(new Panel(a, masksA, labelA), new Panel(b, masksB, labelB)), scale,
                settings.colorMap(), title, notes);
    }

    private static CellMasks masks(SnapshotEntry entry, String field, VolumeField loaded) {
        VolumeField cell = field.equals(SnapshotLayout.FIELD_CELL) ? loaded : FieldLoader.load(entry, SnapshotLayout.FIELD_CELL);
        return CellMasks.of(cell);
    }

    private static TransferFunction scale(ViewState state, ColorMap map, VolumeField field) {
        if (state.rangeLow() != null && state.rangeHigh() != null) {
            return new TransferFunction(state.rangeLow(), state.rangeHigh(), state.settings().log());
        }
        return TransferFunction.auto(field, state.settings().log(), map);
    }

    private static TransferFunction union(TransferFunction a, TransferFunction b, ViewState state) {
        if (state.rangeLow() != null) {
            return a;
        }
        return new TransferFunction(Math.min(a.low(), b.low()), Math.max(a.high(), b.high()), a.log());
    }

    private static boolean isZero(VolumeField field) {
        for (float v : field.values()) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** A short name for a run: its directory name, or the snapshot's file name. */
    static String label(SnapshotSeries series) {
        java.nio.file.Path name = series.source().toAbsolutePath().normalize().getFileName();
        return name == null ? series.source().toString() : name.toString();
    }
}

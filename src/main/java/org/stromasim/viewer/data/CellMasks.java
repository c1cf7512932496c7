package org.stromasim.viewer.data;

import org.stromasim.tissue.CellType;

/**
 * The overlay surfaces derived from the {@code cell} field: a vessel mask and a tumour mask (cancer and
 * dead cancer cells), 1 inside and 0 outside. The renderer draws each mask's 0.5 level as a surface, so
 * block-averaging them when the field is downsampled keeps the boundaries where they were.
 */
public record CellMasks(VolumeField vessel, VolumeField tumour) {

    public static CellMasks of(VolumeField cell) {
        float[] vessel = new float[cell.voxelCount()];
        float[] tumour = new float[cell.voxelCount()];
        for (int v = 0; v < vessel.length; v++) {
            int code = Math.round(cell.values()[v]);
            vessel[v] = code == CellType.VESSEL.code() ? 1f : 0f;
            tumour[v] = code == CellType.CANCER.code() || code == CellType.DEAD.code() ? 1f : 0f;
        }
        return new CellMasks(cell.withValues("vessels", "1", vessel), cell.withValues("tumour", "1", tumour));
    }
}

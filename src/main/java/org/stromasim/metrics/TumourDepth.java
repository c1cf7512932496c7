package org.stromasim.metrics;

import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.VesselDistanceTransform;

/**
 * Depth of every tumour voxel below the tumour boundary: the Euclidean distance from its centre to the
 * nearest voxel centre that is not tumour (stroma, matrix, fibroblast, CAF or vessel lumen), by the exact
 * distance transform of {@link VesselDistanceTransform}. Tumour is cancer or dead cancer: cells that die
 * stay part of the nest, so the depth map changes only if the nest itself does.
 *
 * <p>Why a second distance: in these scenarios the vessels run outside the stroma shell, so the drug
 * reaches the nest from its surface. The distance to the nearest vessel then mixes the shell's thickness
 * with the depth into the nest, and the vessel L50 is often beyond the domain; depth from the boundary
 * measures how far into the nest the drug gets.
 */
public final class TumourDepth {

    private TumourDepth() {
    }

    /** Whether a cell code belongs to the tumour nest. */
    public static boolean isTumour(byte cellCode) {
        return cellCode == CellType.CANCER.code() || cellCode == CellType.DEAD.code();
    }

    /**
     * Depth in µm of each tumour voxel (distance to the nearest non-tumour voxel centre; a voxel in the
     * rim, face-adjacent to stroma, is at dx); 0 for non-tumour voxels; +∞ for tumour voxels when the
     * whole grid is tumour.
     */
    public static float[] compute(Grid3D grid, byte[] cell) {
        boolean[] outside = new boolean[cell.length];
        for (int v = 0; v < cell.length; v++) {
            outside[v] = !isTumour(cell[v]);
        }
        float[] depth = new float[cell.length];
        VesselDistanceTransform.compute(grid, outside, depth);
        return depth;
    }
}

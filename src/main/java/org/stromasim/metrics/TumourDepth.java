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
 *
 * <p>The transform runs only over the tumour's bounding box grown by one voxel (clipped to the grid),
 * which is exact: every voxel of the grown layer is non-tumour, and for a tumour voxel inside the box
 * the nearest non-tumour voxel outside it is never nearer than its projection onto the box, which is
 * such a voxel. So a plan built while a run holds its arrays needs a box-sized scratch, not a grid-sized one.
 *
 * @param grid    the whole grid
 * @param x0      first x of the box (and y0, z0 likewise)
 * @param boxNx   box size along x (and boxNy, boxNz likewise); 0 when there is no tumour
 * @param depthUm depth per box voxel, box-local x-fastest order; 0 for non-tumour voxels, +∞ for tumour
 *                voxels when the whole grid is tumour
 */
public record TumourDepth(Grid3D grid, int x0, int y0, int z0, int boxNx, int boxNy, int boxNz, float[] depthUm) {

    /** Whether a cell code belongs to the tumour nest. */
    public static boolean isTumour(byte cellCode) {
        return cellCode == CellType.CANCER.code() || cellCode == CellType.DEAD.code();
    }

    /** The depth map of the tumour voxels of {@code cell}. */
    public static TumourDepth of(Grid3D grid, byte[] cell) {
        int nx = grid.nx();
        int ny = grid.ny();
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        for (int v = 0; v < cell.length; v++) {
            if (isTumour(cell[v])) {
                int i = v % nx;
                int j = (v / nx) % ny;
                int k = v / (nx * ny);
                lo[0] = Math.min(lo[0], i);
                hi[0] = Math.max(hi[0], i);
                lo[1] = Math.min(lo[1], j);
                hi[1] = Math.max(hi[1], j);
                lo[2] = Math.min(lo[2], k);
                hi[2] = Math.max(hi[2], k);
            }
        }
        if (hi[0] < 0) {
            return new TumourDepth(grid, 0, 0, 0, 0, 0, 0, new float[0]);
        }
        int[] size = {nx, ny, grid.nz()};
        for (int a = 0; a < 3; a++) {
            lo[a] = Math.max(0, lo[a] - 1);
            hi[a] = Math.min(size[a] - 1, hi[a] + 1);
        }
        Grid3D box = new Grid3D(hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1, grid.voxelUm());
        boolean[] outside = new boolean[box.voxelCount()];
        for (int k = 0; k < box.nz(); k++) {
            for (int j = 0; j < box.ny(); j++) {
                for (int i = 0; i < box.nx(); i++) {
                    outside[box.index(i, j, k)] = !isTumour(cell[grid.index(lo[0] + i, lo[1] + j, lo[2] + k)]);
                }
            }
        }
        float[] depth = new float[box.voxelCount()];
        VesselDistanceTransform.compute(box, outside, depth);
        return new TumourDepth(grid, lo[0], lo[1], lo[2], box.nx(), box.ny(), box.nz(), depth);
    }

    /** Visits every tumour voxel of the box: its index in the whole grid and its depth, µm. */
    public void forEachTumourVoxel(TumourVoxelVisitor visitor) {
        for (int k = 0; k < boxNz; k++) {
            for (int j = 0; j < boxNy; j++) {
                int at = boxNx * (j + boxNy * k);
                for (int i = 0; i < boxNx; i++, at++) {
                    float d = depthUm[at];
                    if (d > 0) {
                        visitor.visit(grid.index(x0 + i, y0 + j, z0 + k), d);
                    }
                }
            }
        }
    }

    /** The depth of {@link #forEachTumourVoxel}'s voxels. */
    @FunctionalInterface
    public interface TumourVoxelVisitor {
        void visit(int voxel, float depthUm);
    }

    /** The greatest finite depth, µm (0 without tumour). */
    public double maxFiniteDepthUm() {
        double max = 0;
        for (float d : depthUm) {
            if (Float.isFinite(d) && d > max) {
                max = d;
            }
        }
        return max;
    }
}

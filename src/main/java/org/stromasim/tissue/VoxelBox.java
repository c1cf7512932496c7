package org.stromasim.tissue;

import org.stromasim.grid.Grid3D;

/** The voxels whose centres may fall in an axis-aligned box in µm, clipped to the grid. */
final class VoxelBox {

    private VoxelBox() {
    }

    /**
     * @return {iMin, iMax, jMin, jMax, kMin, kMax} (inclusive), or {@code null} when the box misses the grid
     */
    static int[] around(Grid3D grid, double xMin, double xMax, double yMin, double yMax, double zMin, double zMax) {
        int[] b = {
                lower(xMin, grid.voxelUm()), upper(xMax, grid.voxelUm(), grid.nx()),
                lower(yMin, grid.voxelUm()), upper(yMax, grid.voxelUm(), grid.ny()),
                lower(zMin, grid.voxelUm()), upper(zMax, grid.voxelUm(), grid.nz())};
        if (b[0] > b[1] || b[2] > b[3] || b[4] > b[5]) {
            return null;
        }
        return b;
    }

    /** The box around the segment from {@code a} to {@code b} grown by {@code marginUm} on every side. */
    static int[] aroundSegment(Grid3D grid, double[] a, double[] b, double marginUm) {
        return around(grid,
                Math.min(a[0], b[0]) - marginUm, Math.max(a[0], b[0]) + marginUm,
                Math.min(a[1], b[1]) - marginUm, Math.max(a[1], b[1]) + marginUm,
                Math.min(a[2], b[2]) - marginUm, Math.max(a[2], b[2]) + marginUm);
    }

    /** First voxel whose centre (i + 0.5)·dx can be ≥ min; one voxel of slack against rounding. */
    private static int lower(double minUm, double dx) {
        double i = Math.floor(minUm / dx - 0.5) - 1;
        return (int) Math.max(0, Math.min(i, Integer.MAX_VALUE));
    }

    private static int upper(double maxUm, double dx, int n) {
        double i = Math.ceil(maxUm / dx - 0.5) + 1;
        return (int) Math.min(n - 1, Math.max(i, -1));
    }
}

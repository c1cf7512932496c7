package org.stromasim.tissue;

import org.stromasim.grid.Grid3D;

/**
 * Rasterises vessel segments into a lumen mask. A segment of radius r from a to b is a capped
 * cylinder (a capsule: every point within r of the segment), so chains of segments join without gaps.
 * A voxel is lumen when its centre is within r of the segment; in addition, every voxel the axis passes
 * through is lumen, so a vessel thinner than a voxel (capillaries, r ≈ 4 µm, on a 20-µm grid) is still a
 * 26-connected line of voxels instead of vanishing or breaking up. Parts outside the grid are clipped.
 */
final class VesselRasteriser {

    private VesselRasteriser() {
    }

    /** Sets {@code lumen[v] = true} for the voxels of the capsule from a to b (µm). */
    static void capsule(Grid3D grid, double[] a, double[] b, double radiusUm, boolean[] lumen) {
        double dx = grid.voxelUm();
        int[] box = VoxelBox.aroundSegment(grid, a, b, radiusUm);
        if (box != null) {
            double ex = b[0] - a[0];
            double ey = b[1] - a[1];
            double ez = b[2] - a[2];
            double len2 = ex * ex + ey * ey + ez * ez;
            double r2 = radiusUm * radiusUm;
            for (int k = box[4]; k <= box[5]; k++) {
                double pz = grid.centreZ(k) - a[2];
                for (int j = box[2]; j <= box[3]; j++) {
                    double py = grid.centreY(j) - a[1];
                    for (int i = box[0]; i <= box[1]; i++) {
                        double px = grid.centreX(i) - a[0];
                        double t = len2 == 0 ? 0 : (px * ex + py * ey + pz * ez) / len2;
                        t = Math.max(0, Math.min(1, t));
                        double qx = px - t * ex;
                        double qy = py - t * ey;
                        double qz = pz - t * ez;
                        if (qx * qx + qy * qy + qz * qz <= r2) {
                            lumen[grid.index(i, j, k)] = true;
                        }
                    }
                }
            }
        }
        markAxis(grid, a, b, lumen, dx);
    }

    /**
     * Marks the voxels containing points of the axis sampled every dx/4: consecutive samples then lie in
     * the same or 26-adjacent voxels, which keeps thin vessels connected.
     */
    private static void markAxis(Grid3D grid, double[] a, double[] b, boolean[] lumen, double dx) {
        double length = Math.sqrt(sq(b[0] - a[0]) + sq(b[1] - a[1]) + sq(b[2] - a[2]));
        int samples = (int) Math.ceil(length / (0.25 * dx));
        for (int s = 0; s <= samples; s++) {
            double t = samples == 0 ? 0 : (double) s / samples;
            int i = (int) Math.floor((a[0] + t * (b[0] - a[0])) / dx);
            int j = (int) Math.floor((a[1] + t * (b[1] - a[1])) / dx);
            int k = (int) Math.floor((a[2] + t * (b[2] - a[2])) / dx);
            if (i >= 0 && i < grid.nx() && j >= 0 && j < grid.ny() && k >= 0 && k < grid.nz()) {
                lumen[grid.index(i, j, k)] = true;
            }
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}

package org.stromasim.tissue;

import java.util.List;
import org.stromasim.grid.Grid3D;

/**
 * Marks tumour nests and their stroma shells in a region map. A voxel belongs to a nest when its centre
 * is inside the ellipsoid, and to the stroma when it is in no nest and its centre lies within
 * {@code shellUm} of some nest's surface ({@link EllipsoidNest#approximateSurfaceDistanceUm}). Only the
 * bounding box of each nest plus its shell is visited.
 */
final class NestPainter {

    private NestPainter() {
    }

    static void paint(Grid3D grid, List<EllipsoidNest> nests, double shellUm, byte[] regions) {
        if (!(shellUm >= 0) || !Double.isFinite(shellUm)) {
            throw new IllegalArgumentException("tissue.stroma_shell_um must be a finite number >= 0, got " + shellUm);
        }
        byte tumour = TissueRegion.TUMOUR.code();
        byte stroma = TissueRegion.STROMA.code();
        for (EllipsoidNest nest : nests) {
            // The approximate distance satisfies d ≥ (ρ − 1)·a_min, and outside the box grown by B along an
            // axis of semi-axis a we have ρ − 1 > B/a ≥ B/a_max; so a box grown by shell·a_max/a_min holds
            // every voxel with d ≤ shell (a box grown by the shell alone misses some off-axis ones).
            double aMin = Math.min(nest.ax(), Math.min(nest.ay(), nest.az()));
            double aMax = Math.max(nest.ax(), Math.max(nest.ay(), nest.az()));
            double grow = shellUm * aMax / aMin;
            int[] box = VoxelBox.around(grid, nest.cx() - nest.ax() - grow, nest.cx() + nest.ax() + grow,
                    nest.cy() - nest.ay() - grow, nest.cy() + nest.ay() + grow,
                    nest.cz() - nest.az() - grow, nest.cz() + nest.az() + grow);
            if (box == null) {
                continue;
            }
            for (int k = box[4]; k <= box[5]; k++) {
                double z = grid.centreZ(k);
                for (int j = box[2]; j <= box[3]; j++) {
                    double y = grid.centreY(j);
                    for (int i = box[0]; i <= box[1]; i++) {
                        double x = grid.centreX(i);
                        int v = grid.index(i, j, k);
                        if (nest.contains(x, y, z)) {
                            regions[v] = tumour;
                        } else if (regions[v] != tumour && shellUm > 0
                                && nest.approximateSurfaceDistanceUm(x, y, z) <= shellUm) {
                            regions[v] = stroma;
                        }
                    }
                }
            }
        }
    }
}

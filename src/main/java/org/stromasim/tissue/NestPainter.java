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
            // Outside the ellipsoid the true distance to the surface is at least the distance to the
            // bounding box, and the approximation is exact along the axes, so a box grown by the shell suffices.
            int[] box = VoxelBox.around(grid, nest.cx() - nest.ax() - shellUm, nest.cx() + nest.ax() + shellUm,
                    nest.cy() - nest.ay() - shellUm, nest.cy() + nest.ay() + shellUm,
                    nest.cz() - nest.az() - shellUm, nest.cz() + nest.az() + shellUm);
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

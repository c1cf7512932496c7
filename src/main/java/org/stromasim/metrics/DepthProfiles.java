package org.stromasim.metrics;

import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * Profiles of any voxel field against the depth below the tumour boundary ({@link TumourDepth}), in the
 * same one-voxel shells as the drug's depth profiles ({@link ReductionPlan}), so the two line up.
 * Fields defined only in living cancer cells (the ER read-outs are 0 elsewhere) are averaged over the
 * living cancer voxels of each shell: a dead voxel in the shell would pull the mean towards a 0 that no
 * cell has.
 */
public final class DepthProfiles {

    private DepthProfiles() {
    }

    /** Mean of {@code field} per depth shell over the living cancer voxels of {@code tissue}. */
    public static PenetrationProfile overLivingCancer(Tissue tissue, float[] field) {
        return of(tissue, field, true);
    }

    /** Mean of {@code field} per depth shell over every tumour voxel (cancer and dead cancer). */
    public static PenetrationProfile overTumour(Tissue tissue, float[] field) {
        return of(tissue, field, false);
    }

    private static PenetrationProfile of(Tissue tissue, float[] field, boolean livingOnly) {
        if (field.length != tissue.cell().length) {
            throw new IllegalArgumentException("field has " + field.length + " values for "
                    + tissue.cell().length + " voxels");
        }
        byte[] cell = tissue.cell();
        double dx = tissue.grid().voxelUm();
        TumourDepth depth = TumourDepth.of(tissue.grid(), cell);
        int shells = PenetrationProfile.shellCountReaching(dx, depth.maxFiniteDepthUm());
        double[] sum = new double[shells];
        long[] count = new long[shells];
        depth.forEachTumourVoxel((v, d) -> {
            if (livingOnly && cell[v] != CellType.CANCER.code()) {
                return;
            }
            int shell = PenetrationProfile.shellOf(dx, shells, true, d);
            if (shell >= 0) {
                sum[shell] += field[v];
                count[shell]++;
            }
        });
        return PenetrationProfile.fromShellSums(dx, sum, count);
    }
}

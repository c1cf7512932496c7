package org.stromasim.solver;

/**
 * Restriction (sum over a block's fine cells) and prolongation (copy to them) between two levels,
 * both over the fine cells that are coupled to a neighbour ({@link MultigridLevel#coupled}) only. A
 * cell with no face of non-zero conductance (a hole, K = 0) is solved exactly by the smoother (its
 * equation is diag·u = b); if it took part in the coarse cell's correction, its mass would be lumped
 * into the coarse cell and pin the correction of the tissue next to it (measured with a vessel network of
 * 2-voxel tubes: PCG reduction per iteration 0.21 at 32³ and 0.31 at 64³ with the holes in the
 * coarse space, 0.053 and 0.051 without), so it is left out of the coarse space altogether, with
 * R = Pᵀ kept.
 */
final class Transfers {

    private Transfers() {
    }

    /** coarseOut[block] += Σ fineIn over the block's fine cells. */
    static void restrict(MultigridLevel fine, float[] fineIn, MultigridLevel coarse, float[] coarseOut) {
        for (int k = 0; k < fine.nz; k++) {
            for (int j = 0; j < fine.ny; j++) {
                int pf = fine.index(0, j, k);
                int pc = coarse.index(0, j >> 1, k >> 1);
                for (int i = 0; i < fine.nx; i++) {
                    coarseOut[pc + (i >> 1)] += fine.coupled[pf + i] * fineIn[pf + i];
                }
            }
        }
    }

    /** fineInOut[cell] += coarseIn[its block]. */
    static void prolongAdd(MultigridLevel coarse, float[] coarseIn, MultigridLevel fine, float[] fineInOut) {
        for (int k = 0; k < fine.nz; k++) {
            for (int j = 0; j < fine.ny; j++) {
                int pf = fine.index(0, j, k);
                int pc = coarse.index(0, j >> 1, k >> 1);
                for (int i = 0; i < fine.nx; i++) {
                    fineInOut[pf + i] += fine.coupled[pf + i] * coarseIn[pc + (i >> 1)];
                }
            }
        }
    }
}

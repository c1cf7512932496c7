package org.stromasim.solver;

/**
 * Builds one level's faces from its cells' half conductances, and the half conductances of the next
 * coarser level from this level's.
 *
 * <p>Coarsening (cell-centred, 2×2×2 blocks; a dimension of odd size keeps a last block one cell
 * thick): the coarse half cell on the + side of a block along x is the fine cell(s) of the block's
 * + layer, so its conductance is the parallel sum, over the block's fine rows, of the series sum of
 * the fine halves it contains (two halves of one fine cell for a full block; the fine cell's own +
 * half for a block one cell thick). The coarse face is then the series sum of the two coarse halves
 * that meet at it, exactly as on the fine level. This is the resistor-network upscaling of
 * Alcouffe, Brandt, Dendy &amp; Painter (SIAM J. Sci. Stat. Comput. 2, 1981) for discontinuous
 * coefficients, written for a cell-centred grid: for constant K it reproduces the coarse
 * re-discretisation exactly (a fine cell is 2K in series with 2K = K; four rows in parallel give the
 * coarse half 4K, which is 2·K for a cell of edge 2h in units scaled by the fine h), it
 * conserves the flux a coarse correction carries, and a blocked fine cell (K = 0) removes exactly the
 * fine paths through it. Unlike a Galerkin product with piecewise-constant transfers it does not
 * overweight the coarse operator by 2 per level.
 */
final class LevelBuilder {

    private LevelBuilder() {
    }

    /**
     * Faces, fixed-face conductances and face sums of {@code level} from its halves; {@code fixedFace[f]}
     * says whether domain face f (Face ordinal order x_min, x_max, y_min, …) holds a fixed value.
     * Writes the fixed-face conductance per padded cell (0 off the domain boundary) into {@code boundary}
     * (cleared first); the level's face arrays are cleared first too, so a level can be rebuilt in place.
     */
    static void faces(MultigridLevel level, HalfConductances halves, boolean[] fixedFace, float[] boundary) {
        int nx = level.nx;
        int ny = level.ny;
        int nz = level.nz;
        java.util.Arrays.fill(boundary, 0f);
        java.util.Arrays.fill(level.fx, 0f);
        java.util.Arrays.fill(level.fy, 0f);
        java.util.Arrays.fill(level.fz, 0f);
        java.util.Arrays.fill(level.faceSum, 0f);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    int p = level.index(i, j, k);
                    if (i < nx - 1) {
                        level.fx[p] = (float) HalfConductances.series(halves.hi(0, v), halves.lo(0, v + 1));
                    }
                    if (j < ny - 1) {
                        level.fy[p] = (float) HalfConductances.series(halves.hi(1, v), halves.lo(1, v + nx));
                    }
                    if (k < nz - 1) {
                        level.fz[p] = (float) HalfConductances.series(halves.hi(2, v), halves.lo(2, v + nx * ny));
                    }
                }
            }
        }
        // Domain faces along x.
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int first = nx * (j + ny * k);
                int last = first + nx - 1;
                domainFace(level, boundary, 0, fixedFace, halves, first, last,
                        level.index(0, j, k), level.index(nx - 1, j, k), level.index(-1, j, k), level.fx);
            }
        }
        for (int k = 0; k < nz; k++) {
            for (int i = 0; i < nx; i++) {
                int first = i + nx * ny * k;
                int last = first + nx * (ny - 1);
                domainFace(level, boundary, 1, fixedFace, halves, first, last,
                        level.index(i, 0, k), level.index(i, ny - 1, k), level.index(i, -1, k), level.fy);
            }
        }
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int first = i + nx * j;
                int last = first + nx * ny * (nz - 1);
                domainFace(level, boundary, 2, fixedFace, halves, first, last,
                        level.index(i, j, 0), level.index(i, j, nz - 1), level.index(i, j, -1), level.fz);
            }
        }
        int px = level.px;
        int pxy = level.pxy;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int p = level.index(i, j, k);
                    level.faceSum[p] = (float) ((double) level.fx[p - 1] + level.fx[p] + level.fy[p - px]
                            + level.fy[p] + level.fz[p - pxy] + level.fz[p] + boundary[p]);
                }
            }
        }
    }

    private static void domainFace(MultigridLevel level, float[] boundary, int axis, boolean[] fixedFace,
                                   HalfConductances halves, int firstV, int lastV, int firstP, int lastP,
                                   int ghostP, float[] faces) {
        if (level.periodic[axis]) {
            float wrap = (float) HalfConductances.series(halves.hi(axis, lastV), halves.lo(axis, firstV));
            faces[ghostP] = wrap;
            faces[lastP] = wrap;
            return;
        }
        if (fixedFace[2 * axis]) {
            boundary[firstP] += (float) halves.lo(axis, firstV);
        }
        if (fixedFace[2 * axis + 1]) {
            boundary[lastP] += (float) halves.hi(axis, lastV);
        }
    }

    /** Coarse dimension of a fine dimension n: blocks of two, the last one cell thick when n is odd. */
    static int coarse(int n) {
        return (n + 1) / 2;
    }

    /**
     * The halves of {@code coarse}, the level below a fine level of size nx·ny·nz, summed in double and
     * stored in float (the precision of the level arrays built from them) in six of the coarse level's
     * own arrays that no assembly reads: its work vectors, mass and inverse diagonal, which are all
     * rewritten before they are next read (the masses and diagonal by the next setting of the
     * absorption, the work vectors by the cycle). So no level's halves are an allocation of their own
     * (a double copy of the first coarse level's would be a 6 B/voxel transient of every reassembly).
     * Returns them, indexed by the coarse level's unpadded cell.
     */
    static HalfConductances coarseHalves(HalfConductances fine, int nx, int ny, int nz, MultigridLevel coarse) {
        int cx = coarse(nx);
        int cy = coarse(ny);
        int cz = coarse(nz);
        float[][] lo = {coarse.x, coarse.b, coarse.r};
        float[][] hi = {coarse.d, coarse.invDiag, coarse.mass};
        for (int kc = 0; kc < cz; kc++) {
            for (int jc = 0; jc < cy; jc++) {
                for (int ic = 0; ic < cx; ic++) {
                    int c = ic + cx * (jc + cy * kc);
                    int wx = Math.min(2, nx - 2 * ic);
                    int wy = Math.min(2, ny - 2 * jc);
                    int wz = Math.min(2, nz - 2 * kc);
                    for (int axis = 0; axis < 3; axis++) {
                        int widthAlong = axis == 0 ? wx : axis == 1 ? wy : wz;
                        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
                        double loSum = 0;
                        double hiSum = 0;
                        // the block's fine cells on its − side along the axis (offset 0 there)
                        for (int dk = 0; dk < (axis == 2 ? 1 : wz); dk++) {
                            for (int dj = 0; dj < (axis == 1 ? 1 : wy); dj++) {
                                for (int di = 0; di < (axis == 0 ? 1 : wx); di++) {
                                    int v = (2 * ic + di) + nx * ((2 * jc + dj) + ny * (2 * kc + dk));
                                    if (widthAlong == 2) {
                                        loSum += HalfConductances.series(fine.lo(axis, v), fine.hi(axis, v));
                                        hiSum += HalfConductances.series(fine.lo(axis, v + stride),
                                                fine.hi(axis, v + stride));
                                    } else {
                                        loSum += fine.lo(axis, v);
                                        hiSum += fine.hi(axis, v);
                                    }
                                }
                            }
                        }
                        lo[axis][c] = (float) loSum;
                        hi[axis][c] = (float) hiSum;
                    }
                }
            }
        }
        return HalfConductances.stored(lo, hi);
    }
}

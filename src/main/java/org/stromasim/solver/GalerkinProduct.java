package org.stromasim.solver;

import java.util.stream.IntStream;

/**
 * The coarse operator Pᵀ·A·P of a fine {@link Stencil} A and a {@link BlackBoxInterpolation} P, as the
 * 27-point entries of a {@link StencilLevel}: the coarse correction is then the best one the coarse
 * space can give in the energy norm, and the coarse operator stays symmetric when A is. With P reaching
 * one coarse cell either side and A 27 points wide, coarse cell I couples only to I + {−1, 0, 1}³.
 *
 * <p>Entry (I, J) = Σ_g Σ_e P(g, I)·A(g, g+e)·P(g+e, J) over the fine cells g = 2I + d (d ∈ {−1, 0, 1}³,
 * the only ones P maps to I) and the stencil offsets e; J − I follows from the unwrapped positions,
 * so a periodic wrap keeps the offset it has across the boundary.
 */
final class GalerkinProduct {

    private GalerkinProduct() {
    }

    /** Fills {@code coarse}'s entries with Pᵀ·A·P (coarse's shape must be P's coarse shape). */
    static void fill(Stencil fine, BlackBoxInterpolation p, StencilLevel coarse) {
        if (coarse.nx != p.cnx || coarse.ny != p.cny || coarse.nz != p.cnz) {
            throw new IllegalArgumentException("coarse level does not match the interpolation's coarse shape");
        }
        int[] offsets = fine.offsets();
        int[] n = {fine.nx(), fine.ny(), fine.nz()};
        boolean[] periodic = {fine.periodic(0), fine.periodic(1), fine.periodic(2)};
        IntStream planes = IntStream.range(0, coarse.nz);
        if (coarse.cells() >= MultigridLevel.PARALLEL_CELLS / 8) {
            planes = planes.parallel();
        }
        planes.forEach(ck -> {
            double[] acc = new double[27];
            int[] g = new int[3];
            int[] h = new int[3];
            int[] jMinusI = new int[3];
            for (int cj = 0; cj < coarse.ny; cj++) {
                for (int ci = 0; ci < coarse.nx; ci++) {
                    java.util.Arrays.fill(acc, 0);
                    int[] coarseCell = {ci, cj, ck};
                    for (int d1 = 0; d1 < 27; d1++) {
                        if (!position(coarseCell, d1, -1, n, periodic, g)) {
                            continue;
                        }
                        int delta1 = 0;
                        for (int axis = 0; axis < 3; axis++) {
                            delta1 |= (Stencil.component(d1, axis) == -1 ? 1 : 0) << axis;
                        }
                        double rI = p.weight(g[0], g[1], g[2], delta1);
                        if (rI == 0) {
                            continue;
                        }
                        for (int s : offsets) {
                            double a = fine.entry(g[0], g[1], g[2], s);
                            if (a == 0 || !position(coarseCell, d1, s, n, periodic, h)) {
                                continue;
                            }
                            for (int delta2 = 0; delta2 < 8; delta2++) {
                                double wJ = p.weight(h[0], h[1], h[2], delta2);
                                if (wJ == 0) {
                                    continue;
                                }
                                for (int axis = 0; axis < 3; axis++) {
                                    int sum = Stencil.component(d1, axis) + Stencil.component(s, axis);
                                    jMinusI[axis] = Math.floorDiv(sum, 2) + ((delta2 >> axis) & 1);
                                }
                                acc[Stencil.number(jMinusI[0], jMinusI[1], jMinusI[2])] += rI * a * wJ;
                            }
                        }
                    }
                    int pc = coarse.index(ci, cj, ck);
                    for (int s = 0; s < 27; s++) {
                        coarse.coef[s][pc] = (float) acc[s];
                    }
                }
            }
        });
    }

    /**
     * The fine cell 2·I + d1 (+ the offset s when s ≥ 0) into {@code out}, wrapped on periodic axes;
     * false when it lies outside a non-periodic axis.
     */
    private static boolean position(int[] coarseCell, int d1, int s, int[] n, boolean[] periodic, int[] out) {
        for (int axis = 0; axis < 3; axis++) {
            int v = 2 * coarseCell[axis] + Stencil.component(d1, axis) + (s >= 0 ? Stencil.component(s, axis) : 0);
            if (v < 0 || v >= n[axis]) {
                if (!periodic[axis]) {
                    return false;
                }
                v = Math.floorMod(v, n[axis]);
            }
            out[axis] = v;
        }
        return true;
    }
}

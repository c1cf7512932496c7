package org.stromasim.solver;

/**
 * One cycle from zero for A·x = b on the solver's fine level (b in its b array, x out in its x array)
 * over an {@link OperatorDependentHierarchy}: Chebyshev–Jacobi smoothing before and after, restriction
 * by Pᵀ, the coarse problem solved by the K-cycle (two flexible-CG steps preconditioned by the same
 * cycle one level down), prolongation by P, smoothing again.
 *
 * <p>Why the K-cycle: with a plain V-cycle the coarse Galerkin levels, smoothed by a point smoother,
 * solve their problem loosely, and more so the more levels there are (measured, voxel-wise 1:1000,
 * seed 11: 0.098 per cycle at 32³ and 0.113 at 64³, 20 work units; with the K-cycle 0.085 and 0.079,
 * 23–25 work units); the Krylov steps keep each coarse solve close to an exact one. The K-cycle is
 * not a fixed linear operator, so the outer iteration is flexible CG ({@link MultigridSolver}'s PCG
 * loop switches to it for this hierarchy), whose residual is recomputed in double every iteration.
 */
final class OperatorDependentCycle {

    /**
     * Chebyshev degree and interval ratio of the fine level's smoother. Choice (C), measured with the
     * K-cycle (PCG reduction per cycle, seed 11, voxel-wise 1:1000 at 32³ / 64³, vessels at 32³ / 64³;
     * work units per cycle): degree 4 on [λ/4, λ] 0.143 / 0.149, 0.068 / 0.063 (17–18); degree 6 on
     * [λ/4, λ] 0.112 / 0.111, 0.053 / 0.059 (21–23); degree 6 on [λ/8, λ] 0.085 / 0.079, 0.044 /
     * 0.054 (21–25); degree 8 on [λ/8, λ] 0.064 / 0.056, 0.036 / 0.045 (25–30). The coarse levels keep
     * the geometric path's degree 4 on [λ/4, λ].
     *
     * <p>Degree 8, not 6: with the Lanczos bound on the coarse levels and the flexible outer CG, degree 6
     * left voxel-wise 1:1000 at 0.059–0.094 over seeds 1–40 at 32³ but 0.109 on seed 14 at 128³ (the
     * bare cycle 0.31 there: a few modes the fine smoother and interpolation handle poorly, which the
     * Krylov steps remove only slowly); degree 8: 0.052–0.081 at 32³, 0.059–0.083 over seeds 11–16 at
     * 128³, at 24.6 work units per cycle instead of 20.6 (7–8 cycles instead of 8–9 at 128³, so about
     * +5 % work per voxel-wise solve; +20 % on the vessel network, whose cycle count does not drop).
     */
    static final int FINE_DEGREE = 8;
    static final double FINE_RATIO = 8.0;

    private OperatorDependentCycle() {
    }

    static void run(MultigridLevel fine, OperatorDependentHierarchy hierarchy) {
        fine.clear(fine.x);
        fine.smooth(fine.x, fine.b, FINE_DEGREE, FINE_RATIO);
        fine.residual(fine.x, fine.b, fine.r);
        StencilLevel coarse = hierarchy.level(0);
        coarse.clear(coarse.b);
        hierarchy.interpolation(0).restrictAdd(fine.r, coarse.b);
        coarseSolve(hierarchy, 0);
        hierarchy.interpolation(0).prolongAdd(coarse.x, fine.x);
        fine.smooth(fine.x, fine.b, FINE_DEGREE, FINE_RATIO);
    }

    /** The cycle from zero on coarse level l: b in, x out (its own arrays). */
    private static void coarseCycle(OperatorDependentHierarchy hierarchy, int l) {
        StencilLevel level = hierarchy.level(l);
        level.clear(level.x);
        if (l == hierarchy.coarseLevels() - 1) {
            hierarchy.coarsest().solve(level, level.b, level.x);
            return;
        }
        level.smooth(level.x, level.b, MultigridSolver.SMOOTHING_DEGREE, MultigridSolver.SMOOTHING_RATIO);
        level.residual(level.x, level.b, level.r);
        StencilLevel coarse = hierarchy.level(l + 1);
        coarse.clear(coarse.b);
        hierarchy.interpolation(l + 1).restrictAdd(level.r, coarse.b);
        coarseSolve(hierarchy, l + 1);
        hierarchy.interpolation(l + 1).prolongAdd(coarse.x, level.x);
        level.smooth(level.x, level.b, MultigridSolver.SMOOTHING_DEGREE, MultigridSolver.SMOOTHING_RATIO);
    }

    /**
     * Approximate solve on coarse level l (b in, x out): on the coarsest level the dense LU, else the
     * K-cycle of Notay &amp; Vassilevski (Numer. Linear Algebra Appl. 15, 2008): up to two steps of flexible CG preconditioned by the cycle on that level, the second skipped when the first
     * already reduced the residual to {@link #K_CYCLE_THRESHOLD}.
     */
    static void coarseSolve(OperatorDependentHierarchy hierarchy, int l) {
        StencilLevel level = hierarchy.level(l);
        if (l == hierarchy.coarseLevels() - 1) {
            coarseCycle(hierarchy, l);
            return;
        }
        float[] b = level.keptB;
        System.arraycopy(level.b, 0, b, 0, level.size);
        coarseCycle(hierarchy, l);
        System.arraycopy(level.x, 0, level.c1, 0, level.size);
        level.apply(level.c1, level.v1);
        double rho1 = level.dot(level.c1, level.v1);
        double alpha1 = level.dot(level.c1, b);
        if (!(rho1 > 0)) {
            return; // x holds the cycle's answer
        }
        float step1 = (float) (alpha1 / rho1);
        double bNorm2 = level.dot(b, b);
        float[] rt = level.b;
        level.forInterior((p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                rt[p] = b[p] - step1 * level.v1[p];
            }
        });
        double rtNorm2 = level.dot(rt, rt);
        if (rtNorm2 <= K_CYCLE_THRESHOLD * K_CYCLE_THRESHOLD * bNorm2) {
            level.forInterior((p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    level.x[p] = step1 * level.c1[p];
                }
            });
            System.arraycopy(b, 0, level.b, 0, level.size);
            return;
        }
        coarseCycle(hierarchy, l); // x = B·r̃ (b holds r̃)
        System.arraycopy(level.x, 0, level.c2, 0, level.size);
        level.apply(level.c2, level.r);
        double gamma = level.dot(level.c2, level.v1);
        double beta = level.dot(level.c2, level.r);
        double alpha2 = level.dot(level.c2, rt);
        double rho2 = beta - gamma * gamma / rho1;
        float w1;
        float w2;
        if (rho2 > 0) {
            w1 = (float) (alpha1 / rho1 - gamma * alpha2 / (rho1 * rho2));
            w2 = (float) (alpha2 / rho2);
        } else {
            w1 = step1;
            w2 = 0f;
        }
        level.forInterior((p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                level.x[p] = w1 * level.c1[p] + w2 * level.c2[p];
            }
        });
        System.arraycopy(b, 0, level.b, 0, level.size);
    }

    /** The K-cycle's second step is skipped when the first left at most this share of the residual. */
    static final double K_CYCLE_THRESHOLD = 0.25;
}

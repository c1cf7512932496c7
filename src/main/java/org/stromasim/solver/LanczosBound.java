package org.stromasim.solver;

/**
 * The largest eigenvalue of diag⁻¹·A of a {@link StencilLevel}, estimated by a few Lanczos steps, for
 * the upper end of its Chebyshev smoother's interval.
 *
 * <p>Why not the Gershgorin bound: on a Galerkin level of a rough field the rows hold large entries
 * of both signs, and Σ|entries|/diagonal overshoots the spectrum by up to 4× (measured on the first
 * coarse level of a voxel-wise 1:1000 field at 32³–64³: Gershgorin 7.7–9.7, the converged estimate
 * 2.5). A Chebyshev smoother on [λ/4, λ] with λ four times too large damps only the top sliver of
 * the spectrum and leaves most of the oscillatory modes to the coarse grid. Adams, Brezina, Hu &amp;
 * Tuminaro (J. Comput. Phys. 188, 2003) estimate λ by a few Lanczos/CG steps and widen it by a
 * safety factor, as PETSc's and hypre's Chebyshev smoothers do; Lanczos converges to the extreme
 * eigenvalue much faster than the power method (measured on the levels above: 10 steps of the power
 * method reach 81–91 % of it, the largest Ritz value of 10 Lanczos steps 95–99.7 %). A Ritz value
 * never exceeds λ, so it is widened by {@link #SAFETY}; the result is capped by the Gershgorin bound,
 * which is a true upper bound.
 */
final class LanczosBound {

    /** Lanczos steps per estimate (each one product with the level's 27-point operator). */
    static final int STEPS = 10;
    /**
     * Widening of the largest Ritz value, which from {@link #STEPS} steps lies up to about 5 % below
     * λ: modes above the interval's upper end are amplified by the polynomial, while an upper end a
     * few percent above λ only widens the interval slightly. 1.1 as in PETSc's default Chebyshev
     * eigenvalue transform.
     */
    static final double SAFETY = 1.1;

    private LanczosBound() {
    }

    /**
     * min(SAFETY · θ_max, gershgorin), θ_max the largest Ritz value of {@link #STEPS} Lanczos steps on
     * diag⁻¹·A in the diag inner product (symmetric there, since A is), from a fixed pseudo-random
     * start vector so that set-ups repeat bit for bit. Uses the level's x, r, d, c1 vectors as scratch.
     */
    static double estimate(StencilLevel level, double gershgorin) {
        float[] v = level.x;
        float[] vPrev = level.d;
        float[] w = level.r;
        float[] av = level.c1;
        long countedUpdates = level.operatorCellUpdates; // set-up work, not the cycle's
        level.clear(v);
        level.clear(vPrev);
        level.forInterior((p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                v[p] = level.invDiag[p] == 0 ? 0f : start(p);
            }
        });
        double norm = Math.sqrt(diagDot(level, v, v));
        if (!(norm > 0)) {
            return gershgorin;
        }
        scale(level, v, (float) (1 / norm));
        double[] alpha = new double[STEPS];
        double[] beta = new double[STEPS];
        int m = 0;
        double betaPrev = 0;
        for (int step = 0; step < STEPS; step++) {
            level.apply(v, av);
            double a = level.dot(v, av);
            alpha[step] = a;
            m = step + 1;
            float fa = (float) a;
            float fb = (float) betaPrev;
            level.forInterior((p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    w[p] = level.invDiag[p] * av[p] - fa * v[p] - fb * vPrev[p];
                }
            });
            double b = Math.sqrt(diagDot(level, w, w));
            if (!(b > 1e-6 * Math.abs(a))) {
                break; // an invariant subspace: the Ritz values are eigenvalues
            }
            beta[step] = b;
            float inv = (float) (1 / b);
            level.forInterior((p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    vPrev[p] = v[p];
                    v[p] = inv * w[p];
                }
            });
            betaPrev = b;
        }
        level.clear(v);
        level.operatorCellUpdates = countedUpdates;
        return Math.min(SAFETY * largestEigenvalue(alpha, beta, m), gershgorin);
    }

    /** Σ u·diag·w over the interior (cells with an empty row count 0). */
    private static double diagDot(StencilLevel level, float[] u, float[] w) {
        double sum = 0;
        float[] diag = level.coef[Stencil.CENTRE];
        for (int k = 1; k <= level.nz; k++) {
            for (int j = 1; j <= level.ny; j++) {
                int p0 = 1 + level.px * (j + (level.ny + 2) * k);
                for (int p = p0; p < p0 + level.nx; p++) {
                    if (level.invDiag[p] != 0) {
                        sum += (double) u[p] * diag[p] * w[p];
                    }
                }
            }
        }
        return sum;
    }

    private static void scale(StencilLevel level, float[] u, float factor) {
        level.forInterior((p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                u[p] *= factor;
            }
        });
    }

    /** A fixed value in [−0.5, 0.5) per index (a 32-bit mix), independent of thread order. */
    private static float start(int p) {
        int h = p * 0x9E3779B1;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return (h >>> 8) / (float) (1 << 24) - 0.5f;
    }

    /**
     * Largest eigenvalue of the symmetric tridiagonal matrix with diagonal alpha[0..m) and off-diagonal
     * beta[0..m−1), by bisection on the Sturm count (the number of negative pivots of T − x·I).
     */
    static double largestEigenvalue(double[] alpha, double[] beta, int m) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            double radius = (i > 0 ? Math.abs(beta[i - 1]) : 0) + (i < m - 1 ? Math.abs(beta[i]) : 0);
            lo = Math.min(lo, alpha[i] - radius);
            hi = Math.max(hi, alpha[i] + radius);
        }
        for (int it = 0; it < 100 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); it++) {
            double mid = 0.5 * (lo + hi);
            if (countBelow(alpha, beta, m, mid) == m) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** Eigenvalues of the tridiagonal matrix below x (Sturm sequence: negative pivots of T − x·I). */
    private static int countBelow(double[] alpha, double[] beta, int m, double x) {
        int count = 0;
        double pivot = 1;
        for (int i = 0; i < m; i++) {
            double off = i > 0 ? beta[i - 1] * beta[i - 1] : 0;
            pivot = alpha[i] - x - (i > 0 ? off / pivot : 0);
            if (pivot == 0) {
                pivot = -1e-300;
            }
            if (pivot < 0) {
                count++;
            }
        }
        return count;
    }
}

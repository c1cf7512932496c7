package org.stromasim.solver;

/**
 * {@code degree} steps of Chebyshev–Jacobi smoothing of A·u = rhs on the eigenvalue interval
 * [lambdaMax/ratio, lambdaMax] of diag⁻¹·A: the three-term recurrence of Saad, Iterative Methods for Sparse
 * Linear Systems, 2nd ed., Alg. 12.1, with Jacobi preconditioning. Every step is one residual pass and one
 * point-wise update, so it vectorises and maps one-to-one onto device kernels, and as a point smoother it
 * needs no colouring of a 27-point stencil. Shared by the 7-point geometric levels and the 27-point
 * Galerkin levels, which supply their residual and rows.
 */
final class ChebyshevJacobi {

    /** What the recurrence needs of a level. */
    interface Level {
        /**
         * out = diag(A)⁻¹·(rhs − A·u) over the interior, 0 where the diagonal is 0: the scaling is done in
         * the residual pass so that the update pass reads no diagonal, and a level that computes its
         * diagonal per pass ({@link FineLevel}) needs none stored.
         */
        void jacobiResidual(float[] u, float[] rhs, float[] out);

        /** Runs body over each interior row. */
        void forInterior(MultigridLevel.RowBody body);
    }

    private ChebyshevJacobi() {
    }

    /**
     * Smooths u in place; {@code r} and {@code d} are the level's residual and direction work vectors.
     */
    static void smooth(Level level, float[] r, float[] d, double lambdaMax, float[] u, float[] rhs,
                       int degree, double ratio) {
        double upper = lambdaMax;
        double lower = upper / ratio;
        double theta = 0.5 * (upper + lower);
        double delta = 0.5 * (upper - lower);
        double sigma = theta / delta;
        double rho = 1 / sigma;
        level.jacobiResidual(u, rhs, r);
        float first = (float) (1 / theta);
        level.forInterior((p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                float dp = first * r[p];
                d[p] = dp;
                u[p] += dp;
            }
        });
        for (int step = 1; step < degree; step++) {
            level.jacobiResidual(u, rhs, r);
            double rhoNew = 1 / (2 * sigma - rho);
            float keep = (float) (rhoNew * rho);
            float push = (float) (2 * rhoNew / delta);
            level.forInterior((p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    float dp = keep * d[p] + push * r[p];
                    d[p] = dp;
                    u[p] += dp;
                }
            });
            rho = rhoNew;
        }
    }
}

package org.stromasim.solver;

/**
 * {@code degree} steps of Chebyshev–Jacobi smoothing of A·u = rhs on the eigenvalue interval
 * [lambdaMax/ratio, lambdaMax] of diag⁻¹·A: the three-term recurrence of Saad, Iterative Methods for Sparse
 * Linear Systems, 2nd ed., Alg. 12.1, with Jacobi preconditioning. Every step is one residual pass and one
 * point-wise update, so it vectorises and maps one-to-one onto device kernels, and as a point smoother it
 * needs no colouring of a 27-point stencil. Shared by the 7-point geometric levels and the 27-point
 * Galerkin levels, which supply their residual and rows.
 */
public final class ChebyshevJacobi {

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
     * The recurrence's coefficients on [upper/ratio, upper]: for step k, {@code [2k]} the weight of the
     * previous update and {@code [2k + 1]} that of the Jacobi-scaled residual (d ← keep·d + push·r,
     * u ← u + d; step 0 has keep 0). One definition for the Java smoother and the device kernels.
     */
    public static double[] coefficients(double upper, double ratio, int degree) {
        double lower = upper / ratio;
        double theta = 0.5 * (upper + lower);
        double delta = 0.5 * (upper - lower);
        double sigma = theta / delta;
        double rho = 1 / sigma;
        double[] c = new double[2 * degree];
        c[1] = 1 / theta;
        for (int step = 1; step < degree; step++) {
            double rhoNew = 1 / (2 * sigma - rho);
            c[2 * step] = rhoNew * rho;
            c[2 * step + 1] = 2 * rhoNew / delta;
            rho = rhoNew;
        }
        return c;
    }

    /**
     * Smooths u in place; {@code r} and {@code d} are the level's residual and direction work vectors.
     */
    static void smooth(Level level, float[] r, float[] d, double lambdaMax, float[] u, float[] rhs,
                       int degree, double ratio) {
        double[] c = coefficients(lambdaMax, ratio, degree);
        level.jacobiResidual(u, rhs, r);
        float first = (float) c[1];
        level.forInterior((p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                float dp = first * r[p];
                d[p] = dp;
                u[p] += dp;
            }
        });
        for (int step = 1; step < degree; step++) {
            level.jacobiResidual(u, rhs, r);
            float keep = (float) c[2 * step];
            float push = (float) c[2 * step + 1];
            level.forInterior((p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    float dp = keep * d[p] + push * r[p];
                    d[p] = dp;
                    u[p] += dp;
                }
            });
        }
    }
}

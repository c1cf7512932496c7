package org.stromasim.solver;

/**
 * The fine level of the geometric hierarchy without stored coefficients: each pass computes the face
 * conductances (harmonic means of the voxel conductivity, {@link HalfConductances#series} in float),
 * the held-face conductances, the mass a·h² and the diagonal of each cell from the caller's
 * conductivity and absorption as it goes. The fine level is the largest array set of the solver, and
 * these coefficients were 24 of its bytes per voxel; computing them costs divisions in passes that are
 * otherwise bandwidth-bound.
 *
 * <p>The operator is the one {@link LevelBuilder#faces} stores for a fine level (faces to the ghosts
 * of a periodic axis wrap, a held face adds 2·K to the diagonal only), up to the float rounding of the
 * face values; the solver's double residual does not use it, so only the preconditioner sees that
 * rounding. The smoother's residual pass writes the Jacobi-scaled residual (rhs − A·u)/diag, so its
 * update pass needs no diagonal.
 */
final class FineLevel extends MultigridLevel {

    private static final int RESIDUAL = 0;
    private static final int APPLY = 1;
    private static final int JACOBI_RESIDUAL = 2;
    private static final int DIAGONAL = 3;

    /** The caller's conductivity per voxel (unpadded, not copied). */
    private float[] conductivity;
    private final boolean[] fixedFace = new boolean[6];
    /** a·h² in every voxel when {@link #absorption} is null. */
    private float uniformMass;
    /** The caller's absorption per voxel (not copied), or null. */
    private double[] absorption;
    private double h2;
    /** Per plane: max over its cells of Σ coupled faces / diag ({@link #refreshDiagonal}). */
    private final double[] planeWorst;

    FineLevel(int nx, int ny, int nz, boolean[] periodic) {
        super(nx, ny, nz, periodic, false);
        planeWorst = new double[nz + 2];
    }

    /** Takes the conductivity (kept, not copied) and which domain faces hold a value (Face ordinal order). */
    void assemble(float[] k, boolean[] fixed) {
        conductivity = k;
        System.arraycopy(fixed, 0, fixedFace, 0, 6);
    }

    void setUniformMass(double massTimesH2) {
        uniformMass = (float) massTimesH2;
        absorption = null;
    }

    /** Mass a_v·h² per voxel from the caller's absorption (kept, not copied). */
    void setAbsorption(double[] a, double h2) {
        absorption = a;
        this.h2 = h2;
    }

    private float massOf(int v) {
        return absorption == null ? uniformMass : (float) (absorption[v] * h2);
    }

    /** Whether every cell has a &gt; 0 (then no region can be singular). */
    boolean massEverywhere() {
        if (absorption == null) {
            return uniformMass > 0;
        }
        for (double a : absorption) {
            if (!((float) (a * h2) > 0)) {
                return false;
            }
        }
        return true;
    }

    /** coarse.mass[block] += Σ a·h² over the block's coupled fine cells (as {@link Transfers#restrict} of a stored mass). */
    void restrictMass(MultigridLevel coarse) {
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int pf = index(0, j, k);
                int pc = coarse.index(0, j >> 1, k >> 1);
                int v0 = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    coarse.mass[pc + (i >> 1)] += coupled[pf + i] * massOf(v0 + i);
                }
            }
        }
    }

    /** The coupled flags and the Gershgorin bound of diag⁻¹·A for the current mass; the argument is unused (no stored held faces). */
    @Override
    void refreshDiagonal(float[] unused) {
        forPlanes(k -> {
            double worst = 0;
            for (int j = 1; j <= ny; j++) {
                worst = Math.max(worst, row(DIAGONAL, null, null, null, j, k));
            }
            planeWorst[k] = worst;
        });
        double worst = 0;
        for (int k = 1; k <= nz; k++) {
            worst = Math.max(worst, planeWorst[k]);
        }
        lambdaMax = 1 + worst;
    }

    @Override
    void residualPlane(float[] u, float[] rhs, float[] out, int k) {
        for (int j = 1; j <= ny; j++) {
            row(RESIDUAL, u, rhs, out, j, k);
        }
    }

    @Override
    void applyPlane(float[] u, float[] out, int k) {
        for (int j = 1; j <= ny; j++) {
            row(APPLY, u, null, out, j, k);
        }
    }

    /**
     * As {@link MultigridLevel#smooth} (the same Chebyshev coefficients), with the residual pass writing
     * diag⁻¹·(rhs − A·u) into r so the update pass reads no diagonal.
     */
    @Override
    void smooth(float[] u, float[] rhs, int degree, double ratio) {
        double upper = lambdaMax;
        double lower = upper / ratio;
        double theta = 0.5 * (upper + lower);
        double delta = 0.5 * (upper - lower);
        double sigma = theta / delta;
        double rho = 1 / sigma;
        jacobiResidual(u, rhs);
        float first = (float) (1 / theta);
        forInterior((p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                float dp = first * r[p];
                d[p] = dp;
                u[p] += dp;
            }
        });
        for (int step = 1; step < degree; step++) {
            jacobiResidual(u, rhs);
            double rhoNew = 1 / (2 * sigma - rho);
            float keep = (float) (rhoNew * rho);
            float push = (float) (2 * rhoNew / delta);
            forInterior((p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    float dp = keep * d[p] + push * r[p];
                    d[p] = dp;
                    u[p] += dp;
                }
            });
            rho = rhoNew;
        }
    }

    /** r = diag⁻¹·(rhs − A·u) over the interior (0 in a cell with a zero diagonal). */
    void jacobiResidual(float[] u, float[] rhs) {
        fillGhosts(u);
        operatorCellUpdates += cells();
        forPlanes(k -> {
            for (int j = 1; j <= ny; j++) {
                row(JACOBI_RESIDUAL, u, rhs, r, j, k);
            }
        });
    }

    /**
     * One interior row (padded j, k ≥ 1) of a pass: RESIDUAL out = rhs − A·u, APPLY out = A·u,
     * JACOBI_RESIDUAL out = (rhs − A·u)/diag, DIAGONAL the coupled flags (returns the row's largest
     * Σ coupled faces / diag). u's periodic ghosts must be filled.
     */
    private double row(int mode, float[] u, float[] rhs, float[] out, int j, int k) {
        float[] kv = conductivity;
        int jj = j - 1;
        int kk = k - 1;
        int plane = nx * ny;
        int v0 = nx * (jj + ny * kk);
        int p0 = index(0, jj, kk);
        // voxel offset of the − and + neighbour along y and z, or 0 with no face there
        boolean hasYm = jj > 0 || periodic[1];
        boolean hasYp = jj < ny - 1 || periodic[1];
        boolean hasZm = kk > 0 || periodic[2];
        boolean hasZp = kk < nz - 1 || periodic[2];
        int ym = jj > 0 ? -nx : nx * (ny - 1);
        int yp = jj < ny - 1 ? nx : -nx * (ny - 1);
        int zm = kk > 0 ? -plane : plane * (nz - 1);
        int zp = kk < nz - 1 ? plane : -plane * (nz - 1);
        // held faces of this row along y and z
        int heldYz = (jj == 0 && fixedFace[2] ? 1 : 0) + (jj == ny - 1 && fixedFace[3] ? 1 : 0)
                + (kk == 0 && fixedFace[4] ? 1 : 0) + (kk == nz - 1 && fixedFace[5] ? 1 : 0);
        boolean px0 = periodic[0];
        double worst = 0;
        float fxm = 0f;
        for (int i = 0; i < nx; i++) {
            int v = v0 + i;
            int p = p0 + i;
            float twoK = 2f * kv[v];
            if (i == 0) {
                fxm = px0 ? series(twoK, 2f * kv[v + nx - 1]) : 0f;
            }
            float fxp = i < nx - 1 ? series(twoK, 2f * kv[v + 1]) : px0 ? series(twoK, 2f * kv[v - (nx - 1)]) : 0f;
            float fym = hasYm ? series(twoK, 2f * kv[v + ym]) : 0f;
            float fyp = hasYp ? series(twoK, 2f * kv[v + yp]) : 0f;
            float fzm = hasZm ? series(twoK, 2f * kv[v + zm]) : 0f;
            float fzp = hasZp ? series(twoK, 2f * kv[v + zp]) : 0f;
            int held = heldYz + (i == 0 && fixedFace[0] ? 1 : 0) + (i == nx - 1 && fixedFace[1] ? 1 : 0);
            float coupledSum = fxm + fxp + fym + fyp + fzm + fzp;
            float dg = massOf(v) + coupledSum + held * twoK;
            if (mode == DIAGONAL) {
                coupled[p] = (byte) (coupledSum > 0 ? 1 : 0);
                if (dg > 0) {
                    worst = Math.max(worst, (double) coupledSum / dg);
                }
            } else {
                float ax = dg * u[p] - (fxm * u[p - 1] + fxp * u[p + 1] + fym * u[p - px] + fyp * u[p + px]
                        + fzm * u[p - pxy] + fzp * u[p + pxy]);
                if (mode == APPLY) {
                    out[p] = ax;
                } else if (mode == RESIDUAL) {
                    out[p] = rhs[p] - ax;
                } else {
                    out[p] = dg > 0 ? (rhs[p] - ax) / dg : 0f;
                }
            }
            fxm = fxp;
        }
        return worst;
    }

    /** The face between two half cells of conductance a and b: a·b/(a + b), 0 when either is 0. */
    private static float series(float a, float b) {
        float sum = a + b;
        return sum > 0 ? a * b / sum : 0f;
    }
}

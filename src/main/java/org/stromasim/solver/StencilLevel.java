package org.stromasim.solver;

import java.util.Arrays;

/**
 * A coarse level of the operator-dependent hierarchy: a 27-point operator (A·u)_v = Σ_s coef[s][v]·u
 * at offset s ({@link Stencil} numbering) and the cycle's work vectors. Same padded layout as
 * {@link MultigridLevel} (one ghost layer, x fastest): a non-periodic ghost is always 0 and meets only
 * zero entries; periodic ghosts, edges and corners included, are refreshed before each pass, so one
 * branch-free loop covers every cell.
 *
 * <p>Float storage, as the geometric levels: the cycle is only a preconditioner of the solver's PCG,
 * whose residual is computed in double on the fine level.
 */
final class StencilLevel implements Stencil, ChebyshevJacobi.Level {

    final int nx;
    final int ny;
    final int nz;
    final int px;
    final int pxy;
    final int size;
    final boolean[] periodic;
    /** coef[s][p]: the entry from cell p to its neighbour at offset s. */
    final float[][] coef = new float[27][];
    /** Padded index offset of each stencil offset. */
    final int[] shift = new int[27];
    final float[] invDiag;
    final float[] x;
    final float[] b;
    final float[] r;
    final float[] d;
    /** The K-cycle's vectors ({@link OperatorDependentCycle}): the right-hand side kept, two preconditioned directions and their products. */
    final float[] keptB;
    final float[] c1;
    final float[] v1;
    final float[] c2;
    /** Cell updates of this level's 27-point operator so far (residual and apply passes). */
    long operatorCellUpdates;
    /** Upper end of the smoother's interval: the {@link LanczosBound} estimate of λ_max(diag⁻¹·A). */
    double lambdaMax;
    /** Gershgorin bound of diag⁻¹·A: 1 + max_v Σ_{s≠centre} |coef|/diag (a cap on {@link #lambdaMax}). */
    double gershgorin;

    StencilLevel(int nx, int ny, int nz, boolean[] periodic) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.px = nx + 2;
        this.pxy = px * (ny + 2);
        this.size = pxy * (nz + 2);
        this.periodic = periodic.clone();
        for (int s = 0; s < 27; s++) {
            coef[s] = new float[size];
            shift[s] = Stencil.component(s, 0) + px * Stencil.component(s, 1) + pxy * Stencil.component(s, 2);
        }
        invDiag = new float[size];
        x = new float[size];
        b = new float[size];
        r = new float[size];
        d = new float[size];
        keptB = new float[size];
        c1 = new float[size];
        v1 = new float[size];
        c2 = new float[size];
    }

    int index(int i, int j, int k) {
        return (i + 1) + px * ((j + 1) + (ny + 2) * (k + 1));
    }

    int cells() {
        return nx * ny * nz;
    }

    @Override
    public int nx() {
        return nx;
    }

    @Override
    public int ny() {
        return ny;
    }

    @Override
    public int nz() {
        return nz;
    }

    @Override
    public boolean periodic(int axis) {
        return periodic[axis];
    }

    @Override
    public double entry(int i, int j, int k, int s) {
        return coef[s][index(i, j, k)];
    }

    @Override
    public int[] offsets() {
        int[] all = new int[27];
        for (int s = 0; s < 27; s++) {
            all[s] = s;
        }
        return all;
    }

    /** Inverse diagonal (0 for an empty row: a cell no residual reaches) and the smoother's upper eigenvalue bound. */
    void refreshDiagonal() {
        double worst = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int p0 = index(0, j, k);
                for (int p = p0; p < p0 + nx; p++) {
                    float dg = coef[CENTRE][p];
                    invDiag[p] = dg > 0 ? 1f / dg : 0f;
                    if (dg > 0) {
                        double off = 0;
                        for (int s = 0; s < 27; s++) {
                            off += s == CENTRE ? 0 : Math.abs(coef[s][p]);
                        }
                        worst = Math.max(worst, off / dg);
                    }
                }
            }
        }
        gershgorin = 1 + worst;
        lambdaMax = LanczosBound.estimate(this, gershgorin);
    }

    /** out = rhs − A·u over the interior. */
    void residual(float[] u, float[] rhs, float[] out) {
        MultigridLevel.fillGhosts(u, nx, ny, nz, periodic);
        operatorCellUpdates += cells();
        forPlanes(k -> {
            for (int j = 1; j <= ny; j++) {
                int p0 = 1 + px * (j + (ny + 2) * k);
                for (int p = p0; p < p0 + nx; p++) {
                    out[p] = rhs[p] - product(u, p);
                }
            }
        });
    }

    /** out = diag⁻¹·(rhs − A·u) over the interior (0 in an empty row), for {@link ChebyshevJacobi}. */
    public void jacobiResidual(float[] u, float[] rhs, float[] out) {
        MultigridLevel.fillGhosts(u, nx, ny, nz, periodic);
        operatorCellUpdates += cells();
        forPlanes(k -> {
            for (int j = 1; j <= ny; j++) {
                int p0 = 1 + px * (j + (ny + 2) * k);
                for (int p = p0; p < p0 + nx; p++) {
                    out[p] = invDiag[p] * (rhs[p] - product(u, p));
                }
            }
        });
    }

    /** out = A·u over the interior. */
    void apply(float[] u, float[] out) {
        MultigridLevel.fillGhosts(u, nx, ny, nz, periodic);
        operatorCellUpdates += cells();
        forPlanes(k -> {
            for (int j = 1; j <= ny; j++) {
                int p0 = 1 + px * (j + (ny + 2) * k);
                for (int p = p0; p < p0 + nx; p++) {
                    out[p] = product(u, p);
                }
            }
        });
    }

    private float product(float[] u, int p) {
        float sum = 0;
        for (int s = 0; s < 27; s++) {
            sum += coef[s][p] * u[p + shift[s]];
        }
        return sum;
    }

    /**
     * {@link ChebyshevJacobi} smoothing on [lambdaMax/ratio, lambdaMax] of diag⁻¹·A, lambdaMax from
     * {@link LanczosBound} (the Gershgorin bound overshoots a Galerkin operator's spectrum several-fold).
     */
    void smooth(float[] u, float[] rhs, int degree, double ratio) {
        ChebyshevJacobi.smooth(this, r, d, lambdaMax, u, rhs, degree, ratio);
    }

    /** Σ a·c over the interior, accumulated in double. */
    double dot(float[] a, float[] c) {
        double sum = 0;
        for (int k = 1; k <= nz; k++) {
            for (int j = 1; j <= ny; j++) {
                int p0 = 1 + px * (j + (ny + 2) * k);
                for (int p = p0; p < p0 + nx; p++) {
                    sum += a[p] * c[p];
                }
            }
        }
        return sum;
    }

    void clear(float[] a) {
        Arrays.fill(a, 0f);
    }

    public void forInterior(MultigridLevel.RowBody body) {
        forPlanes(k -> {
            for (int j = 1; j <= ny; j++) {
                int p0 = 1 + px * (j + (ny + 2) * k);
                body.row(p0, p0 + nx);
            }
        });
    }

    /** Planes in parallel on levels of at least {@link MultigridLevel#PARALLEL_CELLS} cells, as there. */
    void forPlanes(java.util.function.IntConsumer body) {
        if (cells() >= MultigridLevel.PARALLEL_CELLS) {
            java.util.stream.IntStream.rangeClosed(1, nz).parallel().forEach(body);
        } else {
            for (int k = 1; k <= nz; k++) {
                body.accept(k);
            }
        }
    }
}

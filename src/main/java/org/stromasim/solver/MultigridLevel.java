package org.stromasim.solver;

import java.util.Arrays;

/**
 * One level of the multigrid hierarchy: the operator (A·u)_v = diag_v·u_v − Σ_faces T_f·u_nb(f), with
 * diag_v = m_v + Σ_faces T_f (+ the conductance of a fixed-value domain face), and its work arrays.
 *
 * <p>Layout: every array has one ghost layer on each side, (nx+2)·(ny+2)·(nz+2), x fastest. The face
 * arrays hold the conductance of the face on the + side of each cell: {@code fx[p]} couples p and p+1.
 * The ghost entries of fx/fy/fz on the − side (index 0 along their axis) hold the face to the ghost:
 * the wrapped face conductance on a periodic axis, 0 otherwise; the + side ghost face likewise. So one
 * branch-free 7-point loop covers every cell of every level, and a non-periodic ghost value is always
 * multiplied by a zero conductance; periodic ghosts are refreshed from the opposite interior plane
 * ({@link #fillGhosts}) before each operator application. This is the layout an OpenCL port keeps:
 * one work item per interior cell, no colouring, no boundary branches.
 */
class MultigridLevel implements ChebyshevJacobi.Level {

    final int nx;
    final int ny;
    final int nz;
    final int px;
    final int pxy;
    final int size;
    final boolean[] periodic;

    // Float storage (Java-side precision choice): the V-cycle is only the preconditioner of a PCG whose
    // residual MultigridSolver computes in double, so its rounding slows no solve below double's
    // tolerance, and it halves the bytes each pass moves and the memory per voxel.
    final float[] fx;
    final float[] fy;
    final float[] fz;
    /** Σ of the conductances of every face of the cell, including a fixed-value domain face. */
    final float[] faceSum;
    final float[] mass;
    /** 1 for a cell with at least one face of non-zero conductance to another cell, else 0 (see {@link Transfers}). */
    final byte[] coupled;
    /** 1/(mass + faceSum), 0 for a cell without either; the diagonal itself is summed where a pass needs it. */
    final float[] invDiag;
    /** Correction (unknown) and right-hand side of this level's error equation. */
    final float[] x;
    final float[] b;
    final float[] r;
    final float[] d;
    /** Cell updates of the 7-point operator on this level so far (residual and apply passes): the benchmark's work count. */
    long operatorCellUpdates;
    /** Upper bound of the spectrum of diag⁻¹·A (Gershgorin: 1 + max_v Σ_coupled T/diag ≤ 2). */
    double lambdaMax;

    MultigridLevel(int nx, int ny, int nz, boolean[] periodic) {
        this(nx, ny, nz, periodic, true);
    }

    /**
     * A level with ({@code storesCoefficients}) or without its face, face-sum, mass and inverse-diagonal
     * arrays: a level without them ({@link FineLevel}) computes them per pass and overrides every pass
     * that reads them.
     */
    MultigridLevel(int nx, int ny, int nz, boolean[] periodic, boolean storesCoefficients) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.px = nx + 2;
        this.pxy = px * (ny + 2);
        this.size = pxy * (nz + 2);
        this.periodic = periodic.clone();
        this.fx = storesCoefficients ? new float[size] : null;
        this.fy = storesCoefficients ? new float[size] : null;
        this.fz = storesCoefficients ? new float[size] : null;
        this.faceSum = storesCoefficients ? new float[size] : null;
        this.mass = storesCoefficients ? new float[size] : null;
        this.coupled = new byte[size];
        this.invDiag = storesCoefficients ? new float[size] : null;
        this.x = new float[size];
        this.b = new float[size];
        this.r = new float[size];
        this.d = new float[size];
    }

    int index(int i, int j, int k) {
        return (i + 1) + px * ((j + 1) + (ny + 2) * (k + 1));
    }

    int cells() {
        return nx * ny * nz;
    }

    /**
     * diag = mass + faceSum and its inverse, and the Gershgorin bound of diag⁻¹·A. A cell with a zero
     * diagonal has no mass and no face: its equation is 0 = 0 (only possible on coarse levels inside a
     * region the fine level already refused or that carries no residual), so its inverse is 0.
     */
    void refreshDiagonal(float[] boundaryConductance) {
        double worst = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int p0 = index(0, j, k);
                for (int p = p0; p < p0 + nx; p++) {
                    float dg = mass[p] + faceSum[p];
                    invDiag[p] = dg > 0 ? 1f / dg : 0f;
                    double coupledSum = (double) faceSum[p] - boundaryConductance[p];
                    coupled[p] = (byte) (coupledSum > 0 ? 1 : 0);
                    if (dg > 0) {
                        worst = Math.max(worst, coupledSum / dg);
                    }
                }
            }
        }
        lambdaMax = 1 + worst;
    }

    /** Copies the interior planes next to each periodic pair of faces into the ghosts across from them. */
    void fillGhosts(double[] u) {
        if (periodic[0]) {
            for (int k = 1; k <= nz; k++) {
                for (int j = 1; j <= ny; j++) {
                    int row = px * (j + (ny + 2) * k);
                    u[row] = u[row + nx];
                    u[row + nx + 1] = u[row + 1];
                }
            }
        }
        if (periodic[1]) {
            for (int k = 1; k <= nz; k++) {
                int plane = pxy * k;
                System.arraycopy(u, plane + px * ny, u, plane, px);
                System.arraycopy(u, plane + px, u, plane + px * (ny + 1), px);
            }
        }
        if (periodic[2]) {
            System.arraycopy(u, pxy * nz, u, 0, pxy);
            System.arraycopy(u, pxy, u, pxy * (nz + 1), pxy);
        }
    }

    /** Copies the interior planes next to each periodic pair of faces into the ghosts across from them. */
    void fillGhosts(float[] u) {
        fillGhosts(u, nx, ny, nz, periodic);
    }

    /**
     * {@link #fillGhosts(float[])} for any level of this padded layout: x, then y over whole rows, then z
     * over whole planes, so the edge and corner ghosts a 27-point stencil reads are filled too.
     */
    static void fillGhosts(float[] u, int nx, int ny, int nz, boolean[] periodic) {
        int px = nx + 2;
        int pxy = px * (ny + 2);
        if (periodic[0]) {
            for (int k = 1; k <= nz; k++) {
                for (int j = 1; j <= ny; j++) {
                    int row = px * (j + (ny + 2) * k);
                    u[row] = u[row + nx];
                    u[row + nx + 1] = u[row + 1];
                }
            }
        }
        if (periodic[1]) {
            for (int k = 1; k <= nz; k++) {
                int plane = pxy * k;
                System.arraycopy(u, plane + px * ny, u, plane, px);
                System.arraycopy(u, plane + px, u, plane + px * (ny + 1), px);
            }
        }
        if (periodic[2]) {
            System.arraycopy(u, pxy * nz, u, 0, pxy);
            System.arraycopy(u, pxy, u, pxy * (nz + 1), pxy);
        }
    }

    /** out = rhs − A·u over the interior (ghosts of u refreshed first). */
    void residual(float[] u, float[] rhs, float[] out) {
        fillGhosts(u);
        operatorCellUpdates += cells();
        forPlanes(k -> residualPlane(u, rhs, out, k));
    }

    private void residualPlane(float[] u, float[] rhs, float[] out, int k) {
        for (int j = 1; j <= ny; j++) {
            int p0 = 1 + px * (j + (ny + 2) * k);
            for (int p = p0; p < p0 + nx; p++) {
                out[p] = rhs[p] - ((mass[p] + faceSum[p]) * u[p] - neighbourSum(u, p));
            }
        }
    }

    /** out = invDiag·(rhs − A·u) over the interior, for {@link ChebyshevJacobi} (ghosts of u refreshed first). */
    public void jacobiResidual(float[] u, float[] rhs, float[] out) {
        fillGhosts(u);
        operatorCellUpdates += cells();
        forPlanes(k -> {
            for (int j = 1; j <= ny; j++) {
                int p0 = 1 + px * (j + (ny + 2) * k);
                for (int p = p0; p < p0 + nx; p++) {
                    out[p] = invDiag[p] * (rhs[p] - ((mass[p] + faceSum[p]) * u[p] - neighbourSum(u, p)));
                }
            }
        });
    }

    /**
     * Σ over the six faces of cell p of the face conductance times u across it (ghosts included): the
     * off-diagonal part of A·u, written once for the residual, the operator and the explicit increment.
     */
    float neighbourSum(float[] u, int p) {
        return fx[p - 1] * u[p - 1] + fx[p] * u[p + 1]
                + fy[p - px] * u[p - px] + fy[p] * u[p + px]
                + fz[p - pxy] * u[p - pxy] + fz[p] * u[p + pxy];
    }

    /** out = A·u over the interior. */
    void apply(float[] u, float[] out) {
        fillGhosts(u);
        operatorCellUpdates += cells();
        forPlanes(k -> applyPlane(u, out, k));
    }

    private void applyPlane(float[] u, float[] out, int k) {
        for (int j = 1; j <= ny; j++) {
            int p0 = 1 + px * (j + (ny + 2) * k);
            for (int p = p0; p < p0 + nx; p++) {
                out[p] = (mass[p] + faceSum[p]) * u[p] - neighbourSum(u, p);
            }
        }
    }

    /** {@code degree} steps of {@link ChebyshevJacobi} smoothing on [lambdaMax/ratio, lambdaMax]. */
    void smooth(float[] u, float[] rhs, int degree, double ratio) {
        ChebyshevJacobi.smooth(this, r, d, lambdaMax, u, rhs, degree, ratio);
    }

    /** Runs body over each interior row [p0, p1), planes in parallel on large levels (see {@link #forPlanes}). */
    public void forInterior(RowBody body) {
        forPlanes(k -> {
            for (int j = 1; j <= ny; j++) {
                int p0 = 1 + px * (j + (ny + 2) * k);
                body.row(p0, p0 + nx);
            }
        });
    }

    /**
     * Runs body for each interior plane k = 1..nz: on levels of at least {@link #PARALLEL_CELLS} cells
     * the planes are shared among the common fork-join pool's threads (z-slabs). Every cell's result
     * depends only on its own inputs, so the results do not depend on the thread count or the split.
     */
    void forPlanes(java.util.function.IntConsumer body) {
        if (cells() >= PARALLEL_CELLS) {
            java.util.stream.IntStream.rangeClosed(1, nz).parallel().forEach(body);
        } else {
            for (int k = 1; k <= nz; k++) {
                body.accept(k);
            }
        }
    }

    /** Levels from this size up run their passes over z-slabs in parallel. Choice (C): 32³. */
    static final int PARALLEL_CELLS = 32 * 32 * 32;

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

    @FunctionalInterface
    interface RowBody {
        void row(int p0, int p1);
    }
}

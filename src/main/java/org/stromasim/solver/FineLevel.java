package org.stromasim.solver;

import java.util.Arrays;

/**
 * The fine level of the geometric hierarchy without stored coefficients: each pass computes the face
 * conductances (harmonic means of the voxel conductivity, {@link HalfConductances#series} in float),
 * the held-face conductances, the mass a·h² and the diagonal of each cell from the caller's
 * conductivity and absorption as it goes. The fine level is the largest array set of the solver, and
 * storing these coefficients would cost 24 B per voxel.
 *
 * <p>Cost: a pass reads 4 bytes of conductivity per cell instead of 20 of stored faces, face sum and
 * mass, and pays float divisions instead, which C2 (JDK 17) does not vectorise in these loops (their
 * neighbour offsets are loop-invariant, not constant), so the number of divisions per cell sets the
 * cost. Each face is therefore computed once per pass: an x face in a row buffer shared by the two
 * cells it separates, a y face once per row pair (row j's + faces are kept in a row buffer as row
 * j + 1's − faces), a z face once per plane pair (the planes of a z-slab run in order on one thread and
 * keep plane k's + faces in a plane buffer as plane k + 1's − faces). So 3 divisions per cell, one more
 * in the smoother's residual pass, which writes the Jacobi-scaled residual so that its update pass
 * needs no diagonal. Each running slab has its own buffers (a few rows and two planes: 0.13 MiB at 128²).
 *
 * <p>The operator is the one {@link LevelBuilder#faces} stores for a fine level (faces to the ghosts
 * of a periodic axis wrap, a held face adds 2·K to the diagonal only), up to the float rounding of the
 * face values; the solver's double residual does not use it, so only the preconditioner sees that
 * rounding. A face computed from either side is the same float (a·b and a + b commute), so results do
 * not depend on how the planes are split among threads.
 */
final class FineLevel extends MultigridLevel {

    /**
     * Added to the sum of two half conductances so that a face between two K = 0 cells is 0·0/tiny = 0
     * without a branch. The smallest normal float: it does not change a sum of 2⁻¹⁰¹ or more (below half
     * its unit in the last place), so every face of a physical conductivity is the plain a·b/(a + b),
     * and no subnormal enters the arithmetic.
     */
    private static final float NO_FACE = Float.MIN_NORMAL;

    private static final int RESIDUAL = 0;
    private static final int APPLY = 1;
    private static final int JACOBI = 2;
    private static final int JACOBI_GUARDED = 3;
    private static final int DIAGONAL = 4;

    /** The caller's conductivity per voxel (unpadded, not copied). */
    private float[] conductivity;
    private final boolean[] fixedFace = new boolean[6];
    /** Per x position of a row: how many of its x domain faces hold a value (0, 1, 2). */
    private final float[] heldX;
    /** a·h² in every voxel when {@link #absorption} is null. */
    private float uniformMass;
    /** The caller's absorption per voxel (not copied), or null. */
    private double[] absorption;
    /** The same in float (the other is null), or null. */
    private float[] absorptionFloat;
    private double h2;
    /** Per plane: max over its cells of Σ coupled faces / diag ({@link #refreshDiagonal}). */
    private final double[] planeWorst;
    /** Per plane: whether it has a cell with a zero diagonal (no mass, no face). */
    private final boolean[] planeZeroDiagonal;
    /** Whether any cell has a zero diagonal: then the Jacobi residual takes the guarded branch. */
    private boolean zeroDiagonal;
    /**
     * Buffers of the slabs not running now: a slab borrows one set and returns it, so there are at most as
     * many sets as slabs ever ran at once, and they go with the level (a thread-local would keep one per
     * pool thread for as long as the thread lives, and solvers built per solve would pile them up).
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Buffers> idleBuffers =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Whether this level's row loops run on the Vector API ({@link #VECTOR} unless a test asks for the scalar loops). */
    private final boolean vectorRows;

    FineLevel(int nx, int ny, int nz, boolean[] periodic) {
        this(nx, ny, nz, periodic, VECTOR);
    }

    /** @param vectorRows false: the scalar row loops even where the Vector API is present (tests of both paths) */
    FineLevel(int nx, int ny, int nz, boolean[] periodic, boolean vectorRows) {
        super(nx, ny, nz, periodic, false);
        this.vectorRows = vectorRows && VECTOR;
        planeWorst = new double[nz + 2];
        planeZeroDiagonal = new boolean[nz + 2];
        heldX = new float[nx];
    }

    /**
     * Whether the row loops run with the Vector API ({@link FineLevelVectorRows}; the JVM was started
     * with {@code --add-modules jdk.incubator.vector}), else the scalar loops (bitwise the same results).
     */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Faces shared between rows and planes, one row's results ({@link #slab}) and where the row reads. */
    static final class Buffers {
        /** fx[i]: the face between cells i − 1 and i of the row; fx[0] and fx[nx] the domain faces (wrapped or 0). */
        final float[] fx;
        /** The row's faces to the row below (y−) and above (y+), swapped from one row to the next. */
        float[] fyLo;
        float[] fyHi;
        /** The plane's faces to the plane below (z−) and above (z+), per (i, j), swapped from one plane to the next. */
        float[] fzLo;
        float[] fzHi;
        final float[] mass;
        final float[] diag;
        /** Per cell of the row: A·u, or Σ of the coupled faces in the {@link #DIAGONAL} pass. */
        final float[] product;
        /** The row being computed: conductivity, its first voxel, that voxel's plane-local index, the voxels above it in y and z. */
        float[] kv;
        int v0;
        int q0;
        int yp;
        int zp;
        /** 1 where the row has a y+ (z+) face to another cell, else 0; the number of held y and z faces. */
        float yHi;
        float zHi;
        float heldYz;
        float[] heldX;

        Buffers(int nx, int ny) {
            fx = new float[nx + 1];
            fyLo = new float[nx];
            fyHi = new float[nx];
            fzLo = new float[nx * ny];
            fzHi = new float[nx * ny];
            mass = new float[nx];
            diag = new float[nx];
            product = new float[nx];
        }
    }

    /** Takes the conductivity (kept, not copied) and which domain faces hold a value (Face ordinal order). */
    void assemble(float[] k, boolean[] fixed) {
        conductivity = k;
        System.arraycopy(fixed, 0, fixedFace, 0, 6);
        Arrays.fill(heldX, 0f);
        heldX[0] += fixed[0] ? 1f : 0f;
        heldX[nx - 1] += fixed[1] ? 1f : 0f;
    }

    void setUniformMass(double massTimesH2) {
        uniformMass = (float) massTimesH2;
        absorption = null;
        absorptionFloat = null;
    }

    /** Mass a_v·h² per voxel from the caller's absorption (kept, not copied). */
    void setAbsorption(double[] a, double h2) {
        absorption = a;
        absorptionFloat = null;
        this.h2 = h2;
    }

    /** As {@link #setAbsorption(double[], double)} from a float absorption. */
    void setAbsorption(float[] a, double h2) {
        absorption = null;
        absorptionFloat = a;
        this.h2 = h2;
    }

    private float massOf(int v) {
        if (absorption != null) {
            return (float) (absorption[v] * h2);
        }
        return absorptionFloat != null ? (float) (absorptionFloat[v] * h2) : uniformMass;
    }

    /** Whether voxel v has a·h² &gt; 0 as the passes round it. */
    boolean hasMass(int v) {
        return massOf(v) > 0;
    }

    /** Whether every cell has a &gt; 0 (then no region can be singular). */
    boolean massEverywhere() {
        if (absorption == null && absorptionFloat == null) {
            return uniformMass > 0;
        }
        for (int v = 0; v < conductivity.length; v++) {
            if (!hasMass(v)) {
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
        forSlabs(DIAGONAL, null, null, null);
        double worst = 0;
        boolean zero = false;
        for (int k = 1; k <= nz; k++) {
            worst = Math.max(worst, planeWorst[k]);
            zero |= planeZeroDiagonal[k];
        }
        lambdaMax = 1 + worst;
        zeroDiagonal = zero;
    }

    @Override
    void residual(float[] u, float[] rhs, float[] out) {
        fillGhosts(u);
        operatorCellUpdates += cells();
        forSlabs(RESIDUAL, u, rhs, out);
    }

    @Override
    void apply(float[] u, float[] out) {
        fillGhosts(u);
        operatorCellUpdates += cells();
        forSlabs(APPLY, u, null, out);
    }

    /**
     * out = diag⁻¹·(rhs − A·u) with the diagonal computed here. A zero diagonal (a cell without mass or
     * face, which the solver's singularity check refuses on the fine level) gets 0 through a guarded
     * branch, taken only when {@link #refreshDiagonal} saw one.
     */
    @Override
    public void jacobiResidual(float[] u, float[] rhs, float[] out) {
        fillGhosts(u);
        operatorCellUpdates += cells();
        forSlabs(zeroDiagonal ? JACOBI_GUARDED : JACOBI, u, rhs, out);
    }

    /**
     * Runs a pass over z-slabs of consecutive planes, the slabs in parallel on large levels: several
     * slabs per thread so that a slowed thread does not hold the others up, few enough that the
     * z faces computed twice (at the first plane of each slab) stay a small share.
     */
    private void forSlabs(int mode, float[] u, float[] rhs, float[] out) {
        if (cells() < PARALLEL_CELLS) {
            slab(mode, u, rhs, out, 1, nz + 1);
            return;
        }
        int slabs = Math.min(nz, 4 * (java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1));
        java.util.stream.IntStream.range(0, slabs).parallel().forEach(s ->
                slab(mode, u, rhs, out, 1 + (int) ((long) nz * s / slabs), 1 + (int) ((long) nz * (s + 1) / slabs)));
    }

    /** Planes k0 ≤ k &lt; k1 (padded) of a pass, in order, with a borrowed set of buffers. */
    private void slab(int mode, float[] u, float[] rhs, float[] out, int k0, int k1) {
        Buffers b = idleBuffers.poll();
        if (b == null) {
            b = new Buffers(nx, ny);
        }
        try {
            slab(b, mode, u, rhs, out, k0, k1);
        } finally {
            idleBuffers.offer(b);
        }
    }

    private void slab(Buffers b, int mode, float[] u, float[] rhs, float[] out, int k0, int k1) {
        for (int k = k0; k < k1; k++) {
            if (k == k0) {
                lowerFaces(b, k);
            } else {
                float[] swap = b.fzLo;
                b.fzLo = b.fzHi;
                b.fzHi = swap;
            }
            double worst = 0;
            boolean zero = false;
            for (int j = 1; j <= ny; j++) {
                row(b, mode != DIAGONAL, u, j, k);
                int p0 = 1 + px * (j + (ny + 2) * k);
                float[] diag = b.diag;
                float[] product = b.product;
                switch (mode) {
                    case RESIDUAL -> {
                        for (int i = 0; i < nx; i++) {
                            out[p0 + i] = rhs[p0 + i] - product[i];
                        }
                    }
                    case APPLY -> System.arraycopy(product, 0, out, p0, nx);
                    case JACOBI -> {
                        for (int i = vectorRows ? FineLevelVectorRows.jacobi(rhs, product, diag, out, p0, nx) : 0; i < nx; i++) {
                            out[p0 + i] = (rhs[p0 + i] - product[i]) / diag[i];
                        }
                    }
                    case JACOBI_GUARDED -> {
                        for (int i = 0; i < nx; i++) {
                            out[p0 + i] = diag[i] > 0 ? (rhs[p0 + i] - product[i]) / diag[i] : 0f;
                        }
                    }
                    default -> {
                        for (int i = 0; i < nx; i++) {
                            coupled[p0 + i] = (byte) (product[i] > 0 ? 1 : 0);
                            if (diag[i] > 0) {
                                worst = Math.max(worst, (double) product[i] / diag[i]);
                            } else {
                                zero = true;
                            }
                        }
                    }
                }
            }
            if (mode == DIAGONAL) {
                planeWorst[k] = worst;
                planeZeroDiagonal[k] = zero;
            }
        }
    }

    /** The z− faces of plane k (padded) into b.fzLo: 0 at a non-periodic domain face. */
    private void lowerFaces(Buffers b, int k) {
        float[] kv = conductivity;
        int kk = k - 1;
        int plane = nx * ny;
        int v0 = plane * kk;
        int zm = v0 + (kk > 0 ? -plane : plane * (nz - 1));
        float on = kk > 0 || periodic[2] ? 1f : 0f;
        float[] lo = b.fzLo;
        for (int q = 0; q < plane; q++) {
            lo[q] = series(2f * kv[v0 + q], 2f * kv[zm + q]) * on;
        }
    }

    /**
     * One interior row (padded j, k ≥ 1): its faces, its diagonal into b.diag, and into b.product either
     * A·u ({@code product}; u's periodic ghosts filled) or Σ of its coupled faces. Rows of a plane must
     * come in order j = 1, 2, … and planes of a slab in order (the − faces are the + faces the row or
     * plane before left in b). A face that does not exist (a zero-flux or held domain face) is computed
     * against the wrapped voxel, which always exists, and multiplied by 0, so the loop has no branch.
     */
    private void row(Buffers b, boolean product, float[] u, int j, int k) {
        float[] kv = conductivity;
        int jj = j - 1;
        int kk = k - 1;
        int plane = nx * ny;
        int q0 = nx * jj;
        int v0 = q0 + plane * kk;
        int yp = v0 + (jj < ny - 1 ? nx : -nx * (ny - 1));
        int zp = v0 + (kk < nz - 1 ? plane : -plane * (nz - 1));
        float yHi = jj < ny - 1 || periodic[1] ? 1f : 0f;
        float zHi = kk < nz - 1 || periodic[2] ? 1f : 0f;
        float heldYz = (jj == 0 && fixedFace[2] ? 1f : 0f) + (jj == ny - 1 && fixedFace[3] ? 1f : 0f)
                + (kk == 0 && fixedFace[4] ? 1f : 0f) + (kk == nz - 1 && fixedFace[5] ? 1f : 0f);

        float[] fx = b.fx;
        for (int i = vectorRows ? FineLevelVectorRows.xFaces(kv, v0, fx, nx - 1, NO_FACE) : 0; i < nx - 1; i++) {
            fx[i + 1] = series(2f * kv[v0 + i], 2f * kv[v0 + i + 1]);
        }
        float wrap = periodic[0] ? series(2f * kv[v0 + nx - 1], 2f * kv[v0]) : 0f;
        fx[0] = wrap;
        fx[nx] = wrap;

        if (j == 1) {
            int ym = v0 + nx * (ny - 1);
            float on = periodic[1] ? 1f : 0f;
            float[] lo = b.fyLo;
            for (int i = 0; i < nx; i++) {
                lo[i] = series(2f * kv[v0 + i], 2f * kv[ym + i]) * on;
            }
        } else {
            float[] swap = b.fyLo;
            b.fyLo = b.fyHi;
            b.fyHi = swap;
        }

        float[] mass = b.mass;
        if (absorption != null) {
            double[] a = absorption;
            for (int i = 0; i < nx; i++) {
                mass[i] = (float) (a[v0 + i] * h2);
            }
        } else if (absorptionFloat != null) {
            float[] a = absorptionFloat;
            for (int i = 0; i < nx; i++) {
                mass[i] = (float) (a[v0 + i] * h2);
            }
        } else {
            Arrays.fill(mass, uniformMass);
        }

        float[] fyLo = b.fyLo;
        float[] fyHi = b.fyHi;
        float[] fzLo = b.fzLo;
        float[] fzHi = b.fzHi;
        float[] diag = b.diag;
        float[] out = b.product;
        float[] held = heldX;
        int p0 = 1 + px * (j + (ny + 2) * k);
        b.kv = kv;
        b.v0 = v0;
        b.q0 = q0;
        b.yp = yp;
        b.zp = zp;
        b.yHi = yHi;
        b.zHi = zHi;
        b.heldYz = heldYz;
        b.heldX = held;
        int from = vectorRows ? FineLevelVectorRows.cells(b, u, p0, px, pxy, product, nx, NO_FACE) : 0;
        for (int i = from; i < nx; i++) {
            int q = q0 + i;
            float twoK = 2f * kv[v0 + i];
            float yUp = series(twoK, 2f * kv[yp + i]) * yHi;
            float zUp = series(twoK, 2f * kv[zp + i]) * zHi;
            fyHi[i] = yUp;
            fzHi[q] = zUp;
            float xLo = fx[i];
            float xUp = fx[i + 1];
            float yLo = fyLo[i];
            float zLo = fzLo[q];
            float coupledSum = (xLo + xUp) + (yLo + yUp) + (zLo + zUp);
            float dg = mass[i] + coupledSum + (heldYz + held[i]) * twoK;
            diag[i] = dg;
            if (product) {
                int p = p0 + i;
                out[i] = dg * u[p] - ((xLo * u[p - 1] + xUp * u[p + 1]) + (yLo * u[p - px] + yUp * u[p + px])
                        + (zLo * u[p - pxy] + zUp * u[p + pxy]));
            } else {
                out[i] = coupledSum;
            }
        }
    }

    /** The face between two half cells of conductance a, b ≥ 0: a·b/(a + b), 0 when both are 0 (see {@link #NO_FACE}). */
    private static float series(float a, float b) {
        return a * b / (a + b + NO_FACE);
    }
}

package org.stromasim.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fine level's passes, which compute the face conductances, held faces, masses and diagonal per
 * pass, against the operator written out plainly here voxel by voxel in double (explicit neighbour
 * look-ups, harmonic-mean faces, 2·K at a held face, the wrapped voxel across a periodic face):
 * a voxel-wise random 1:1000 conductivity with a K = 0 hole, per-voxel absorption with zeros, on an
 * odd-sized grid with each kind of face. The passes run in float, so each cell may differ from the
 * double answer by a few float roundings of its largest term: the tolerance is 1e-5 of the sum of the
 * absolute terms (float ε = 6·10⁻⁸ times the ~15 operations of a cell, with margin).
 */
class FineLevelTest {

    /** The grid: odd-sized and small by default; a test may enlarge it before building anything. */
    private int nx = 9;
    private int ny = 6;
    private int nz = 5;
    private static final double H2 = 4.0;

    /** Face kinds per axis: 0 zero-flux, 1 held (both sides), 2 periodic. */
    private record Setup(int[] kinds) {
        boolean periodic(int axis) {
            return kinds[axis] == 2;
        }

        boolean held(int axis) {
            return kinds[axis] == 1;
        }

        boolean[] periodicAxes() {
            return new boolean[] {periodic(0), periodic(1), periodic(2)};
        }

        boolean[] fixedFaces() {
            boolean[] f = new boolean[6];
            for (int axis = 0; axis < 3; axis++) {
                f[2 * axis] = held(axis);
                f[2 * axis + 1] = held(axis);
            }
            return f;
        }
    }

    private static final Setup[] SETUPS = {
        new Setup(new int[] {2, 1, 0}),
        new Setup(new int[] {1, 0, 2}),
        new Setup(new int[] {0, 2, 1}),
    };

    private float[] conductivity(long seed) {
        Random rnd = new Random(seed);
        float[] k = new float[nx * ny * nz];
        for (int v = 0; v < k.length; v++) {
            k[v] = (float) Math.pow(1000, rnd.nextDouble());
        }
        // a hole (D = 0) touching the x− and y− domain faces and a lone one inside
        for (int kk = 1; kk < 3; kk++) {
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < 3; i++) {
                    k[i + nx * (j + ny * kk)] = 0f;
                }
            }
        }
        k[5 + nx * (3 + ny * 2)] = 0f;
        return k;
    }

    private double[] absorption(long seed) {
        Random rnd = new Random(seed);
        double[] a = new double[nx * ny * nz];
        for (int v = 0; v < a.length; v++) {
            a[v] = rnd.nextInt(4) == 0 ? 0.0 : rnd.nextDouble() * 3;
        }
        return a;
    }

    /** The plain operator's coefficients of voxel v: [0] the diagonal, then per face its conductance and neighbour voxel (−1 none). */
    private double[] diagonal(Setup s, float[] k, double[] a, double[][] faceT, int[][] faceNb) {
        int cells = nx * ny * nz;
        double[] diag = new double[cells];
        int[] n = {nx, ny, nz};
        for (int kk = 0; kk < nz; kk++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * kk);
                    double d = a[v] * H2;
                    for (int f = 0; f < 6; f++) {
                        int axis = f / 2;
                        int[] c = {i, j, kk};
                        c[axis] += f % 2 == 0 ? -1 : 1;
                        faceNb[v][f] = -1;
                        faceT[v][f] = 0;
                        if (c[axis] < 0 || c[axis] >= n[axis]) {
                            if (s.held(axis)) {
                                d += 2.0 * k[v];
                                continue;
                            }
                            if (!s.periodic(axis)) {
                                continue;
                            }
                            c[axis] = Math.floorMod(c[axis], n[axis]);
                        }
                        int nb = c[0] + nx * (c[1] + ny * c[2]);
                        double t = k[v] + k[nb] > 0 ? 2.0 * k[v] * k[nb] / ((double) k[v] + k[nb]) : 0;
                        faceNb[v][f] = nb;
                        faceT[v][f] = t;
                        d += t;
                    }
                    diag[v] = d;
                }
            }
        }
        return diag;
    }

    /**
     * The level under test, with the Vector API row loops or the scalar ones: the test JVM always has the
     * vector module, so a plain {@code java -jar} user's path would otherwise run only on rows' tails.
     */
    private FineLevel level(Setup s, float[] k, double[] a, boolean vectorRows) {
        FineLevel level = new FineLevel(nx, ny, nz, s.periodicAxes(), vectorRows);
        level.assemble(k, s.fixedFaces());
        level.setAbsorption(a, H2);
        level.refreshDiagonal(null);
        return level;
    }

    private float[] padded(FineLevel level, double[] values) {
        float[] out = new float[level.size];
        for (int kk = 0; kk < nz; kk++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    out[level.index(i, j, kk)] = (float) values[i + nx * (j + ny * kk)];
                }
            }
        }
        return out;
    }

    private double[] randomValues(long seed) {
        Random rnd = new Random(seed);
        double[] u = new double[nx * ny * nz];
        for (int v = 0; v < u.length; v++) {
            u[v] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return u;
    }

    @ParameterizedTest(name = "vector rows {0}")
    @ValueSource(booleans = {true, false})
    void applyResidualAndJacobiResidualMatchThePlainOperator(boolean vectorRows) {
        for (int si = 0; si < SETUPS.length; si++) {
            Setup s = SETUPS[si];
            float[] k = conductivity(11 + si);
            double[] a = absorption(21 + si);
            int cells = nx * ny * nz;
            double[][] faceT = new double[cells][6];
            int[][] faceNb = new int[cells][6];
            double[] diag = diagonal(s, k, a, faceT, faceNb);
            FineLevel level = level(s, k, a, vectorRows);
            double[] u = randomValues(31 + si);
            double[] rhs = randomValues(41 + si);
            float[] uP = padded(level, u);
            float[] rhsP = padded(level, rhs);
            float[] applied = new float[level.size];
            float[] residual = new float[level.size];
            level.apply(uP, applied);
            level.residual(uP, rhsP, residual);
            level.jacobiResidual(uP, rhsP, level.r);
            for (int v = 0; v < cells; v++) {
                double au = diag[v] * u[v];
                double scale = Math.abs(au);
                for (int f = 0; f < 6; f++) {
                    if (faceNb[v][f] >= 0) {
                        au -= faceT[v][f] * u[faceNb[v][f]];
                        scale += Math.abs(faceT[v][f] * u[faceNb[v][f]]);
                    }
                }
                int p = level.index(v % nx, (v / nx) % ny, v / (nx * ny));
                double tol = 1e-5 * (scale + Math.abs(rhs[v]));
                String where = "setup " + si + " voxel " + v;
                assertEquals(au, applied[p], tol, "A·u, " + where);
                assertEquals(rhs[v] - au, residual[p], tol, "rhs − A·u, " + where);
                double jacobi = diag[v] > 0 ? (rhs[v] - au) / diag[v] : 0;
                assertEquals(jacobi, level.r[p], diag[v] > 0 ? tol / diag[v] : 0, "(rhs − A·u)/diag, " + where);
            }
        }
    }

    @ParameterizedTest(name = "vector rows {0}")
    @ValueSource(booleans = {true, false})
    void coupledFlagsBoundAndRestrictedMassMatchThePlainOperator(boolean vectorRows) {
        for (int si = 0; si < SETUPS.length; si++) {
            Setup s = SETUPS[si];
            float[] k = conductivity(51 + si);
            double[] a = absorption(61 + si);
            int cells = nx * ny * nz;
            double[][] faceT = new double[cells][6];
            int[][] faceNb = new int[cells][6];
            double[] diag = diagonal(s, k, a, faceT, faceNb);
            FineLevel level = level(s, k, a, vectorRows);
            double worst = 0;
            int[] shape = {LevelBuilder.coarse(nx), LevelBuilder.coarse(ny), LevelBuilder.coarse(nz)};
            double[] coarseMass = new double[shape[0] * shape[1] * shape[2]];
            int holes = 0;
            for (int v = 0; v < cells; v++) {
                double coupledSum = 0;
                for (int f = 0; f < 6; f++) {
                    coupledSum += faceT[v][f];
                }
                int i = v % nx;
                int j = (v / nx) % ny;
                int kk = v / (nx * ny);
                int p = level.index(i, j, kk);
                assertEquals(coupledSum > 0 ? 1 : 0, level.coupled[p], "coupled flag, setup " + si + " voxel " + v);
                holes += coupledSum > 0 ? 0 : 1;
                if (diag[v] > 0) {
                    worst = Math.max(worst, coupledSum / diag[v]);
                }
                if (coupledSum > 0) {
                    coarseMass[i / 2 + shape[0] * (j / 2 + shape[1] * (kk / 2))] += a[v] * H2;
                }
            }
            assertTrue(holes > 0, "the hole leaves uncoupled cells");
            assertEquals(1 + worst, level.lambdaMax, 1e-6, "Gershgorin bound, setup " + si);
            MultigridLevel coarse = new MultigridLevel(shape[0], shape[1], shape[2], s.periodicAxes());
            level.restrictMass(coarse);
            for (int c = 0; c < coarseMass.length; c++) {
                int p = coarse.index(c % shape[0], (c / shape[0]) % shape[1], c / (shape[0] * shape[1]));
                assertEquals(coarseMass[c], coarse.mass[p], 1e-5 * (1 + coarseMass[c]), "coarse mass, setup " + si + " cell " + c);
            }
        }
    }

    @ParameterizedTest(name = "vector rows {0}")
    @ValueSource(booleans = {true, false})
    void uniformMassIsTheSameOperatorAsThatMassPerVoxel(boolean vectorRows) {
        Setup s = SETUPS[0];
        float[] k = conductivity(71);
        double[] a = new double[nx * ny * nz];
        java.util.Arrays.fill(a, 0.75);
        FineLevel perVoxel = level(s, k, a, vectorRows);
        FineLevel uniform = new FineLevel(nx, ny, nz, s.periodicAxes(), vectorRows);
        uniform.assemble(k, s.fixedFaces());
        uniform.setUniformMass(0.75 * H2);
        uniform.refreshDiagonal(null);
        float[] uP = padded(perVoxel, randomValues(72));
        float[] x = new float[perVoxel.size];
        float[] y = new float[perVoxel.size];
        perVoxel.apply(uP, x);
        uniform.apply(uP, y);
        assertTrue(java.util.Arrays.equals(x, y), "uniform a·h² and the same value per voxel give the same A·u");
        assertTrue(uniform.massEverywhere());
        a[3] = 0;
        assertTrue(!level(s, k, a, vectorRows).massEverywhere(), "one voxel without absorption is seen");
    }
    /**
     * On a level of at least {@link MultigridLevel#PARALLEL_CELLS} cells the passes run over z-slabs in
     * parallel, each slab carrying its z faces from plane to plane: the operator and the Jacobi-scaled
     * residual must still be the plain operator's in every plane, the slabs' first planes included
     * (periodic z, so the first and last planes also read across the wrap).
     */
    @ParameterizedTest(name = "vector rows {0}")
    @ValueSource(booleans = {true, false})
    void slabsOfALargeLevelGiveThePlainOperatorInEveryPlane(boolean vectorRows) {
        nx = 32;
        ny = 33;
        nz = 34;
        Setup s = new Setup(new int[] {1, 0, 2});
        float[] k = conductivity(121);
        double[] a = absorption(122);
        for (int v = 0; v < a.length; v++) {
            a[v] += 0.25; // no zero diagonal: the unguarded Jacobi loop
        }
        int cells = nx * ny * nz;
        assertTrue(cells >= MultigridLevel.PARALLEL_CELLS);
        double[][] faceT = new double[cells][6];
        int[][] faceNb = new int[cells][6];
        double[] diag = diagonal(s, k, a, faceT, faceNb);
        FineLevel level = level(s, k, a, vectorRows);
        double[] u = randomValues(123);
        double[] rhs = randomValues(124);
        float[] uP = padded(level, u);
        float[] applied = new float[level.size];
        level.apply(uP, applied);
        level.jacobiResidual(uP, padded(level, rhs), level.r);
        for (int v = 0; v < cells; v++) {
            double au = diag[v] * u[v];
            double scale = Math.abs(au);
            for (int f = 0; f < 6; f++) {
                if (faceNb[v][f] >= 0) {
                    au -= faceT[v][f] * u[faceNb[v][f]];
                    scale += Math.abs(faceT[v][f] * u[faceNb[v][f]]);
                }
            }
            int p = level.index(v % nx, (v / nx) % ny, v / (nx * ny));
            double tol = 1e-5 * (scale + Math.abs(rhs[v]));
            assertEquals(au, applied[p], tol, "A·u, voxel " + v);
            double jacobi = diag[v] > 0 ? (rhs[v] - au) / diag[v] : 0;
            assertEquals(jacobi, level.r[p], diag[v] > 0 ? tol / diag[v] : 0, "(rhs − A·u)/diag, voxel " + v);
        }
    }

    /**
     * Four Chebyshev–Jacobi steps on [λ/4, λ] (Saad, Alg. 12.1, Jacobi-preconditioned) written here in
     * double with the plain operator: the fine level's smoother, whose residual pass scales by the
     * diagonal it computes, must give the same iterate up to float rounding.
     */
    @ParameterizedTest(name = "vector rows {0}")
    @ValueSource(booleans = {true, false})
    void smootherMatchesChebyshevJacobiOnThePlainOperator(boolean vectorRows) {
        for (int si = 0; si < SETUPS.length; si++) {
            Setup s = SETUPS[si];
            float[] k = conductivity(81 + si);
            double[] a = absorption(91 + si);
            int cells = nx * ny * nz;
            double[][] faceT = new double[cells][6];
            int[][] faceNb = new int[cells][6];
            double[] diag = diagonal(s, k, a, faceT, faceNb);
            FineLevel level = level(s, k, a, vectorRows);
            double[] u = randomValues(101 + si);
            double[] rhs = randomValues(111 + si);
            float[] uP = padded(level, u);
            level.smooth(uP, padded(level, rhs), 4, 4.0);

            double worst = 0;
            for (int v = 0; v < cells; v++) {
                double coupledSum = 0;
                for (int f = 0; f < 6; f++) {
                    coupledSum += faceT[v][f];
                }
                if (diag[v] > 0) {
                    worst = Math.max(worst, coupledSum / diag[v]);
                }
            }
            double upper = 1 + worst;
            double lower = upper / 4.0;
            double theta = 0.5 * (upper + lower);
            double delta = 0.5 * (upper - lower);
            double sigma = theta / delta;
            double rho = 1 / sigma;
            double[] x = u.clone();
            double[] d = new double[cells];
            for (int step = 0; step < 4; step++) {
                double[] z = new double[cells];
                for (int v = 0; v < cells; v++) {
                    double au = diag[v] * x[v];
                    for (int f = 0; f < 6; f++) {
                        if (faceNb[v][f] >= 0) {
                            au -= faceT[v][f] * x[faceNb[v][f]];
                        }
                    }
                    z[v] = diag[v] > 0 ? (rhs[v] - au) / diag[v] : 0;
                }
                double rhoNew = step == 0 ? rho : 1 / (2 * sigma - rho);
                for (int v = 0; v < cells; v++) {
                    d[v] = step == 0 ? z[v] / theta : rhoNew * rho * d[v] + 2 * rhoNew / delta * z[v];
                    x[v] += d[v];
                }
                rho = rhoNew;
            }
            for (int v = 0; v < cells; v++) {
                int p = level.index(v % nx, (v / nx) % ny, v / (nx * ny));
                assertEquals(x[v], uP[p], 1e-5 * (1 + Math.abs(x[v])), "smoothed iterate, setup " + si + " voxel " + v);
            }
        }
    }
}

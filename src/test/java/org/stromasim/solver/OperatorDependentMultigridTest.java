package org.stromasim.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Face;

/**
 * The operator-dependent coarsening against answers it did not compute: the coarse operator against a
 * dense Pᵀ·A·P formed here from a 7-point matrix assembled here, the interpolation weights against the
 * flux shares of a layered medium and trilinear weights for constant K, the solution against a plain
 * Jacobi-preconditioned CG written here, and the per-cycle reduction on the fields of issue 12.
 */
class OperatorDependentMultigridTest {

    // ---- plain references, written here ----

    /** The 7-point matrix (h = 1) of a·u − ∇·(K∇u): harmonic-mean faces, 2K at a held face, wrapped periodic faces. */
    private static double[][] denseOperator(int nx, int ny, int nz, float[] k, double[] a, Map<Face, FaceCondition> faces) {
        int cells = nx * ny * nz;
        double[][] m = new double[cells][cells];
        int[] n = {nx, ny, nz};
        for (int kk = 0; kk < nz; kk++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * kk);
                    m[v][v] += a[v];
                    for (Face face : Face.values()) {
                        int[] c = {i, j, kk};
                        c[face.axis()] += face.side();
                        FaceCondition cond = faces.getOrDefault(face, FaceCondition.ZERO_FLUX);
                        if (c[face.axis()] < 0 || c[face.axis()] >= n[face.axis()]) {
                            if (cond.kind() == FaceCondition.Kind.FIXED) {
                                m[v][v] += 2.0 * k[v];
                                continue;
                            }
                            if (cond.kind() == FaceCondition.Kind.ZERO_FLUX) {
                                continue;
                            }
                            c[face.axis()] = Math.floorMod(c[face.axis()], n[face.axis()]);
                        }
                        int nb = c[0] + nx * (c[1] + ny * c[2]);
                        double t = k[v] + k[nb] > 0 ? 2.0 * k[v] * k[nb] / ((double) k[v] + k[nb]) : 0;
                        m[v][v] += t;
                        m[v][nb] -= t;
                    }
                }
            }
        }
        return m;
    }

    /** Jacobi-preconditioned CG on a dense SPD matrix to a relative residual of 1e-13. */
    private static double[] plainCg(double[][] m, double[] b) {
        int n = b.length;
        double[] x = new double[n];
        double[] r = b.clone();
        double[] z = new double[n];
        double[] p = new double[n];
        double[] q = new double[n];
        double bNorm = Math.sqrt(dot(b, b));
        double rz = 0;
        for (int it = 0; it < 20 * n && Math.sqrt(dot(r, r)) > 1e-13 * bNorm; it++) {
            for (int i = 0; i < n; i++) {
                z[i] = r[i] / m[i][i];
            }
            double rzNew = dot(r, z);
            double beta = it == 0 ? 0 : rzNew / rz;
            rz = rzNew;
            for (int i = 0; i < n; i++) {
                p[i] = z[i] + beta * p[i];
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                double[] row = m[i];
                for (int c = 0; c < n; c++) {
                    s += row[c] * p[c];
                }
                q[i] = s;
            }
            double alpha = rz / dot(p, q);
            for (int i = 0; i < n; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * q[i];
            }
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static Map<Face, FaceCondition> heldInX() {
        Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
        faces.put(Face.X_MIN, FaceCondition.fixed(1));
        faces.put(Face.X_MAX, FaceCondition.fixed(0));
        return faces;
    }

    private static Map<Face, FaceCondition> heldInXPeriodicInYZ() {
        Map<Face, FaceCondition> faces = heldInX();
        for (Face f : new Face[] {Face.Y_MIN, Face.Y_MAX, Face.Z_MIN, Face.Z_MAX}) {
            faces.put(f, FaceCondition.PERIODIC);
        }
        return faces;
    }

    private static boolean[] periodicOf(Map<Face, FaceCondition> faces) {
        boolean[] periodic = new boolean[3];
        for (int axis = 0; axis < 3; axis++) {
            periodic[axis] = faces.getOrDefault(Face.values()[2 * axis], FaceCondition.ZERO_FLUX).kind()
                    == FaceCondition.Kind.PERIODIC;
        }
        return periodic;
    }

    /** The solver's fine level for k, a and the faces (the product's code under test starts after it). */
    private static MultigridLevel fineLevel(int nx, int ny, int nz, float[] k, double[] a, Map<Face, FaceCondition> faces) {
        boolean[] periodic = periodicOf(faces);
        MultigridLevel level = new MultigridLevel(nx, ny, nz, periodic);
        boolean[] fixed = new boolean[6];
        for (Face f : Face.values()) {
            fixed[f.ordinal()] = faces.getOrDefault(f, FaceCondition.ZERO_FLUX).kind() == FaceCondition.Kind.FIXED;
        }
        float[] boundary = new float[level.size];
        LevelBuilder.faces(level, HalfConductances.ofConductivity(k), fixed, boundary);
        for (int kk = 0; kk < nz; kk++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    level.mass[level.index(i, j, kk)] = (float) a[i + nx * (j + ny * kk)];
                }
            }
        }
        level.refreshDiagonal(boundary);
        return level;
    }

    /** P as a dense (fine cells × coarse cells) matrix, column by column from unit coarse vectors. */
    private static double[][] denseP(BlackBoxInterpolation p) {
        int fine = p.nx * p.ny * p.nz;
        int coarse = p.cnx * p.cny * p.cnz;
        double[][] out = new double[fine][coarse];
        StencilLevel shape = new StencilLevel(p.cnx, p.cny, p.cnz, p.periodic);
        int fpx = p.nx + 2;
        int fpy = p.ny + 2;
        for (int c = 0; c < coarse; c++) {
            float[] unit = new float[shape.size];
            unit[shape.index(c % p.cnx, (c / p.cnx) % p.cny, c / (p.cnx * p.cny))] = 1f;
            float[] column = new float[(p.nx + 2) * fpy * (p.nz + 2)];
            p.prolongAdd(unit, column);
            for (int v = 0; v < fine; v++) {
                int i = v % p.nx;
                int j = (v / p.nx) % p.ny;
                int kk = v / (p.nx * p.ny);
                out[v][c] = column[(i + 1) + fpx * ((j + 1) + fpy * (kk + 1))];
            }
        }
        return out;
    }

    /** The coarse level's operator as a dense matrix, column by column from unit vectors through its own apply. */
    private static double[][] denseOf(StencilLevel level) {
        int n = level.cells();
        double[][] out = new double[n][n];
        for (int c = 0; c < n; c++) {
            float[] unit = new float[level.size];
            unit[level.index(c % level.nx, (c / level.nx) % level.ny, c / (level.nx * level.ny))] = 1f;
            float[] column = new float[level.size];
            level.apply(unit, column);
            for (int r = 0; r < n; r++) {
                out[r][c] = column[level.index(r % level.nx, (r / level.nx) % level.ny, r / (level.nx * level.ny))];
            }
        }
        return out;
    }

    private static float[] randomK(int cells, long seed) {
        Random rnd = new Random(seed);
        float[] k = new float[cells];
        for (int v = 0; v < cells; v++) {
            k[v] = (float) Math.pow(1000, rnd.nextDouble());
        }
        return k;
    }

    // ---- the smoother's eigenvalue bound on Galerkin levels ----

    /**
     * The tridiagonal eigenvalue step against the analytic spectrum of tridiag(−1, 2, −1) of size m:
     * λ_max = 2 + 2·cos(π/(m+1)); bisection to 1e-12, checked to 1e-10.
     */
    @Test
    void largestTridiagonalEigenvalueIsAnalytic() {
        for (int m : new int[] {1, 2, 5, 10}) {
            double[] alpha = new double[m];
            double[] beta = new double[m];
            java.util.Arrays.fill(alpha, 2);
            java.util.Arrays.fill(beta, -1);
            assertEquals(2 + 2 * Math.cos(Math.PI / (m + 1)), LanczosBound.largestEigenvalue(alpha, beta, m), 1e-10, "m = " + m);
        }
    }

    /**
     * The smoother's upper bound on the first Galerkin level of a voxel-wise 1:1000 field (16³ fine,
     * 8³ coarse, held x faces) against λ_max of diag^(−1/2)·A·diag^(−1/2) formed densely here from the
     * level's apply and found by 3000 power steps: the bound must lie above it (else the Chebyshev
     * polynomial amplifies the top modes) and within 1.2× (the Lanczos Ritz value widened by 1.1 and
     * a few percent of Ritz error), while the Gershgorin bound lies far above.
     */
    @Test
    void smootherBoundOfAGalerkinLevelIsTightAboveTheSpectrum() {
        int n = 16;
        float[] k = randomK(n * n * n, 9);
        MultigridLevel fine = fineLevel(n, n, n, k, new double[k.length], heldInX());
        BlackBoxInterpolation p = new BlackBoxInterpolation(n, n, n, fine.periodic);
        p.build(Stencil.of(fine));
        StencilLevel coarse = new StencilLevel(p.cnx, p.cny, p.cnz, fine.periodic);
        GalerkinProduct.fill(Stencil.of(fine), p, coarse);
        coarse.refreshDiagonal();
        double[][] m = denseOf(coarse);
        int nc = m.length;
        double[] scale = new double[nc];
        for (int i = 0; i < nc; i++) {
            scale[i] = 1 / Math.sqrt(m[i][i]);
        }
        double[] x = new double[nc];
        Random rnd = new Random(4);
        for (int i = 0; i < nc; i++) {
            x[i] = rnd.nextDouble() - 0.5;
        }
        double lambda = 0;
        for (int it = 0; it < 3000; it++) {
            double[] y = new double[nc];
            for (int i = 0; i < nc; i++) {
                double sum = 0;
                for (int j = 0; j < nc; j++) {
                    sum += scale[i] * m[i][j] * scale[j] * x[j];
                }
                y[i] = sum;
            }
            lambda = dot(x, y) / dot(x, x);
            double norm = Math.sqrt(dot(y, y));
            for (int i = 0; i < nc; i++) {
                x[i] = y[i] / norm;
            }
        }
        assertTrue(coarse.lambdaMax >= lambda, "bound " + coarse.lambdaMax + " below λ_max " + lambda);
        assertTrue(coarse.lambdaMax <= 1.2 * lambda, "bound " + coarse.lambdaMax + " loose against λ_max " + lambda);
        assertTrue(coarse.gershgorin > 2 * lambda, "Gershgorin " + coarse.gershgorin + " against λ_max " + lambda);
    }

    // ---- the Galerkin coarse operator ----

    /**
     * The coarse operator equals Pᵀ·A·P formed densely here, with A the 7-point matrix assembled here in
     * double (the product reads the solver's float coefficients: agreement to float rounding, 1e-5 of
     * the largest entry), on odd and even sizes with held faces, and with two periodic axes.
     */
    @Test
    void coarseOperatorIsTheDenseGalerkinProduct() {
        for (Map<Face, FaceCondition> faces : java.util.List.of(heldInX(), heldInXPeriodicInYZ())) {
            int nx = 7;
            int ny = 6;
            int nz = 4;
            float[] k = randomK(nx * ny * nz, 5);
            double[] a = new double[k.length];
            Random rnd = new Random(9);
            for (int v = 0; v < a.length; v++) {
                a[v] = rnd.nextDouble() < 0.5 ? 0 : rnd.nextDouble();
            }
            MultigridLevel fine = fineLevel(nx, ny, nz, k, a, faces);
            BlackBoxInterpolation p = new BlackBoxInterpolation(nx, ny, nz, fine.periodic);
            p.build(Stencil.of(fine));
            StencilLevel coarse = new StencilLevel(p.cnx, p.cny, p.cnz, fine.periodic);
            GalerkinProduct.fill(Stencil.of(fine), p, coarse);

            double[][] aDense = denseOperator(nx, ny, nz, k, a, faces);
            double[][] pDense = denseP(p);
            int nf = aDense.length;
            int nc = pDense[0].length;
            double[][] expected = new double[nc][nc];
            for (int i = 0; i < nc; i++) {
                for (int j = 0; j < nc; j++) {
                    double s = 0;
                    for (int f = 0; f < nf; f++) {
                        if (pDense[f][i] == 0) {
                            continue;
                        }
                        double ap = 0;
                        for (int g = 0; g < nf; g++) {
                            ap += aDense[f][g] * pDense[g][j];
                        }
                        s += pDense[f][i] * ap;
                    }
                    expected[i][j] = s;
                }
            }
            double[][] actual = denseOf(coarse);
            double scale = 0;
            for (double[] row : expected) {
                for (double e : row) {
                    scale = Math.max(scale, Math.abs(e));
                }
            }
            for (int i = 0; i < nc; i++) {
                for (int j = 0; j < nc; j++) {
                    assertEquals(expected[i][j], actual[i][j], 1e-5 * scale, faces.keySet() + " entry (" + i + ", " + j + ")");
                }
            }
        }
    }

    /**
     * Properties of any Galerkin operator of a symmetric A with zero row sums: the coarse operator is
     * symmetric (entry I→J equals J→I), and with a = 0 and no held face its rows sum to 0 (the
     * interpolation keeps constants), here two levels down on a voxel-wise 1:1000 field, periodic in z.
     */
    @Test
    void coarseOperatorsAreSymmetricWithZeroRowSums() {
        int n = 16;
        Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
        faces.put(Face.Z_MIN, FaceCondition.PERIODIC);
        faces.put(Face.Z_MAX, FaceCondition.PERIODIC);
        float[] k = randomK(n * n * n, 21);
        MultigridLevel fine = fineLevel(n, n, n, k, new double[k.length], faces);
        Stencil above = Stencil.of(fine);
        for (int level = 0; level < 2; level++) {
            BlackBoxInterpolation p = new BlackBoxInterpolation(above.nx(), above.ny(), above.nz(), fine.periodic);
            p.build(above);
            StencilLevel coarse = new StencilLevel(p.cnx, p.cny, p.cnz, fine.periodic);
            GalerkinProduct.fill(above, p, coarse);
            double[][] m = denseOf(coarse);
            for (int i = 0; i < m.length; i++) {
                double rowSum = 0;
                double rowAbs = 0;
                for (int j = 0; j < m.length; j++) {
                    rowSum += m[i][j];
                    rowAbs += Math.abs(m[i][j]);
                    assertEquals(m[i][j], m[j][i], 1e-5 * m[i][i], "level " + (level + 1) + " (" + i + ", " + j + ")");
                }
                // float weights (2^-24) against fine entries up to 1000x apart within a row: ~1e-4 of the row
                assertEquals(0, rowSum, 1e-4 * rowAbs, "level " + (level + 1) + " row " + i);
                assertTrue(m[i][i] > 0, "diagonal " + i);
            }
            above = coarse;
        }
    }

    /**
     * The coarsest solve inverts the level's own 27-point apply, on a level whose periodic y and z axes
     * have two cells (the −1 and +1 offsets meet the same cell and must add up): ‖A·x − b‖ ≤ 1e-5·‖b‖
     * (float storage of b, x and the entries).
     */
    @Test
    void coarsestSolveInvertsALevelWithTwoCellPeriodicAxes() {
        Map<Face, FaceCondition> faces = heldInXPeriodicInYZ();
        int nx = 8;
        int ny = 4;
        int nz = 4;
        float[] k = randomK(nx * ny * nz, 41);
        double[] a = new double[k.length];
        MultigridLevel fine = fineLevel(nx, ny, nz, k, a, faces);
        BlackBoxInterpolation p = new BlackBoxInterpolation(nx, ny, nz, fine.periodic);
        p.build(Stencil.of(fine));
        StencilLevel coarse = new StencilLevel(p.cnx, p.cny, p.cnz, fine.periodic);
        GalerkinProduct.fill(Stencil.of(fine), p, coarse);
        assertEquals(2, coarse.ny);
        Random rnd = new Random(6);
        float[] b = new float[coarse.size];
        double bNorm = 0;
        for (int kk = 0; kk < coarse.nz; kk++) {
            for (int j = 0; j < coarse.ny; j++) {
                for (int i = 0; i < coarse.nx; i++) {
                    float value = (float) (rnd.nextDouble() - 0.5);
                    b[coarse.index(i, j, kk)] = value;
                    bNorm += value * value;
                }
            }
        }
        float[] x = new float[coarse.size];
        DenseLu.of(coarse).solve(coarse, b, x);
        float[] ax = new float[coarse.size];
        coarse.apply(x, ax);
        double rNorm = 0;
        for (int kk = 0; kk < coarse.nz; kk++) {
            for (int j = 0; j < coarse.ny; j++) {
                for (int i = 0; i < coarse.nx; i++) {
                    int q = coarse.index(i, j, kk);
                    rNorm += (ax[q] - b[q]) * (ax[q] - b[q]);
                }
            }
        }
        assertTrue(Math.sqrt(rNorm / bNorm) < 1e-5, "relative residual " + Math.sqrt(rNorm / bNorm));
    }

    // ---- the interpolation ----

    /**
     * Layered medium K(x) (random per layer, 1:1000), a = 0, zero-flux faces: the exact discrete
     * solution between two coarse layers carries one flux, so a fine layer between them takes the
     * coarse values in the proportion of the two face conductances: weight to the left
     * T_left/(T_left + T_right), T the harmonic mean. Every cell's weights sum to 1 (constants kept).
     */
    @Test
    void interpolationFollowsTheFluxOfALayeredMedium() {
        int nx = 9;
        int ny = 4;
        int nz = 4;
        Random rnd = new Random(4);
        float[] layer = new float[nx];
        for (int i = 0; i < nx; i++) {
            layer[i] = (float) Math.pow(1000, rnd.nextDouble());
        }
        float[] k = new float[nx * ny * nz];
        for (int v = 0; v < k.length; v++) {
            k[v] = layer[v % nx];
        }
        MultigridLevel fine = fineLevel(nx, ny, nz, k, new double[k.length], new EnumMap<>(Face.class));
        BlackBoxInterpolation p = new BlackBoxInterpolation(nx, ny, nz, fine.periodic);
        p.build(Stencil.of(fine));
        for (int i = 1; i < nx; i += 2) {
            double left = 2.0 * layer[i - 1] * layer[i] / (layer[i - 1] + layer[i]);
            double right = 2.0 * layer[i] * layer[i + 1] / (layer[i] + layer[i + 1]);
            assertEquals(left / (left + right), p.weight(i, 2, 2, 0), 1e-6, "layer " + i);
            assertEquals(right / (left + right), p.weight(i, 2, 2, 1), 1e-6, "layer " + i);
        }
        float[] random = randomK(k.length, 8);
        MultigridLevel rough = fineLevel(nx, ny, nz, random, new double[k.length], new EnumMap<>(Face.class));
        BlackBoxInterpolation q = new BlackBoxInterpolation(nx, ny, nz, rough.periodic);
        q.build(Stencil.of(rough));
        for (int kk = 0; kk < nz; kk++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double sum = 0;
                    for (int d = 0; d < 8; d++) {
                        sum += q.weight(i, j, kk, d);
                    }
                    assertEquals(1.0, sum, 1e-5, "cell " + i + "," + j + "," + kk);
                }
            }
        }
    }

    /** Constant K, a = 0: the weights are trilinear (1/2 edge, 1/4 face, 1/8 interior of a coarse box). */
    @Test
    void interpolationIsTrilinearForConstantK() {
        int n = 9;
        float[] k = new float[n * n * n];
        java.util.Arrays.fill(k, 3f);
        MultigridLevel fine = fineLevel(n, n, n, k, new double[k.length], new EnumMap<>(Face.class));
        BlackBoxInterpolation p = new BlackBoxInterpolation(n, n, n, fine.periodic);
        p.build(Stencil.of(fine));
        assertEquals(1.0, p.weight(4, 4, 4, 0), 1e-7);
        assertEquals(0.5, p.weight(3, 4, 4, 0), 1e-6);
        assertEquals(0.5, p.weight(4, 3, 4, 2), 1e-6);
        for (int d = 0; d < 4; d++) {
            assertEquals(0.25, p.weight(3, 5, 4, d), 1e-6, "face corner " + d);
        }
        for (int d = 0; d < 8; d++) {
            assertEquals(0.125, p.weight(3, 5, 3, d), 1e-6, "interior corner " + d);
        }
    }

    // ---- the solver with this coarsening ----

    /**
     * The solution with the operator-dependent hierarchy equals a plain Jacobi-CG solution of the
     * 7-point matrix assembled here (to 1e-13 and 1e-11 of the right-hand side: the solver's float
     * search direction stalls its true double residual near 3e-12 at a = 0.01; relative agreement 1e-6
     * allows a condition number of 1e5 at that residual), for held, periodic and
     * zero-flux faces and with vessel holes (K = 0, a > 0).
     */
    @Test
    void solutionMatchesAPlainConjugateGradientSolve() {
        int n = 16;
        int cells = n * n * n;
        Map<Face, FaceCondition> closed = new EnumMap<>(Face.class);
        Object[][] cases = {
            {"held x, voxel-wise", heldInX(), randomK(cells, 31), 0.0},
            {"held x, periodic y/z", heldInXPeriodicInYZ(), randomK(cells, 32), 0.0},
            {"zero-flux, a = 0.01", closed, randomK(cells, 33), 0.01},
            {"held x, vessel holes", heldInX(), TestFields.vesselNetwork(n, 34), 0.0},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Map<Face, FaceCondition> faces = (Map<Face, FaceCondition>) c[1];
            float[] k = (float[]) c[2];
            double[] a = new double[cells];
            for (int v = 0; v < cells; v++) {
                a[v] = k[v] == 0 ? 1.0 : (double) c[3];
            }
            double[] f = new double[cells];
            Random rnd = new Random(2);
            for (int v = 0; v < cells; v++) {
                f[v] = rnd.nextDouble() - 0.3;
            }
            MultigridSolver solver = MultigridSolver.create(n, n, n, 1.0, k, faces, Coarsening.OPERATOR_DEPENDENT);
            solver.setAbsorption(a);
            double[] u = new double[cells];
            MultigridSolver.SolveStats stats = solver.solve(u, f, 1e-11, 60);
            assertTrue(stats.iterations() < 60, c[0] + ": " + stats.residualHistory());

            double[] b = f.clone();
            for (int v = 0; v < cells; v++) {
                int i = v % n;
                if (faces.containsKey(Face.X_MIN) && faces.get(Face.X_MIN).kind() == FaceCondition.Kind.FIXED && i == 0) {
                    b[v] += 2.0 * k[v] * faces.get(Face.X_MIN).value();
                }
            }
            double[] reference = plainCg(denseOperator(n, n, n, k, a, faces), b);
            double diff = 0;
            double norm = 0;
            for (int v = 0; v < cells; v++) {
                diff += (u[v] - reference[v]) * (u[v] - reference[v]);
                norm += reference[v] * reference[v];
            }
            assertTrue(Math.sqrt(diff / norm) < 1e-6, c[0] + ": relative difference " + Math.sqrt(diff / norm));
        }
    }

    /**
     * The claim, ≤ 0.1 per cycle, on a voxel-wise independent 1:1000 field (a = 0, held x
     * faces, 32³), on the two worst of seeds 1–40 (CoarseningComparison, fine smoother degree 6: 37 and 9
     * at 0.094 and 0.092; degree 8: 0.068 and 0.081).
     */
    @Test
    void voxelwiseRoughFieldMeetsTheClaimOnTheWorstSeeds() {
        for (long seed : new long[] {37, 9}) {
            assertRate(32, TestFields.voxelwiseContrast1000(32, seed), 0.1, "voxel-wise seed " + seed);
        }
    }

    /**
     * Vessel network (2-voxel tubes with K = 0 and a = 1; a = 0 in the tissue), held x faces, 32³:
     * measured 0.011–0.054 per cycle over seeds 1–40 (the geometric coarsening 0.04–0.05); claimed
     * ≤ 0.07, run on the worst seed (10) and on 7.
     */
    @Test
    void vesselNetworkConvergesAtTheMeasuredRate() {
        for (long seed : new long[] {7, 10}) {
            assertRate(32, TestFields.vesselNetwork(32, seed), 0.07, "vessels seed " + seed);
        }
    }

    /**
     * The claim, ≤ 0.1 per cycle, on the voxel-wise 1:1000 seed worst at 128³ of 11–16
     * (measured 0.083; with the fine smoother of degree 6, 0.109).
     */
    @Test
    void voxelwiseRoughFieldMeetsTheClaimAt128() {
        assertRate(128, TestFields.voxelwiseContrast1000(128, 14), 0.1, "voxel-wise 128³ seed 14");
    }

    /**
     * The vessel network where the claim (≤ 0.1 per cycle) was missed before (128³, seed 12): plain PCG
     * around the K-cycle stalls there every second step (0.103 per cycle with the fine smoother of
     * degree 6, 0.099 with 8), the flexible outer CG gives 0.038 (degree 8); asserted ≤ 0.06, the
     * measured rate with room for a cycle more (0.038^(6/7) = 0.061 would be 7 cycles instead of 6).
     */
    @Test
    void vesselNetworkAt128ConvergesAtTheMeasuredRate() {
        assertRate(128, TestFields.vesselNetwork(128, 12), 0.06, "vessels 128³ seed 12");
    }

    /** PCG with the operator-dependent cycle to 1e-8 (a = 1 in holes, 0 elsewhere, held x faces): rate and plain residual. */
    private static void assertRate(int n, float[] k, double claim, String what) {
        double[] a = new double[k.length];
        for (int v = 0; v < a.length; v++) {
            a[v] = k[v] == 0 ? 1.0 : 0.0;
        }
        MultigridSolver solver = MultigridSolver.create(n, n, n, 1.0, k, heldInX(), Coarsening.OPERATOR_DEPENDENT);
        solver.setAbsorption(a);
        double[] f = new double[k.length];
        Random rnd = new Random(3);
        for (int v = 0; v < f.length; v++) {
            f[v] = rnd.nextDouble() - 0.5;
        }
        double[] u = new double[k.length];
        MultigridSolver.SolveStats stats = solver.solve(u, f, 1e-8, 40);
        assertTrue(stats.meanReduction() <= claim, what + ": reduction per cycle " + stats.meanReduction()
                + " " + stats.residualHistory());
        double independent = ReferenceOperator.residualNorm(n, n, n, 1.0, k, a, heldInX(), u, f);
        assertTrue(independent <= 2e-8 * stats.rhsNorm(), what + ": residual " + independent);
    }

    /**
     * Each device view belongs to its coarsening: the geometric one's {@code hierarchy()} refuses this
     * solver, {@code operatorDependentLevels()} a geometric one; and a view taken before the absorption
     * changed (the levels were rebuilt under it) refuses to run the host part of a cycle.
     */
    @Test
    void deviceViewsAreRefusedForTheOtherCoarseningAndWhenStale() {
        int n = 8;
        float[] k = new float[n * n * n];
        java.util.Arrays.fill(k, 1f);
        MultigridSolver solver = MultigridSolver.create(n, n, n, 1.0, k, heldInX(), Coarsening.OPERATOR_DEPENDENT);
        IllegalStateException e = assertThrows(IllegalStateException.class, solver::hierarchy);
        assertTrue(e.getMessage().contains("OPERATOR_DEPENDENT"), e.getMessage());
        MultigridSolver geometric = MultigridSolver.create(n, n, n, 1.0, k, heldInX());
        geometric.setUniformAbsorption(0);
        e = assertThrows(IllegalStateException.class, geometric::operatorDependentLevels);
        assertTrue(e.getMessage().contains("GEOMETRIC"), e.getMessage());

        solver.setUniformAbsorption(0);
        OperatorDependentLevels levels = solver.operatorDependentLevels();
        int last = levels.coarseLevels() - 1;
        int[] shape = levels.shape(last);
        int padded = (shape[0] + 2) * (shape[1] + 2) * (shape[2] + 2);
        levels.coarseSolveOnHost(last, new double[padded], new double[padded]);
        solver.setUniformAbsorption(1);
        e = assertThrows(IllegalStateException.class,
                () -> levels.coarseSolveOnHost(last, new double[padded], new double[padded]));
        assertTrue(e.getMessage().contains("rebuilt"), e.getMessage());
    }

    /** A periodic axis that cannot be halved down to a small direct solve is refused with the sizes. */
    @Test
    void oddPeriodicAxisThatStopsCoarseningEarlyIsRefused() {
        int n = 33;
        float[] k = new float[n * n * n];
        java.util.Arrays.fill(k, 1f);
        Map<Face, FaceCondition> faces = heldInXPeriodicInYZ();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultigridSolver.create(n, n, n, 1.0, k, faces, Coarsening.OPERATOR_DEPENDENT));
        assertTrue(e.getMessage().contains("33x33x33"), e.getMessage());
    }
}

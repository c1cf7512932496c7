package org.stromasim.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stromasim.grid.Face;

/**
 * The multigrid solver against answers it did not compute: a plain residual of the flux-form
 * operator written out here, a 1D two-layer solution in closed form, manufactured smooth solutions
 * (second-order convergence), and the per-cycle residual reduction across grid sizes.
 */
class MultigridSolverTest {

    /** Fixed values on the x faces, zero-flux elsewhere: a = 0 is well posed. */
    private static Map<Face, FaceCondition> heldInX() {
        Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
        faces.put(Face.X_MIN, FaceCondition.fixed(1));
        faces.put(Face.X_MAX, FaceCondition.fixed(0));
        return faces;
    }

    /**
     * Residual reduction per PCG iteration (one V-cycle each) from 32³ to 128³ on a smooth random
     * 1:1000 field and on a vessel network with K = 0 holes, a = 0 in the tissue (the hardest case:
     * pure diffusion held only at two faces) and a = 1 in the holes. Claim: ≤ 0.1 at every size.
     * The answer is also checked with a residual computed here, not by the solver.
     */
    @ParameterizedTest
    @ValueSource(ints = {32, 64, 128})
    void residualFallsTenfoldPerCycleAtEverySize(int n) {
        for (String field : new String[] {"smooth", "vessels"}) {
            float[] k = field.equals("smooth") ? TestFields.smoothContrast1000(n, 7, 2) : TestFields.vesselNetwork(n, 7);
            MultigridSolver solver = MultigridSolver.create(n, n, n, 1.0, k, heldInX());
            double[] a = new double[k.length];
            for (int v = 0; v < a.length; v++) {
                a[v] = k[v] == 0 ? 1.0 : 0.0;
            }
            solver.setAbsorption(a);
            double[] f = randomRhs(k.length, 3);
            double[] u = new double[k.length];
            MultigridSolver.SolveStats stats = solver.solve(u, f, 1e-8, 40);
            assertTrue(stats.iterations() < 40, field + " " + n + "³ did not converge: " + stats.residualHistory());
            assertTrue(stats.meanReduction() <= 0.1, field + " " + n + "³: reduction per cycle "
                    + stats.meanReduction() + " > 0.1");
            double independent = ReferenceOperator.residualNorm(n, n, n, 1.0, k, a, heldInX(), u, f);
            assertTrue(independent <= 2e-8 * stats.rhsNorm(), field + ": residual " + independent);
        }
    }

    /**
     * The roughest field, independent voxel-wise 1:1000: block-constant transfers cannot represent its
     * slowly converging error (constant over high-K clusters, jumping across low-K voxels), so a cycle
     * does less; measured 0.25–0.26 at 32³ and 64³ (0.28 at 128³, grid independent), claimed ≤ 0.3.
     * Even an exactly solved Galerkin coarse level gives 0.26 at 32³ (docs/multigrid.md), so the
     * issue's 0.1 needs operator-dependent interpolation, not another coarse conductance.
     */
    @Test
    void voxelwiseRandomContrastConvergesAtAGridIndependentRate() {
        for (int n : new int[] {32, 64}) {
            float[] k = TestFields.voxelwiseContrast1000(n, 11);
            MultigridSolver solver = MultigridSolver.create(n, n, n, 1.0, k, heldInX());
            solver.setUniformAbsorption(0);
            double[] u = new double[k.length];
            MultigridSolver.SolveStats stats = solver.solve(u, randomRhs(k.length, 5), 1e-8, 60);
            assertTrue(stats.meanReduction() <= 0.3, n + "³: " + stats.meanReduction());
        }
    }

    /**
     * 1D two-layer slab, 1:1000, held at 1 and 0 on the x faces, a = f = 0: the exact solution is
     * linear in each layer with one flux q = 1/(L1/K1 + L2/K2); with the interface on a face the
     * finite-volume values at the voxel centres are exact, so only the solve tolerance remains.
     */
    @Test
    void twoLayerSlabMatchesTheClosedForm() {
        int nx = 40;
        int ny = 3;
        int nz = 2;
        double h = 2.5;
        float k1 = 1000f;
        float k2 = 1f;
        float[] k = new float[nx * ny * nz];
        for (int v = 0; v < k.length; v++) {
            k[v] = (v % nx) < nx / 2 ? k1 : k2;
        }
        MultigridSolver solver = MultigridSolver.create(nx, ny, nz, h, k, heldInX());
        solver.setUniformAbsorption(0);
        double[] u = new double[k.length];
        solver.solve(u, new double[k.length], 1e-12, 50);
        double half = nx / 2 * h;
        double q = 1.0 / (half / k1 + half / k2);
        for (int v = 0; v < k.length; v++) {
            double x = (v % nx + 0.5) * h;
            double exact = x < half ? 1 - q * x / k1 : 1 - q * half / k1 - q * (x - half) / k2;
            assertEquals(exact, u[v], 1e-9, "voxel " + v);
        }
    }

    /**
     * Manufactured solution u = sin πx·sin πy·sin πz on the unit cube with K = e^{x+y+z}, a = 1 and all
     * faces held at 0: the max error must fall at second order (ratio ≥ 2^1.9 per halving of h).
     */
    @Test
    void manufacturedSolutionConvergesAtSecondOrderWithHeldFaces() {
        Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
        for (Face f : Face.values()) {
            faces.put(f, FaceCondition.fixed(0));
        }
        Manufactured m = new Manufactured(
                (x, y, z) -> Math.sin(Math.PI * x) * Math.sin(Math.PI * y) * Math.sin(Math.PI * z),
                (x, y, z) -> new double[] {
                        Math.PI * Math.cos(Math.PI * x) * Math.sin(Math.PI * y) * Math.sin(Math.PI * z),
                        Math.PI * Math.sin(Math.PI * x) * Math.cos(Math.PI * y) * Math.sin(Math.PI * z),
                        Math.PI * Math.sin(Math.PI * x) * Math.sin(Math.PI * y) * Math.cos(Math.PI * z)},
                (x, y, z) -> -3 * Math.PI * Math.PI * Math.sin(Math.PI * x) * Math.sin(Math.PI * y) * Math.sin(Math.PI * z),
                (x, y, z) -> Math.exp(x + y + z),
                (x, y, z) -> new double[] {Math.exp(x + y + z), Math.exp(x + y + z), Math.exp(x + y + z)});
        assertSecondOrder(m, faces, 1.0);
    }

    /**
     * Periodic x and y, zero-flux z: u = sin 2πx·sin 2πy·cos πz (zero normal derivative on the z faces;
     * a flux through the x and y faces, so a periodic face treated as zero-flux fails), K = 2 + sin 2πx
     * (periodic), a = 3.
     */
    @Test
    void manufacturedSolutionConvergesAtSecondOrderWithPeriodicAndZeroFluxFaces() {
        Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
        faces.put(Face.X_MIN, FaceCondition.PERIODIC);
        faces.put(Face.X_MAX, FaceCondition.PERIODIC);
        faces.put(Face.Y_MIN, FaceCondition.PERIODIC);
        faces.put(Face.Y_MAX, FaceCondition.PERIODIC);
        double tp = 2 * Math.PI;
        Manufactured m = new Manufactured(
                (x, y, z) -> Math.sin(tp * x) * Math.sin(tp * y) * Math.cos(Math.PI * z),
                (x, y, z) -> new double[] {
                        tp * Math.cos(tp * x) * Math.sin(tp * y) * Math.cos(Math.PI * z),
                        tp * Math.sin(tp * x) * Math.cos(tp * y) * Math.cos(Math.PI * z),
                        -Math.PI * Math.sin(tp * x) * Math.sin(tp * y) * Math.sin(Math.PI * z)},
                (x, y, z) -> -(2 * tp * tp + Math.PI * Math.PI) * Math.sin(tp * x) * Math.sin(tp * y) * Math.cos(Math.PI * z),
                (x, y, z) -> 2 + Math.sin(tp * x),
                (x, y, z) -> new double[] {tp * Math.cos(tp * x), 0, 0});
        assertSecondOrder(m, faces, 3.0);
    }

    @Test
    void pureNeumannProblemIsRefused() {
        int n = 8;
        float[] k = new float[n * n * n];
        java.util.Arrays.fill(k, 1f);
        MultigridSolver solver = MultigridSolver.create(n, n, n, 1.0, k, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> solver.setUniformAbsorption(0));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
    }

    /** A pocket walled off by K = 0 voxels, with a = 0 inside: no fixed face reaches it. */
    @Test
    void enclosedPocketWithoutAbsorptionIsRefusedWithItsVoxel() {
        int n = 8;
        float[] k = new float[n * n * n];
        java.util.Arrays.fill(k, 1f);
        double[] a = new double[k.length];
        for (int kk = 2; kk <= 5; kk++) {
            for (int j = 2; j <= 5; j++) {
                for (int i = 2; i <= 5; i++) {
                    boolean wall = i == 2 || i == 5 || j == 2 || j == 5 || kk == 2 || kk == 5;
                    if (wall) {
                        int v = i + n * (j + n * kk);
                        k[v] = 0f;
                        a[v] = 1;
                    }
                }
            }
        }
        MultigridSolver solver = MultigridSolver.create(n, n, n, 1.0, k, heldInX());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> solver.setAbsorption(a));
        assertTrue(e.getMessage().contains("(3, 3, 3)"), e.getMessage());
    }

    private static double[] randomRhs(int cells, long seed) {
        Random rnd = new Random(seed);
        double[] f = new double[cells];
        for (int v = 0; v < cells; v++) {
            f[v] = rnd.nextDouble() - 0.5;
        }
        return f;
    }

    private static void assertSecondOrder(Manufactured m, Map<Face, FaceCondition> faces, double a) {
        double previous = Double.NaN;
        for (int n : new int[] {16, 32, 64}) {
            double h = 1.0 / n;
            int cells = n * n * n;
            float[] k = new float[cells];
            double[] f = new double[cells];
            double[] exact = new double[cells];
            for (int kk = 0; kk < n; kk++) {
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        double x = (i + 0.5) * h;
                        double y = (j + 0.5) * h;
                        double z = (kk + 0.5) * h;
                        int v = i + n * (j + n * kk);
                        double kv = m.k.at(x, y, z);
                        k[v] = (float) kv;
                        double[] gu = m.gradU.at(x, y, z);
                        double[] gk = m.gradK.at(x, y, z);
                        double u = m.u.at(x, y, z);
                        exact[v] = u;
                        f[v] = a * u - (kv * m.lapU.at(x, y, z) + gk[0] * gu[0] + gk[1] * gu[1] + gk[2] * gu[2]);
                    }
                }
            }
            MultigridSolver solver = MultigridSolver.create(n, n, n, h, k, faces);
            solver.setUniformAbsorption(a);
            double[] u = new double[cells];
            solver.solve(u, f, 1e-11, 50);
            double err = 0;
            for (int v = 0; v < cells; v++) {
                err = Math.max(err, Math.abs(u[v] - exact[v]));
            }
            if (!Double.isNaN(previous)) {
                double order = Math.log(previous / err) / Math.log(2);
                assertTrue(order >= 1.9, "order " + order + " at n = " + n + " (errors " + previous + " -> " + err + ")");
            }
            previous = err;
        }
    }

    @FunctionalInterface
    interface Scalar {
        double at(double x, double y, double z);
    }

    @FunctionalInterface
    interface Vector {
        double[] at(double x, double y, double z);
    }

    record Manufactured(Scalar u, Vector gradU, Scalar lapU, Scalar k, Vector gradK) {
    }

}

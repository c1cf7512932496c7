package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Face;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.solver.FaceCondition;
import org.stromasim.solver.MultigridSolver;

/**
 * The implicit scheme's solve tolerance ({@link SolveTolerance}): its values, and the bound it rests on,
 * checked against a solve converged to 10⁻¹³ rather than taken from the product: for a·u − ∇·(K∇u) = f
 * with a ≥ a_min &gt; 0, a solve stopped at relative residual ρ is within ρ·‖f‖/a_min of the exact
 * solution (‖A⁻¹‖₂ ≤ 1/a_min for a symmetric A ≥ a_min·I).
 */
class SolveToleranceTest {

    @Test
    void fixedStepsKeepTenToTheMinusEightAndTargetsGetAThousandthOfThemselves() {
        assertEquals(1e-8, SolveTolerance.relativeResidual(new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, 400, null, null)));
        assertEquals(1e-5, SolveTolerance.relativeResidual(new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, 400, null, 0.01)),
                1e-20);
        assertEquals(1e-6, SolveTolerance.relativeResidual(new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, 400, null,
                DiffusionSpec.MIN_TARGET_RELATIVE_ERROR)), 1e-21);
    }

    /**
     * A TR-BDF2 stage (a = 2/(γ·dt)) at 10⁴ explicit limits per step and an unsplit step with a per
     * voxel spanning six decades, on voxel-wise 1:1000 diffusivity with vessel holes and a held face:
     * the loose solve (10⁻⁵, a 1 % target) lies within the bound of the tight one, and the bound itself
     * is ρ times the previous level's size, so the solve adds a relative error of about ρ.
     */
    @Test
    void looseSolveStaysWithinTheResidualBoundOfTheExactSolution() {
        int n = 24;
        Random rnd = new Random(3);
        float[] k = new float[n * n * n];
        for (int v = 0; v < k.length; v++) {
            k[v] = (float) (100 * Math.pow(1000, rnd.nextDouble()));       // µm²/s, 100–10⁵
        }
        for (int i = 0; i < n; i++) {                                          // a vessel tube along x: a hole
            k[i + n * (5 + n * 7)] = 0f;
        }
        Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
        faces.put(Face.X_MIN, FaceCondition.fixed(0));
        double h = 10;                                                         // µm
        double explicitLimit = h * h / (6 * 1e5);
        double gamma = 2 - Math.sqrt(2);
        double[] previous = new double[k.length];
        for (int v = 0; v < previous.length; v++) {
            previous[v] = 1 + rnd.nextDouble();
        }
        double[][] absorptions = new double[2][k.length];
        java.util.Arrays.fill(absorptions[0], 2 / (gamma * 1e4 * explicitLimit));
        for (int v = 0; v < k.length; v++) {
            absorptions[1][v] = Math.pow(10, -3 + 6 * rnd.nextDouble());      // unsplit: a ≥ 1/h, six decades
        }
        double tolerance = SolveTolerance.relativeResidual(new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, 400, null, 0.01));
        for (double[] a : absorptions) {
            MultigridSolver solver = MultigridSolver.create(n, n, n, h, k, faces);
            solver.setAbsorption(a);
            double[] f = new double[k.length];
            double aMin = Double.POSITIVE_INFINITY;
            for (int v = 0; v < f.length; v++) {
                f[v] = a[v] * previous[v];
                aMin = Math.min(aMin, a[v]);
            }
            double[] exact = new double[k.length];
            solver.solve(exact, f, 1e-13, 200);
            double[] loose = new double[k.length];
            MultigridSolver.SolveStats stats = solver.solve(loose, f, tolerance, 200);
            assertTrue(stats.finalResidual() <= tolerance * stats.rhsNorm(), "loose solve converged");
            double error = 0;
            double size = 0;
            for (int v = 0; v < f.length; v++) {
                error += (loose[v] - exact[v]) * (loose[v] - exact[v]);
                size += previous[v] * previous[v];
            }
            error = Math.sqrt(error);
            // the solver works on its equation times h² (masses a·h², right-hand side f·h²), so its residual
            // norm is h² times that of a·u − ∇·(K∇u) = f
            double bound = stats.finalResidual() / (h * h) / aMin;
            assertTrue(error <= bound * (1 + 1e-6), "error " + error + " above the bound " + bound);
            System.out.printf("a from %.3g: error %.3g, bound %.3g, relative to the previous level %.3g%n", aMin, error,
                    bound, error / Math.sqrt(size));
            if (a == absorptions[0]) {
                // uniform a: ‖f‖/a_min = ‖previous‖, so the added error is ≤ ρ relative to the previous level
                assertTrue(error <= tolerance * Math.sqrt(size) * (1 + 1e-6), "relative error " + error / Math.sqrt(size));
            }
        }
    }
}

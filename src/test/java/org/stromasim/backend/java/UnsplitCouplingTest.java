package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Face;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * {@code scheme: implicit, coupling: unsplit} on the Java backend: the exact steady state of a slab
 * with first-order uptake (against a tridiagonal solve of the discrete equations written here and the
 * continuum cosh profile), first order in time on a heterogeneous problem with heterogeneous reactions
 * (against an unsplit double-precision forward-Euler reference written here), positivity at a huge step
 * with a sharp source, and the mass balance of a closed box.
 */
class UnsplitCouplingTest {

    static final DiffusionSpec UNSPLIT = new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT,
            DiffusionSpec.DEFAULT_MAX_STAGES, DiffusionSpec.Coupling.UNSPLIT);
    /** The multigrid solves' relative residual (ImplicitDiffusion.RELATIVE_TOLERANCE). */
    static final double SOLVER_TOLERANCE = 1e-8;

    /**
     * A slab along x (40 voxels of 10 µm), value g = 1 held on x_min, zero flux elsewhere, first-order
     * loss k = 0.01 /s, D uniform (ℓ = √(D/k) ≈ 100 µm): steps of 10⁴ s (k·h = 100) from zero must land
     * on the steady state of the discrete equations k·C_i + Σ faces D·(C_i − C_nb)/dx² (held face
     * 2D·(C_0 − g)/dx²) to the solve's accuracy: condition number (k + 4D/dx²)/k times its 1e-8 relative
     * residual, plus float rounding (1e-7); and the continuum profile g·cosh((L − x)/ℓ)/cosh(L/ℓ)
     * within the second-order discretisation error, bounded by (dx/ℓ)²/4·g.
     */
    @Test
    void hugeStepsLandOnTheExactSteadyStateOfASlabWithUptake() {
        int nx = 40;
        double dx = 10;
        double k = 0.01;
        double g = 1;
        Scenario sc = scenario().grid(nx, 2, 2, dx).diffusion(UNSPLIT)
                .with(species("drug").d0(100).decay(k).fixed(Face.X_MIN, g)).build();
        Tissue initial = ScenarioFixture.emptyTissue(sc);
        double d = TransportFields.of(TransportModel.compile(sc, initial.copy())).diffusivityUm2PerS(0)[0];
        Tissue end = Runs.run(sc, initial, 2, 1e4, 3);
        // the discrete steady state by the Thomas algorithm
        double c = d / (dx * dx);
        double[] lower = new double[nx];
        double[] diag = new double[nx];
        double[] upper = new double[nx];
        double[] rhs = new double[nx];
        for (int i = 0; i < nx; i++) {
            diag[i] = k + (i > 0 ? c : 2 * c) + (i < nx - 1 ? c : 0);
            lower[i] = i > 0 ? -c : 0;
            upper[i] = i < nx - 1 ? -c : 0;
            rhs[i] = i == 0 ? 2 * c * g : 0;
        }
        for (int i = 1; i < nx; i++) {
            double m = lower[i] / diag[i - 1];
            diag[i] -= m * upper[i - 1];
            rhs[i] -= m * rhs[i - 1];
        }
        double[] discrete = new double[nx];
        discrete[nx - 1] = rhs[nx - 1] / diag[nx - 1];
        for (int i = nx - 2; i >= 0; i--) {
            discrete[i] = (rhs[i] - upper[i] * discrete[i + 1]) / diag[i];
        }
        double length = Math.sqrt(d / k);
        double condition = (k + 4 * c) / k;
        double worstDiscrete = 0;
        double worstContinuum = 0;
        for (int v = 0; v < end.grid().voxelCount(); v++) {
            int i = v % nx;
            double x = (i + 0.5) * dx;
            double continuum = g * Math.cosh((nx * dx - x) / length) / Math.cosh(nx * dx / length);
            worstDiscrete = Math.max(worstDiscrete, Math.abs(end.concentration(0)[v] - discrete[i]));
            worstContinuum = Math.max(worstContinuum, Math.abs(end.concentration(0)[v] - continuum));
        }
        System.out.printf("slab steady state: %.2e from the discrete solution (bound %.2e), %.2e from the continuum"
                + " (bound %.2e)%n", worstDiscrete, condition * SOLVER_TOLERANCE + 1e-7, worstContinuum,
                Math.pow(dx / length, 2) / 4 * g);
        assertTrue(worstDiscrete <= condition * SOLVER_TOLERANCE * g + 1e-7 * g, "discrete: " + worstDiscrete);
        assertTrue(worstContinuum <= Math.pow(dx / length, 2) / 4 * g, "continuum: " + worstContinuum);
    }

    /**
     * A 12³ closed box with voxel-wise random stiffness (D0 to D0/1000), cancer cells with binding 0.05 /s
     * in x &lt; 6 and none beyond, CAFs secreting 0.01 /s in one plane: reaction rates differ between
     * neighbours, where splitting errs. Against an unsplit forward-Euler reference in double written here
     * (0.01 explicit limit per step; first order, its error ≈ 1e-3 of the smallest compared here) after
     * 256 explicit limits: errors of 4, 8 and 16 steps must fall at order 0.85–1.3 (first order: g
     * frozen at the step end).
     */
    @Test
    void firstOrderInTimeOnAHeterogeneousProblemWithReactions() {
        int n = 12;
        double dx = 10;
        Scenario sc = scenario().grid(n, n, n, dx).law(new DiffusivityLawSpec.Exponential(1.0)).diffusion(UNSPLIT)
                .with(species("drug").d0(700).binding(CellType.CANCER, 0.05).secretion(CellType.CAF, 0.01, null))
                .build();
        Tissue initial = ScenarioFixture.emptyTissue(sc);
        Random random = new Random(5);
        for (int v = 0; v < initial.grid().voxelCount(); v++) {
            int i = v % n;
            int j = (v / n) % n;
            initial.stiffnessKpa()[v] = (float) (random.nextDouble() * Math.log(1000));
            initial.cell()[v] = i < 6 ? CellType.CANCER.code() : j == 8 ? CellType.CAF.code() : CellType.ECM.code();
            initial.concentration(0)[v] = (float) (1 + Math.cos(Math.PI * i / n) * Math.cos(Math.PI * j / n));
        }
        TransportModel model = TransportModel.compile(sc, initial.copy());
        double limit = TransportFields.of(model).stabilityLimit().dtMaxS();
        double endS = 256 * limit;
        double[] lambda = new double[initial.grid().voxelCount()];
        double[] source = new double[lambda.length];
        for (int v = 0; v < lambda.length; v++) {
            lambda[v] = initial.cell()[v] == CellType.CANCER.code() ? 0.05 : 0;
            source[v] = initial.cell()[v] == CellType.CAF.code() ? 0.01 : 0;
        }
        double[] reference = forwardEuler(initial, TransportFields.of(model).diffusivityUm2PerS(0), dx, lambda, source, endS, 25_600);
        int[] steps = {4, 8, 16};
        double[] err = new double[steps.length];
        for (int r = 0; r < steps.length; r++) {
            err[r] = DoubleReference.relativeL2(Runs.run(sc, initial, 2, endS / steps[r], steps[r]).concentration(0),
                    reference);
        }
        for (int r = 0; r + 1 < steps.length; r++) {
            double order = Math.log(err[r] / err[r + 1]) / Math.log(2);
            System.out.printf("unsplit order between %d and %d steps: %.3f (errors %.3g, %.3g)%n", steps[r],
                    steps[r + 1], order, err[r], err[r + 1]);
            assertTrue(order >= 0.85 && order <= 1.3, "order " + order + " (errors " + java.util.Arrays.toString(err) + ")");
        }
    }

    /**
     * The problems on which TR-BDF2 with split reactions was measured (ImplicitDiffusionTest): two layers
     * 1:10 with a held inlet and first-order loss (where splitting loses order), and 1:1000 random
     * stiffness with loss, after their initial transient, against the double-precision explicit
     * reference written in the tests ({@link DoubleReference}, 0.005 limit per step). Unsplit, the held
     * face costs no order: order 0.85–1.3 between 4, 8 and 16 steps on both.
     */
    @Test
    void firstOrderNextToAHeldFaceWithAReaction() {
        assertFirstOrder(LargeStepProblems.twoLayer(0.02, true), 0.02);
        assertFirstOrder(ImplicitDiffusionTest.randomStiffness1000(5, 0.05), 0.05);
    }

    private static void assertFirstOrder(LargeStepProblems.Problem raw, double decayPerS) {
        LargeStepProblems.Problem p = raw.prepared(20);
        double endS = 256 * p.explicitLimitS();
        double[] reference = DoubleReference.run(p, decayPerS, endS, 51_200);
        int[] steps = {4, 8, 16};
        double[] err = new double[steps.length];
        for (int r = 0; r < steps.length; r++) {
            err[r] = DoubleReference.relativeL2(p.run(UNSPLIT, endS / steps[r], steps[r]).concentration(0), reference);
        }
        for (int r = 0; r + 1 < steps.length; r++) {
            double order = Math.log(err[r] / err[r + 1]) / Math.log(2);
            System.out.printf("%s: unsplit order %.3f between %d and %d steps (errors %.3g, %.3g)%n", p.name(), order,
                    steps[r], steps[r + 1], err[r], err[r + 1]);
            assertTrue(order >= 0.85 && order <= 1.3, p.name() + ": order " + order);
        }
    }

    /**
     * dC/dt = L·C − λC + S by forward Euler in double, unsplit, on a closed box (harmonic-mean faces,
     * zero-flux domain faces): a reference that shares no code with the product.
     */
    static double[] forwardEuler(Tissue initial, float[] d, double dx, double[] lambda, double[] source, double endS,
                                 int steps) {
        int nx = initial.grid().nx();
        int ny = initial.grid().ny();
        int nz = initial.grid().nz();
        double dt = endS / steps;
        double[] c = new double[lambda.length];
        for (int v = 0; v < c.length; v++) {
            c[v] = initial.concentration(0)[v];
        }
        double[] next = new double[c.length];
        int[][] offsets = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (int step = 0; step < steps; step++) {
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        int v = i + nx * (j + ny * k);
                        double flux = 0;
                        for (int[] o : offsets) {
                            int a = i + o[0];
                            int b = j + o[1];
                            int e = k + o[2];
                            if (a < 0 || a >= nx || b < 0 || b >= ny || e < 0 || e >= nz) {
                                continue;
                            }
                            int u = a + nx * (b + ny * e);
                            double face = d[v] + d[u] > 0 ? 2.0 * d[v] * d[u] / (d[v] + d[u]) : 0;
                            flux += face * (c[u] - c[v]) / (dx * dx);
                        }
                        next[v] = c[v] + dt * (flux - lambda[v] * c[v] + source[v]);
                    }
                }
            }
            double[] swap = c;
            c = next;
            next = swap;
        }
        return c;
    }

    /**
     * Positivity at a huge step with a sharp source: voxel-wise 1:1000 stiffness, one CAF voxel secreting
     * into a box of uptaking cancer cells (Michaelis–Menten, the doxorubicin preset's Vmax and Km) and a
     * spike of 1 in one voxel, steps of 10³ and 10⁶ explicit limits: the matrix aI − L is an M-matrix and
     * the right-hand side ≥ 0, so no value may fall below zero beyond the solve's accuracy (1e-8 of the
     * field's maximum).
     */
    @Test
    void noNegativeValuesAtHugeStepsWithASharpSource() {
        int n = 12;
        Scenario sc = scenario().grid(n, n, n, 10).law(new DiffusivityLawSpec.Exponential(1.0)).diffusion(UNSPLIT)
                .with(species("drug").d0(700).uptake(CellType.CANCER, CancerBlockProblem.VMAX_UM_PER_S,
                        CancerBlockProblem.KM_UM).secretion(CellType.CAF, 1.0, null)).build();
        Tissue initial = ScenarioFixture.emptyTissue(sc);
        Random random = new Random(3);
        for (int v = 0; v < initial.grid().voxelCount(); v++) {
            initial.stiffnessKpa()[v] = (float) (random.nextDouble() * Math.log(1000));
            initial.cell()[v] = CellType.CANCER.code();
        }
        int centre = 6 + n * (6 + n * 6);
        initial.cell()[centre] = CellType.CAF.code();
        initial.concentration(0)[3 + n * (3 + n * 3)] = 1;
        double limit = TransportFields.of(TransportModel.compile(sc, initial.copy())).stabilityLimit().dtMaxS();
        for (double limits : new double[] {1e3, 1e6}) {
            Tissue end = Runs.run(sc, initial, 2, limits * limit, 2);
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (float c : end.concentration(0)) {
                min = Math.min(min, c);
                max = Math.max(max, c);
            }
            System.out.printf("%.0e limits per step: min %.3g, max %.3g%n", limits, min, max);
            assertTrue(min >= -SOLVER_TOLERANCE * max, limits + " limits: min " + min + " of max " + max);
        }
    }

    /**
     * A closed box (zero-flux faces) with 1:1000 random stiffness and a non-uniform drug field, steps of
     * 10⁴ explicit limits. Without loss the total stays what it was (to float summation round-off, 1e-6
     * relative); with first-order loss k the total falls by exactly k times the integrated exposure
     * (Σ_v ∫C dt, the drug exposure field), as ∂ₜΣC = −kΣC when L conserves mass.
     */
    @Test
    void massBalanceOfAClosedBox() {
        for (double k : new double[] {0, 0.002}) {
            int n = 12;
            Scenario sc = scenario().grid(n, n, n, 10).law(new DiffusivityLawSpec.Exponential(1.0)).diffusion(UNSPLIT)
                    .with(species("drug").d0(700).decay(k)).build();
            Tissue initial = ScenarioFixture.emptyTissue(sc);
            Random random = new Random(13);
            for (int v = 0; v < initial.grid().voxelCount(); v++) {
                initial.stiffnessKpa()[v] = (float) (random.nextDouble() * Math.log(1000));
                initial.concentration(0)[v] = (float) (random.nextDouble() * (v % n < n / 2 ? 1 : 10));
            }
            double limit = TransportFields.of(TransportModel.compile(sc, initial.copy())).stabilityLimit().dtMaxS();
            double before = Runs.sum(initial.concentration(0));
            Tissue end = Runs.run(sc, initial, 2, 1e4 * limit, 3);
            double after = Runs.sum(end.concentration(0));
            double lost = k * Runs.sum(end.drugExposure());
            System.out.printf("k = %s: before %.7g, after %.7g, k·Σexposure %.7g%n", k, before, after, lost);
            assertEquals(before - after, lost, 1e-6 * before, "k = " + k);
        }
    }
}

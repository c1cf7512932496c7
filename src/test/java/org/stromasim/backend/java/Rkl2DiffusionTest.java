package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/**
 * RKL2 diffusion (run.diffusion.scheme: rkl2) against the explicit reference on heterogeneous
 * problems ({@link LargeStepProblems}): temporal order, conservation, stability far above the
 * explicit limit, steady state.
 */
class Rkl2DiffusionTest {

    /**
     * The integrator's order: at a fixed stage count (so the stability polynomial is fixed) the error of
     * the diffusion step against a fine reference falls as dt². Driven through {@link Rkl2Diffusion}
     * directly, since the backend picks the fewest stages for each dt.
     */
    @Test
    void secondOrderAtFixedStageCountOnBothHeterogeneousProblems() {
        for (LargeStepProblems.Problem p : new LargeStepProblems.Problem[] {
                LargeStepProblems.twoLayer(0, true).prepared(20), LargeStepProblems.randomStiffness(3).prepared(20)}) {
            double limit = p.explicitLimitS();
            int stages = 8;                                   // stable up to 17.5 limits
            double endS = 64 * limit;
            float[][] reference = diffuse(p, stages, endS, 64);  // 1 limit per step
            double[] dt = new double[3];
            double[] err = new double[3];
            for (int r = 0; r < 3; r++) {
                int steps = 4 << r;                              // 16, 8, 4 limits per step
                dt[r] = endS / steps;
                err[r] = relativeL2(diffuse(p, stages, endS, steps), reference);
            }
            double slope = slope(dt, err);
            assertEquals(2.0, slope, 0.2, p.name() + ": errors " + java.util.Arrays.toString(err) + " at dt "
                    + java.util.Arrays.toString(dt));
        }
    }

    /**
     * The coupled order against the explicit reference (0.02 limit per step; its own error, mostly
     * float round-off over 20,000 steps, is ≈ 3·10⁻⁵ and sets the floor), backend choosing stages. Two
     * layers, zero-flux faces, first-order loss, after the initial transient; steps of 50, 25 and 12.5
     * explicit limits. Plain Strang coupling: slope 2 ± 0.2.
     */
    @Test
    void coupledErrorsFallAtSecondOrder() {
        LargeStepProblems.Problem p = LargeStepProblems.twoLayer(0.02, false).prepared(20);
        double limit = p.explicitLimitS();
        double endS = 400 * limit;
        Tissue reference = p.run(DiffusionSpec.EXPLICIT, endS / 20_000, 20_000);
        double[] dt = new double[3];
        double[] plain = new double[3];
        for (int r = 0; r < 3; r++) {
            int steps = 8 << r;
            dt[r] = endS / steps;
            plain[r] = LargeStepProblems.relativeL2(p.run(LargeStepProblems.RKL2, dt[r], steps), reference);
        }
        assertEquals(2.0, slope(dt, plain), 0.2, "plain: " + java.util.Arrays.toString(plain));
    }

    /**
     * The coupled run (Strang-split reactions, the backend choosing stages per dt) converges to the
     * exact semi-discrete solution (the plain reference stepper, {@link LargeStepProblems#reference}) at
     * 100, 50 and 25 explicit limits per step. Random stiffness with zero-flux faces: Strang's second
     * order (every halving gains ≥ 1.8; measured 2.8, 2.5) and within 0.1 % at 25 limits (measured
     * 9e-5). Two layers with a held inlet: a held face cuts the splitting's order near it (Hundsdorfer
     * &amp; Verwer 2003, IV.3: towards 1–1.5 in L2), so every halving must gain ≥ 1.4 (measured 1.50, 1.85).
     */
    @Test
    void coupledRunConvergesToTheExplicitReference() {
        for (LargeStepProblems.Problem p : new LargeStepProblems.Problem[] {
                LargeStepProblems.twoLayer(0.02, true), LargeStepProblems.randomStiffness(5)}) {
            boolean heldFace = p.name().startsWith("two-layer");
            double limit = p.explicitLimitS();
            double endS = 400 * limit;
            double[][] reference = LargeStepProblems.reference(p, endS);
            double previous = Double.POSITIVE_INFINITY;
            for (int steps : new int[] {4, 8, 16}) {           // 100, 50, 25 limits per step
                double e = LargeStepProblems.relativeL2(p.run(LargeStepProblems.RKL2, endS / steps, steps), reference);
                System.out.printf("%s: %d steps, relative L2 error %.3g%n", p.name(), steps, e);
                if (Double.isFinite(previous)) {
                    double order = Math.log(previous / e) / Math.log(2);
                    assertTrue(order >= (heldFace ? 1.4 : 1.8), p.name() + ": order " + order + " from " + steps / 2
                            + " to " + steps + " steps (errors " + previous + ", " + e + ")");
                }
                previous = e;
            }
            if (!heldFace) {
                assertTrue(previous < 1e-3, p.name() + ": error at 25 limits per step " + previous);
            }
        }
    }

    /**
     * Splitting a run into advance calls (as the time loop does at every output) changes nothing but
     * float rounding: the opening reaction sub-step of a call's last step runs in the next call.
     */
    @Test
    void advanceCallBoundariesDoNotChangeTheRun() {
        LargeStepProblems.Problem p = LargeStepProblems.twoLayer(0.02, true);
        double dt = 200 * p.explicitLimitS();
        org.stromasim.scenario.Scenario sc = p.scenarioWith(LargeStepProblems.RKL2);
        Tissue whole = Runs.run(sc, p.initial(), 2, dt, 6);
        Tissue chunked = p.initial().copy();
        try (JavaBackend backend = new JavaBackend(TransportModel.compile(sc, chunked), 2)) {
            backend.upload(chunked);
            backend.advance(0, dt, 1);
            backend.advance(dt, dt, 2);
            backend.advance(3 * dt, dt, 3);
            backend.download(chunked);
        }
        float[] a = whole.concentration(0);
        float[] b = chunked.concentration(0);
        for (int v = 0; v < a.length; v++) {
            assertEquals(a[v], b[v], 1e-6 * Math.max(1, Math.abs(a[v])), "voxel " + v);
        }
    }

    /** Zero-flux box, and the same with periodic z faces (as the default scenario's drug has). */
    @Test
    void closedBoxConservesMassOfEverySpeciesAt100And1000TimesTheLimit() {
        for (boolean periodic : new boolean[] {false, true}) {
            LargeStepProblems.Problem p = LargeStepProblems.randomStiffness(7, periodic);
            double limit = p.explicitLimitS();
            for (double factor : new double[] {100, 1000}) {
                Tissue out = p.run(LargeStepProblems.RKL2, factor * limit, 10);
                for (int s = 0; s < 2; s++) {
                    double before = Runs.sum(p.initial().concentration(s));
                    double after = Runs.sum(out.concentration(s));
                    assertEquals(before, after, 2e-6 * before,
                            "species " + s + " at " + factor + " × the limit, periodic z " + periodic);
                }
            }
        }
    }

    /**
     * |R(z)| ≤ 1 on the operator's spectrum: the L2 norm of rough data never grows, and the data flatten
     * towards their mean, at 100× and 1000× the explicit limit (explicit Euler diverges above 1×).
     */
    @Test
    void roughDataStayBoundedAndFlattenAt100And1000TimesTheLimit() {
        LargeStepProblems.Problem smooth = LargeStepProblems.randomStiffness(11);
        Tissue rough = smooth.initial().copy();
        java.util.Random random = new java.util.Random(1);
        for (int s = 0; s < 2; s++) {
            float[] c = rough.concentration(s);
            for (int v = 0; v < c.length; v++) {
                c[v] = (float) random.nextDouble();           // checkerboard-rich: every mode excited
            }
        }
        LargeStepProblems.Problem p = new LargeStepProblems.Problem("rough", smooth.species(), smooth.nx(),
                smooth.ny(), smooth.nz(), smooth.dxUm(), rough);
        double limit = p.explicitLimitS();
        for (double factor : new double[] {100, 1000}) {
            double previous = deviation(rough.concentration(0));
            for (int step = 1; step <= 5; step++) {
                double now = deviation(p.run(LargeStepProblems.RKL2, factor * limit, step).concentration(0));
                assertTrue(Double.isFinite(now) && now <= previous * (1 + 1e-5),
                        factor + " × limit, step " + step + ": deviation " + now + " grew from " + previous);
                previous = now;
            }
            assertTrue(previous < 0.5 * deviation(rough.concentration(0)), factor + " × limit: did not flatten, " + previous);
        }
    }

    /**
     * With reactions in play (held inlet, first-order loss), rough data at 1000× the explicit limit stay
     * finite and non-negative, and settle. RKL2 keeps no maximum principle (its stiff modes are damped
     * by about ½ per step, not to 0), so the bound asserted is 1.1, and settling means steps 50 and 200
     * agree.
     */
    @Test
    void reactingRoughDataStayBoundedAndSettleAt1000TimesTheLimit() {
        LargeStepProblems.Problem smooth = LargeStepProblems.twoLayer(0.02, true);
        Tissue rough = smooth.initial().copy();
        java.util.Random random = new java.util.Random(2);
        float[] c0 = rough.concentration(0);
        for (int v = 0; v < c0.length; v++) {
            c0[v] = (float) random.nextDouble();
        }
        LargeStepProblems.Problem p = new LargeStepProblems.Problem("rough reacting", smooth.species(), smooth.nx(),
                smooth.ny(), smooth.nz(), smooth.dxUm(), rough);
        double dt = 1000 * p.explicitLimitS();
        for (int steps : new int[] {1, 2, 3, 4, 5, 6, 8, 10, 20}) {
            float[] c = p.run(LargeStepProblems.RKL2, dt, steps).concentration(0);
            for (int v = 0; v < c.length; v++) {
                assertTrue(Double.isFinite(c[v]) && c[v] >= 0 && c[v] <= 1.1,
                        steps + " steps: voxel " + v + " = " + c[v]);
            }
        }
        float[] at50 = p.run(LargeStepProblems.RKL2, dt, 50).concentration(0);
        float[] at200 = p.run(LargeStepProblems.RKL2, dt, 200).concentration(0);
        for (int v = 0; v < at50.length; v++) {
            assertEquals(at200[v], at50[v], 1e-4, "voxel " + v + " has not settled");
        }
    }

    // --- helpers ---

    private static float[][] diffuse(LargeStepProblems.Problem p, int stages, double endS, int steps) {
        Tissue t = p.initial().copy();
        TransportModel model = TransportModel.compile(p.scenarioWith(DiffusionSpec.EXPLICIT), t);
        Grid3D g = model.grid();
        int species = model.speciesCount();
        Rkl2StageSweep[] sweeps = new Rkl2StageSweep[species];
        float[][] d = new float[species][];
        float[][] state = new float[species][];
        int[] counts = new int[species];
        for (int s = 0; s < species; s++) {
            sweeps[s] = new Rkl2StageSweep(g, model.boundaries(s), false);
            d[s] = TransportFields.of(model).diffusivityUm2PerS(s);
            state[s] = t.concentration(s).clone();
            counts[s] = stages;
        }
        try (SlabWorkers workers = new SlabWorkers(1, g.nz())) {
            Rkl2Diffusion rkl2 = new Rkl2Diffusion(g, workers);
            for (int i = 0; i < steps; i++) {
                for (int s = 0; s < species; s++) {
                    rkl2.step(state[s], sweeps[s], d[s], counts[s], endS / steps);
                }
            }
        }
        return state;
    }

    private static double relativeL2(float[][] a, float[][] b) {
        double num = 0;
        double den = 0;
        for (int s = 0; s < a.length; s++) {
            for (int v = 0; v < a[s].length; v++) {
                num += (a[s][v] - (double) b[s][v]) * (a[s][v] - (double) b[s][v]);
                den += (double) b[s][v] * b[s][v];
            }
        }
        return Math.sqrt(num / den);
    }

    /** Least-squares slope of log(err) against log(dt). */
    private static double slope(double[] dt, double[] err) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < dt.length; i++) {
            mx += Math.log(dt[i]) / dt.length;
            my += Math.log(err[i]) / err.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < dt.length; i++) {
            sxy += (Math.log(dt[i]) - mx) * (Math.log(err[i]) - my);
            sxx += (Math.log(dt[i]) - mx) * (Math.log(dt[i]) - mx);
        }
        return sxy / sxx;
    }

    /** L2 norm of c minus its mean. */
    private static double deviation(float[] c) {
        double mean = Runs.sum(c) / c.length;
        double sum = 0;
        for (float v : c) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum);
    }
}

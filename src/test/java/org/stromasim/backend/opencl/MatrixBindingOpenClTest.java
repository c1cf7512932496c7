package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stromasim.backend.java.LargeStepProblems;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * Reversible matrix binding on the OpenCL kernels against answers that do not use the product's formulas
 * (as org.stromasim.backend.java.MatrixBindingTest does for the Java backend), for each scheme OpenCL runs
 * with binding. The tests write R into the backend's live retardation array before the upload.
 */
@EnabledIfOpenClOrCi
class MatrixBindingOpenClTest {

    enum Scheme {
        EXPLICIT(null),
        RKL2(LargeStepProblems.RKL2),
        IMPLICIT(MatrixBindingParityTest.IMPLICIT),
        UNSPLIT(MatrixBindingParityTest.UNSPLIT);

        final DiffusionSpec spec;

        Scheme(DiffusionSpec spec) {
            this.spec = spec;
        }
    }

    private static final double DX_UM = 10;

    private static ScenarioFixture base(Scheme scheme, int nx, int ny, int nz) {
        ScenarioFixture f = scenario().grid(nx, ny, nz, DX_UM).law(MatrixBindingParityTest.LAW);
        return scheme.spec == null ? f : f.diffusion(scheme.spec);
    }

    private static OpenClBackend backend(Scenario sc, Tissue t, float[] retardation) {
        OpenClBackend b = new OpenClBackend(TransportModel.compile(sc, t), OpenClTestDevice.get());
        System.arraycopy(retardation, 0, b.fields().retardation(0), 0, retardation.length);
        b.upload(t);
        return b;
    }

    private static float[] uniform(int n, double r) {
        float[] a = new float[n];
        Arrays.fill(a, (float) r);
        return a;
    }

    /**
     * A cosine of wavelength L = nx·dx on a periodic line decays at D·k²/R (k = 2π/L): the finite-volume
     * rate (4/dx²)·sin²(k·dx/2) is 0.3 % below it at 32 voxels and the steps (μ·dt ≤ 0.01) add at most
     * 0.5 %, so 1 % separates a missing or squared R (×4). nx = 32 takes the float8 path on a CPU device.
     */
    @ParameterizedTest
    @EnumSource(Scheme.class)
    void aFourierModeDecaysAtDkSquaredOverR(Scheme scheme) {
        int nx = 32;
        double r = 4;
        Scenario sc = base(scheme, nx, 1, 1).with(species("drug").d0(100).periodic(0).ecmBinding(1)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        double theta = 2 * Math.PI / nx;
        for (int i = 0; i < nx; i++) {
            t.concentration(0)[i] = (float) (1 + 0.5 * Math.cos(theta * (i + 0.5)));
        }
        try (OpenClBackend b = backend(sc, t, uniform(nx, r))) {
            double d = b.fields().diffusivityUm2PerS(0)[0];
            double k = theta / DX_UM;
            double rate = d * k * k / r;
            double dt = Math.min(0.01 / rate, scheme == Scheme.EXPLICIT ? 0.5 * b.fields().stabilityLimit().dtMaxS()
                    : Double.POSITIVE_INFINITY);
            int steps = (int) Math.ceil(1 / (rate * dt)); // to e^(−1)
            b.advance(0, dt, steps);
            b.download(t);
            double measured = -Math.log(amplitude(t.concentration(0), theta) / 0.5) / (steps * dt);
            assertEquals(rate, measured, 0.01 * rate, scheme + ": D = " + d + " µm²/s, R = " + r);
        }
    }

    private static double amplitude(float[] c, double theta) {
        double mean = 0;
        for (float v : c) {
            mean += v;
        }
        mean /= c.length;
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < c.length; i++) {
            double basis = Math.cos(theta * (i + 0.5));
            dot += (c[i] - mean) * basis;
            norm += basis * basis;
        }
        return dot / norm;
    }

    /**
     * Closed faces, random stiffness and random R in [1, 10]: Σ R·C is conserved to float round-off
     * (1e-5 over 20 steps of 512 float updates; the implicit schemes to their solve tolerance, 1e-4 as on
     * the Java backend) while Σ C is not (so an unweighted update cannot pass).
     */
    @ParameterizedTest
    @EnumSource(Scheme.class)
    void totalBoundPlusFreeIsConservedWithClosedFaces(Scheme scheme) {
        Scenario sc = base(scheme, 8, 8, 8).with(species("drug").d0(100).ecmBinding(1)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Random random = new Random(5);
        int n = t.grid().voxelCount();
        for (int v = 0; v < n; v++) {
            t.stiffnessKpa()[v] = (float) (30 * random.nextDouble());
            t.concentration(0)[v] = (float) random.nextDouble();
        }
        float[] r = MatrixBindingParityTest.random(n, 6);
        double before = weighted(t.concentration(0), r);
        double plainBefore = weighted(t.concentration(0), uniform(n, 1));
        try (OpenClBackend b = backend(sc, t, r)) {
            double limit = b.fields().stabilityLimit().dtMaxS();
            double dt = scheme == Scheme.EXPLICIT ? 0.9 * limit : 20 * limit;
            b.advance(0, dt, 20);
            b.download(t);
        }
        double after = weighted(t.concentration(0), r);
        double plainAfter = weighted(t.concentration(0), uniform(n, 1));
        double tolerance = scheme == Scheme.EXPLICIT || scheme == Scheme.RKL2 ? 1e-5 : 1e-4;
        assertEquals(before, after, tolerance * before, scheme + ": Σ R·C");
        assertTrue(Math.abs(plainAfter - plainBefore) > 10 * tolerance * plainBefore,
                scheme + ": Σ C moved only " + (plainAfter - plainBefore) + " of " + plainBefore);
    }

    private static double weighted(float[] c, float[] r) {
        double sum = 0;
        for (int v = 0; v < c.length; v++) {
            sum += (double) r[v] * c[v];
        }
        return sum;
    }

    /**
     * Linear decay k of a uniform field with uniform R: C0·e^(−kt/R), and the exposure of the free
     * concentration C0·R·(1 − e^(−kt/R))/k. The large-step schemes at k·dt = 5 (exact sub-steps, or the
     * unsplit step's exact exponential, and exact exposure: 1e-4, float state and the kernel's polynomial
     * exponential); explicit at its limit, whose exposure is the trapezoid rule ((k·dt/R)²/12 relative).
     */
    @ParameterizedTest
    @EnumSource(Scheme.class)
    void aUniformDecayIsSlowedByR(Scheme scheme) {
        double k = 0.5;
        double r = 4;
        Scenario sc = base(scheme, 8, 6, 6).with(species("drug").d0(100).decay(k).ecmBinding(1)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        int n = t.grid().voxelCount();
        Arrays.fill(t.concentration(0), 1f);
        double dt;
        int steps;
        try (OpenClBackend b = backend(sc, t, uniform(n, r))) {
            dt = scheme == Scheme.EXPLICIT ? 0.9 * b.fields().stabilityLimit().dtMaxS() : 5 / k;
            steps = (int) Math.ceil(8 / (k * dt));
            b.advance(0, dt, steps);
            b.download(t);
        }
        double time = steps * dt;
        double level = Math.exp(-k * time / r);
        double exposure = r * -Math.expm1(-k * time / r) / k;
        double exposureTolerance = scheme == Scheme.EXPLICIT ? Math.pow(k * dt / r, 2) / 12 + 1e-4 : 1e-4;
        for (int v = 0; v < n; v++) {
            assertEquals(level, t.concentration(0)[v], 1e-4 * level, scheme + " level");
            assertEquals(exposure, t.drugExposure()[v], exposureTolerance * exposure, scheme + " exposure");
        }
    }
}

package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.scenario.RunSpec.Splitting;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/** Reaction sub-steps against exact ODE solutions, including steps far beyond explicit stability. */
class ReactionIntegrationTest {

    @ParameterizedTest
    @EnumSource(Splitting.class)
    void stiffDecayStaysStableAndExact(Splitting splitting) {
        // a 4³ box with diffusion at its stability limit, uniform field: only decay acts
        Scenario probe = scenario().grid(4, 4, 4, 10).with(species("drug").d0(100)).build();
        double dt = ((TransportFields.of(TransportModel.compile(probe, ScenarioFixture.emptyTissue(probe))).stabilityLimit().dtMaxS()));
        double k = 10.0 / dt;  // k·dt = 10: explicit Euler would multiply by −9 each step
        Scenario sc = scenario().grid(4, 4, 4, 10).splitting(splitting)
                .with(species("drug").d0(100).decay(k)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        java.util.Arrays.fill(t.concentration(0), 1f);
        TransportModel model = TransportModel.compile(sc, t);
        try (JavaBackend backend = new JavaBackend(model, 1)) {
            backend.upload(t);
            for (int n = 1; n <= 5; n++) {
                backend.advance((n - 1) * dt, dt, 1);
                backend.download(t);
                double exact = Math.exp(-k * n * dt);
                for (int v = 0; v < 64; v++) {
                    assertEquals(exact, t.concentration(0)[v], 1e-5 * exact, "step " + n + " voxel " + v);
                }
            }
        }
    }

    @Test
    void michaelisMentenUptakeStaysPositiveForHugeSteps() {
        Tissue after = oneVoxelUptake(40.0, 1, 10.0); // Vmax·dt/Km = 40
        float c = after.concentration(0)[0];
        assertTrue(c >= 0 && c < 10.0, "C after one huge step: " + c);
    }

    @Test
    void michaelisMentenUptakeConvergesToTheExactSolutionAtFirstOrder() {
        double endS = 8.0;
        double exact = exactMichaelisMenten(10.0, 1.0, 1.0, endS);
        double previousError = Double.NaN;
        for (int steps = 4; steps <= 64; steps *= 2) {
            double c = oneVoxelUptake(endS / steps, steps, 10.0).concentration(0)[0];
            double error = Math.abs(c - exact);
            assertTrue(c >= 0);
            if (!Double.isNaN(previousError)) {
                double ratio = error / previousError;
                assertTrue(ratio > 0.35 && ratio < 0.65, "halving dt should halve the error (first order); ratio "
                        + ratio + " at " + steps + " steps");
            }
            previousError = error;
        }
        assertTrue(previousError < 0.01 * exact, "error with dt=0.125 s: " + previousError + " vs C=" + exact);
    }

    /** Vmax = 1 unit/s, Km = 1 unit, in a fully viable cancer voxel. */
    private static Tissue oneVoxelUptake(double dt, int steps, double c0) {
        Scenario sc = scenario().with(species("drug").uptake(CellType.CANCER, 1.0, 1.0)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.cell()[0] = CellType.CANCER.code();
        t.concentration(0)[0] = (float) c0;
        return Runs.run(sc, t, 1, dt, steps);
    }

    /** Solves Km·ln(C/C0) + C − C0 = −Vmax·t for C by Newton's method (the implicit exact solution). */
    static double exactMichaelisMenten(double c0, double vmax, double km, double t) {
        double c = c0;
        for (int it = 0; it < 100; it++) {
            double f = km * Math.log(c / c0) + c - c0 + vmax * t;
            double next = c - f / (km / c + 1);
            c = next > 0 ? next : c / 2;
        }
        return c;
    }

    @Test
    void saturatingSecretionRelaxesExactlyToItsLevelScaledByViability() {
        double rate = 0.2;
        double saturation = 4.0;
        Scenario sc = scenario().with(species("lactate").secretion(CellType.CAF, rate, saturation)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.cell()[0] = CellType.CAF.code();
        t.viability()[0] = 0.5f;
        double dt = 30.0;  // far beyond saturation/rate: only exact integration survives
        for (int steps = 1; steps <= 3; steps++) {
            double c = Runs.run(sc, t, 1, dt, steps).concentration("lactate")[0];
            double exact = saturation * (1 - Math.exp(-0.5 * rate / saturation * steps * dt));
            assertEquals(exact, c, 1e-5 * saturation, "after " + steps + " steps");
        }
    }

    @ParameterizedTest
    @EnumSource(Splitting.class)
    void drugExposureIsTheTrapezoidSumOfEachStep(Splitting splitting) {
        double k = 0.3;
        double dt = 2.0;
        int steps = 7;
        Scenario sc = scenario().splitting(splitting).with(species("drug").decay(k)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.concentration(0)[0] = 2f;
        t.drugExposure()[0] = 1f; // exposure accumulates on top of what the state already holds
        Tissue after = Runs.run(sc, t, 1, dt, steps);
        double auc = 1.0;
        for (int n = 0; n < steps; n++) {
            auc += dt / 2 * (2 * Math.exp(-k * n * dt) + 2 * Math.exp(-k * (n + 1) * dt));
        }
        assertEquals(auc, after.drugExposure()[0], 1e-5 * auc);
    }
}

package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Face;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/** The core's analytic checks, run on the OpenCL backend against the exact answers (not against Java). */
@EnabledIfOpenClOrCi
class OpenClAnalyticTest {

    @Test
    void zeroFluxHeterogeneousDiffusionConservesMassToFloatRoundOff() {
        Scenario sc = scenario().grid(16, 12, 10, 10.0).with(species("drug").d0(80)).build();
        Tissue t = FeatureParityTest.heterogeneousTissue(sc, 7);
        for (int v = 0; v < t.cell().length; v++) {
            if (t.cell()[v] == CellType.VESSEL.code()) {
                t.cell()[v] = CellType.ECM.code(); // vessel voxels would hold plasma; here only diffusion
            }
        }
        double before = sum(t.concentration(0));
        double dt = 0.9 * TransportFields.of(TransportModel.compile(sc, t.copy())).stabilityLimit().dtMaxS();
        Tissue after = BothBackends.run(sc, t, true, dt, 300);
        assertEquals(before, sum(after.concentration(0)), 2e-6 * before);
    }

    /**
     * The explicit step writes magnitudes below ConcentrationFloor.BELOW (1e-30) as 0 on the device too:
     * a unit pulse spreading along a zero-flux line, against the explicit recurrence in double (the
     * assertions of the Java backend's ConcentrationFloorTest, written out here: where the recurrence is
     * below 1e-31 exactly 0, above 1e-25 followed to 1e-4, no subnormal anywhere).
     */
    @Test
    void tailsBelowTheConcentrationFloorAreWrittenAsZero() {
        int n = 160;
        double dx = 10;
        Scenario sc = scenario().grid(n, 1, 1, dx).with(species("drug").d0(100)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.concentration(0)[0] = 1f;
        TransportModel model = TransportModel.compile(sc, t.copy());
        double r = 0.9 * TransportFields.of(model).stabilityLimit().dtMaxS() * TransportFields.of(model).diffusivityUm2PerS(0)[0] / (dx * dx);
        int steps = 120;
        double[] exact = new double[n];
        exact[0] = 1;
        for (int step = 0; step < steps; step++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                next[i] = exact[i] + r * ((i > 0 ? exact[i - 1] - exact[i] : 0) + (i < n - 1 ? exact[i + 1] - exact[i] : 0));
            }
            exact = next;
        }
        float[] c = BothBackends.run(sc, t, true, 0.9 * TransportFields.of(model).stabilityLimit().dtMaxS(), steps).concentration(0);
        int floored = 0;
        int followed = 0;
        for (int i = 0; i < n; i++) {
            org.junit.jupiter.api.Assertions.assertTrue(c[i] == 0 || Math.abs(c[i]) >= Float.MIN_NORMAL,
                    "subnormal " + c[i] + " at " + i);
            if (exact[i] < 1e-31) {
                assertEquals(0f, c[i], 0f, "voxel " + i + " (recurrence " + exact[i] + ")");
                floored += exact[i] > 1e-44 ? 1 : 0;
            } else if (exact[i] > 1e-25) {
                assertEquals(exact[i], c[i], 1e-4 * exact[i], "voxel " + i);
                followed++;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(floored >= 5 && followed >= 20, floored + " floored, " + followed + " followed");
    }

    @Test
    void aUniformFieldDecaysExactlyAsExpMinusKt() {
        Scenario sc = scenario().grid(5, 4, 3, 10.0).with(species("drug").d0(20).decay(0.25)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        java.util.Arrays.fill(t.concentration(0), 2.0f);
        Tissue after = BothBackends.run(sc, t, true, 0.1, 40);
        for (float c : after.concentration(0)) {
            assertEquals(2.0 * Math.exp(-0.25 * 4.0), c, 1e-6);
        }
        // AUC by the trapezoid rule per step of the exact exponential: within O(dt²) of 2(1 − e^(−kt))/k.
        double exactAuc = 2.0 * (1 - Math.exp(-1.0)) / 0.25;
        assertEquals(exactAuc, after.drugExposure()[0], 1e-3 * exactAuc);
    }

    @Test
    void aTissueVoxelBetweenTwoVesselsRelaxesToPlasmaAtTwiceTheOneFaceRate() {
        Scenario sc = scenario().grid(3, 1, 1, 10.0)
                .with(species("drug").d0(100).vessel(2.0, new PlasmaCurveSpec.Constant(3.0))).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.cell()[0] = CellType.VESSEL.code();
        t.cell()[2] = CellType.VESSEL.code();
        t.concentration(0)[1] = 0.5f;
        Tissue after = BothBackends.run(sc, t, true, 0.5, 10);
        double rate = 2.0 * 2 / 10.0;
        assertEquals(3.0 + (0.5 - 3.0) * Math.exp(-rate * 5.0), after.concentration(0)[1], 1e-5 * 3.0);
        assertEquals(3.0, after.concentration(0)[0], 1e-6, "vessel voxel holds the plasma level");
    }

    @Test
    void fixedFaceAndDecayReachTheDiscreteExponentialSteadyProfile() {
        // 1D, C held at 1 on x_min, decay k: the steady finite-volume profile solves
        // D(C[i-1] − 2C[i] + C[i+1])/dx² = kC[i] (2D(1 − C[0]) at the held face), i.e. C[i] ∝ r^i with
        // ratio r + 1/r = 2 + k dx²/D for a long domain; and r ≈ exp(−dx/λ), λ = sqrt(D/k).
        double d = 100;
        double k = 1.0;
        double dx = 2.0;
        Scenario sc = scenario().grid(60, 1, 1, dx).with(species("drug").d0(d).decay(k).fixed(Face.X_MIN, 1.0)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        double dt = 0.9 * TransportFields.of(TransportModel.compile(sc, t.copy())).stabilityLimit().dtMaxS();
        Tissue after = BothBackends.run(sc, t, true, dt, (int) Math.ceil(40.0 / k / dt));
        float[] c = after.concentration(0);
        // Fixed point of R(dt/2) D R(dt/2) with exact decay: (1 + dt·L)C = e^(k dt)·C, so the discrete
        // profile sees the effective rate (e^(k dt) − 1)/dt (= k to O(dt)).
        double kEffective = Math.expm1(k * dt) / dt;
        double a = kEffective * dx * dx / d;
        double ratio = ((2 + a) - Math.sqrt((2 + a) * (2 + a) - 4)) / 2; // the root < 1 of r + 1/r = 2 + a
        for (int i = 5; i < 20; i++) {
            assertEquals(ratio, c[i + 1] / c[i], 1e-4, "ratio of neighbours at x index " + i);
        }
        // and the continuum: the product's profile decays as exp(−x/λ), λ = sqrt(D/k) (an independent answer);
        // the discrete ratio differs by about (dx/λ)³/30 = 3e-4 and the split step's effective rate
        // (k·dt/2 relative, 0.9 %) moves it by (dx/λ)·r·0.45 % = 7e-4 here, so within 1e-3.
        assertEquals(Math.exp(-dx / Math.sqrt(d / k)), c[11] / c[10], 1e-3, "the profile decays as exp(−x/λ)");
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}

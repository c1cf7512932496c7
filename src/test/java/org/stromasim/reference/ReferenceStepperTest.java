package org.stromasim.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Face;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.ScenarioFixture.SpeciesFixture;

/** The reference stepper against closed forms, and its own time error at the step the comparisons use. */
class ReferenceStepperTest {

    /** Uniform field, decay k: C = C0·e^(−kt), E = E0 + C0·(1 − e^(−kt))/k, at RK4's 1e-10. */
    @Test
    void uniformDecayIsExponential() {
        Scenario sc = scenario().grid(3, 2, 2, 10.0).with(species("drug").d0(50).decay(0.7)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        java.util.Arrays.fill(t.concentration(0), 2f);
        ReferenceStepper r = ReferenceStepper.of(sc, t);
        r.advance(0, 3, 300);
        double c = 2 * Math.exp(-0.7 * 3);
        double e = 2 * (1 - Math.exp(-0.7 * 3)) / 0.7;
        for (int v = 0; v < 12; v++) {
            assertEquals(c, r.concentration(0)[v], 1e-10 * c);
            assertEquals(e, r.drugExposure()[v], 1e-10 * e);
        }
    }

    /**
     * A 1-D row between a face held at g and a zero-flux face, with decay k, reaches the steady state of the
     * discrete equations, which in closed form is C_i = A·(r^i + r^(2N−1−i)) (a cosh about the closed end):
     * r + 1/r = 2 + k·dx²/D, and the held face fixes A from 2D(g − C_0) = D(C_0 − C_1) + k·dx²·C_0.
     */
    @Test
    void heldRowReachesItsDiscreteSteadyState() {
        int n = 8;
        double dx = 10;
        double dCoef = 100;
        double k = 0.5;
        double g = 3;
        Scenario sc = scenario().grid(n, 1, 1, dx).with(species("drug").d0(dCoef).decay(k).fixed(Face.X_MIN, g)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        ReferenceStepper r = ReferenceStepper.of(sc, t);
        r.advance(0, 200, 20000);
        double b = 2 + k * dx * dx / dCoef;
        double ratio = (b - Math.sqrt(b * b - 4)) / 2;
        double[] shape = new double[n];
        for (int i = 0; i < n; i++) {
            shape[i] = Math.pow(ratio, i) + Math.pow(ratio, 2 * n - 1 - i);
        }
        // 2(g − A·s0) = A·s0 − A·s1 + (k dx²/D)·A·s0  (the row's first voxel)
        double a = 2 * g / (3 * shape[0] - shape[1] + k * dx * dx / dCoef * shape[0]);
        for (int i = 0; i < n; i++) {
            assertEquals(a * shape[i], r.concentration(0)[i], 1e-9 * g, "voxel " + i);
        }
    }

    /** RK4 at the comparisons' step (dt/8 of 0.1 s) agrees with dt/16 within 1e-9 of the inputs' scale. */
    @Test
    void comparisonStepIsConverged() {
        PlasmaCurveSpec bolus = new PlasmaCurveSpec.Bolus(5.0, 1.0, List.of(0.5, 3.0), 0.7);
        UnaryOperator<SpeciesFixture> all = s -> s.decay(0.05).binding(CellType.ECM, 0.1).uptake(CellType.CANCER, 0.5, 0.5)
                .secretion(CellType.CAF, 0.3, 3.0).vessel(1.0, bolus).fixed(Face.X_MIN, 1.0).periodic(2);
        Scenario sc = ReferenceFeatures.scenarioWith(all, RunSpec.Splitting.STRANG);
        Tissue initial = ReferenceFeatures.heterogeneousTissue(sc, 42, true);
        double end = ReferenceFeatures.STEP_S * ReferenceFeatures.STEPS;
        ReferenceStepper coarse = ReferenceStepper.of(sc, initial);
        coarse.advance(0, end, 8 * ReferenceFeatures.STEPS);
        ReferenceStepper fine = ReferenceStepper.of(sc, initial);
        fine.advance(0, end, 16 * ReferenceFeatures.STEPS);
        double worst = 0;
        for (int s = 0; s < 2; s++) {
            for (int v = 0; v < initial.cell().length; v++) {
                worst = Math.max(worst, Math.abs(coarse.concentration(s)[v] - fine.concentration(s)[v]));
            }
        }
        for (int v = 0; v < initial.cell().length; v++) {
            worst = Math.max(worst, Math.abs(coarse.drugExposure()[v] - fine.drugExposure()[v]) / end);
        }
        assertTrue(worst < 5e-9, "RK4 at dt/8 differs from dt/16 by " + worst);
    }
}

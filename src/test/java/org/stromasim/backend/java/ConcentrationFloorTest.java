package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * The explicit step writes magnitudes below 1e-30 as 0 (ConcentrationFloor: subnormal floats cost a
 * microcode assist per operation on x86). A unit pulse at one end of a 1D zero-flux line spreads by
 * one voxel per step, so after n steps its tail runs down through every float magnitude. Checked
 * against the explicit recurrence computed here in double (no floor): where that is below 1e-31 (a
 * decade under the floor; the floor only removes mass, so the floored step is below the recurrence
 * there too) both loop variants must hold exactly 0, including where float without a floor would
 * keep a tiny normal or subnormal value (1e-44 … 1e-31); where it is above 1e-25 they must follow
 * it to float accuracy; and no voxel may hold a subnormal.
 */
class ConcentrationFloorTest {

    static final int N = 160;
    static final double DX_UM = 10;
    static final int STEPS = 120;

    /** The pulse problem: one species diffusing on N × 1 × 1 voxels, zero-flux faces. */
    static Scenario pulseLine() {
        return scenario().grid(N, 1, 1, DX_UM).with(species("drug").d0(100)).build();
    }

    static Tissue pulse(Scenario sc) {
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.concentration(0)[0] = 1f;
        return t;
    }

    /** N steps of C_i += r·(C_{i−1} − 2C_i + C_{i+1}) in double, zero-flux ends, from the unit pulse at 0. */
    static double[] recurrence(double r, int steps) {
        double[] c = new double[N];
        c[0] = 1;
        for (int step = 0; step < steps; step++) {
            double[] next = new double[N];
            for (int i = 0; i < N; i++) {
                double left = i > 0 ? c[i - 1] - c[i] : 0;
                double right = i < N - 1 ? c[i + 1] - c[i] : 0;
                next[i] = c[i] + r * (left + right);
            }
            c = next;
        }
        return c;
    }

    /** The assertions of the class comment on one backend's result. */
    static void assertFloored(double[] exact, float[] c, String which) {
        int floored = 0;
        int followed = 0;
        for (int i = 0; i < N; i++) {
            assertTrue(c[i] == 0 || Math.abs(c[i]) >= Float.MIN_NORMAL, which + ": subnormal " + c[i] + " at " + i);
            if (exact[i] < 1e-31) {
                assertEquals(0f, c[i], 0f, which + ": voxel " + i + " (recurrence " + exact[i] + ")");
                floored += exact[i] > 1e-44 ? 1 : 0;
            } else if (exact[i] > 1e-25) {
                assertEquals(exact[i], c[i], 1e-4 * exact[i], which + ": voxel " + i);
                followed++;
            }
        }
        assertTrue(floored >= 5 && followed >= 20, which + ": the tail spans the floor (" + floored + " floored, "
                + followed + " followed)");
    }

    @Test
    void theScalarAndTheVectorLoopsWriteTailsBelowTheFloorAsZero() {
        Scenario sc = pulseLine();
        Tissue initial = pulse(sc);
        TransportModel model = TransportModel.compile(sc, initial.copy());
        float d = TransportFields.of(model).diffusivityUm2PerS(0)[0];
        for (float value : TransportFields.of(model).diffusivityUm2PerS(0)) {
            assertEquals(d, value, 0f, "uniform diffusivity");
        }
        double dt = 0.9 * TransportFields.of(model).stabilityLimit().dtMaxS();
        double[] exact = recurrence(dt * d / (DX_UM * DX_UM), STEPS);
        for (boolean vectorised : new boolean[] {false, true}) {
            Tissue state = initial.copy();
            try (JavaBackend backend = new JavaBackend(TransportModel.compile(sc, state), 2, vectorised)) {
                backend.upload(state);
                backend.advance(0.0, dt, STEPS);
                backend.download(state);
            }
            assertFloored(exact, state.concentration(0), vectorised ? "vector loops" : "scalar loops");
        }
    }
}

package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;
import org.stromasim.transport.VoxelKeys;

/**
 * The device entries {scale, change, sourceConst, sourcePerAlive, mode} that ReactionTables writes
 * (host only, no device needed): the increment form C + change·C with change = expm1(−λh) where
 * e^(−λh) ≥ 1/2, the scale form below, sub-steps composed in double, lumen keys held at the plasma level.
 */
class ReactionTablesTest {

    private static final int ECM_NO_VESSEL = VoxelKeys.key(CellType.ECM.code(), false);
    private static final int LUMEN = VoxelKeys.key(CellType.VESSEL.code(), false);

    /** Species 0 is the drug (sub-tables A and B separate), species 1 "other" (A then B composed). */
    private static float[] passTables(double decayPerS, double dtS, int pass, PlasmaCurveSpec plasma) {
        ScenarioFixture.SpeciesFixture drug = species("drug").decay(decayPerS);
        ScenarioFixture.SpeciesFixture other = species("other").decay(decayPerS);
        if (plasma != null) {
            drug.vessel(1.0, plasma);
            other.vessel(1.0, plasma);
        }
        Scenario sc = scenario().with(drug).with(other).build();
        ReactionTables tables = new ReactionTables(TransportFields.of(TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc))));
        float[] into = new float[tables.floatsPerPass()];
        tables.fill(new PassSchedule(0.0, dtS, 3, true), pass, into, 0);
        return into;
    }

    /** The entry of {@code key} in sub-table {@code sub} (0 = A, 1 = B) of species {@code s}. */
    private static int at(int s, int sub, int key) {
        return ((s * 2 + sub) * VoxelKeys.COUNT + key) * ReactionTables.STRIDE;
    }

    @Test
    void aSmallDecayIsAnIncrementWithTheRelativePrecisionOfExpm1() {
        double k = 5.07e-4;
        double dt = 0.012;
        float[] t = passTables(k, dt, 1, null); // a fused pass: A and B are dt/2 each
        int drugA = at(0, 0, ECM_NO_VESSEL);
        assertEquals(1f, t[drugA]);
        assertEquals((float) Math.expm1(-k * dt / 2), t[drugA + 1], "drug sub-step A: expm1(−λ·dt/2)");
        int composed = at(1, 0, ECM_NO_VESSEL);
        assertEquals(1f, t[composed]);
        float expected = (float) Math.expm1(-k * dt);
        assertEquals(expected, t[composed + 1], Math.ulp(expected), "two composed sub-steps: expm1(−λ·dt)");
        // 1 + change is then e^(−λ·dt) to 1e-7 of the decay, where the float of e^(−λ·dt) is off by up to 5e-3 of it
        assertEquals(-Math.expm1(-k * dt), -(double) t[composed + 1], 1e-7 * k * dt);
    }

    @Test
    void aStiffDecayIsAScaleWithNoIncrement() {
        double dt = 1.0;
        double k = 20.0; // λh = 10 per half step
        float[] t = passTables(k, dt, 1, null);
        int drugB = at(0, 1, ECM_NO_VESSEL);
        assertEquals((float) Math.exp(-10.0), t[drugB], Math.ulp((float) Math.exp(-10.0)));
        assertEquals(0f, t[drugB + 1]);
        int composed = at(1, 0, ECM_NO_VESSEL);
        assertEquals((float) Math.exp(-20.0), t[composed], Math.ulp((float) Math.exp(-20.0)));
        assertEquals(0f, t[composed + 1]);
    }

    @Test
    void anEmptySubStepIsTheIdentity() {
        float[] t = passTables(0.3, 1.0, 0, null); // pass 0 has no sub-step A
        int drugA = at(0, 0, ECM_NO_VESSEL);
        assertEquals(1f, t[drugA]);
        assertEquals(0f, t[drugA + 1]);
        assertEquals(0f, t[drugA + 2]);
        assertEquals(0f, t[drugA + 3]);
    }

    @Test
    void aLumenKeyTakesExactlyThePlasmaLevel() {
        float[] t = passTables(0.3, 1.0, 1, new PlasmaCurveSpec.Constant(3.0));
        for (int[] entry : new int[][] {{0, 0}, {0, 1}, {1, 0}}) {
            int e = at(entry[0], entry[1], LUMEN);
            // scale·C + ((change·C + sourceConst) + viability·sourcePerAlive) = 3 for any C
            assertEquals(0f, t[e], "scale");
            assertEquals(0f, t[e + 1], "change");
            assertEquals(3f, t[e + 2], "sourceConst");
            assertEquals(0f, t[e + 3], "sourcePerAlive");
        }
    }
}

package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;
import org.stromasim.transport.VoxelKeys;

/**
 * The float forms of the explicit step's reaction sub-steps against the exact solutions in double:
 * the tabulated map (scale/change form) keeps a slow decay's rate over many steps, where a float factor
 * would not; the per-voxel Michaelis–Menten integration in float (series for small λh) matches the
 * exact relaxation to float precision.
 */
class FloatReactionMapTest {

    private static final int ECM = VoxelKeys.key(CellType.ECM.code(), false);
    private static final int CANCER = VoxelKeys.key(CellType.CANCER.code(), false);

    private static ReactionUpdate update(Scenario sc) {
        TransportModel model = TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
        return new ReactionUpdate(model.reactions(0), false, TransportFields.of(model).vesselSurfaceToVolumePerUm());
    }

    /**
     * Decay at λh = 3.1e-6 per sub-step (IL-6 at a 7.5 µm voxel), 100,000 sub-steps: the decayed
     * amount 1 − C stays within 0.02 % of 1 − e^(−λt). A factor e^(−λh) rounded to float is off by a
     * fixed amount every step; the test first checks that this naive map would miss by more than 10×
     * the tolerance here, so it can tell the two apart.
     */
    @Test
    void slowDecayKeepsItsRateOverManySteps() {
        double k = 5.07e-4;
        double h = 6.2e-3;
        int steps = 100_000;
        ReactionUpdate stepper = update(scenario().grid(1, 1, 1, 10).with(species("il6").d0(0).decay(k)).build());
        ReactionTable table = new ReactionTable();
        stepper.tabulate(table, h, 0.0, 0.0);
        float[] c = {1f};
        byte[] keys = {(byte) ECM};
        float[] alive = {1f};
        float naive = 1f;
        float naiveFactor = (float) Math.exp(-k * h);
        for (int n = 0; n < steps; n++) {
            stepper.apply(table, c, keys, alive, 0, 1);
            naive *= naiveFactor;
        }
        double decayed = -Math.expm1(-k * h * steps);
        double tolerance = 2e-4 * decayed;
        assertTrue(Math.abs((1 - naive) - decayed) > 10 * tolerance,
                "the test needs a step where a float factor drifts: " + (1 - naive) + " vs " + decayed);
        assertEquals(decayed, 1 - c[0], tolerance, "decayed amount after " + steps + " sub-steps");
    }

    /** Stiff decay (λh = 10): the small factor is kept as it is, so C·e^(−10) to float precision. */
    @Test
    void stiffDecayKeepsItsSmallFactor() {
        double k = 2.0;
        double h = 5.0;
        ReactionTable table = new ReactionTable();
        ReactionUpdate stepper = update(scenario().grid(1, 1, 1, 10).with(species("drug").d0(0).decay(k)).build());
        stepper.tabulate(table, h, 0.0, 0.0);
        float[] c = {3f};
        stepper.apply(table, c, new byte[] {(byte) ECM}, new float[] {1f}, 0, 1);
        double exact = 3.0 * Math.exp(-k * h);
        assertEquals(exact, c[0], 2e-7 * exact);
    }

    /**
     * Michaelis–Menten uptake with decay, secretion and partial viability, 20,000 random voxels and
     * sub-steps with λh below the series threshold: the float integration equals the exact relaxation
     * (rate frozen at the start value, computed in double here) within 1e-6 of the larger of C before and after.
     */
    @Test
    void perVoxelIntegrationInFloatMatchesTheExactRelaxation() {
        SplittableRandom random = new SplittableRandom(20261127L);
        for (int i = 0; i < 20_000; i++) {
            double vmax = random.nextDouble(0.0, 2.0);
            double km = random.nextDouble(0.05, 20.0);
            double decay = random.nextDouble(0.0, 0.05);
            double secretion = random.nextDouble(0.0, 3.0);
            Scenario sc = scenario().grid(1, 1, 1, 10).with(species("drug").d0(0).decay(decay)
                    .uptake(CellType.CANCER, vmax, km).secretion(CellType.CANCER, secretion, null)).build();
            ReactionUpdate stepper = update(sc);
            float c = (float) random.nextDouble(0.0, 50.0);
            float alive = random.nextBoolean() ? 1f : (float) random.nextDouble();
            double lambda = decay + alive * vmax / (km + c);
            double h = random.nextDouble(1e-6, 1.0) * ReactionUpdate.SMALL_STEP / Math.max(lambda, 1e-12) * 0.99;
            ReactionTable table = new ReactionTable();
            stepper.tabulate(table, h, 0.0, 0.0);
            float got = stepper.integrate(table, c, CANCER, alive);
            double exact = frozenRateSolution(c, alive * secretion, lambda, h);
            assertEquals(exact, got, 1e-6 * Math.max(Math.max(c, Math.abs(exact)), 1e-30),
                    "vmax " + vmax + " km " + km + " decay " + decay + " secretion " + secretion + " c " + c
                            + " viability " + alive + " h " + h);
        }
    }

    /**
     * dC/dt = S − λC with S, λ constant, solved in closed form: C(h) = C∞ + (C0 − C∞)·e^(−λh), C∞ = S/λ,
     * written as C0·e^(−λh) + S·(1 − e^(−λh))/λ with expm1 so a small λh loses nothing.
     */
    private static double frozenRateSolution(double c0, double source, double lambda, double h) {
        return c0 * Math.exp(-lambda * h) - source * Math.expm1(-lambda * h) / lambda;
    }
}

package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.api.Test;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.tissue.CellType;

/**
 * The reaction tabulation both backends fill their tables from, against the exact solution of
 * dC/dt = S − λC written out here: C(h) = C0·e^(−λh) + (S/λ)(1 − e^(−λh)), and its exposure ∫₀^h C dt
 * by Simpson's rule on 2000 panels (error ~h⁵λ⁴/2000⁴, far below the 1e-12 asked).
 */
class ReactionKeyMapTest {

    private static final double H = 0.7;
    private static final double DECAY = 0.05;
    private static final double ECM_BINDING = 0.4;
    private static final double CAF_SECRETION = 0.3;
    private static final double FIBROBLAST_SECRETION = 0.2;
    private static final double FIBROBLAST_SATURATION = 1.5;

    private static SpeciesReactions reactions() {
        return SpeciesReactions.of(species("s").d0(10).decay(DECAY).binding(CellType.ECM, ECM_BINDING)
                .secretion(CellType.CAF, CAF_SECRETION, null)
                .secretion(CellType.FIBROBLAST, FIBROBLAST_SECRETION, FIBROBLAST_SATURATION)
                .uptake(CellType.CANCER, 0.8, 0.3).vessel(2.0, new PlasmaCurveSpec.Constant(1.0)).build());
    }

    private static double[] ones() {
        double[] one = new double[CellType.COUNT];
        java.util.Arrays.fill(one, 1.0);
        return one;
    }

    private static double exact(double c0, double source, double lambda, double t) {
        return c0 * Math.exp(-lambda * t) + source / lambda * (1 - Math.exp(-lambda * t));
    }

    private static double exposure(double c0, double source, double lambda) {
        int panels = 2000;
        double dt = H / panels;
        double sum = exact(c0, source, lambda, 0) + exact(c0, source, lambda, H);
        for (int i = 1; i < panels; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * exact(c0, source, lambda, i * dt);
        }
        return sum * dt / 3;
    }

    private static int key(CellType cell) {
        return VoxelKeys.key(cell.code(), false);
    }

    @Test
    void aDecayingBindingKeyIsTheExactRelaxationForAnyViability() {
        ReactionKeyMap map = new ReactionKeyMap();
        map.tabulate(reactions(), ones(), true, H, 0.8);
        int k = key(CellType.ECM);
        double lambda = DECAY + ECM_BINDING;
        assertEquals(ReactionKeyMap.AFFINE, map.mode[k]);
        for (double alive : new double[] {0.0, 0.37, 1.0}) {
            double c0 = 2.5;
            double c1 = map.factor[k] * c0 + map.sourceConst[k] + alive * map.sourcePerAlive[k];
            assertEquals(exact(c0, 0.0, lambda, H), c1, 1e-14);
            double w1 = map.endWeight[k];
            assertEquals(exposure(c0, 0.0, lambda), (H - w1) * c0 + w1 * c1, 1e-12);
        }
        assertEquals(Math.exp(-lambda * H) - 1, map.change[k], 1e-16);
    }

    @Test
    void secretionScalesWithViability() {
        ReactionKeyMap map = new ReactionKeyMap();
        map.tabulate(reactions(), ones(), true, H, 0.8);
        int k = key(CellType.CAF);
        for (double alive : new double[] {0.0, 0.5, 1.0}) {
            double c0 = 0.4;
            double c1 = map.factor[k] * c0 + map.sourceConst[k] + alive * map.sourcePerAlive[k];
            assertEquals(exact(c0, alive * CAF_SECRETION, DECAY, H), c1, 1e-14, "viability " + alive);
            double w1 = map.endWeight[k];
            assertEquals(exposure(c0, alive * CAF_SECRETION, DECAY), (H - w1) * c0 + w1 * c1, 1e-12);
        }
    }

    @Test
    void saturatingSecretionIsTabulatedAtFullViabilityOnly() {
        ReactionKeyMap map = new ReactionKeyMap();
        map.tabulate(reactions(), ones(), true, H, 0.8);
        int k = key(CellType.FIBROBLAST);
        assertEquals(ReactionKeyMap.AFFINE_IF_FULLY_VIABLE, map.mode[k]);
        double lambda = DECAY + FIBROBLAST_SECRETION / FIBROBLAST_SATURATION;
        double c0 = 0.9;
        assertEquals(exact(c0, FIBROBLAST_SECRETION, lambda, H), map.factor[k] * c0 + map.sourceConst[k]
                + map.sourcePerAlive[k], 1e-14);
        assertEquals(0.0, map.sourcePerAlive[k]);
        assertEquals(Double.NaN, map.endWeight[k]);
    }

    @Test
    void uptakeWallsAndLumenAreNotTabulatedAsReactions() {
        ReactionKeyMap map = new ReactionKeyMap();
        map.tabulate(reactions(), ones(), true, H, 0.8);
        assertEquals(ReactionKeyMap.PER_VOXEL, map.mode[key(CellType.CANCER)]);
        assertEquals(ReactionKeyMap.WALL, map.mode[VoxelKeys.key(CellType.ECM.code(), true)]);
        int lumen = key(CellType.VESSEL);
        assertEquals(ReactionKeyMap.LUMEN, map.mode[lumen]);
        assertEquals(0.8f, map.factor[lumen] * 3.0 + map.sourceConst[lumen], 0.0); // the plasma level, whatever C was
        assertEquals(H / 2, map.endWeight[lumen]);

        double[] blocked = ones();
        blocked[CellType.CANCER.code()] = 0.0;
        map.tabulate(reactions(), blocked, false, H, 0.8);
        assertEquals(ReactionKeyMap.AFFINE, map.mode[key(CellType.CANCER)]); // blocked uptake: decay alone
        assertEquals(Math.exp(-DECAY * H), map.factor[key(CellType.CANCER)], 1e-16);
        assertEquals(3.0, map.factor[lumen] * 3.0 + map.sourceConst[lumen]); // not crossing walls: untouched
    }

    @Test
    void anEmptySubStepIsTheIdentity() {
        ReactionKeyMap map = new ReactionKeyMap();
        map.tabulate(reactions(), ones(), true, 0.0, 0.8);
        for (int k = 0; k < VoxelKeys.COUNT; k++) {
            assertEquals(1.0, map.factor[k], "key " + k);
            assertEquals(0.0, map.sourceConst[k] + map.sourcePerAlive[k], "key " + k);
        }
    }
}

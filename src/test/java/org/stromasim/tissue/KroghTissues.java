package org.stromasim.tissue;

import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.transport.ScenarioFixture;

/**
 * Test fixture: the {@link KroghFixture} cylinder as a scenario and a state a backend runs: lumen
 * voxels VESSEL, the wall built from the segment, one species with first-order decay k and wall
 * permeability P under a constant plasma level.
 */
public final class KroghTissues {

    private KroghTissues() {
    }

    public static Scenario scenario(KroghFixture.Case c) {
        return scenario(c, null);
    }

    /** The same with the diffusion scheme {@code diffusion} (null: the default). */
    public static Scenario scenario(KroghFixture.Case c, org.stromasim.scenario.DiffusionSpec diffusion) {
        ScenarioFixture f = ScenarioFixture.scenario().grid(c.grid().nx(), c.grid().ny(), 1, c.grid().voxelUm());
        if (diffusion != null) {
            f = f.diffusion(diffusion);
        }
        return f.with(ScenarioFixture.species("drug").d0(KroghFixture.D_UM2_PER_S).decay(KroghFixture.K_PER_S)
                        .vessel(KroghFixture.P_UM_PER_S, new PlasmaCurveSpec.Constant(KroghFixture.PLASMA)))
                .build();
    }

    public static Tissue state(Scenario scenario, KroghFixture.Case c) {
        Tissue t = ScenarioFixture.emptyTissue(scenario);
        for (int v = 0; v < c.lumen().length; v++) {
            if (c.lumen()[v]) {
                t.cell()[v] = CellType.VESSEL.code();
            }
        }
        t.setVesselWall(c.wall().copy());
        return t;
    }

    /**
     * Largest |C − reference| over the tissue voxels, relative to the largest reference level, after
     * the state has run to steady state.
     */
    public static double worstRelativeDifference(KroghFixture.Case c, float[] concentration) {
        double[] reference = KroghFixture.steadyState(c.grid(), c.lumen(), c.wall().areaPerVolumePerUm(),
                c.wall().wallDistanceUm());
        double max = 0;
        double worst = 0;
        for (int v = 0; v < reference.length; v++) {
            if (!c.lumen()[v]) {
                max = Math.max(max, reference[v]);
                worst = Math.max(worst, Math.abs(concentration[v] - reference[v]));
            }
        }
        return worst / max;
    }
}

package org.stromasim.backend.java;

import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.List;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;

/**
 * The cancer block of issue 12: every voxel a cancer cell with the doxorubicin preset's uptake
 * (Vmax 0.0345 µM/s, Km 0.16 µM: a first-order rate up to Vmax/Km ≈ 0.22 /s far below Km) and its
 * transport (D0 117 µm²/s, vessel permeability 2.67 µm/s), fed by four parallel vessels 250 µm apart
 * running along z, after a bolus at t = 0 (peak 5 µM, half-life 10 min). 10 µm voxels, 100 × 25 × 2.
 */
public final class CancerBlockProblem {

    public static final double VMAX_UM_PER_S = 0.0345;
    public static final double KM_UM = 0.16;
    public static final int NX = 100;
    public static final int NY = 25;
    public static final int NZ = 2;

    private CancerBlockProblem() {
    }

    public static Scenario scenarioWith(DiffusionSpec diffusion) {
        PlasmaCurveSpec bolus = new PlasmaCurveSpec.Bolus(5.0, 0.0, List.of(600.0), null);
        ScenarioFixture.SpeciesFixture drug = species("drug").d0(117).stokesRadius(0.6).vessel(2.67, bolus)
                .uptake(CellType.CANCER, VMAX_UM_PER_S, KM_UM);
        return scenario().grid(NX, NY, NZ, 10.0).diffusion(diffusion).with(drug).build();
    }

    /** All cancer, with vessels at x = 125, 375, 625, 875 µm (voxels 12, 37, 62, 87), y = 125 µm, every z. */
    public static Tissue initial(Scenario scenario) {
        Tissue t = ScenarioFixture.emptyTissue(scenario);
        java.util.Arrays.fill(t.cell(), CellType.CANCER.code());
        for (int k = 0; k < NZ; k++) {
            for (int vessel = 0; vessel < 4; vessel++) {
                int i = 12 + 25 * vessel;
                t.cell()[i + NX * (12 + NY * k)] = CellType.VESSEL.code();
            }
        }
        return t;
    }
}

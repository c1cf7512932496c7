package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.api.Test;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;

/**
 * The explicit scheme's splitting order, observed from three step sizes h, h/2, h/4:
 * p = log2(|P(h) − P(h/2)| / |P(h/2) − P(h/4)|), which needs no exact answer.
 *
 * <p>The problem isolates the splitting error: two voxels (ECM, and cancer binding the solute at
 * k = 10/s) coupled by diffusion, whose only non-zero mode decays at μ = 2D/dx² = 1/s, over 2 s. The
 * reaction sub-steps are exact, and so is the diffusion sub-step here: forward Euler multiplies that
 * mode by 1 − h·2D_h/dx², so each step size runs with D_h chosen to make it e^(−μh)
 * (D_h = dx²(1 − e^(−μh))/(2h), the same diffusion flow for every h). What is left is the splitting
 * error alone: Lie first order, Strang second. The step sizes keep each inside its asymptotic range
 * (Strang h·k = 0.4, 0.2, 0.1; Lie 0.1, 0.05, 0.025, where its h² term still moves p by about 0.04);
 * the differences are at least 3e-5 of a solution near 0.4, float round-off over 800 steps about 1e-7,
 * so p is within 0.1 of the order.
 */
class SplittingOrderTest {

    private static final double END_S = 2.0;
    private static final double MU_PER_S = 1.0;

    @Test
    void strangIsSecondOrder() {
        assertEquals(2.0, observedOrder(RunSpec.Splitting.STRANG, 0.04), 0.1);
    }

    @Test
    void lieIsFirstOrder() {
        assertEquals(1.0, observedOrder(RunSpec.Splitting.LIE, 0.01), 0.1);
    }

    private static double observedOrder(RunSpec.Splitting splitting, double h) {
        double coarse = ecmVoxelAt(splitting, h);
        double middle = ecmVoxelAt(splitting, h / 2);
        double fine = ecmVoxelAt(splitting, h / 4);
        double p = Math.log(Math.abs(coarse - middle) / Math.abs(middle - fine)) / Math.log(2);
        System.out.printf("%s: P(h) %.9f P(h/2) %.9f P(h/4) %.9f -> order %.3f%n", splitting, coarse, middle, fine, p);
        return p;
    }

    /** The ECM voxel after END_S seconds at step h, with the diffusion sub-step exact for this h. */
    private static double ecmVoxelAt(RunSpec.Splitting splitting, double h) {
        double dx = 10;
        double d = dx * dx * -Math.expm1(-MU_PER_S * h) / (2 * h);
        Scenario sc = scenario().grid(2, 1, 1, dx).splitting(splitting)
                .with(species("drug").d0(d).binding(CellType.CANCER, 10.0)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.cell()[0] = CellType.ECM.code();
        t.cell()[1] = CellType.CANCER.code();
        t.concentration(0)[0] = 1f;
        t.concentration(0)[1] = 1f;
        int steps = (int) Math.round(END_S / h);
        return Runs.run(sc, t, 1, h, steps).concentration(0)[0];
    }
}

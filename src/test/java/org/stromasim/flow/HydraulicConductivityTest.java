package org.stromasim.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.stromasim.matrix.MatrixComposition;

/** K = κ/μ × Maxwell's cell factor, against numbers worked by hand here. */
class HydraulicConductivityTest {

    /**
     * Collagen only, φ = 0.05, r = 20 nm: κ = 20²·3/(20·0.05)·(−ln 0.05 − 0.931) = 1200·2.064732 =
     * 2477.68 nm² = 2.47768e-3 µm²; μ = 1e-3 Pa·s = 7.50064e-6 mmHg·s; K = 330.33 µm²/(mmHg·s);
     * with half the voxel in cells, × 2·0.5/2.5 = 0.4.
     */
    @Test
    void collagenOnlyRowWorkedByHand() {
        HydraulicConductivity law = new HydraulicConductivity(20, 0.5, 1e-3);
        assertEquals(330.33, law.conductivity(new MatrixComposition(0.05, 0, 0)), 0.01);
        assertEquals(0.4 * 330.33, law.conductivity(new MatrixComposition(0.05, 0, 0.5)), 0.01);
    }

    /**
     * Resistances add: with GAG φ = 3e-4 of radius 0.5 nm, κ_gag = 0.25·3/(0.006)·(−ln 3e-4 − 0.931) =
     * 125·7.180 = 897.5 nm², so κ = 1/(1/2477.68 + 1/897.5) = 658.9 nm² and K = 87.84 µm²/(mmHg·s).
     */
    @Test
    void gagResistanceAddsToCollagens() {
        double kGag = 0.25 * 3 / 0.006 * (-Math.log(3e-4) - 0.931);
        double kappa = 1 / (1 / 2477.68 + 1 / kGag);
        assertEquals(kappa * 1e-6 / (1e-3 / 133.322),
                new HydraulicConductivity(20, 0.5, 1e-3).conductivity(new MatrixComposition(0.05, 3e-4, 0)), 0.01);
    }
}

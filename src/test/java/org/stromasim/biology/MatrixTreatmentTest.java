package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.BiologySpec.Intervention;
import org.stromasim.scenario.BiologySpec.InterventionKind;

/** How the matrix co-therapies combine on the collagen side (hyaluronan: HyaluronanTurnoverTest). */
class MatrixTreatmentTest {

    /** LOX inhibitor and losartan, enzyme and collagenase: independent blockades, 1 − (1 − a)(1 − b). */
    @Test
    void collagenTherapiesCombineAsIndependentBlockades() {
        InterventionLevels levels = new InterventionLevels(List.of(
                new Intervention(InterventionKind.LOX_INHIBITOR, 0, 100, 0.5),
                new Intervention(InterventionKind.LOSARTAN, 0, 100, 0.4),
                new Intervention(InterventionKind.COLLAGENASE, 50, 100, 0.3)));
        assertEquals(0.7, MatrixTreatment.collagenDepositionBlock(levels, 10), 1e-15);
        assertEquals(0.0, MatrixTreatment.collagenDegradation(levels, 10), 0.0);
        assertEquals(0.3, MatrixTreatment.collagenDegradation(levels, 60), 1e-15);
    }
}

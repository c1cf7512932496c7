package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.BiologySpec.Intervention;
import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * The hyaluronan state on the OpenCL slow step against the Java one, through the time loop: fibrotic-barrier on the
 * reduced grid for 300 s (ten slow steps) with activation 10× faster than shipped, hyaluronan turnover at 2e-3/s,
 * hyaluronidase (1e-3/s at strength 0.8) from 60 to 180 s and losartan 0.5 from 120 s. The cell codes are identical,
 * the hyaluronan field, stiffness and every species agree within {@link BiologyScenarioParityTest#FIELD_TOLERANCE} of
 * their maximum. Each process acted on the device: activated voxels hold more hyaluronan than the fibroblasts that
 * stayed fibroblasts (the same history up to activation, a higher deposition after), cancer voxels lost it to the enzyme.
 */
@EnabledIfOpenClOrCi
class HyaluronanParityTest {

    @Test
    void depositionTurnoverAndTreatmentsAgreeOnBothBackends() {
        Scenario loaded = BiologyOnBothBackends.load("fibrotic-barrier", "biology.activation.max_rate_per_s=0.002",
                "ecm.hyaluronan.turnover_per_s=2e-3", "ecm.hyaluronan.hyaluronidase_per_s=1e-3");
        Scenario s = BiologyOnBothBackends.withInterventions(loaded, List.of(
                new Intervention(InterventionKind.HYALURONIDASE, 60, 120, 0.8),
                new Intervention(InterventionKind.LOSARTAN, 120, 1e6, 0.5)));
        Tissue java = BiologyOnBothBackends.run(s, false, 300).last;
        Tissue opencl = BiologyOnBothBackends.run(s, true, 300).last;
        assertNotNull(opencl.gagFraction());
        BiologyParityTest.assertSameCells(java, opencl);
        double tol = BiologyScenarioParityTest.FIELD_TOLERANCE;
        BothBackends.assertClose("hyaluronan", java.gagFraction(), opencl.gagFraction(), tol);
        BothBackends.assertClose("stiffness", java.stiffnessKpa(), opencl.stiffnessKpa(), tol);
        BothBackends.assertSameState(java, opencl, tol);

        Tissue initial = TissueBuilder.build(s);
        int activated = 0;
        double activatedSum = 0;
        int stayed = 0;
        double stayedSum = 0;
        for (int v = 0; v < initial.cell().length; v++) {
            if (initial.cell()[v] == CellType.FIBROBLAST.code() && opencl.cell()[v] == CellType.CAF.code()) {
                activated++;
                activatedSum += opencl.gagFraction()[v];
            }
            if (initial.cell()[v] == CellType.FIBROBLAST.code() && opencl.cell()[v] == CellType.FIBROBLAST.code()) {
                stayed++;
                stayedSum += opencl.gagFraction()[v];
            }
            if (initial.cell()[v] == CellType.CANCER.code() && opencl.cell()[v] == CellType.CANCER.code()) {
                assertTrue(opencl.gagFraction()[v] < 0.95f * initial.gagFraction()[v], "the enzyme removed hyaluronan");
            }
        }
        assertTrue(activated > 0 && stayed > 0, "fibroblasts activated on the device, others did not");
        assertTrue(activatedSum / activated > 1.05 * stayedSum / stayed, "activated voxels gained hyaluronan: "
                + activatedSum / activated + " against " + stayedSum / stayed);
        System.out.printf("hyaluronan parity: %d activations%n", activated);
        assertEquals(java.gagFraction().length, opencl.gagFraction().length);
    }
}

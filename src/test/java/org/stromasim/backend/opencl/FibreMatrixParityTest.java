package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.backend.opencl.BiologyOnBothBackends.Outcome;
import org.stromasim.scenario.BiologySpec;
import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/**
 * The fibre_matrix law on the OpenCL slow step against the Java one (fibrotic-barrier.yaml, reduced
 * grid, prepared across every slow-step threshold): after remodelling under an enzyme, CAF
 * stiffening and deaths (which change a voxel's GAG and cell fractions), every species' diffusivity
 * agrees within {@link BiologyParityTest#TOLERANCE} of its maximum (float kernel against double host).
 */
@EnabledIfOpenClOrCi
class FibreMatrixParityTest {

    @Test
    void diffusivityFromCompositionIsTheSameOnTheDevice() {
        Scenario s = BiologyOnBothBackends.withInterventions(BiologyOnBothBackends.load("fibrotic-barrier",
                        "biology.activation.max_rate_per_s=0.01", "biology.drug_response.max_kill_per_s=0.005"),
                List.of(new BiologySpec.Intervention(InterventionKind.ENZYME, 60.0, 1.0e6, 1.0)));
        Tissue initial = BiologyParityTest.prepared(s);
        float[][] before = new float[s.species().size()][];
        TransportModel compiled = TransportModel.compile(s, initial.copy());
        for (int sp = 0; sp < before.length; sp++) {
            before[sp] = TransportFields.of(compiled).diffusivityUm2PerS(sp).clone();
        }
        Outcome java = BiologyOnBothBackends.slowSteps(s, initial, false, 5, false);
        Outcome opencl = BiologyOnBothBackends.slowSteps(s, initial, true, 5, false);
        for (int sp = 0; sp < java.diffusivity().length; sp++) {
            BothBackends.assertClose("fibre_matrix diffusivity of " + s.species().get(sp).name(), java.diffusivity()[sp],
                    opencl.diffusivity()[sp], BiologyParityTest.TOLERANCE);
        }
        int died = BiologyOnBothBackends.changed(initial, opencl.state(), CellType.CANCER, CellType.DEAD);
        assertTrue(died > 0, "some cancer voxels died, so their cell fraction changed");
        // a dead voxel (cell fraction 0.3) diffuses faster than the cancer voxel (0.6) it was, on the device too
        int faster = 0;
        for (int v = 0; v < initial.cell().length; v++) {
            if (initial.cell()[v] == CellType.CANCER.code() && opencl.state().cell()[v] == CellType.DEAD.code()
                    && opencl.diffusivity()[0][v] > before[0][v]) {
                faster++;
            }
        }
        assertTrue(faster > 0, "dead voxels' diffusivity follows their new cell fraction");
    }
}

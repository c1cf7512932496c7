package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.DoxorubicinUptakeHalfTimeTest;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * The shipped doxorubicin uptake on the OpenCL backend: the well-mixed cancer block of
 * {@link DoxorubicinUptakeHalfTimeTest} halves at the hand-computed 8.806 s there too (same tolerance, the
 * frozen-rate sub-step's error), and matches the Java backend voxel by voxel within float round-off.
 */
@EnabledIfOpenClOrCi
class DoxorubicinUptakeParityTest {

    @Test
    void openClHalvesTheBlockAtTheHandComputedHalfTimeAndMatchesJava() {
        Scenario scenario = DoxorubicinUptakeHalfTimeTest.block();
        Tissue initial = TissueBuilder.build(scenario);
        double dt = 8.806 / 440;
        Tissue opencl = BothBackends.run(scenario, initial, true, dt, 440);
        Tissue java = BothBackends.run(scenario, initial, false, dt, 440);
        for (float c : opencl.concentration("drug")) {
            assertEquals(0.5, c, 0.5e-3);
        }
        BothBackends.assertClose("drug", java.concentration("drug"), opencl.concentration("drug"), 1e-5);
    }
}

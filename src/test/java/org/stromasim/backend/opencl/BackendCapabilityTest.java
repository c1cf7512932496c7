package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.biology.SlowProcesses;
import org.stromasim.metrics.MetricsCalculator;
import org.stromasim.metrics.StateReductions;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * The capability queries the time loop asks instead of probing: which backend reduces the metrics where
 * the state lives (the OpenCL one, unless the model has biology, whose metrics read the host copy), and
 * that a backend answers a call it has declared it cannot serve with a refusal, not an empty result.
 */
@EnabledIfOpenClOrCi
class BackendCapabilityTest {

    @Test
    void onlyTheOpenClBackendWithoutBiologyReducesOnTheDevice() {
        Scenario plain = BiologyOnBothBackends.load("default");
        Scenario fibrotic = BiologyOnBothBackends.load("fibrotic-stroma");
        assertEquals(null, plain.biology(), "the default scenario has no biology section");
        assertTrue(fibrotic.biology() != null, "fibrotic-stroma has a biology section");

        Tissue plainState = TissueBuilder.build(plain);
        TransportModel plainModel = TransportModel.compile(plain, plainState);
        try (OpenClBackend device = new OpenClBackend(plainModel, OpenClTestDevice.get());
             JavaBackend java = new JavaBackend(plainModel, 1)) {
            assertTrue(device.reducesOnDevice());
            assertFalse(java.reducesOnDevice());
            device.upload(plainState);
            StateReductions reduced = device.reduce(new MetricsCalculator(plain).reductionPlan(plainState), plainState);
            assertEquals(new MetricsCalculator(plain).reductionPlan(plainState).onHost(plainState).tissueVoxels(),
                    reduced.tissueVoxels());
            java.upload(plainState.copy());
            assertThrows(UnsupportedOperationException.class,
                    () -> java.reduce(new MetricsCalculator(plain).reductionPlan(plainState), plainState));
            // a slow step on a backend compiled without biology kernels is refused, never skipped
            Tissue fibroticState = TissueBuilder.build(fibrotic);
            SlowProcesses slow = new SlowProcesses(fibrotic);
            assertThrows(IllegalStateException.class, () -> device.runSlowStep(plainState, slow.stepEndingAt(1.0)));
        }

        Tissue fibroticState = TissueBuilder.build(fibrotic);
        TransportModel fibroticModel = TransportModel.compile(fibrotic, fibroticState);
        try (OpenClBackend device = new OpenClBackend(fibroticModel, OpenClTestDevice.get())) {
            assertFalse(device.reducesOnDevice(), "biology metrics are computed on the host copy");
            device.upload(fibroticState);
            assertThrows(IllegalStateException.class,
                    () -> device.reduce(new MetricsCalculator(fibrotic).reductionPlan(fibroticState), fibroticState));
        }
    }
}

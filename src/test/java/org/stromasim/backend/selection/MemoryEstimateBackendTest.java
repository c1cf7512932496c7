package org.stromasim.backend.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.api.Test;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.SelectedBackend;
import org.stromasim.backend.opencl.OpenClBackend;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * The memory estimate made before a run is built counts the backend that will run: {@code auto} is
 * estimated as an OpenCL run exactly where {@link BackendFactory#select} then builds an OpenCL backend,
 * else as the Java backend it falls back to (which needs several times the host memory).
 */
class MemoryEstimateBackendTest {

    @Test
    void javaIsJavaAndAnAskedDeviceIsOpenCl() {
        assertFalse(BackendFactory.choosesOpenCl(BackendChoice.JAVA, null, DiffusionSpec.EXPLICIT));
        assertTrue(BackendFactory.choosesOpenCl(BackendChoice.OPENCL, null, DiffusionSpec.EXPLICIT));
        assertTrue(BackendFactory.choosesOpenCl(BackendChoice.AUTO, "0", DiffusionSpec.EXPLICIT));
    }

    @Test
    void autoIsEstimatedAsTheBackendSelectBuilds() {
        Scenario sc = scenario().grid(4, 4, 4, 10).with(species("drug").d0(100)).build();
        TransportModel model = TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
        SelectedBackend selected = BackendFactory.select(BackendChoice.AUTO, null, model, 1);
        try {
            assertEquals(selected.backend() instanceof OpenClBackend,
                    BackendFactory.choosesOpenCl(BackendChoice.AUTO, null, sc.run().diffusion()), selected.note());
        } finally {
            selected.backend().close();
        }
    }
}

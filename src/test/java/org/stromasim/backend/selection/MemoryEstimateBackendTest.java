package org.stromasim.backend.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.opencl.DeviceSelector;
import org.stromasim.backend.opencl.OpenClDevices;
import org.stromasim.backend.opencl.OpenClUnavailableException;
import org.stromasim.scenario.DiffusionSpec;

/**
 * The memory estimate made before a run is built counts the backend that will run: {@code auto} is
 * estimated as an OpenCL run only where select would take an OpenCL device, else as the Java backend
 * it falls back to (which needs several times the host memory).
 */
class MemoryEstimateBackendTest {

    @Test
    void javaIsJavaAndAnAskedDeviceIsOpenCl() {
        assertFalse(BackendFactory.choosesOpenCl(BackendChoice.JAVA, null, DiffusionSpec.EXPLICIT));
        assertTrue(BackendFactory.choosesOpenCl(BackendChoice.OPENCL, null, DiffusionSpec.EXPLICIT));
        assertTrue(BackendFactory.choosesOpenCl(BackendChoice.AUTO, "0", DiffusionSpec.EXPLICIT));
    }

    @Test
    void autoIsOpenClExactlyWhereAUsableDeviceIsListed() {
        boolean usable;
        try {
            usable = DeviceSelector.best(OpenClDevices.list()).isPresent();
        } catch (OpenClUnavailableException e) {
            usable = false;
        }
        assertEquals(usable, BackendFactory.choosesOpenCl(BackendChoice.AUTO, null, DiffusionSpec.EXPLICIT));
    }
}

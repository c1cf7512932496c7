package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.opencl.OpenClDevice;

/** How local sweep workers are laid over processors and OpenCL devices. */
class WorkerPlanTest {

    private static OpenClDevice device(int index, OpenClDevice.Kind kind, boolean usable) {
        return new OpenClDevice(index, "platform", "device" + index, kind, 1L << 34, 1L << 32, 64, 1024,
                "OpenCL 3.0", "OpenCL C 1.2", true, usable ? null : "too old", null, null);
    }

    private static final List<OpenClDevice> TWO_GPUS_AND_A_CPU = List.of(
            device(0, OpenClDevice.Kind.CPU, true), device(1, OpenClDevice.Kind.GPU, true),
            device(2, OpenClDevice.Kind.GPU, false), device(3, OpenClDevice.Kind.GPU, true));

    @Test
    void oneWorkerPerUsableGpuEachOnItsOwnDevice() {
        WorkerPlan plan = WorkerPlan.of(BackendChoice.AUTO, TWO_GPUS_AND_A_CPU, List.of(), 0, 0, 16, 10);
        assertEquals(2, plan.workers());
        assertEquals(8, plan.threads());
        assertEquals("1", plan.deviceOf(0));
        assertEquals("3", plan.deviceOf(1));
    }

    @Test
    void fewerPendingRunsThanGpusUseFewerWorkers() {
        assertEquals(1, WorkerPlan.of(BackendChoice.OPENCL, TWO_GPUS_AND_A_CPU, List.of(), 0, 0, 16, 1).workers());
    }

    @Test
    void withoutGpusOneWorkerPerProcessorAndTheBackendChoosesTheDevice() {
        WorkerPlan plan = WorkerPlan.of(BackendChoice.AUTO, List.of(device(0, OpenClDevice.Kind.CPU, true)),
                List.of(), 0, 0, 8, 20);
        assertEquals(8, plan.workers());
        assertEquals(1, plan.threads());
        assertNull(plan.deviceOf(5));
    }

    @Test
    void javaBackendIgnoresGpus() {
        WorkerPlan plan = WorkerPlan.of(BackendChoice.JAVA, TWO_GPUS_AND_A_CPU, List.of(), 0, 0, 4, 3);
        assertEquals(3, plan.workers());
        assertNull(plan.deviceOf(0));
    }

    @Test
    void explicitDevicesGetOneWorkerEachAndWorkersTakeThemRoundRobin() {
        WorkerPlan named = WorkerPlan.of(BackendChoice.AUTO, TWO_GPUS_AND_A_CPU, List.of("0", "device3"), 0, 0, 4, 9);
        assertEquals(2, named.workers());
        assertEquals("0", named.deviceOf(0));
        assertEquals("3", named.deviceOf(1));
        WorkerPlan more = WorkerPlan.of(BackendChoice.AUTO, TWO_GPUS_AND_A_CPU, List.of("1", "3"), 5, 2, 4, 9);
        assertEquals(5, more.workers());
        assertEquals(2, more.threads());
        assertEquals("1", more.deviceOf(4));
    }

    @Test
    void unusableOrUnknownDevicesAndJavaWithDevicesAreRefused() {
        IllegalArgumentException unusable = assertThrows(IllegalArgumentException.class,
                () -> WorkerPlan.of(BackendChoice.AUTO, TWO_GPUS_AND_A_CPU, List.of("2"), 0, 0, 4, 4));
        assertTrue(unusable.getMessage().contains("too old"), unusable.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> WorkerPlan.of(BackendChoice.AUTO, TWO_GPUS_AND_A_CPU, List.of("7"), 0, 0, 4, 4));
        IllegalArgumentException java = assertThrows(IllegalArgumentException.class,
                () -> WorkerPlan.of(BackendChoice.JAVA, TWO_GPUS_AND_A_CPU, List.of("1"), 0, 0, 4, 4));
        assertTrue(java.getMessage().contains("--backend java"), java.getMessage());
    }
}

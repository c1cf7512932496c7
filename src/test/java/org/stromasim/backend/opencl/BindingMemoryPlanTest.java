package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.api.Test;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * The device memory plan counts the retardation buffer of the species bound to the matrix: a model with two
 * bound species allocates, buffer by buffer, one float per voxel of each (instead of a one-float placeholder),
 * and the plan grows by exactly that. (The implicit scheme with binding adds the per-voxel multigrid masses,
 * which {@link MultigridWorkspace#deviceBytes} counts as for the unsplit coupling.)
 */
@EnabledIfOpenClOrCi
class BindingMemoryPlanTest {

    private static TransportModel model(boolean bound, DiffusionSpec scheme) {
        ScenarioFixture f = scenario().grid(16, 8, 6, 10.0).law(MatrixBindingParityTest.LAW)
                .with(bound ? species("drug").d0(60).ecmBinding(1) : species("drug").d0(60))
                .with(species("free").d0(40))
                .with(bound ? species("other").d0(25).ecmBinding(2) : species("other").d0(25));
        Scenario sc = (scheme == null ? f : f.diffusion(scheme)).build();
        return TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
    }

    @Test
    void thePlanGrowsByTheRetardationBufferThatIsAllocated() {
        for (DiffusionSpec scheme : new DiffusionSpec[] {null, MatrixBindingParityTest.IMPLICIT}) {
            TransportModel bound = model(true, scheme);
            TransportModel plain = model(false, scheme);
            long voxels = bound.grid().voxelCount();
            try (OpenClBackend a = new OpenClBackend(bound, OpenClTestDevice.get());
                 OpenClBackend b = new OpenClBackend(plain, OpenClTestDevice.get())) {
                long allocated = a.allocatedDeviceBytes() - b.allocatedDeviceBytes();
                long planned = a.memoryPlan().totalBytes() - b.memoryPlan().totalBytes();
                if (scheme == null) {
                    assertEquals(2 * voxels * Float.BYTES - Float.BYTES, allocated, "retardation buffer allocated");
                    assertEquals(allocated + Float.BYTES, planned, "the plan's growth (the placeholder is headroom)");
                } else {
                    long masses = MultigridWorkspace.deviceBytes(16, 8, 6, 3, true) - MultigridWorkspace.deviceBytes(16, 8, 6, 3, false);
                    assertEquals(2 * voxels * Float.BYTES + masses, planned, "implicit: retardation and per-voxel masses planned");
                }
            }
        }
    }
}

package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.api.Test;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * What the implicit scheme needs from an OpenCL device, refused before anything is allocated: double
 * precision (the one scheme refusal left, {@link OpenClBackend#refusal}) and the multigrid's device
 * memory, counted in the plan.
 */
@EnabledIfOpenClOrCi
class ImplicitOnDeviceLimitsTest {

    static final DiffusionSpec IMPLICIT = new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES);

    @Test
    void aDeviceWithoutDoublePrecisionRefusesOnlyTheImplicitSchemeInOneLine() {
        OpenClDevice d = OpenClTestDevice.get();
        OpenClDevice noFp64 = new OpenClDevice(d.index(), d.platformName(), d.name(), d.kind(), d.globalMemBytes(),
                d.maxAllocBytes(), d.computeUnits(), d.maxWorkGroupSize(), d.deviceVersion(), d.openClCVersion(), false,
                null, d.platform(), d.device());
        String refusal = OpenClBackend.refusal(IMPLICIT, noFp64);
        assertTrue(refusal != null && refusal.contains("implicit") && refusal.contains("cl_khr_fp64")
                && !refusal.contains("\n"), refusal);
        assertNull(OpenClBackend.refusal(DiffusionSpec.EXPLICIT, noFp64));
        assertNull(OpenClBackend.refusal(new DiffusionSpec(DiffusionSpec.Scheme.RKL2, 5000, DiffusionSpec.Coupling.PLAIN),
                noFp64));
        Scenario sc = scenario().grid(8, 8, 8, 10.0).diffusion(IMPLICIT).with(species("drug").d0(10)).build();
        TransportModel model = TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OpenClBackend(model, noFp64));
        assertTrue(e.getMessage().equals(refusal), e.getMessage());
    }

    /**
     * The unsplit coupling runs on a device with double precision (its solve is the implicit scheme's
     * multigrid) and is refused with the implicit scheme's one line on a device without it.
     */
    @Test
    void theUnsplitCouplingNeedsOnlyDoublePrecision() {
        DiffusionSpec unsplit = new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES,
                DiffusionSpec.Coupling.UNSPLIT);
        OpenClDevice d = OpenClTestDevice.get();
        assertNull(OpenClBackend.refusal(unsplit, d));
        OpenClDevice noFp64 = new OpenClDevice(d.index(), d.platformName(), d.name(), d.kind(), d.globalMemBytes(),
                d.maxAllocBytes(), d.computeUnits(), d.maxWorkGroupSize(), d.deviceVersion(), d.openClCVersion(), false,
                null, d.platform(), d.device());
        assertEquals(OpenClBackend.refusal(IMPLICIT, noFp64), OpenClBackend.refusal(unsplit, noFp64));
        Scenario sc = scenario().grid(8, 8, 8, 10.0).diffusion(unsplit).with(species("drug").d0(10)).build();
        TransportModel model = TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
        try (OpenClBackend backend = new OpenClBackend(model, d)) {
            assertTrue(backend.description().contains("unsplit"), backend.description());
        }
    }

    @Test
    void theMultigridIsCountedInTheDeviceMemoryPlan() {
        Scenario sc = scenario().grid(32, 32, 32, 10.0).diffusion(IMPLICIT).with(species("drug").d0(10))
                .with(species("b").d0(10)).build();
        TransportModel model = TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
        // Counted by hand from the layout: levels 32³, 16³, 8³, 4³ (64 cells: the coarsest), padded by
        // one ghost layer: 34³ + 18³ + 10³ + 6³ = 46352 doubles per level array set. Shared: 4 arrays
        // per level (x, b, r, d) and 7 on the fine level (TR-BDF2 and PCG vectors): 4·46352 + 7·39304
        // = 460536. Per species: 6 coefficient arrays per level and the fine boundary source:
        // 6·46352 + 39304 = 317416, × 2 species. 1095368 doubles + 128 reduction partials = 8763968 B,
        // plus the explicit plan's 54 B × 32768 voxels = 1769472 B: 10533440 B = 10.0 MiB. The largest
        // buffer is a padded fine double array, 34³ × 8 B = 307.1 KiB (above a species block's 256 KiB).
        OpenClDevice small = OpenClTestDevice.get().withMemory(9L << 20, 1L << 30);
        IllegalArgumentException total = assertThrows(IllegalArgumentException.class, () -> new OpenClBackend(model, small));
        assertTrue(total.getMessage().contains("grid 32×32×32 with 2 species needs 10.0 MiB of device memory "
                + "(largest buffer 307.1 KiB)"), total.getMessage());
    }

    /**
     * The unsplit coupling adds one padded double array per level for the per-voxel masses (46352
     * doubles = 370816 B on the grid above, counted by hand): 10904256 B = 10.4 MiB; its reaction pass
     * buffers are not allocated, and the plan does not count them for any implicit run.
     */
    @Test
    void thePerVoxelMassesAreCountedInTheDeviceMemoryPlan() {
        Scenario sc = scenario().grid(32, 32, 32, 10.0).diffusion(new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT,
                        DiffusionSpec.DEFAULT_MAX_STAGES, DiffusionSpec.Coupling.UNSPLIT)).with(species("drug").d0(10))
                .with(species("b").d0(10)).build();
        TransportModel model = TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
        OpenClDevice small = OpenClTestDevice.get().withMemory(10L << 20, 1L << 30);
        IllegalArgumentException total = assertThrows(IllegalArgumentException.class, () -> new OpenClBackend(model, small));
        assertTrue(total.getMessage().contains("grid 32×32×32 with 2 species needs 10.4 MiB of device memory"),
                total.getMessage());
    }
}

package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.NonFiniteValue;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * The device search for NaN/±∞ (kernels/reduce.cl {@code find_nonfinite}) finds the value planted in a
 * known place: the lowest flat index of the first bad field, with several bad values competing in one
 * field (the atomic minimum) and bad values in later fields ignored.
 */
@EnabledIfOpenClOrCi
class DeviceNonFiniteSearchTest {

    private static final int NX = 24;
    private static final int NY = 16;
    private static final int NZ = 9;

    private static OpenClBackend backend(Scenario sc) {
        return new OpenClBackend(TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc)), OpenClTestDevice.get());
    }

    private static Scenario twoSpecies() {
        return scenario().grid(NX, NY, NZ, 10.0).with(species("drug").d0(10)).with(species("b").d0(10)).build();
    }

    @Test
    void aFiniteStateHasNoBadValue() {
        Scenario sc = twoSpecies();
        Tissue state = ScenarioFixture.emptyTissue(sc);
        java.util.Arrays.fill(state.concentration(1), Float.MAX_VALUE); // large but finite
        try (OpenClBackend b = backend(sc)) {
            b.upload(state);
            assertEquals(Optional.empty(), b.firstNonFinite(state));
        }
    }

    @Test
    void theLowestBadVoxelOfTheFirstBadFieldIsNamedWithItsValue() {
        Scenario sc = twoSpecies();
        Tissue state = ScenarioFixture.emptyTissue(sc);
        int voxels = NX * NY * NZ;
        state.concentration(1)[voxels - 1] = Float.NaN;
        state.concentration(1)[1234] = Float.POSITIVE_INFINITY;
        state.concentration(1)[2000] = Float.NaN;
        state.drugExposure()[3] = Float.NaN; // a later field: not the first
        try (OpenClBackend b = backend(sc)) {
            b.upload(state);
            Optional<NonFiniteValue> found = b.firstNonFinite(state);
            assertEquals(Optional.of(new NonFiniteValue(1, 1234, Float.POSITIVE_INFINITY)), found);
            // the host scan names the same value
            assertEquals(found, NonFiniteValue.firstIn(state));
        }
    }

    @Test
    void theExposureIsSearchedToo() {
        Scenario sc = twoSpecies();
        Tissue state = ScenarioFixture.emptyTissue(sc);
        state.drugExposure()[777] = Float.NEGATIVE_INFINITY;
        try (OpenClBackend b = backend(sc)) {
            b.upload(state);
            Optional<NonFiniteValue> found = b.firstNonFinite(state);
            assertTrue(found.isPresent());
            assertEquals(2, found.get().field());
            assertEquals(777, found.get().voxel());
            assertTrue(found.get().inExposure(state));
        }
    }
}

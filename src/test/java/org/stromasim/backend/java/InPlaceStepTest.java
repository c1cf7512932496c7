package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.SpeciesBoundaries;
import org.stromasim.transport.TransportModel;

/**
 * The explicit step updates each species in its own array ({@link InPlaceSweep}): every voxel must
 * still see only old values, whatever the slab partition. Checked bitwise against a plain
 * out-of-place step written here from the formula (flux form, harmonic-mean faces in the order
 * x−, x+, y−, y+, z−, z+, FIXED 2·D_v·(C_b − C_v), PERIODIC wrap, zero-flux 0), over several steps and
 * advance calls, for thread counts from 1 to more threads than planes (one-plane slabs, empty slabs),
 * with every boundary type on some face, periodic z on a single slab (the wrapped planes are the
 * slab's own) and voxels of zero diffusivity.
 */
class InPlaceStepTest {

    private static final int NX = 7;
    private static final int NY = 5;
    private static final int NZ = 6;

    private static Scenario diffusionOnly() {
        return scenario().grid(NX, NY, NZ, 10)
                .with(species("a").d0(300).fixed(Face.X_MIN, 2.0).periodic(1).periodic(2))
                .with(species("b").d0(90).periodic(0).fixed(Face.Z_MIN, 0.25).fixed(Face.Y_MAX, 3.0))
                .with(species("c").d0(40)) // zero-flux everywhere: rows run without any domain face
                .build();
    }

    private static Tissue randomState(Scenario sc, long seed) {
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Random rnd = new Random(seed);
        for (int v = 0; v < t.grid().voxelCount(); v++) {
            t.stiffnessKpa()[v] = 0.5f + 4 * rnd.nextFloat();
            // some vessel voxels: zero diffusivity, their faces blocked (no species here crosses walls)
            t.cell()[v] = rnd.nextInt(9) == 0 ? CellType.VESSEL.code() : CellType.ECM.code();
            for (int s = 0; s < t.speciesCount(); s++) {
                t.concentration(s)[v] = 5 * rnd.nextFloat();
            }
        }
        return t;
    }

    @Test
    void inPlaceStepEqualsTheOutOfPlaceFormulaBitwiseForAnyThreadCount() {
        Scenario sc = diffusionOnly();
        Tissue initial = randomState(sc, 11);
        TransportModel model = TransportModel.compile(sc, initial.copy());
        double dt = 0.9 * TransportFields.of(model).stabilityLimit().dtMaxS();
        Tissue expected = initial.copy();
        int zeroDiffusivity = 0;
        for (float d : TransportFields.of(model).diffusivityUm2PerS(0)) {
            zeroDiffusivity += d == 0 ? 1 : 0;
        }
        assertTrue(zeroDiffusivity > 0, "the tissue has blocked voxels");
        for (int step = 0; step < 7; step++) {
            for (int s = 0; s < expected.speciesCount(); s++) {
                float[] next = referenceStep(expected.grid(), model.boundaries(s), TransportFields.of(model).diffusivityUm2PerS(s),
                        expected.concentration(s), (float) (dt / (10.0 * 10.0)));
                System.arraycopy(next, 0, expected.concentration(s), 0, next.length);
            }
        }
        for (int threads = 1; threads <= NZ + 2; threads++) {
            Tissue state = initial.copy();
            try (JavaBackend backend = new JavaBackend(TransportModel.compile(sc, state), threads)) {
                backend.upload(state);
                backend.advance(0.0, dt, 3); // two calls: the planes saved before a pass are per step
                backend.advance(3 * dt, dt, 4);
                backend.download(state);
            }
            for (int s = 0; s < state.speciesCount(); s++) {
                assertArrayEquals(expected.concentration(s), state.concentration(s), 0f,
                        "species " + s + " with " + threads + " threads");
            }
        }
    }

    @Test
    void theBackendWorksInTheUploadedArraysAndCopiesOnlyIntoAnotherState() {
        Scenario sc = diffusionOnly();
        Tissue state = randomState(sc, 3);
        float[] before = state.concentration(0).clone();
        Tissue other = ScenarioFixture.emptyTissue(sc);
        try (JavaBackend backend = new JavaBackend(TransportModel.compile(sc, state), 2)) {
            backend.upload(state);
            float[] adopted = state.concentration(0);
            backend.advance(0.0, 0.01, 2);
            backend.download(state);
            assertSame(adopted, state.concentration(0), "download into the adopted state keeps its arrays");
            backend.download(other);
            assertNotSame(state.concentration(0), other.concentration(0));
            assertArrayEquals(state.concentration(0), other.concentration(0), 0f, "download into another state copies");
        }
        boolean changed = false;
        for (int v = 0; v < before.length; v++) {
            changed |= before[v] != state.concentration(0)[v];
        }
        assertTrue(changed, "the step changed the uploaded array itself");
    }

    @Test
    void kahanExposureKeepsFloatPrecisionWhereAPlainFloatSumStalls() {
        // 2^25 increments of 1: a float sum stalls at 2^24 (1 is half an ulp there); the pair does not
        float[] exposure = {0f};
        float[] compensation = {0f};
        float plain = 0f;
        int n = 1 << 25;
        for (int i = 0; i < n; i++) {
            ReactionUpdate.accumulate(exposure, compensation, 0, 1f);
            plain += 1f;
        }
        assertEquals(16777216f, plain, 0f, "the plain float sum stalls at 2^24");
        ReactionUpdate.fold(exposure, compensation, 0, 1);
        assertEquals(n, exposure[0], 0f);
        assertEquals(0f, compensation[0], 0f);
    }

    /** One explicit step written from the formula, out of place, voxel by voxel. */
    private static float[] referenceStep(Grid3D g, SpeciesBoundaries b, float[] d, float[] c, float coef) {
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        float[] out = new float[c.length];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = g.index(i, j, k);
                    float sum = face(b, Face.X_MIN, d, c, v, i > 0 ? v - 1 : -1, g.index(nx - 1, j, k))
                            + face(b, Face.X_MAX, d, c, v, i < nx - 1 ? v + 1 : -1, g.index(0, j, k))
                            + face(b, Face.Y_MIN, d, c, v, j > 0 ? g.index(i, j - 1, k) : -1, g.index(i, ny - 1, k))
                            + face(b, Face.Y_MAX, d, c, v, j < ny - 1 ? g.index(i, j + 1, k) : -1, g.index(i, 0, k))
                            + face(b, Face.Z_MIN, d, c, v, k > 0 ? g.index(i, j, k - 1) : -1, g.index(i, j, nz - 1))
                            + face(b, Face.Z_MAX, d, c, v, k < nz - 1 ? g.index(i, j, k + 1) : -1, g.index(i, j, 0));
                    out[v] = c[v] + coef * sum;
                }
            }
        }
        return out;
    }

    /** D_face·(C_nb − C_v) across one face; {@code inside} is the neighbour in the domain or −1. */
    private static float face(SpeciesBoundaries b, Face f, float[] d, float[] c, int v, int inside, int wrapped) {
        if (inside >= 0) {
            return harmonicMean(d[v], d[inside]) * (c[inside] - c[v]);
        }
        int type = b.typeCodes()[f.ordinal()];
        if (type == SpeciesBoundaries.FIXED) {
            return 2 * d[v] * ((float) b.fixedValues()[f.ordinal()] - c[v]);
        }
        if (type == SpeciesBoundaries.PERIODIC) {
            return harmonicMean(d[v], d[wrapped]) * (c[wrapped] - c[v]);
        }
        return 0f;
    }

    /**
     * The face diffusivity, the harmonic mean 2ab/(a + b), 0 when either side is 0 (a blocked face), in
     * float as the step stores it. Written here, not taken from the product: for D of the sizes here
     * (tens to hundreds of µm²/s) any guard the product adds against 0/0 is below half an ulp of a + b.
     */
    private static float harmonicMean(float a, float b) {
        return a > 0 && b > 0 ? 2 * a * b / (a + b) : 0f;
    }
}

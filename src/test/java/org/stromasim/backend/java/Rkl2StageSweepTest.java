package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.Scenario;
import org.stromasim.transport.Rkl2;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.SpeciesBoundaries;
import org.stromasim.transport.TransportModel;

/**
 * The RKL2 step computes its face conductances one row at a time, fuses the stencil into the stage
 * combination and keeps two stage buffers, the new stage overwriting the one two back and the last
 * stage overwriting the state ({@link Rkl2Diffusion}, {@link Rkl2StageSweep}). Checked against a plain
 * step written here: face conductances stored for the whole grid first, every voxel's six faces by
 * their own branches (FIXED 2·D_v·(C_b − C_v), PERIODIC wrap, zero-flux nothing), every stage in an
 * array of its own, from the published recurrence ({@link Rkl2}) in the difference form the class
 * documents, float operations in the stated order. Both then do the same IEEE float operations per
 * voxel, so they must agree exactly: any difference is a fault of the row bookkeeping (a face, a
 * neighbour row, a slab's first plane, a buffer overwritten too early), not rounding.
 *
 * <p>Diffusivities log-uniform over 1:1000 with blocked (zero-D) voxels; every boundary type on some
 * face of some species, and a species with all six faces zero-flux; rows shorter than a vector and
 * rows of two vectors and a tail; stage counts 2 (the last stage overwrites the state it reads), 3 and
 * 8; one thread to more threads than planes; the scalar loops and the Vector API loops.
 */
class Rkl2StageSweepTest {

    private static Scenario boundaries(int nx, int ny, int nz) {
        return scenario().grid(nx, ny, nz, 10)
                .with(species("a").d0(300).fixed(Face.X_MIN, 2.0).periodic(1).periodic(2))
                .with(species("b").d0(90).periodic(0).fixed(Face.Z_MIN, 0.25).fixed(Face.Y_MAX, 3.0))
                .with(species("c").d0(40)) // zero-flux everywhere
                .with(species("d").d0(40).fixed(Face.X_MAX, 1.0).fixed(Face.Y_MIN, 0.5).fixed(Face.Z_MAX, 4.0)
                        .fixed(Face.X_MIN, 0.0).fixed(Face.Y_MAX, 1.5).fixed(Face.Z_MIN, 2.5))
                .build();
    }

    @Test
    void rowConductanceStepsEqualThePlainStoredFaceStepExactly() {
        boolean[] paths = RowKernels.vectorModulePresent() ? new boolean[] {false, true} : new boolean[] {false};
        int compared = 0;
        for (int[] shape : new int[][] {{19, 5, 6}, {7, 4, 3}}) {
            Scenario sc = boundaries(shape[0], shape[1], shape[2]);
            TransportModel model = TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
            Grid3D g = model.grid();
            Random rnd = new Random(shape[0]);
            float[] d = new float[g.voxelCount()];
            int blocked = 0;
            for (int v = 0; v < d.length; v++) {
                boolean vessel = rnd.nextInt(9) == 0;
                d[v] = vessel ? 0f : (float) Math.pow(10, 3 * rnd.nextDouble()); // 1 to 1000 µm²/s
                blocked += vessel ? 1 : 0;
            }
            assertTrue(blocked > 0, "the grid has blocked voxels");
            for (int s = 0; s < model.speciesCount(); s++) {
                SpeciesBoundaries b = model.boundaries(s);
                float[] y0 = new float[d.length];
                for (int v = 0; v < y0.length; v++) {
                    y0[v] = 5 * rnd.nextFloat();
                }
                for (int stages : new int[] {2, 3, 8}) {
                    // a step near the stability bound of that many stages: dx²/(12·1000) is below the explicit limit
                    double dtS = 0.9 * 100.0 / 12000 * (stages * stages + stages - 2) / 4.0;
                    float[] expected = referenceStep(g, b, d, y0, stages, dtS);
                    for (boolean vectorised : paths) {
                        for (int threads = 1; threads <= g.nz() + 1; threads++) {
                            float[] state = y0.clone();
                            try (SlabWorkers workers = new SlabWorkers(threads, g.nz())) {
                                new Rkl2Diffusion(g, workers).step(state, new Rkl2StageSweep(g, b, vectorised), d,
                                        stages, dtS);
                            }
                            for (int v = 0; v < state.length; v++) {
                                assertEquals(expected[v], state[v], 0f, "species " + s + ", grid " + g.nx() + "×"
                                        + g.ny() + "×" + g.nz() + ", " + stages + " stages, "
                                        + (vectorised ? "vector" : "scalar") + ", " + threads + " threads, voxel " + v);
                            }
                            compared++;
                        }
                    }
                }
            }
        }
        assertTrue(compared >= 2 * 4 * 3 * 4, "compared " + compared + " steps");
    }

    /** One RKL2 step written plainly: stored faces, one array per stage. */
    private static float[] referenceStep(Grid3D g, SpeciesBoundaries b, float[] d, float[] y0, int stages, double dtS) {
        float[][] faces = storedFaces(g, b, d);
        Rkl2 c = Rkl2.ofStages(stages);
        float tau = (float) (dtS / (g.voxelUm() * g.voxelUm()));
        float[][] y = new float[stages + 1][];
        y[0] = y0;
        float[] l0 = new float[y0.length];
        y[1] = new float[y0.length];
        for (int v = 0; v < y0.length; v++) {
            l0[v] = tau * faceSum(g, b, faces, y0, v);
            y[1][v] = y0[v] + (float) c.muTilde[1] * l0[v];
        }
        for (int j = 2; j <= stages; j++) {
            y[j] = new float[y0.length];
            float coef = (float) (c.muTilde[j] * tau);
            float mu = (float) c.mu[j];
            float nu = (float) c.nu[j];
            float gt = (float) c.gammaTilde[j];
            for (int v = 0; v < y0.length; v++) {
                float base = y0[v];
                y[j][v] = coef * faceSum(g, b, faces, y[j - 1], v)
                        + (base + mu * (y[j - 1][v] - base) + nu * (y[j - 2][v] - base) + gt * l0[v]);
            }
        }
        return y[stages];
    }

    /**
     * Conductance of every face of every voxel, [face ordinal][voxel]: the harmonic mean with the
     * neighbour in the domain or across a periodic face, 2·D_v on a FIXED face, 0 on a zero-flux one.
     */
    private static float[][] storedFaces(Grid3D g, SpeciesBoundaries b, float[] d) {
        float[][] faces = new float[6][d.length];
        for (int v = 0; v < d.length; v++) {
            for (Face f : Face.values()) {
                int nb = neighbour(g, b, f, v);
                int type = b.typeCodes()[f.ordinal()];
                faces[f.ordinal()][v] = nb >= 0 ? harmonicMean(d[v], d[nb])
                        : type == SpeciesBoundaries.FIXED ? 2 * d[v] : 0f;
            }
        }
        return faces;
    }

    /** Σ over the faces x−, x+, y−, y+, z−, z+ of D_face·(C_nb − C_v); a zero-flux domain face adds nothing. */
    private static float faceSum(Grid3D g, SpeciesBoundaries b, float[][] faces, float[] c, int v) {
        float sum = 0f;
        boolean first = true;
        for (Face f : Face.values()) {
            int nb = neighbour(g, b, f, v);
            int type = b.typeCodes()[f.ordinal()];
            float term;
            if (nb >= 0) {
                term = faces[f.ordinal()][v] * (c[nb] - c[v]);
            } else if (type == SpeciesBoundaries.FIXED) {
                term = faces[f.ordinal()][v] * ((float) b.fixedValues()[f.ordinal()] - c[v]);
            } else {
                term = 0f;
            }
            sum = first ? term : sum + term;
            first = false;
        }
        return sum;
    }

    /** The voxel across face f of v (wrapped when the face is periodic), or −1 across any other domain face. */
    private static int neighbour(Grid3D g, SpeciesBoundaries b, Face f, int v) {
        int i = v % g.nx();
        int j = (v / g.nx()) % g.ny();
        int k = v / (g.nx() * g.ny());
        int[] n = {g.nx(), g.ny(), g.nz()};
        int[] at = {i, j, k};
        int axis = f.ordinal() / 2;
        int step = f.ordinal() % 2 == 0 ? -1 : 1;
        int moved = at[axis] + step;
        if (moved < 0 || moved >= n[axis]) {
            if (b.typeCodes()[f.ordinal()] != SpeciesBoundaries.PERIODIC) {
                return -1;
            }
            moved = (moved + n[axis]) % n[axis];
        }
        at[axis] = moved;
        return g.index(at[0], at[1], at[2]);
    }

    /**
     * The face diffusivity, the harmonic mean 2ab/(a + b), 0 when either side is 0 (a blocked face), in
     * float. Written here, not taken from the product: for D ≥ 1 µm²/s any guard the product adds
     * against 0/0 is below half an ulp of a + b.
     */
    private static float harmonicMean(float a, float b) {
        return a > 0 && b > 0 ? 2 * a * b / (a + b) : 0f;
    }
}

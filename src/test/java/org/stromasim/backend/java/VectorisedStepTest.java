package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Face;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * The Vector API loops ({@link VectorRows}, {@link VectorReactions}) must give bitwise the results of the scalar loops:
 * the same operations per lane in the same order. Both paths run here in one JVM (surefire adds
 * {@code --add-modules jdk.incubator.vector}; the package-private constructor forces the scalar
 * path) on random heterogeneous stiffness, every cell type, random viability, every boundary type,
 * Strang and Lie splitting, reactions from tables and per voxel (Michaelis–Menten, saturating
 * secretion below viability 1), vessel exchange with a bolus and the drug exposure, for several
 * thread counts, on cell types scattered voxel by voxel (every chunk of the vectorised reactions has
 * several keys) and in runs (runs of one key, identity maps skipped). Row lengths of 21, 8 and 40
 * make full vectors plus a scalar tail, exactly one vector, and runs of several.
 */
class VectorisedStepTest {

    private static Scenario scenarioOf(int nx, RunSpec.Splitting splitting) {
        return scenario().grid(nx, 6, 7, 10).splitting(splitting)
                .with(species("drug").d0(117).decay(0.01).fixed(Face.X_MIN, 0.5).periodic(2)
                        .vessel(2.7, new PlasmaCurveSpec.Bolus(4.0, 0.0, List.of(300.0, 7200.0), 0.7))
                        .uptake(CellType.CANCER, 0.05, 0.4).binding(CellType.ECM, 0.002))
                .with(species("lactate").d0(800).periodic(1).fixed(Face.Z_MAX, 1.0)
                        .secretion(CellType.CAF, 0.3, 8.0).uptake(CellType.CANCER, 0.2, 4.0))
                .with(species("il6").d0(300).periodic(0).fixed(Face.Y_MIN, 0.25).fixed(Face.Z_MIN, 2.0)
                        .decay(0.003).secretion(CellType.FIBROBLAST, 0.01, null))
                .with(species("tgfb").d0(90).fixed(Face.X_MAX, 3.0).fixed(Face.Y_MAX, 0.1).decay(0.001))
                .build();
    }

    /**
     * Random stiffness and concentrations; cell types either scattered voxel by voxel, or in runs
     * along x (a new type with probability 1/12 per voxel, as tissue regions give the vectorised
     * reactions runs of one key) with viability below 1 in one voxel of 20.
     */
    private static Tissue randomTissue(Scenario sc, long seed, boolean runs) {
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Random rnd = new Random(seed);
        byte cell = 0;
        for (int v = 0; v < t.grid().voxelCount(); v++) {
            t.stiffnessKpa()[v] = 0.2f + 8 * rnd.nextFloat();
            if (!runs || rnd.nextInt(12) == 0) {
                cell = (byte) rnd.nextInt(CellType.COUNT);
            }
            t.cell()[v] = cell;
            t.viability()[v] = rnd.nextInt(runs ? 20 : 3) == 0 ? rnd.nextFloat() : 1f;
            for (int s = 0; s < t.speciesCount(); s++) {
                t.concentration(s)[v] = 5 * rnd.nextFloat();
            }
        }
        return t;
    }

    private static Tissue run(Scenario sc, Tissue initial, int threads, boolean vectorised, double dtS) {
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(sc, state);
        try (JavaBackend backend = new JavaBackend(model, threads, vectorised)) {
            assertEquals(vectorised, backend.description().contains("vectorised"), backend.description());
            backend.upload(state);
            backend.advance(0.0, dtS, 5);
            backend.advance(5 * dtS, dtS, 6);
            backend.download(state);
        }
        return state;
    }

    @Test
    void theTestJvmHasTheVectorModule() {
        assertTrue(RowKernels.vectorModulePresent(),
                "surefire's argLine must add jdk.incubator.vector, or the vector path is not tested");
    }

    @Test
    void vectorAndScalarRowLoopsGiveBitwiseTheSameState() {
        for (int nx : new int[] {21, 8, 40}) {
            for (RunSpec.Splitting splitting : RunSpec.Splitting.values()) {
                for (boolean runs : new boolean[] {false, true}) {
                    Scenario sc = scenarioOf(nx, splitting);
                    Tissue initial = randomTissue(sc, 17 + nx, runs);
                    double dt = 0.9 * TransportFields.of(TransportModel.compile(sc, initial.copy())).stabilityLimit().dtMaxS();
                    Tissue scalar = run(sc, initial, 1, false, dt);
                    for (int threads : new int[] {1, 2, 3}) {
                        Tissue vector = run(sc, initial, threads, true, dt);
                        String where = "nx " + nx + ", " + splitting + ", " + threads + " threads"
                                + (runs ? ", cell types in runs" : "");
                        for (int s = 0; s < sc.species().size(); s++) {
                            assertArrayEquals(scalar.concentration(s), vector.concentration(s), 0f,
                                    "species " + s + ", " + where);
                        }
                        assertArrayEquals(scalar.drugExposure(), vector.drugExposure(), 0f, "exposure, " + where);
                    }
                    // the run exercised what it is meant to: diffusion moved every species, the drug entered
                    for (int s = 0; s < sc.species().size(); s++) {
                        assertFalse(java.util.Arrays.equals(initial.concentration(s), scalar.concentration(s)),
                                "species " + s + " changed");
                    }
                    assertTrue(Runs.sum(scalar.drugExposure()) > 0);
                }
            }
        }
    }
}

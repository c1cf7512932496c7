package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Face;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

class ThreadDeterminismTest {

    @Test
    void anyThreadCountGivesBitIdenticalResults() {
        Scenario sc = scenario().grid(19, 13, 17, 10)
                .with(species("drug").d0(117).decay(0.01).fixed(Face.X_MIN, 0.5).periodic(2)
                        .vessel(2.7, new PlasmaCurveSpec.Bolus(4.0, 0.0, List.of(300.0, 7200.0), 0.7))
                        .uptake(CellType.CANCER, 0.05, 0.4).binding(CellType.ECM, 0.002))
                .with(species("lactate").d0(800).periodic(1).fixed(Face.Z_MAX, 1.0)
                        .secretion(CellType.CAF, 0.3, 8.0).uptake(CellType.CANCER, 0.2, 4.0))
                .build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Random rnd = new Random(7);
        for (int v = 0; v < t.grid().voxelCount(); v++) {
            t.stiffnessKpa()[v] = 2 * rnd.nextFloat();
            t.viability()[v] = rnd.nextFloat();
            t.cell()[v] = (byte) rnd.nextInt(CellType.COUNT);
            t.concentration(1)[v] = 5 * rnd.nextFloat();
        }
        double dt = 0.9 * TransportFields.of(TransportModel.compile(sc, t)).stabilityLimit().dtMaxS();
        Tissue single = Runs.run(sc, t, 1, dt, 30);
        for (int threads : new int[] {2, 3, 5}) {
            Tissue multi = Runs.run(sc, t, threads, dt, 30);
            for (int s = 0; s < 2; s++) {
                assertArrayEquals(single.concentration(s), multi.concentration(s), 0f,
                        "species " + s + " with " + threads + " threads");
            }
            assertArrayEquals(single.drugExposure(), multi.drugExposure(), 0f, threads + " threads: exposure");
        }
        // the run did something to every feature it is meant to cover
        assertTrue(Runs.sum(single.drugExposure()) > 0);
        assertTrue(Runs.sum(single.concentration(0)) > 0);
    }

    @Test
    void closingRightAfterAStepStopsTheThreadsPromptly() {
        Scenario sc = scenario().grid(4, 4, 8, 10).with(species("drug").d0(1)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        TransportModel model = TransportModel.compile(sc, t);
        // the workers may still be on their way back to the start barrier when close() is called
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            for (int rep = 0; rep < 50; rep++) {
                JavaBackend backend = new JavaBackend(model, 4);
                backend.upload(t);
                backend.advance(0, 1, 1);
                backend.close();
            }
        });
    }

    @Test
    void describesItselfAndRefusesUseBeforeUploadAndAfterClose() {
        Scenario sc = scenario().grid(2, 2, 2, 10).with(species("drug").d0(1)).build();
        TransportModel model = TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
        JavaBackend backend = new JavaBackend(model, 2);
        // the tests run with --add-modules jdk.incubator.vector (surefire argLine): the vector row loops
        assertEquals("java (2 threads, vectorised, " + VectorRows.lanes() + " float lanes ("
                + VectorRows.widthReason() + "))", backend.description());
        try (JavaBackend scalar = new JavaBackend(model, 1, false)) {
            assertEquals("java (1 thread, scalar)", scalar.description());
        }
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> backend.advance(0, 1, 1));
        assertTrue(e.getMessage().contains("before upload"));
        backend.upload(ScenarioFixture.emptyTissue(sc));
        IllegalArgumentException tooBig = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> backend.advance(0, 1e6, 1));
        assertTrue(tooBig.getMessage().startsWith("dt=1000000 s exceeds the explicit stability limit"),
                tooBig.getMessage());
        backend.close();
        backend.close(); // idempotent
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> backend.advance(0, 1, 1));
    }
}

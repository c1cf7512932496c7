package org.stromasim.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.sim.ProgressListener;
import org.stromasim.sim.RecordingOutput;
import org.stromasim.sim.Simulation;
import org.stromasim.sim.TimeStepPlan;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * A run with convection resumed from a snapshot equals the uninterrupted run bit for bit: the split
 * step keeps no state outside the snapshot (the pressure is re-solved from it), and its clock runs on
 * whole multiples of its interval, so a snapshot off that clock (55 s against 10 s steps) resumes onto it.
 */
class ConvectionResumeTest {

    static Scenario rim() {
        return ScenarioLoader.load(Path.of("configs/carcinoma-rim-flow.yaml"),
                List.of("run.snapshot_interval_s=55", "run.metrics_interval_s=55"));
    }

    static void run(Scenario s, Tissue start, double fromS, long step, double untilS, RecordingOutput out) {
        TransportModel model = TransportModel.compile(s, start);
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(start);
            new Simulation(s, backend, start, TimeStepPlan.choose(s.run(), model), out).withBiology()
                    .run(fromS, step, untilS, fromS == 0.0, ProgressListener.NONE);
        }
    }

    @Test
    void resumedRunEqualsTheUninterruptedOne() {
        Scenario s = rim();
        Tissue straight = TissueBuilder.build(s);
        RecordingOutput whole = RecordingOutput.withSnapshots();
        run(s, straight, 0.0, 0L, 110.0, whole);
        Tissue resumed = whole.snapshots.get(1).copy();
        run(s, resumed, 55.0, whole.snapshotSteps.get(1), 110.0, RecordingOutput.withSnapshots());
        for (String species : List.of("igg", "drug")) {
            assertArrayEquals(straight.concentration(species), resumed.concentration(species), species);
        }
        assertArrayEquals(straight.drugExposure(), resumed.drugExposure());
    }
}

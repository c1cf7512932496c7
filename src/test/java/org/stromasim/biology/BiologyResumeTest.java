package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.sim.ProgressListener;
import org.stromasim.sim.RecordingOutput;
import org.stromasim.sim.RunResult;
import org.stromasim.sim.Simulation;
import org.stromasim.sim.TimeStepPlan;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * A biology run resumed from its snapshot equals the uninterrupted run bit for bit: the slow step keeps
 * no state outside the snapshot fields, and its random draws are counter-based.
 */
class BiologyResumeTest {

    private static final List<String> SETTINGS = new ArrayList<>(ScenarioComparisonTest.REDUCED);

    static {
        SETTINGS.add("run.snapshot_interval_s=60");
        SETTINGS.add("biology.activation.max_rate_per_s=0.05"); // many activations, so the draws matter
    }


    private static RunResult run(Scenario s, Tissue start, double fromS, long step, double untilS, RecordingOutput out) {
        TransportModel model = TransportModel.compile(s, start);
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(start);
            return new Simulation(s, backend, start, TimeStepPlan.choose(s.run(), model), out).withBiology()
                    .run(fromS, step, untilS, fromS == 0.0, ProgressListener.NONE);
        }
    }

    @Test
    void resumedRunEqualsTheUninterruptedOne() {
        Scenario s = ScenarioLoader.load(Path.of("configs/fibrotic-lox-inhibitor.yaml"), SETTINGS);
        Tissue initial = TissueBuilder.build(s);
        RecordingOutput whole = RecordingOutput.withSnapshots();
        Tissue straight = initial.copy();
        run(s, straight, 0.0, 0L, 120.0, whole);
        Tissue atHalf = whole.snapshots.get(1).copy(); // t = 60 s
        RecordingOutput rest = RecordingOutput.withSnapshots();
        run(s, atHalf, 60.0, whole.snapshotSteps.get(1), 120.0, rest);
        long activated = 0;
        for (int v = 0; v < initial.cell().length; v++) {
            activated += initial.cell()[v] == CellType.FIBROBLAST.code() && straight.cell()[v] == CellType.CAF.code() ? 1 : 0;
        }
        assertTrue(activated > 0, "the comparison exercises activation");
        assertArrayEquals(straight.cell(), atHalf.cell());
        assertArrayEquals(straight.stiffnessKpa(), atHalf.stiffnessKpa());
        assertArrayEquals(straight.viability(), atHalf.viability());
        assertArrayEquals(straight.drugExposure(), atHalf.drugExposure());
        for (int sp = 0; sp < s.species().size(); sp++) {
            assertArrayEquals(straight.concentration(sp), atHalf.concentration(sp), s.species().get(sp).name());
        }
    }
}

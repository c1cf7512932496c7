package org.stromasim.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.stromasim.sim.Simulation;
import org.stromasim.sim.TimeStepPlan;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * A compressed vessel delivers what the law says: over one short step from an empty tissue, the IgG a wall voxel
 * receives is P·(S/V)·f·C_p·Δt, so its ratio to the same voxel's with open vessels is the perfused fraction f, here
 * computed from the voxel's stiffness by the test's own Newton solve of Shapiro's tube law. And a run with the
 * co-therapies resumed from a snapshot equals the uninterrupted run bit for bit (the GAG level is replayed from
 * the slow clock, the wall recomputed from the stored stiffness).
 */
class CompressedVesselDeliveryTest {

    static final double DT_S = 1e-3;

    static Scenario rim(String which, String... more) {
        List<String> settings = new ArrayList<>(List.of("run.dt_s=" + DT_S));
        settings.addAll(List.of(more));
        return ScenarioLoader.load(Path.of("configs/carcinoma-rim-" + which + ".yaml"), settings);
    }

    /** α from α^−1.5 − α^10 = load by Newton from the collapse-branch guess (test's own solve). */
    static double alpha(double load) {
        double a = Math.pow(1 + load, -2.0 / 3.0);
        for (int i = 0; i < 100; i++) {
            double g = Math.pow(a, -1.5) - Math.pow(a, 10) - load;
            double dg = -1.5 * Math.pow(a, -2.5) - 10 * Math.pow(a, 9);
            a -= g / dg;
        }
        return a;
    }

    static float[] iggAfterOneStep(Scenario s, Tissue tissue) {
        Tissue state = tissue.copy();
        TransportModel model = TransportModel.compile(s, state);
        try (JavaBackend backend = new JavaBackend(model, 1)) {
            backend.upload(state);
            backend.advance(0.0, DT_S, 1);
            backend.download(state);
        }
        return state.concentration("igg");
    }

    @Test
    void wallVoxelsReceiveThePerfusedFractionOfTheOpenDelivery() {
        Scenario compressed = rim("fibrotic");
        Scenario open = rim("fibrotic", "ecm.vessel_compression.collapse_pressure_kpa=1e12");
        Tissue tissue = TissueBuilder.build(compressed);
        float[] c = iggAfterOneStep(compressed, tissue);
        float[] o = iggAfterOneStep(open, tissue);
        float[] wall = TransportModel.vesselSurfaceToVolumePerUm(tissue);
        // IgG diffuses 6·D·Δt/h² ≈ 5e-4 of a voxel's content per step: that much of the wall voxel's own delivery
        // can be swapped with a neighbour of another f; float round-off of C ~ 1e-7 adds 1e-6.
        double tolerance = 6 * 45.0 * DT_S / (20.0 * 20.0) + 1e-6;
        int checked = 0;
        double lowest = 1;
        for (int v = 0; v < wall.length; v++) {
            if (wall[v] <= 0 || tissue.cell()[v] == CellType.VESSEL.code()) {
                continue;
            }
            double strain = tissue.cell()[v] == CellType.CANCER.code() || tissue.cell()[v] == CellType.CAF.code() ? 0.2 : 0;
            double stress = strain * tissue.stiffnessKpa()[v];          // w·g term: g = 1 at t = 0
            double a = alpha(stress / 1.0);
            double f = a * a;
            lowest = Math.min(lowest, f);
            assertEquals(f, c[v] / o[v], tolerance * f + 1e-6, "voxel " + v);
            checked++;
        }
        System.out.printf("compressed delivery: %d wall voxels, perfused fractions down to %.3f%n", checked, lowest);
        assertTrue(checked > 100 && lowest < 0.5, checked + " voxels, lowest f " + lowest);
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
    void resumedHyaluronidaseRunEqualsTheUninterruptedOne() {
        Scenario s = ScenarioLoader.load(Path.of("configs/carcinoma-rim-hyaluronidase.yaml"),
                List.of("run.snapshot_interval_s=55", "run.metrics_interval_s=55"));
        Tissue straight = TissueBuilder.build(s);
        RecordingOutput whole = RecordingOutput.withSnapshots();
        run(s, straight, 0.0, 0L, 110.0, whole);
        Tissue resumed = whole.snapshots.get(1).copy();
        run(s, resumed, 55.0, whole.snapshotSteps.get(1), 110.0, RecordingOutput.withSnapshots());
        for (String species : List.of("igg", "drug")) {
            assertArrayEquals(straight.concentration(species), resumed.concentration(species), species);
        }
        assertArrayEquals(straight.stiffnessKpa(), resumed.stiffnessKpa());
        assertArrayEquals(straight.drugExposure(), resumed.drugExposure());
    }
}

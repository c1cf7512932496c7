package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * The shipped tamoxifen course (its coarse 60 µm grid) over a day and a half (two doses and the absorption peak
 * of each), run as shipped (unsplit implicit coupling, step control at 1 %, adaptive slow clock) against a
 * fine fixed-step reference of the same scheme (dt = 15 s, more than ten times shorter than the steps
 * control chooses, so its own first-order error is a tenth of the run's): the drug exposure and the mean
 * ER occupancy of the cancer voxels agree within the 1 % target. Activation is off in both so the cells
 * (and with them the slow steps) are the same; stiffening stays on.
 */
class TamoxifenCourseAccuracyTest {

    private static final double END_S = 129600.0; // 36 h
    private static final List<String> REDUCED = List.of("run.end_time_s=129600", "run.snapshot_interval_s=43200",
            "biology.activation.max_rate_per_s=0");

    private static Tissue run(Scenario s, boolean controlled, RecordingOutput out) {
        Tissue state = TissueBuilder.build(s);
        TransportModel model = TransportModel.compile(s, state);
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(state);
            Simulation sim = new Simulation(s, backend, state, TimeStepPlan.choose(s.run(), model), out).withBiology();
            if (controlled) {
                sim.controlSteps();
            }
            sim.run(0.0, 0L, END_S, true, ProgressListener.NONE);
            backend.download(state);
        }
        return state;
    }

    private static double meanCancerOccupancy(Scenario s, Tissue state) {
        EndocrineResponse.Readout r = new EndocrineResponse(s).readout(state, END_S);
        double sum = 0;
        int n = 0;
        for (int v = 0; v < state.cell().length; v++) {
            if (state.cell()[v] == CellType.CANCER.code()) {
                sum += r.occupancy()[v];
                n++;
            }
        }
        assertTrue(n > 0);
        return sum / n;
    }

    private static double relativeL2(float[] a, float[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - (double) b[i]) * (a[i] - (double) b[i]);
            den += (double) b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void exposureAndOccupancyAreWithinTheTargetOfAFineStepReference() {
        Scenario controlled = ScenarioLoader.load(Path.of("configs/tamoxifen-fibrotic-stroma.yaml"), REDUCED);
        List<String> fine = new java.util.ArrayList<>(REDUCED);
        fine.add("run.diffusion.target_relative_error=null");
        fine.add("run.dt_s=15");
        Scenario reference = ScenarioLoader.load(Path.of("configs/tamoxifen-fibrotic-stroma.yaml"), fine);
        RecordingOutput log = RecordingOutput.rowsAndLog();
        Tissue a = run(controlled, true, log);
        Tissue b = run(reference, false, RecordingOutput.rowsAndLog());
        assertTrue(log.log.stream().anyMatch(l -> l.contains("dt = ") && !l.contains("dt = 15.0")),
                "the controlled run chose its own steps: " + log.log);
        double exposure = relativeL2(a.drugExposure(), b.drugExposure());
        double occupancyA = meanCancerOccupancy(controlled, a);
        double occupancyB = meanCancerOccupancy(reference, b);
        assertTrue(occupancyB > 0.05, "a real occupancy is compared: " + occupancyB);
        assertTrue(exposure <= 0.01, "tamoxifen exposure, relative L2 against the reference: " + exposure);
        assertTrue(Math.abs(occupancyA - occupancyB) <= 0.01 * occupancyB,
                "mean ER occupancy of cancer voxels " + occupancyA + " vs reference " + occupancyB);
        for (int s = 0; s < a.speciesCount(); s++) {
            double e = relativeL2(a.concentration(s), b.concentration(s));
            assertTrue(e <= 0.01, controlled.species().get(s).name() + ": relative L2 " + e);
        }
    }
}

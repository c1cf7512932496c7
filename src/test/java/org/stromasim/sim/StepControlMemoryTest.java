package org.stromasim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.HeldArrayBytes;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.metrics.MetricsCalculator;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * What step control holds on the host beside the run's state, model and backend, counted array by array
 * ({@link HeldArrayBytes}), against the memory budget's {@code stepControlBytes}: a run refuses up front
 * a grid whose pilots would not fit, instead of dying of OutOfMemoryError hours in. The default scenario
 * on 24 × 24 × 20 voxels, implicit unsplit, metrics every 30 s, so that pilot windows hold interior
 * metrics times.
 */
class StepControlMemoryTest {

    private static final Scenario SCENARIO = ScenarioLoader.loadDefault(List.of("grid.nx=24", "grid.ny=24",
            "grid.nz=20", "grid.voxel_um=40", "run.diffusion.scheme=implicit", "run.diffusion.coupling=unsplit",
            "run.diffusion.target_relative_error=0.01", "run.metrics_interval_s=30", "run.snapshot_interval_s=300"));

    /** One copy of the transported fields: every species and the drug exposure, floats. */
    private static long copyBytes(Tissue tissue) {
        return (long) tissue.grid().voxelCount() * Float.BYTES * (tissue.speciesCount() + 1);
    }

    /**
     * The pilot's coarse and reference runs and the accepted run's end state, kept while a larger step is
     * tried, are the most it holds at once: exactly the budget's copies, no more.
     */
    @Test
    void aPilotTryingALargerStepHoldsTheBudgetedCopies() {
        Tissue start = TissueBuilder.build(SCENARIO);
        TransportModel model = TransportModel.compile(SCENARIO, start);
        try (JavaBackend backend = new JavaBackend(model, 1)) {
            backend.upload(start);
            StepDoublingPilot pilot = new StepDoublingPilot(backend, start);
            double[] window = {0, 30, 60, 90, 120};
            var limit = TransportFields.of(model).stabilityLimit();
            pilot.compare(window, new TimeStepPlan(10, limit, "accepted"));
            Tissue accepted = pilot.takeCoarse();
            pilot.compare(window, new TimeStepPlan(30, limit, "grown"));
            HeldArrayBytes arrays = new HeldArrayBytes();
            arrays.of(start);
            arrays.of(model);
            arrays.of(backend);
            long held = arrays.of(pilot) + arrays.of(accepted);
            long budget = MemoryBudget.of(SCENARIO, true, 1).stepControlBytes();
            assertEquals(MemoryBudget.PILOT_COPIES * copyBytes(start), budget);
            long bookkeeping = 4096; // the pilot's window times and schedules, not grid-sized
            assertTrue(held <= budget + bookkeeping, held + " B held against a budget of " + budget);
            assertTrue(held >= budget - copyBytes(start) / 100, held + " B held: the budget counts copies that are not there");
        }
    }

    /**
     * Once a plan is made, the control keeps only the accepted run for the run to adopt (its end state and
     * metrics rows), not a copy of the fields per interior metrics time of the window: the window 0–300 s
     * here holds nine such times.
     */
    @Test
    void aPlanKeepsOnlyTheAdoptedEndStateBesideTheRun() {
        Tissue state = TissueBuilder.build(SCENARIO);
        TransportModel model = TransportModel.compile(SCENARIO, state);
        try (JavaBackend backend = new JavaBackend(model, 1)) {
            backend.upload(state);
            AccuracyStepControl control = new AccuracyStepControl(SCENARIO.run(), backend);
            MetricsCalculator metrics = new MetricsCalculator(SCENARIO);
            control.adoptPilots(metrics, new OutputSchedule(30));
            double[] events = new double[11];
            for (int i = 0; i < events.length; i++) {
                events[i] = 30.0 * i;
            }
            control.planAt(state, events);
            HeldArrayBytes arrays = new HeldArrayBytes();
            arrays.of(state);
            arrays.of(model);
            arrays.of(backend);
            arrays.of(metrics);
            long held = arrays.of(control);
            AccuracyStepControl.Adopted adopted = control.takeAdopted(0);
            assertNotNull(adopted, "the accepted pilot is adopted");
            assertTrue(adopted.interiorRows().size() >= 1, "the adopted window holds interior metrics rows");
            long rows = 64L * 1024;
            assertTrue(held <= copyBytes(state) + rows, held + " B held beside the run: more than its adopted end state ("
                    + copyBytes(state) + " B)");
        }
    }
}

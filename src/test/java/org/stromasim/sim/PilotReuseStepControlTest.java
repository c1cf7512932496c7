package org.stromasim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.backend.java.LargeStepProblems;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/**
 * The two ways step control saves pilot work without changing what it measures: a candidate whose
 * grouped reading bounds its error far above the target is rejected without a half-step pilot, and a
 * second reference for the same candidate reuses the coarse run the first one completed.
 */
class PilotReuseStepControlTest {

    private static final double[] WINDOW = {0, 5, 10, 15, 20};

    /** Implicit scheme, unsplit coupling (order 1), random stiffness, metrics every 5 s: one step per interval at the cap. */
    private static Scenario unsplitAt(double target) {
        var r = LargeStepProblems.randomStiffness(3);
        DiffusionSpec unsplit = new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES,
                DiffusionSpec.Coupling.UNSPLIT, target);
        return LargeStepControlTest.withRun(r.scenarioWith(DiffusionSpec.EXPLICIT),
                new RunSpec(40, 20, 5, 1L, null, null, RunSpec.Splitting.STRANG, unsplit));
    }

    /**
     * The difference of the 5 s run and one 20 s reference step is measured here with the pilot itself;
     * E(5 s) ≥ difference/(4¹ − 1) for a first-order error growing at most linearly. At a 1 % target
     * that bound is above 4 × the target, so the control rejects the cap on it, printing the bound, and
     * pilots no h/2 for it; the step it then takes meets the target against the exact answer.
     */
    @Test
    void aCandidateWhoseGroupedBoundIsFarAboveTheTargetIsRejectedWithoutAHalfStepPilot() {
        double target = 0.01;
        Scenario s = unsplitAt(target);
        var r = LargeStepProblems.randomStiffness(3);
        Tissue initial = r.initial();
        double difference;
        String reason;
        Tissue start = initial.copy();
        TransportModel model = TransportModel.compile(s, start);
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(start);
            StepDoublingPilot pilot = new StepDoublingPilot(backend, start);
            TimeStepPlan cap = new TimeStepPlan(5, backend.fields().stabilityLimit(), "test");
            difference = pilot.compare(WINDOW, cap, StepDoublingPilot.Reference.GROUPED, Double.POSITIVE_INFINITY,
                    (t, c) -> { }).relative();
            reason = new AccuracyStepControl(s.run(), backend).planFrom(start, WINDOW).reason();
        }
        double bound = difference / 3;
        System.out.printf("grouped difference %.4g, bound %.4g against 4 x target %.4g%n%s%n", difference, bound,
                4 * target, reason);
        assertTrue(bound > 4 * target, "the case needs a bound above 4 x the target: " + bound);
        String rejected = String.format(Locale.ROOT, "candidates 5.000 s → ≥ %.3g %% vs 4.00h (grouped intervals),",
                100 * bound);
        assertTrue(reason.contains(rejected), "rejected on the bound " + rejected + ": " + reason);
        assertFalse(reason.contains("h/2"), "no half-step pilot: " + reason);

        LargeStepControlTest.Outcome o = LargeStepControlTest.simulate(s, initial);
        double achieved = LargeStepControlTest.error(o.state(), LargeStepControlTest.exactReference(
                r.scenarioWith(DiffusionSpec.EXPLICIT), initial, 40), initial);
        System.out.printf("achieved %.3g against the target %.3g%n", achieved, target);
        assertTrue(achieved <= target, String.format("achieved %.3g above the target %.3g", achieved, target));
    }

    /**
     * Near the target the bound does not reject (3 %: the bound is below 4 × it), and the candidate is
     * piloted against h/2 for an estimate to cut from, as before.
     */
    @Test
    void nearTheTargetTheHalfStepPilotStillRuns() {
        Scenario s = unsplitAt(0.03);
        Tissue start = LargeStepProblems.randomStiffness(3).initial();
        TransportModel model = TransportModel.compile(s, start);
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            String reason = new AccuracyStepControl(s.run(), backend).planFrom(start, WINDOW).reason();
            assertTrue(reason.contains("vs 4.00h (grouped intervals), then ") && reason.contains(" vs h/2"), reason);
        }
    }

    /**
     * A reference compared with the coarse run the last pilot completed gives bitwise the difference a
     * pilot running both afresh gives, for the doubled and the half-step reference, and leaves the
     * backend holding the start state.
     */
    @Test
    void aSecondReferenceAgainstTheKeptCoarseRunReadsWhatAFreshPilotReads() {
        Scenario s = unsplitAt(0.03);
        Tissue start = LargeStepProblems.randomStiffness(3).initial();
        TransportModel model = TransportModel.compile(s, start);
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(start);
            StepDoublingPilot pilot = new StepDoublingPilot(backend, start);
            TimeStepPlan cap = new TimeStepPlan(5, backend.fields().stabilityLimit(), "test");
            for (StepDoublingPilot.Reference second : new StepDoublingPilot.Reference[] {
                    StepDoublingPilot.Reference.DOUBLE_STEPS, StepDoublingPilot.Reference.HALF_STEPS}) {
                double fresh = pilot.compare(WINDOW, cap, second, Double.POSITIVE_INFINITY, (t, c) -> { }).relative();
                pilot.compare(WINDOW, cap, StepDoublingPilot.Reference.GROUPED, Double.POSITIVE_INFINITY, (t, c) -> { });
                assertTrue(pilot.holdsCoarse(WINDOW, cap));
                assertFalse(pilot.holdsCoarse(WINDOW, new TimeStepPlan(2.5, backend.fields().stabilityLimit(), "test")),
                        "another step's coarse run is not this one");
                double reused = pilot.compareWithCoarse(WINDOW, cap, second).relative();
                assertEquals(fresh, reused, 0.0, second + ": the same two runs");
            }
            Tissue held = start.transportCopy();
            backend.download(held);
            for (int sp = 0; sp < start.speciesCount(); sp++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(start.concentration(sp), held.concentration(sp),
                        "the backend holds the start state again");
            }
        }
    }
}

package org.stromasim.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.LargeStepProblems;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;

/**
 * The cheaper parts of step control: the grouped reference (single-step intervals crossed several at a
 * time) and short pilot windows for steps far below their cap, which the run chooses again at the
 * window's end from a grown candidate. Schedules against hand-counted segments; the achieved error of
 * a run that re-plans inside its snapshot windows against an independent exact reference.
 */
class ShortPilotWindowStepControlTest {

    private static final TimeStepPlan TEN_S = new TimeStepPlan(10,
            new org.stromasim.transport.StabilityLimit(100, "test", 1, 10), "test");

    private static double[] every(double step, double end) {
        int n = (int) Math.round(end / step);
        double[] t = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            t[i] = i * step;
        }
        return t;
    }

    /**
     * The run plans again at the first event at or after the short window's end, also where that end is
     * no event any more (an adaptive slow clock moved the events after the plan): 1800 s planned, events
     * at 1790 s and 1805 s.
     */
    @Test
    void theReplanFiresAtTheFirstEventAtOrAfterTheShortWindowsEnd() {
        assertTrue(AccuracyStepControl.replanDue(1800, 1800), "at the end itself");
        assertTrue(AccuracyStepControl.replanDue(1805, 1800), "at the first event after a moved end");
        assertTrue(!AccuracyStepControl.replanDue(1790, 1800), "not before the end");
        assertTrue(!AccuracyStepControl.replanDue(1805, Double.NaN), "not without a pending short window");
    }

    @Test
    void singleStepIntervalsAreGroupedIntoTheFewestReferenceStepsWithinTheLongest() {
        // six 10 s intervals, reference steps up to 60 s: one group, ratio 6
        StepDoublingPilot.Schedule one = StepDoublingPilot.grouped(every(10, 60), TEN_S, 60);
        assertArrayEquals(new int[] {6}, one.endEvent());
        assertArrayEquals(new int[] {1}, one.steps());
        assertEquals(6.0, one.smallestRatio(), 1e-12);
        // up to 30 s: two groups of three, ratio 3
        StepDoublingPilot.Schedule two = StepDoublingPilot.grouped(every(10, 60), TEN_S, 30);
        assertArrayEquals(new int[] {3, 6}, two.endEvent());
        assertEquals(3.0, two.smallestRatio(), 1e-12);
        // seven intervals, up to 30 s: 4+3 is too long, so three groups of 3, 2, 2 (larger first): ratio 2
        StepDoublingPilot.Schedule three = StepDoublingPilot.grouped(every(10, 70), TEN_S, 30);
        assertArrayEquals(new int[] {3, 5, 7}, three.endEvent());
        assertArrayEquals(new int[] {1, 1, 1}, three.steps());
        assertEquals(2.0, three.smallestRatio(), 1e-12);
        // unequal intervals: the ratio is the group's length over its longest interval, 25/10
        assertEquals(2.5, StepDoublingPilot.grouped(new double[] {0, 10, 15, 25}, TEN_S, 60).smallestRatio(), 1e-12);
        // the schedule the pilot runs is the same
        assertArrayEquals(new int[] {6}, StepDoublingPilot.schedule(every(10, 60), TEN_S,
                StepDoublingPilot.Reference.GROUPED).endEvent());
    }

    @Test
    void noGroupsWhereAnIntervalHoldsSeveralStepsOrTheWindowOneInterval() {
        assertNull(StepDoublingPilot.grouped(new double[] {0, 10, 30}, TEN_S, 60), "20 s: two steps of 10 s");
        assertNull(StepDoublingPilot.grouped(new double[] {0, 10}, TEN_S, 60), "one interval: nothing to group");
        assertNull(StepDoublingPilot.grouped(every(10, 30), TEN_S, 15), "no group of two fits in 15 s");
    }

    @Test
    void aCandidateFarBelowItsCapIsPilotedOverPartOfTheWindow() {
        double[] hourOfTenMinutes = every(600, 3600);
        // at the cap, and above a quarter of it: 8 upper-bound steps, i.e. the whole hour
        assertEquals(7, AccuracyStepControl.pilotWindowFor(hourOfTenMinutes, 600, 600).length);
        assertEquals(7, AccuracyStepControl.pilotWindowFor(hourOfTenMinutes, 151, 600).length);
        // a quarter of the cap and below: 8 own steps, at least half the usual window: to 1800 s
        assertArrayEquals(new double[] {0, 600, 1200, 1800}, AccuracyStepControl.pilotWindowFor(hourOfTenMinutes, 150, 600));
        assertArrayEquals(new double[] {0, 600, 1200, 1800}, AccuracyStepControl.pilotWindowFor(hourOfTenMinutes, 30, 600));
        // two hours of 600 s intervals: the usual window is 8 × 600 s = 4800 s; at 140 s half of it (2400 s)
        // is longer than 8 × 140 s = 1120 s. A 1200 s window of 100 s intervals: 1120 s is longer than half
        // of it, so the window reaches the first event at or after 1120 s, 1200 s
        double[] twoHours = every(600, 7200);
        assertEquals(2400, last(AccuracyStepControl.pilotWindowFor(twoHours, 140, 600)), 0);
        assertEquals(4800, last(AccuracyStepControl.pilotWindowFor(twoHours, 600, 600)), 0);
        assertEquals(1200, last(AccuracyStepControl.pilotWindowFor(every(100, 1200), 140, 600)), 0);
    }

    private static double last(double[] a) {
        return a[a.length - 1];
    }

    @Test
    void theContinuedCandidateGrowsByTheErrorRatioWithinLimits() {
        // h·(target/E)^(1/p), at least 1×, at most MAX_GROWTH = 4×, at most the bound
        assertEquals(60, AccuracyStepControl.continuedCandidate(30, 0.005, 0.01, 600, 1), 1e-9);
        assertEquals(120, AccuracyStepControl.continuedCandidate(30, 0.001, 0.01, 600, 1), 1e-9);
        assertEquals(37.5, AccuracyStepControl.continuedCandidate(30, 0.008, 0.01, 600, 1), 1e-9);
        assertEquals(30, AccuracyStepControl.continuedCandidate(30, 0.012, 0.01, 600, 1), 1e-9);
        assertEquals(60, AccuracyStepControl.continuedCandidate(30, 0.0025, 0.01, 600, 2), 1e-9);
        assertEquals(100, AccuracyStepControl.continuedCandidate(30, 0.0001, 0.01, 100, 1), 1e-9);
    }

    /**
     * Implicit scheme, unsplit coupling, random stiffness, one 40 s snapshot window with metrics every
     * 5 s, target 1 %: the step is cut far below its 5 s cap, so it is verified over the first half of
     * the window only and chosen again at 20 s from a grown candidate; the run meets the target against
     * the exact answer (RK4 in double at a quarter of the explicit limit), and takes the same final state
     * whether it adopts the pilots' runs or recomputes them.
     */
    @Test
    void aSmallStepIsVerifiedOverHalfTheWindowChosenAgainThereAndMeetsTheTarget() {
        var r = LargeStepProblems.randomStiffness(3);
        Scenario base = r.scenarioWith(DiffusionSpec.EXPLICIT);
        DiffusionSpec unsplit = new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES,
                DiffusionSpec.Coupling.UNSPLIT, TARGET);
        RunSpec run = new RunSpec(40, 40, 5, 1L, null, null, RunSpec.Splitting.STRANG, unsplit);
        Tissue initial = r.initial();
        Scenario s = LargeStepControlTest.withRun(base, run);
        LargeStepControlTest.Outcome o = LargeStepControlTest.simulate(s, initial);
        Tissue exact = LargeStepControlTest.exactReference(base, initial, 40);
        double achieved = LargeStepControlTest.error(o.state(), exact, initial);
        List<String> choices = o.log().stream().filter(l -> l.startsWith("t = ")).toList();
        System.out.printf("short pilot windows: achieved %.3g (%.2f x target %.3g)%n%s%n", achieved,
                achieved / TARGET, TARGET, String.join("\n", choices));
        assertTrue(choices.size() >= 2, String.join("\n", o.log()));
        String first = choices.get(0);
        assertTrue(first.startsWith("t = 0.00000 s") && first.contains("over the pilot 0.00000–20.0000 s")
                && first.contains("far below its cap: chosen again at 20.0000 s"), first);
        String second = choices.get(1);
        assertTrue(second.startsWith("t = 20.0000 s") && second.contains("candidates continued from "), second);
        assertTrue(achieved <= TARGET, String.format("achieved %.3g above the target %.3g", achieved, TARGET));
        LargeStepControlTest.Outcome recomputed = simulateRecomputing(s, initial);
        assertEquals(o.result().steps(), recomputed.result().steps());
        assertArrayEquals(recomputed.state().drugExposure(), o.state().drugExposure(), "adopting changes nothing");
    }

    /** {@link LargeStepControlTest#simulate} with every pilot window recomputed instead of adopted. */
    private static LargeStepControlTest.Outcome simulateRecomputing(Scenario scenario, Tissue initial) {
        Tissue state = initial.copy();
        var model = org.stromasim.transport.TransportModel.compile(scenario, state);
        TimeStepPlan plan = TimeStepPlan.choose(scenario.run(), model);
        RecordingOutput out = RecordingOutput.rowsAndLog();
        try (var backend = new org.stromasim.backend.java.JavaBackend(model, 2)) {
            backend.upload(state);
            RunResult r = new Simulation(scenario, backend, state, plan, out).withBiology().controlSteps()
                    .recomputingPilotWindows().run(0.0, 0L, scenario.run().endTimeS(), true, ProgressListener.NONE);
            backend.download(state);
            return new LargeStepControlTest.Outcome(state, r, out.log);
        }
    }

    /** Where the first cut from the 5 s cap lands far below it on this problem (see the printout). */
    private static final double TARGET = 0.01;
}

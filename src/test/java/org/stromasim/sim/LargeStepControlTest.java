package org.stromasim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.backend.java.LargeStepProblems;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * Step control for run.diffusion.target_relative_error: the step chosen by step doubling meets the
 * target against the explicit reference, measured here (and is not wastefully far below it), a
 * tighter target gives a smaller step, and the choice is a function of the state alone.
 */
class LargeStepControlTest {


    /** A run's end state and what it logged. */
    record Outcome(Tissue state, RunResult result, List<String> log) {
    }

    static Scenario withRun(Scenario s, RunSpec run) {
        return new Scenario(s.name(), s.description(), s.grid(), run, s.ecm(), s.tissue(), s.species(), s.metrics(),
                s.biology());
    }

    static RunSpec run(double endS, double snapshotS, double metricsS, Double dtS, DiffusionSpec diffusion) {
        return new RunSpec(endS, snapshotS, metricsS, 1L, dtS, null, RunSpec.Splitting.STRANG, diffusion);
    }

    static Outcome simulate(Scenario scenario, Tissue initial) {
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(scenario, state);
        TimeStepPlan plan = TimeStepPlan.choose(scenario.run(), model);
        RecordingOutput out = RecordingOutput.rowsAndLog();
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(state);
            RunResult r = new Simulation(scenario, backend, state, plan, out).withBiology().controlSteps()
                    .run(0.0, 0L, scenario.run().endTimeS(), true, ProgressListener.NONE);
            backend.download(state);
            return new Outcome(state, r, out.log);
        }
    }

    /** The pilot's norm: the worst relative L2 difference over the species and the drug exposure. */
    static double error(Tissue a, Tissue reference, Tissue start) {
        double worst = StepDoublingPilot.relativeL2(a.drugExposure(), reference.drugExposure(), start.drugExposure());
        for (int s = 0; s < a.speciesCount(); s++) {
            worst = Math.max(worst, StepDoublingPilot.relativeL2(a.concentration(s), reference.concentration(s), null));
        }
        return worst;
    }

    /**
     * The exact answer the targets are measured against: the plain reference stepper
     * ({@link org.stromasim.reference.ReferenceStepper}: the unsplit equations, RK4 in double) from the
     * initial state to {@code endS}, at a step of at most a quarter of the explicit limit and of the
     * inverse fastest reaction rate, and dividing 60 s (the shipped bolus start) so a plasma jump falls
     * on a step boundary. Its time error is far below the targets (RK4: below 1e-9 at these steps).
     */
    static Tissue exactReference(Scenario scenario, Tissue initial, double endS) {
        org.stromasim.reference.ReferenceStepper r = org.stromasim.reference.ReferenceStepper.of(scenario, initial);
        double h = Math.min(0.25 * r.explicitLimitS(), 0.25 / Math.max(r.fastestReactionPerS(), 1e-30));
        int steps = (int) Math.ceil(endS / h);
        while (Math.abs(60.0 / (endS / steps) - Math.rint(60.0 / (endS / steps))) > 1e-9) {
            steps++;
        }
        r.advance(0, endS, steps);
        Tissue out = initial.copy();
        for (int s = 0; s < out.speciesCount(); s++) {
            for (int v = 0; v < out.cell().length; v++) {
                out.concentration(s)[v] = (float) r.concentration(s)[v];
            }
        }
        for (int v = 0; v < out.cell().length; v++) {
            out.drugExposure()[v] = (float) r.drugExposure()[v];
        }
        return out;
    }

    static DiffusionSpec target(double t) {
        return DiffusionSpec.rkl2ForTarget(5000, DiffusionSpec.Coupling.PLAIN, t);
    }

    private static void report(String problem, Scenario base, Tissue initial, RunSpec explicitRun,
                               java.util.function.DoubleFunction<RunSpec> targetRun, double... targets) {
        Outcome reference = simulate(withRun(base, explicitRun), initial);
        for (double t : targets) {
            Outcome o = simulate(withRun(base, targetRun.apply(t)), initial);
            double e = error(o.state(), reference.state(), initial);
            System.out.printf("%s target %.3g: dt %.4g, achieved %.3g (ratio %.2f), steps %d%n", problem, t,
                    o.result().plan().maxDtS(), e, e / t, o.result().steps());
            o.log().stream().filter(l -> l.startsWith("t = ")).forEach(System.out::println);
        }
    }

    /**
     * The smallest achieved error, as a fraction of the target, that the control may deliver where the split
     * bound does not cap the step: step doubling estimates the error of the coarse step from the
     * difference with two half steps, (1 − 2^−p) of it for order p, so a first- or second-order scheme lands
     * between half and three quarters of the target when the estimate is exact; 0.2 leaves room for the
     * estimate's own spread across windows (docs: 0.2–0.91 × target).
     */
    static final double LEAST_FRACTION_OF_TARGET = 0.2;

    /** Runs the exact reference and each target; asserts 0.2·target ≤ achieved ≤ target; returns the steps chosen at t = 0. */
    private static double[] assertTargetsMet(String problem, Scenario base, Tissue initial, double endS,
                                             java.util.function.DoubleFunction<RunSpec> targetRun, double... targets) {
        Tissue exact = exactReference(base, initial, endS);
        double[] steps = new double[targets.length];
        boolean[] capped = new boolean[targets.length];
        for (int i = 0; i < targets.length; i++) {
            double t = targets[i];
            Outcome o = simulate(withRun(base, targetRun.apply(t)), initial);
            double achieved = error(o.state(), exact, initial);
            // the step chosen at the start, from the same state for every target (a step far below its cap
            // is chosen again within the window, so the last plan's step is not comparable)
            steps[i] = choices(o.log()).get(0)[1];
            String what = String.format("%s, target %.3g: dt %.4g s, achieved %.3g", problem, t, steps[i], achieved);
            System.out.println(what + " exposure " + StepDoublingPilot.relativeL2(o.state().drugExposure(),
                    exact.drugExposure(), initial.drugExposure()) + " species " + java.util.stream.IntStream
                    .range(0, initial.speciesCount()).mapToObj(s -> initial.speciesNames().get(s) + "=" + StepDoublingPilot
                            .relativeL2(o.state().concentration(s), exact.concentration(s), null)).toList());
            assertTrue(achieved <= t, what + " is above the target");
            capped[i] = o.log().stream().anyMatch(l -> l.startsWith("t = 0.00000 s: dt = ")
                    && l.contains("capped by the split error indicator"));
            // a step capped by the split error bound is as large as the run allows: not a waste of the target
            assertTrue(capped[i] || achieved >= LEAST_FRACTION_OF_TARGET * t, what + " is more than 5x below the target: wasteful");
            assertTrue(o.log().stream().anyMatch(l -> l.startsWith("t = 0.00000 s: dt = ") && l.contains("estimated relative L2 error")),
                    String.join("\n", o.log()));
        }
        for (int i = 1; i < steps.length; i++) {
            if (capped[i - 1] && capped[i]) {
                assertEquals(steps[i - 1], steps[i], "both capped by the split bound");
                continue;
            }
            assertTrue(steps[i] < steps[i - 1], "a tighter target must give a smaller step: " + java.util.Arrays.toString(steps));
        }
        return steps;
    }

    @Test
    void twoLayerWithHeldInletMeetsEachTarget() {
        var p = LargeStepProblems.twoLayer(0.02, true);
        assertTargetsMet("two-layer", p.scenarioWith(DiffusionSpec.EXPLICIT), p.initial(), 40,
                t -> run(40, 40, 10, null, target(t)), 0.03, 0.01, 0.003);
    }

    @Test
    void randomStiffnessWithTwoSpeciesMeetsEachTarget() {
        var r = LargeStepProblems.randomStiffness(3);
        assertTargetsMet("random-stiffness", r.scenarioWith(DiffusionSpec.EXPLICIT), r.initial(), 20,
                t -> run(20, 20, 5, null, target(t)), 0.03, 0.01, 0.003);
    }

    /**
     * The default scenario on a coarse grid, over its bolus (at 60 s): the hardest window of a run,
     * measured against the exact answer of the unsplit equations (the reference stepper), not an
     * explicit run, whose own first-order splitting error in TGF-β was 1.4 % at 0.9 × the limit.
     */
    @Test
    void reducedDefaultScenarioOverTheBolusMeetsEachTarget() {
        Scenario base = ScenarioLoader.loadDefault(List.of("grid.nx=16", "grid.ny=16", "grid.nz=14", "grid.voxel_um=60"));
        Tissue initial = TissueBuilder.build(base);
        assertTargetsMet("default 16x16x14", base, initial, 300, t -> run(300, 300, 30, null, target(t)), 0.03, 0.01);
    }

    /**
     * The step after a snapshot is chosen from the snapshot's state alone: a pilot from that state on a
     * fresh backend chooses exactly the step the uninterrupted run logged there.
     */
    @Test
    void theChoiceAtASnapshotDependsOnlyOnTheStateThere() {
        var r = LargeStepProblems.randomStiffness(3);
        Scenario s = withRun(r.scenarioWith(DiffusionSpec.EXPLICIT), run(20, 10, 5, null, target(0.01)));
        Outcome whole = simulate(s, r.initial());
        List<String> choices = whole.log().stream().filter(l -> l.startsWith("t = ")).toList();
        assertEquals(2, choices.size(), String.join("\n", whole.log()));
        // the state at 10 s as the run reached it: run the first window alone
        Outcome firstHalf = simulate(withRun(s, run(10, 10, 5, null, target(0.01))), r.initial());
        TransportModel model = TransportModel.compile(s, firstHalf.state().copy());
        try (JavaBackend fresh = new JavaBackend(model, 1)) {
            TimeStepPlan again = new AccuracyStepControl(s.run(), fresh)
                    .planFrom(firstHalf.state(), new double[] {10, 15, 20});
            assertEquals(choices.get(1), "t = 10.0000 s: " + again.reason());
        }
    }
    /** The steps chosen at each snapshot, read from the run log ("t = … s: dt = … s chosen …"). */
    static List<double[]> choices(List<String> log) {
        List<double[]> out = new ArrayList<>();
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                "^t = (\\S+) s: dt = (\\S+) s chosen .*estimated relative L2 error (\\S+) %.*");
        for (String line : log) {
            var m = p.matcher(line);
            if (m.matches()) {
                out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)) / 100});
            }
        }
        return out;
    }

    /**
     * On the reduced default scenario the bolus (at 60 s) forces a small step in the first window; in
     * the window after it (hour-long snapshot windows, as in day-long runs) the step is larger again —
     * or, where the split error bound already caps the bolus window's step, no smaller.
     */
    @Test
    void theStepAfterTheBolusIsNotSmaller() {
        Scenario base = ScenarioLoader.loadDefault(List.of("grid.nx=16", "grid.ny=16", "grid.nz=14", "grid.voxel_um=60"));
        Scenario s = withRun(base, run(7200, 3600, 30, null, target(0.01)));
        Outcome o = simulate(s, TissueBuilder.build(base));
        List<String> lines = o.log().stream().filter(l -> l.startsWith("t = ")).toList();
        lines.forEach(l -> System.out.println(l.replaceAll(", diffusion by.*", "")));
        List<double[]> chosen = choices(o.log());
        assertEquals(2, chosen.size(), String.join("\n", o.log()));
        if (lines.get(0).contains("capped by the split error indicator")) {
            // the split error bound (vessel walls, tumour edge) caps the bolus window's step already: the
            // window after it can be no larger
            assertTrue(chosen.get(1)[1] >= chosen.get(0)[1] * (1 - 1e-9), String.join("\n", lines));
        } else {
            assertTrue(chosen.get(1)[1] > chosen.get(0)[1], "the step after the bolus window must be larger than in it: "
                    + String.join("\n", lines));
        }
        for (int i = 0; i < chosen.size(); i++) {
            assertTrue(chosen.get(i)[2] <= 0.01, "accepted above the target: " + lines.get(i));
        }
    }

    /**
     * On the reduced default scenario from its state at 300 s, just after the bolus, the first
     * candidate is no longer the 30 s metrics interval (which step doubling rejected, cutting far
     * below the target, before issue 12) but the split error bound of the vessel walls and the
     * tumour edge (0.8 s here): one pilot, accepted, within the target. Grow-back itself is no longer
     * reached on this scenario; {@link #growingPays} keeps its arithmetic checked.
     */
    /** The split bound of the reduced default scenario at 300 s, s: the reference stepper's commutator below gave 0.79005 s (cancer uptake on the extracellular basis, docs/parameters.md §5). */
    static final double PINNED_SPLIT_BOUND_S = 0.7901;

    @Test
    void afterTheBolusTheSplitBoundIsTheFirstCandidate() {
        Scenario base = ScenarioLoader.loadDefault(List.of("grid.nx=16", "grid.ny=16", "grid.nz=14", "grid.voxel_um=60"));
        Scenario s = withRun(base, run(3900, 300, 30, null, target(0.01)));
        Tissue at300 = simulate(withRun(base, run(300, 300, 30, null, target(0.01))), TissueBuilder.build(base)).state();
        TransportModel model = TransportModel.compile(s, at300.copy());
        double[] longWindow = java.util.stream.IntStream.rangeClosed(10, 130).mapToDouble(k -> 30.0 * k).toArray();
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            TimeStepPlan plan = new AccuracyStepControl(s.run(), backend).planFrom(at300, longWindow);
            String[] tried = candidates(plan.reason());
            assertEquals(1, tried.length, plan.reason());
            assertTrue(plan.reason().contains("capped by the split error indicator"), plan.reason());
            // the bound computed independently: h with h²·‖[L, Λ]‖ = 0.01 (the documented indicator limit), the
            // commutator norm from the scenario and the state by the reference stepper (its own D from the law,
            // its own rates and wall), for the stiffest species
            org.stromasim.reference.ReferenceStepper reference = org.stromasim.reference.ReferenceStepper.of(s, at300);
            double commutator = 0;
            for (int sp = 0; sp < model.speciesCount(); sp++) {
                commutator = Math.max(commutator, reference.splitCommutatorPerS2(sp));
            }
            double bound = Math.sqrt(0.01 / commutator);
            System.out.println("split bound " + bound + " s, plan " + plan.maxDtS() + " s");
            assertEquals(PINNED_SPLIT_BOUND_S, bound, 1e-3, "the independent calculation itself moved");
            assertTrue(plan.maxDtS() <= bound * (1 + 1e-6) && plan.maxDtS() > 0.999 * bound, plan.reason());
        }
    }

    /** The candidates a plan's reason lists: "h s → E %", in the order tried. */
    private static String[] candidates(String reason) {
        return reason.replaceAll(".*candidates ", "").replaceAll("\\).*", "").split(", ");
    }

    /** Growing pays only where the rest of the window repays the grow-back pilot: exact arithmetic. */
    @Test
    void growingPaysOnlyOverALongRest() {
        // relative cost √(10/40) = 0.5: pays when rest · 0.5 > (1 + √2) · pilot · 0.5, i.e. rest > 2.414 · pilot
        assertTrue(AccuracyStepControl.growingPays(10, 40, 240, 580));
        assertTrue(!AccuracyStepControl.growingPays(10, 40, 240, 579));
        assertTrue(!AccuracyStepControl.growingPays(10, 40, 240, 60));
    }

    /**
     * A pilot abandoned part-way stops at the first interval end in the window's second half with a
     * difference above the threshold, equal to that of the full pilot over the window ending there, and leaves the backend holding the start state.
     */
    @Test
    void anAbandonedPilotStopsEarlyWithTheDifferenceReachedThere() {
        var r = LargeStepProblems.randomStiffness(3);
        Scenario s = withRun(r.scenarioWith(DiffusionSpec.EXPLICIT), run(20, 20, 5, null, target(0.01)));
        Tissue start = r.initial().copy();
        TransportModel model = TransportModel.compile(s, start);
        try (JavaBackend backend = new JavaBackend(model, 1)) {
            backend.upload(start);
            StepDoublingPilot pilot = new StepDoublingPilot(backend, start);
            TimeStepPlan h = new TimeStepPlan(5, TransportFields.of(model).stabilityLimit(), "test");
            double[] window = {0, 5, 10, 15, 20};
            StepDoublingPilot.Difference firstHalf = pilot.compare(new double[] {0, 5, 10}, h);
            StepDoublingPilot.Difference abandoned = pilot.compare(window, h, firstHalf.relative() / 2);
            assertTrue(abandoned.abandoned());
            assertEquals(10.0, abandoned.untilS(), "not before half the window");
            assertEquals(firstHalf.relative(), abandoned.relative(), 1e-12 * firstHalf.relative());
            StepDoublingPilot.Difference full = pilot.compare(window, h);
            assertTrue(!full.abandoned() && full.untilS() == 20.0);
            Tissue held = start.copy();
            backend.download(held);
            assertEquals(0.0, StepDoublingPilot.relativeL2(held.concentration(0), start.concentration(0), null));
            assertEquals(0.0, StepDoublingPilot.relativeL2(held.drugExposure(), start.drugExposure(), null));
        }
    }
    /**
     * The run takes each accepted pilot's coarse run as its own over the pilot window instead of
     * recomputing it: that changes nothing, bitwise (end state, every metrics row, step count, log of
     * choices), against the same run recomputing every window.
     */
    @Test
    void adoptingTheAcceptedPilotChangesNothing() {
        Scenario base = ScenarioLoader.loadDefault(List.of("grid.nx=16", "grid.ny=16", "grid.nz=14", "grid.voxel_um=60"));
        Scenario s = withRun(base, run(600, 300, 30, null, target(0.01)));
        Tissue initial = TissueBuilder.build(base);
        List<Object> results = new ArrayList<>();
        for (boolean adopt : new boolean[] {true, false}) {
            RecordingOutput out = RecordingOutput.rowsAndLog();
            Tissue state = initial.copy();
            RunResult r = runTo600(s, state, adopt, out);
            List<String> rows = out.rows.stream().map(row -> java.util.Arrays.toString(row.values())).toList();
            results.add(new Object[] {state, r.steps(), rows, out.log.stream().filter(l -> l.startsWith("t = ")).toList()});
        }
        Object[] adopted = (Object[]) results.get(0);
        Object[] recomputed = (Object[]) results.get(1);
        Tissue a = (Tissue) adopted[0];
        Tissue b = (Tissue) recomputed[0];
        org.junit.jupiter.api.Assertions.assertArrayEquals(b.drugExposure(), a.drugExposure());
        for (int sp = 0; sp < a.speciesCount(); sp++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(b.concentration(sp), a.concentration(sp), "species " + sp);
        }
        assertEquals(recomputed[1], adopted[1]);
        assertEquals(recomputed[2], adopted[2]);
        assertEquals(21, ((List<?>) adopted[2]).size());
        assertEquals(recomputed[3], adopted[3]);
    }

    /**
     * A bolus start (60 s) between metrics times (every 200 s) is an interior event of the pilot window, where
     * the run writes no row: the adopted windows write rows only at the metrics times, the recomputed
     * run's rows (before, an adopted window wrote one at 60 s too). The pilot downloads at the break and the
     * run does not, which rounds the exposure once more there (its compensation folded in): rows and
     * exposure agree to float rounding, the concentrations bitwise.
     */
    @Test
    void anAdoptedWindowWritesRowsOnlyAtMetricsTimes() {
        Scenario base = ScenarioLoader.loadDefault(List.of("grid.nx=16", "grid.ny=16", "grid.nz=14", "grid.voxel_um=60"));
        // implicit unsplit: the first pilot window (0–400 s at 16.7 s steps) holds the bolus start
        DiffusionSpec unsplit = new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES,
                DiffusionSpec.Coupling.UNSPLIT, 0.01);
        Scenario s = withRun(base, run(600, 600, 200, null, unsplit));
        Tissue initial = TissueBuilder.build(base);
        List<List<double[]>> rows = new ArrayList<>();
        List<Tissue> ends = new ArrayList<>();
        for (boolean adopt : new boolean[] {true, false}) {
            RecordingOutput out = RecordingOutput.rowsAndLog();
            Tissue state = initial.copy();
            runTo600(s, state, adopt, out);
            rows.add(out.rows.stream().map(MetricsRow::values).toList());
            ends.add(state);
        }
        List<double[]> adopted = rows.get(0);
        List<double[]> recomputed = rows.get(1);
        assertEquals(4, recomputed.size(), "rows at 0, 200, 400 and 600 s");
        assertEquals(recomputed.size(), adopted.size(), "the same rows");
        for (int r = 0; r < adopted.size(); r++) {
            assertEquals(200.0 * r, adopted.get(r)[0], 1e-9, "row " + r + " at a metrics time");
            for (int c = 0; c < adopted.get(r).length; c++) {
                double want = recomputed.get(r)[c];
                double got = adopted.get(r)[c];
                if (Double.isNaN(want)) { // a read-out with nothing to read (no half-depth yet)
                    assertTrue(Double.isNaN(got), "row " + r + ", column " + c);
                } else {
                    assertEquals(want, got, 1e-6 * Math.abs(want) + 1e-12, "row " + r + ", column " + c);
                }
            }
        }
        for (int sp = 0; sp < initial.speciesCount(); sp++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(ends.get(1).concentration(sp),
                    ends.get(0).concentration(sp), "species " + sp);
        }
        float[] exposureA = ends.get(0).drugExposure();
        float[] exposureB = ends.get(1).drugExposure();
        for (int v = 0; v < exposureA.length; v++) {
            assertEquals(exposureB[v], exposureA[v], 1e-6 * Math.abs(exposureB[v]), "exposure at voxel " + v);
        }
    }

    /**
     * Runs {@code s} from {@code state} to 600 s with step control on the Java backend, adopting each accepted
     * pilot's run or recomputing every window, into {@code out}; {@code state} holds the end state after.
     */
    private static RunResult runTo600(Scenario s, Tissue state, boolean adopt, RecordingOutput out) {
        TransportModel model = TransportModel.compile(s, state);
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(state);
            Simulation sim = new Simulation(s, backend, state, TimeStepPlan.choose(s.run(), model), out)
                    .withBiology().controlSteps();
            RunResult r = (adopt ? sim : sim.recomputingPilotWindows()).run(0.0, 0L, 600, true, ProgressListener.NONE);
            backend.download(state);
            return r;
        }
    }
}

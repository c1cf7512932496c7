package org.stromasim.sim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stromasim.transport.TransportFields;
import org.stromasim.backend.java.CancerBlockProblem;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ReactionStiffness;
import org.stromasim.transport.TransportModel;

/**
 * The cancer block of issue 12 ({@link CancerBlockProblem}: doxorubicin uptake everywhere, four
 * parallel vessels 250 µm apart, 10 minutes after a bolus) with the large-step scheme, against an
 * independent reference: the explicit scheme at 1/4 and 1/8 of its stability limit, Richardson-
 * extrapolated (it is first order: the run at 0.9 × the limit is itself 2.5 % off here, at 0.225 × 0.6 %).
 * Claim: drug and exposure within 1 % (relative L2), or the step is refused with the numbers.
 * Before issue 12 dt = 30 s ran (rebalanced: 6 % / 66 % off; plain: 131 % and negative levels).
 */
class CancerBlockCouplingTest {

    private static final double END_S = 600;
    private static Tissue reference;

    @BeforeAll
    static void explicitReference() {
        Scenario explicit = CancerBlockProblem.scenarioWith(DiffusionSpec.EXPLICIT);
        Tissue initial = CancerBlockProblem.initial(explicit);
        double limit = TransportFields.of(TransportModel.compile(explicit, initial.copy())).stabilityLimit().dtMaxS();
        int coarse = (int) Math.ceil(END_S / (limit / 4));
        Tissue h = advance(explicit, initial, END_S / coarse, coarse);
        Tissue half = advance(explicit, initial, END_S / (2 * coarse), 2 * coarse);
        reference = half.copy();
        float[] c = reference.concentration(0);
        float[] auc = reference.drugExposure();
        for (int v = 0; v < c.length; v++) {
            c[v] = 2 * half.concentration(0)[v] - h.concentration(0)[v];
            auc[v] = 2 * half.drugExposure()[v] - h.drugExposure()[v];
        }
    }

    /** The extrapolated explicit reference (after {@link #explicitReference}). */
    static Tissue referenceState() {
        return reference;
    }

    static Tissue advance(Scenario scenario, Tissue initial, double dtS, int steps) {
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(scenario, state);
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(state);
            backend.advance(0, dtS, steps);
            backend.download(state);
        }
        return state;
    }

    static RunSpec fixed(double dtS) {
        return new RunSpec(END_S, END_S, 60, 1L, dtS, null, RunSpec.Splitting.STRANG,
                new DiffusionSpec(DiffusionSpec.Scheme.RKL2, DiffusionSpec.DEFAULT_MAX_STAGES, DiffusionSpec.Coupling.PLAIN));
    }

    static Scenario rkl2(RunSpec run) {
        return LargeStepControlTest.withRun(CancerBlockProblem.scenarioWith(run.diffusion()), run);
    }

    /** Worst of the drug's and the exposure's relative L2 difference from the reference. */
    static double error(Tissue t) {
        return Math.max(StepDoublingPilot.relativeL2(t.concentration(0), reference.concentration(0), null),
                StepDoublingPilot.relativeL2(t.drugExposure(), reference.drugExposure(), null));
    }

    @ParameterizedTest(name = "dt = {0} s")
    @ValueSource(doubles = {10, 30, 60})
    void largeStepsAreRefusedWithTheNumbers(double dtS) {
        Scenario s = rkl2(fixed(dtS));
        TransportModel model = TransportModel.compile(s, CancerBlockProblem.initial(s));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeStepPlan.choose(s.run(), model));
        String m = e.getMessage();
        System.out.println(m);
        assertTrue(m.contains(String.format(java.util.Locale.ROOT, "dt=%.4g s", dtS)) && m.contains("species drug") && m.contains("split error indicator")
                && m.contains("largest step within it is") && m.contains("cancer next to a vessel"), m);
    }

    /** The largest step the refusal names runs within 1 % of the reference, drug and exposure. */
    @Test
    void theLargestAcceptedStepMeetsOnePercent() {
        Scenario s = rkl2(fixed(1));
        Tissue initial = CancerBlockProblem.initial(s);
        double largest = TransportFields.of(TransportModel.compile(s, initial.copy())).reactionStiffness(0).largestAccurateStepS();
        int steps = (int) Math.ceil(END_S / largest);
        TimeStepPlan.choose(fixed(END_S / steps), TransportModel.compile(rkl2(fixed(END_S / steps)), initial.copy()));
        Tissue run = advance(s, initial, END_S / steps, steps);
        double e = error(run);
        System.out.printf("largest accepted step %.4g s (indicator bound %.3g): error %.3g%n", END_S / steps,
                ReactionStiffness.MAX_SPLIT_INDICATOR, e);
        assertTrue(e <= 0.01, "error " + e + " at the largest accepted step " + END_S / steps + " s");
    }

    /** Step control at 1 % picks a step that meets 1 % against the reference, and logs its cost. */
    @Test
    void stepControlAtOnePercentMeetsIt() {
        RunSpec run = new RunSpec(END_S, END_S, 60, 1L, null, null, RunSpec.Splitting.STRANG,
                DiffusionSpec.rkl2ForTarget(DiffusionSpec.DEFAULT_MAX_STAGES, DiffusionSpec.Coupling.PLAIN, 0.01));
        Scenario s = rkl2(run);
        LargeStepControlTest.Outcome o = LargeStepControlTest.simulate(s, CancerBlockProblem.initial(s));
        double e = error(o.state());
        o.log().forEach(System.out::println);
        System.out.printf("step control at 1 %%: dt %.4g s, error %.3g%n", o.result().plan().maxDtS(), e);
        assertTrue(e <= 0.01, "step control at 1 % gave " + e + " with dt " + o.result().plan().maxDtS());
        assertTrue(o.log().stream().anyMatch(l -> l.contains("step control:") && l.contains("pilots")),
                String.join("\n", o.log()));
    }
}

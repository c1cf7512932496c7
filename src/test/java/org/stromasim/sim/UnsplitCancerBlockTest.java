package org.stromasim.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.CancerBlockProblem;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/**
 * The cancer block of issue 12 ({@link CancerBlockProblem}) with {@code scheme: implicit, coupling:
 * unsplit}, against the same independent explicit reference as {@link CancerBlockCouplingTest}
 * (explicit scheme at 1/4 and 1/8 of its limit, Richardson-extrapolated). The split schemes refuse
 * every step above 0.103 s here (split error bound); the unsplit coupling has no such bound, and with
 * step control at 1 % it must choose steps far above it and still meet 1 %.
 */
class UnsplitCancerBlockTest {

    private static final double END_S = 600;
    /** The split schemes' largest accepted step on this problem (docs/large-steps.md). */
    private static final double SPLIT_BOUND_S = 0.103;

    private static final java.util.regex.Pattern CHOSEN = java.util.regex.Pattern.compile("dt = ([0-9.]+) s chosen");

    @BeforeAll
    static void reference() {
        CancerBlockCouplingTest.explicitReference();
    }

    static DiffusionSpec unsplit(Double target) {
        return new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES,
                DiffusionSpec.Coupling.UNSPLIT, target);
    }

    static Scenario scenario(RunSpec run) {
        return LargeStepControlTest.withRun(CancerBlockProblem.scenarioWith(run.diffusion()), run);
    }

    /**
     * Fixed steps of 10, 30 and 60 s run (the split schemes refuse them) with no negative level, and
     * their errors against the reference grow at first order: the observed order between neighbouring
     * steps, log(e₂/e₁)/log(dt₂/dt₁), within 0.8–1.3 for the drug and its exposure.
     */
    @Test
    void fixedLargeStepsRunWithoutTheSplitBound() {
        double[] steps = {10, 30, 60};
        double[][] errors = new double[steps.length][];
        for (int r = 0; r < steps.length; r++) {
            double dtS = steps[r];
            RunSpec run = new RunSpec(END_S, END_S, 60, 1L, dtS, null, RunSpec.Splitting.STRANG, unsplit(null));
            Scenario s = scenario(run);
            Tissue initial = CancerBlockProblem.initial(s);
            TimeStepPlan plan = TimeStepPlan.choose(s.run(), TransportModel.compile(s, initial.copy()));
            Tissue end = CancerBlockCouplingTest.advance(s, initial, dtS, (int) Math.round(END_S / dtS));
            double drug = StepDoublingPilot.relativeL2(end.concentration(0),
                    referenceField(false), null);
            double auc = StepDoublingPilot.relativeL2(end.drugExposure(), referenceField(true), null);
            double min = Double.POSITIVE_INFINITY;
            for (float c : end.concentration(0)) {
                min = Math.min(min, c);
            }
            System.out.printf("unsplit dt = %.0f s: drug %.3g %%, exposure %.3g %%, min %.3g µM; plan: %s%n", dtS,
                    100 * drug, 100 * auc, min, plan.reason());
            assertTrue(plan.reason().contains("no split error bound") && plan.reason().contains("drug"), plan.reason());
            assertTrue(min >= -1e-6, "negative level " + min + " at dt " + dtS);
            errors[r] = new double[] {drug, auc};
        }
        for (int r = 0; r + 1 < steps.length; r++) {
            for (int f = 0; f < 2; f++) {
                double order = Math.log(errors[r + 1][f] / errors[r][f]) / Math.log(steps[r + 1] / steps[r]);
                System.out.printf("%s: order %.2f from %.0f to %.0f s%n", f == 0 ? "drug" : "exposure", order, steps[r],
                        steps[r + 1]);
                assertTrue(order >= 0.8 && order <= 1.3, (f == 0 ? "drug" : "exposure") + " order " + order);
            }
        }
    }

    private static float[] referenceField(boolean exposure) {
        Tissue r = CancerBlockCouplingTest.referenceState();
        return exposure ? r.drugExposure() : r.concentration(0);
    }

    /** Step control at 1 % meets 1 % against the reference with steps far above the split bound. */
    @Test
    void stepControlAtOnePercentMeetsItWithLargeSteps() {
        RunSpec run = new RunSpec(END_S, END_S, 60, 1L, null, null, RunSpec.Splitting.STRANG, unsplit(0.01));
        Scenario s = scenario(run);
        LargeStepControlTest.Outcome o = LargeStepControlTest.simulate(s, CancerBlockProblem.initial(s));
        double e = CancerBlockCouplingTest.error(o.state());
        o.log().forEach(System.out::println);
        double smallest = Double.POSITIVE_INFINITY;
        boolean orderOne = true;
        for (String line : o.log()) {
            java.util.regex.Matcher m = CHOSEN.matcher(line);
            if (m.find()) {
                smallest = Math.min(smallest, Double.parseDouble(m.group(1)));
                orderOne &= line.contains("order 1 assumed");
            }
        }
        System.out.printf("unsplit, step control at 1 %%: error %.3g, smallest chosen step %.4g s%n", e, smallest);
        assertTrue(e <= 0.01, "step control at 1 % gave " + e);
        assertTrue(orderOne, "the estimate must assume order 1: " + String.join("\n", o.log()));
        assertTrue(Double.isFinite(smallest) && smallest >= 10 * SPLIT_BOUND_S,
                "chosen steps should be far above the split bound: " + String.join("\n", o.log()));
    }
}

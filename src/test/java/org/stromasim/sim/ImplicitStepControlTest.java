package org.stromasim.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.LargeStepProblems;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;

/**
 * Step control with {@code scheme: implicit}: the step chosen by step doubling meets each target
 * against the exact answer of the unsplit equations ({@link LargeStepControlTest#exactReference}, measured
 * with the pilot's own norm), a tighter target gives
 * a smaller step, and the plan names TR-BDF2 and the solves' tolerance, which is tied to the target
 * (org.stromasim.transport.SolveTolerance), so the achieved error includes what the looser solves add.
 */
class ImplicitStepControlTest {

    private static DiffusionSpec implicitFor(double target) {
        return new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES, null, target);
    }

    private static void assertTargetsMet(String problem, Scenario base, Tissue initial, double endS, double metricsS,
                                         double... targets) {
        Tissue exact = LargeStepControlTest.exactReference(base, initial, endS);
        double previousStep = Double.POSITIVE_INFINITY;
        for (double t : targets) {
            RunSpec run = LargeStepControlTest.run(endS, endS, metricsS, null, implicitFor(t));
            LargeStepControlTest.Outcome o = LargeStepControlTest.simulate(LargeStepControlTest.withRun(base, run), initial);
            double achieved = LargeStepControlTest.error(o.state(), exact, initial);
            System.out.println(String.format("%s, target %.3g: achieved %.3g (%.2f x target)", problem, t, achieved, achieved / t));
            double step = o.result().plan().maxDtS();
            String what = String.format("%s, target %.3g: dt %.4g s, achieved %.3g", problem, t, step, achieved);
            assertTrue(achieved <= t, what + " is above the target");
            assertTrue(achieved >= LargeStepControlTest.LEAST_FRACTION_OF_TARGET * t, what + " is more than 5x below the "
                    + "target: wasteful");
            assertTrue(step < previousStep, what + ": a tighter target must give a smaller step");
            assertTrue(o.log().stream().anyMatch(l -> l.startsWith("t = 0.00000 s: dt = ") && l.contains("TR-BDF2")),
                    String.join("\n", o.log()));
            // the solves ran at the tolerance tied to the target (SolveTolerance: 10⁻³ of it), not at 10⁻⁸
            String tied = String.format(java.util.Locale.ROOT, "relative residual of %.2g (10⁻³ of the target)", 1e-3 * t);
            assertTrue(o.log().stream().anyMatch(l -> l.contains(tied)), tied + " not in\n" + String.join("\n", o.log()));
            previousStep = step;
        }
    }

    @Test
    void twoLayerWithHeldInletMeetsEachTarget() {
        var p = LargeStepProblems.twoLayer(0.02, true);
        assertTargetsMet("two-layer", p.scenarioWith(DiffusionSpec.EXPLICIT), p.initial(), 40, 10, 0.03, 0.01);
    }

    @Test
    void randomStiffnessWithTwoSpeciesMeetsEachTarget() {
        var r = LargeStepProblems.randomStiffness(3);
        assertTargetsMet("random-stiffness", r.scenarioWith(DiffusionSpec.EXPLICIT), r.initial(), 20, 5, 0.01, 0.002);
    }
}

package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code run.diffusion} section: defaults, values, located errors, round trip. */
class DiffusionSectionTest {

    private static Scenario parse(String runExtra, String... overrides) {
        String text = ScenarioTexts.MINIMAL.replace("  seed: 1\n", "  seed: 1\n" + runExtra);
        return ScenarioLoader.parse(text, "t.yaml", List.of(overrides));
    }

    @Test
    void absentSectionMeansExplicit() {
        assertEquals(DiffusionSpec.EXPLICIT, parse("").run().diffusion());
    }

    @Test
    void rkl2WithItsStepAndStageCapIsRead() {
        Scenario s = parse("  dt_s: 30\n  diffusion: {scheme: rkl2, max_stages: 50}\n");
        assertEquals(new DiffusionSpec(DiffusionSpec.Scheme.RKL2, 50, DiffusionSpec.Coupling.PLAIN),
                s.run().diffusion());
        assertEquals(DiffusionSpec.Coupling.PLAIN,
                parse("  dt_s: 30\n  diffusion: {scheme: rkl2, coupling: plain}\n").run().diffusion().coupling());
        assertEquals(30.0, s.run().dtS());
        assertEquals(DiffusionSpec.DEFAULT_MAX_STAGES,
                parse("  dt_s: 30\n  diffusion: {scheme: rkl2}\n").run().diffusion().maxStages());
    }

    /** Rebalanced splitting blows up once k·dt passes about 0.5: a scenario asking for it is refused, saying why. */
    @Test
    void rebalancedCouplingIsRefusedWithTheReason() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse("  dt_s: 30\n  diffusion: {scheme: rkl2, coupling: rebalanced}\n"));
        assertTrue(e.getMessage().contains("run.diffusion.coupling") && e.getMessage().contains("unstable")
                && e.getMessage().contains("coupling: plain"), e.getMessage());
    }

    @Test
    void implicitIsReadWithPlainCouplingAndRefusesRebalanced() {
        Scenario s = parse("  dt_s: 600\n  diffusion: {scheme: implicit}\n");
        assertEquals(DiffusionSpec.Scheme.IMPLICIT, s.run().diffusion().scheme());
        assertEquals(DiffusionSpec.Coupling.PLAIN, s.run().diffusion().coupling());
        assertEquals(0.01, parse("  diffusion: {scheme: implicit, target_relative_error: 0.01}\n").run().diffusion()
                .targetRelativeError());
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse("  dt_s: 600\n  diffusion: {scheme: implicit, coupling: rebalanced}\n"));
        assertEquals("run.diffusion.coupling", e.keyPath());
        assertTrue(e.getMessage().contains("unstable") && e.getMessage().contains("coupling: plain"), e.getMessage());
    }

    /** coupling: unsplit is read with the implicit scheme and refused, located, with any other. */
    @Test
    void unsplitCouplingIsReadWithImplicitAndRefusedElsewhere() {
        DiffusionSpec d = parse("  diffusion: {scheme: implicit, coupling: unsplit, target_relative_error: 0.01}\n")
                .run().diffusion();
        assertEquals(DiffusionSpec.Coupling.UNSPLIT, d.coupling());
        assertTrue(d.unsplit());
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse("  dt_s: 30\n  diffusion: {scheme: rkl2, coupling: unsplit}\n"));
        assertEquals("run.diffusion.coupling", e.keyPath());
        assertEquals(13, e.line());
        assertTrue(e.getMessage().contains("unsplit needs scheme: implicit") && e.getMessage().contains("rkl2"),
                e.getMessage());
    }

    @Test
    void unknownSchemeIsLocatedAndListsTheChoices() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse("  dt_s: 30\n  diffusion: {scheme: adi}\n"));
        assertEquals("t.yaml", e.source());
        assertEquals(13, e.line());                       // the diffusion line
        assertEquals("run.diffusion.scheme", e.keyPath());
        assertTrue(e.getMessage().contains("adi") && e.getMessage().contains("explicit")
                && e.getMessage().contains("rkl2"), e.getMessage());
    }

    @Test
    void unknownKeyAndTooFewStagesAreLocated() {
        ScenarioException typo = assertThrows(ScenarioException.class,
                () -> parse("  dt_s: 30\n  diffusion: {scheme: rkl2, max_stage: 9}\n"));
        assertEquals("run.diffusion.max_stage", typo.keyPath());
        assertTrue(typo.getMessage().contains("max_stages"), typo.getMessage());
        ScenarioException few = assertThrows(ScenarioException.class,
                () -> parse("  dt_s: 30\n  diffusion: {scheme: rkl2, max_stages: 1}\n"));
        assertEquals("run.diffusion.max_stages", few.keyPath());
        assertTrue(few.getMessage().contains("= 1") && few.getMessage().contains("2"), few.getMessage());
    }

    @Test
    void rkl2WithoutAStepIsRefusedWithTheFix() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse("  diffusion: {scheme: rkl2}\n"));
        assertEquals("run.dt_s", e.keyPath());
        assertTrue(e.getMessage().contains("rkl2") && e.getMessage().contains("set run.dt_s"), e.getMessage());
    }

    @Test
    void overridesSelectTheSchemeAndTheResolvedYamlRoundTrips() {
        Scenario s = parse("", "run.dt_s=20", "run.diffusion.scheme=rkl2");
        assertEquals(DiffusionSpec.Scheme.RKL2, s.run().diffusion().scheme());
        Scenario again = ScenarioLoader.parse(ScenarioLoader.toYaml(s), "resolved.yaml", List.of());
        assertEquals(s.run(), again.run());
    }

    @Test
    void anAccuracyTargetIsReadAndRoundTrips() {
        Scenario s = parse("  diffusion: {scheme: rkl2, target_relative_error: 0.01}\n");
        assertEquals(0.01, s.run().diffusion().targetRelativeError());
        assertEquals(null, s.run().dtS());
        Scenario again = ScenarioLoader.parse(ScenarioLoader.toYaml(s), "resolved.yaml", List.of());
        assertEquals(s.run(), again.run());
        assertEquals(null, parse("  dt_s: 30\n  diffusion: {scheme: rkl2}\n").run().diffusion().targetRelativeError());
    }

    @Test
    void aStepAndATargetTogetherAreRefusedAtTheTarget() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse("  dt_s: 30\n  diffusion: {scheme: rkl2, target_relative_error: 0.01}\n"));
        assertEquals("run.diffusion.target_relative_error", e.keyPath());
        assertEquals(13, e.line());
        assertTrue(e.getMessage().contains("= 0.01") && e.getMessage().contains("run.dt_s = 30")
                && e.getMessage().contains("give one"), e.getMessage());
    }

    @Test
    void aTargetWithTheExplicitSchemeIsRefusedWithTheReason() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse("  diffusion: {scheme: explicit, target_relative_error: 0.01}\n"));
        assertEquals("run.diffusion.target_relative_error", e.keyPath());
        assertTrue(e.getMessage().contains("needs scheme: rkl2") && e.getMessage().contains("limited by stability"),
                e.getMessage());
    }

    @Test
    void aTargetOutsideItsRangeIsRefusedWithTheRange() {
        for (String bad : new String[] {"0.0001", "0.5", "0"}) {
            ScenarioException e = assertThrows(ScenarioException.class,
                    () -> parse("  diffusion: {scheme: rkl2, target_relative_error: " + bad + "}\n"));
            assertEquals("run.diffusion.target_relative_error", e.keyPath());
            assertTrue(e.getMessage().contains("0.001") && e.getMessage().contains("0.2"), e.getMessage());
        }
    }
}

package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.solver.Coarsening;

/** The {@code run.multigrid} section: defaults, values, refusals with one located message, round trip. */
class MultigridSectionTest {

    private static Scenario parse(String runExtra) {
        String text = ScenarioTexts.MINIMAL.replace("  seed: 1\n", "  seed: 1\n" + runExtra);
        return ScenarioLoader.parse(text, "t.yaml", List.of());
    }

    private static Scenario barrier(String... overrides) throws IOException {
        return ScenarioLoader.parse(Files.readString(Path.of("configs/fibrotic-barrier.yaml")), "fibrotic-barrier.yaml",
                List.of(overrides));
    }

    @Test
    void absentSectionMeansGeometricForBoth() {
        assertEquals(MultigridSpec.DEFAULT, parse("").run().multigrid());
        assertEquals(Coarsening.GEOMETRIC, MultigridSpec.DEFAULT.pressureCoarsening());
        assertEquals(Coarsening.GEOMETRIC, MultigridSpec.DEFAULT.diffusionCoarsening());
    }

    @Test
    void eachSolveIsReadOnItsOwn() throws IOException {
        Scenario implicit = parse("  dt_s: 60\n  diffusion: {scheme: implicit}\n"
                + "  multigrid: {diffusion_coarsening: operator_dependent}\n");
        assertEquals(new MultigridSpec(Coarsening.GEOMETRIC, Coarsening.OPERATOR_DEPENDENT), implicit.run().multigrid());
        Scenario flow = barrier("run.multigrid.pressure_coarsening=operator_dependent");
        assertEquals(new MultigridSpec(Coarsening.OPERATOR_DEPENDENT, Coarsening.GEOMETRIC), flow.run().multigrid());
        // geometric (what runs anyway) is accepted without the solve: the resolved scenario writes both keys
        assertEquals(MultigridSpec.DEFAULT, parse("  multigrid: {pressure_coarsening: geometric, "
                + "diffusion_coarsening: geometric}\n").run().multigrid());
    }

    @Test
    void anUnknownCoarseningIsOneLocatedMessageListingTheChoices() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse("  dt_s: 60\n  diffusion: {scheme: implicit}\n"
                + "  multigrid: {diffusion_coarsening: algebraic}\n"));
        assertEquals("run.multigrid.diffusion_coarsening", e.keyPath());
        assertEquals(14, e.line());
        assertTrue(e.getMessage().contains("algebraic") && e.getMessage().contains("Allowed: geometric, operator_dependent"),
                e.getMessage());
        ScenarioException typo = assertThrows(ScenarioException.class, () -> parse("  multigrid: {coarsening: geometric}\n"));
        assertTrue(typo.getMessage().contains("unknown key"), typo.getMessage());
    }

    @Test
    void operatorDependentForASolveTheRunDoesNotMakeIsRefused() throws IOException {
        ScenarioException noImplicit = assertThrows(ScenarioException.class,
                () -> parse("  multigrid: {diffusion_coarsening: operator_dependent}\n"));
        assertEquals("run.multigrid.diffusion_coarsening", noImplicit.keyPath());
        assertTrue(noImplicit.getMessage().contains("scheme is explicit")
                && noImplicit.getMessage().contains("scheme: implicit"), noImplicit.getMessage());
        ScenarioException noFlow = assertThrows(ScenarioException.class,
                () -> parse("  multigrid: {pressure_coarsening: operator_dependent}\n"));
        assertEquals("run.multigrid.pressure_coarsening", noFlow.keyPath());
        assertTrue(noFlow.getMessage().contains("no ecm.flow"), noFlow.getMessage());
    }

    /** The resolved scenario (run directory, snapshots, resume) keeps the coarsenings. */
    @Test
    void theResolvedScenarioKeepsTheCoarsenings() throws IOException {
        Scenario s = barrier("run.multigrid.pressure_coarsening=operator_dependent", "run.dt_s=60",
                "run.diffusion.scheme=implicit", "run.multigrid.diffusion_coarsening=operator_dependent");
        String yaml = ScenarioLoader.toYaml(s);
        assertTrue(yaml.contains("pressure_coarsening: operator_dependent")
                && yaml.contains("diffusion_coarsening: operator_dependent"), yaml);
        Scenario back = ScenarioLoader.parse(yaml, "resolved.yaml", List.of());
        assertEquals(s, back);
        assertEquals(new MultigridSpec(Coarsening.OPERATOR_DEPENDENT, Coarsening.OPERATOR_DEPENDENT), back.run().multigrid());
        Scenario plain = ScenarioLoader.parse(ScenarioLoader.toYaml(parse("")), "resolved.yaml", List.of());
        assertEquals(MultigridSpec.DEFAULT, plain.run().multigrid());
    }
}

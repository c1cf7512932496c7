package org.stromasim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.Rkl2;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/** Time-step control of the large-step scheme: stages per species, the reasons given, refusals, backend choice. */
class LargeStepPlanTest {

    /** Lactate-like (700 µm²/s), antibody-like (25 µm²/s) and a non-diffusing species on a 10 µm grid. */
    private static TransportModel model(double dtS, int maxStages) {
        Scenario sc = scenarioOf(dtS, maxStages);
        return TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
    }

    /** 0.0238 s × (20² + 20 − 2)/4 = 2.49 s is the largest step 20 stages allow for lactate. */
    private static Scenario scenarioOf(double dtS, int maxStages) {
        return scenario().grid(8, 8, 8, 10).dt(dtS).diffusion(new DiffusionSpec(DiffusionSpec.Scheme.RKL2, maxStages))
                .with(species("lactate").d0(700)).with(species("antibody").d0(25)).with(species("drug")).build();
    }

    @Test
    void eachSpeciesTakesTheStagesItsOwnLimitNeeds() {
        double dt = 10;
        TransportModel m = model(dt, 400);
        // zero-flux box, uniform D: the limit is dx²/(6D)
        double lactateLimit = 100.0 / (6 * 700);
        double antibodyLimit = 100.0 / (6 * 25);
        assertEquals(lactateLimit, TransportFields.of(m).explicitLimitS(0), 1e-6 * lactateLimit);
        assertEquals(antibodyLimit, TransportFields.of(m).explicitLimitS(1), 1e-6 * antibodyLimit);
        int lactate = Rkl2.stagesFor(dt, lactateLimit);
        int antibody = Rkl2.stagesFor(dt, antibodyLimit);
        // dt/limit = 420 and 15: s² + s − 2 ≥ 4·ratio gives 41 and 8 stages
        assertEquals(41, lactate);
        assertEquals(8, antibody);
        assertTrue(Rkl2.maxStepS(lactate, lactateLimit) >= dt && Rkl2.maxStepS(lactate - 1, lactateLimit) < dt);
        TimeStepPlan plan = TimeStepPlan.choose(scenarioOf(dt, 400).run(), m);
        assertEquals(dt, plan.maxDtS());
        String why = plan.reason();
        assertTrue(why.contains("RKL2") && why.contains("lactate: 41 stages") && why.contains("antibody: 8 stages")
                && why.contains("drug: does not diffuse, 0 stages"), why);
    }

    /**
     * The plan (what validate and run.log print) names the coupling and, per species, the stiffest
     * reaction's k·dt: decay 0.05 /s everywhere at dt = 10 s gives 0.5, a uniform rate that commutes
     * with diffusion (indicator 0, accepted at any step); binding 0.3 /s on cancer cells next to ECM
     * does not commute and is refused with the numbers.
     */
    @Test
    void thePlanNamesTheCouplingAndEachSpeciesStiffestReaction() {
        Scenario sc = scenario().grid(8, 8, 8, 10).dt(10).diffusion(new DiffusionSpec(DiffusionSpec.Scheme.RKL2, 400))
                .with(species("lactate").d0(700).decay(0.05)).with(species("drug")).build();
        String why = TimeStepPlan.choose(sc.run(), TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc))).reason();
        assertTrue(why.contains("plain coupling") && why.contains("strang-split")
                && why.contains("lactate: 41 stages") && why.contains("stiffest reaction k·dt = 0.500 (0.05000 /s, ecm)")
                && why.contains("split error indicator 0.00"), why);
        Scenario bound = scenario().grid(8, 8, 8, 10).dt(10).diffusion(new DiffusionSpec(DiffusionSpec.Scheme.RKL2, 400))
                .with(species("lactate").d0(700).binding(org.stromasim.tissue.CellType.CANCER, 0.3)).build();
        Tissue t = ScenarioFixture.emptyTissue(bound);
        t.cell()[0] = org.stromasim.tissue.CellType.CANCER.code();
        TransportModel m = TransportModel.compile(bound, t);
        // voxel 0 (a corner) has three ECM neighbours: 3 · 700/100 · 0.3 = 6.3 /s²; dt² · 6.3 = 630
        assertEquals(6.3, TransportFields.of(m).reactionStiffness(0).commutatorPerS2(), 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeStepPlan.choose(bound.run(), m));
        assertTrue(e.getMessage().contains("dt=10.00 s") && e.getMessage().contains("k·dt = 3.00")
                && e.getMessage().contains("= 630 exceeds") && e.getMessage().contains("0.03984 s"), e.getMessage());
    }

    @Test
    void aStepBeyondTheStageCapIsRefusedWithTheNumbers() {
        TransportModel m = model(10, 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeStepPlan.choose(scenarioOf(10, 20).run(), m));
        assertEquals("dt=10 s needs 41 RKL2 stages for species lactate (explicit limit 0.0238 s; s stages are stable "
                + "up to limit·(s²+s−2)/4), more than run.diffusion.max_stages=20 allows (largest step at that cap: "
                + "2.49 s); lower run.dt_s or raise max_stages", e.getMessage());
        // the backend refuses the same step on its own (e.g. after the diffusivity changed)
        Tissue t = ScenarioFixture.emptyTissue(scenarioOf(10, 20));
        try (JavaBackend backend = new JavaBackend(m, 1)) {
            backend.upload(t);
            IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> backend.advance(0, 10, 1));
            assertEquals(e.getMessage(), again.getMessage());
        }
    }
}

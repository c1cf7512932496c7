package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;

/**
 * The tabulated reaction paths against exact solutions: saturating secretion is tabulated at
 * viability 1 and integrated per voxel below it; decay and unsaturated secretion are tabulated at
 * any viability. Two voxels, no diffusion (D = 0), steps far beyond any explicit limit.
 */
class ReactionTableTest {

    @ParameterizedTest
    @ValueSource(floats = {1.0f, 0.5f, 0.0f})
    void saturatingSecretionIsExactAtEveryViability(float viability) {
        double rate = 0.2;
        double saturation = 4.0;
        double decay = 0.01;
        Scenario sc = scenario().grid(2, 1, 1, 10)
                .with(species("lactate").d0(0).decay(decay).secretion(CellType.CAF, rate, saturation)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.cell()[0] = CellType.CAF.code();
        t.viability()[0] = viability;
        t.concentration(0)[0] = 1f;
        t.concentration(0)[1] = 3f; // an ECM voxel: decay only
        double dt = 7.0;
        int steps = 5;
        Tissue after = Runs.run(sc, t, 1, dt, steps);
        double lambda = decay + viability * rate / saturation;
        double level = viability * rate / lambda;
        double exact = level + (1.0 - level) * Math.exp(-lambda * steps * dt);
        assertEquals(exact, after.concentration(0)[0], 1e-6 * Math.max(1.0, exact), "CAF voxel");
        assertEquals(3.0 * Math.exp(-decay * steps * dt), after.concentration(0)[1], 1e-6, "ECM voxel");
    }

    @ParameterizedTest
    @ValueSource(floats = {1.0f, 0.25f})
    void unsaturatedSecretionScalesWithViability(float viability) {
        double rate = 0.3;
        double decay = 0.05;
        Scenario sc = scenario().grid(1, 1, 1, 10)
                .with(species("il6").d0(0).decay(decay).secretion(CellType.FIBROBLAST, rate, null)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.cell()[0] = CellType.FIBROBLAST.code();
        t.viability()[0] = viability;
        double dt = 3.0;
        int steps = 4;
        double c = Runs.run(sc, t, 1, dt, steps).concentration(0)[0];
        double exact = viability * rate / decay * (1 - Math.exp(-decay * steps * dt));
        assertEquals(exact, c, 1e-6 * exact);
    }
}

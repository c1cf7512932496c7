package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Face;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * The memory design of the implicit scheme, checked by structure rather than by timing: the species
 * are solved one after another through one solver workspace, so the number of workspaces does not
 * grow with the number of species, and sharing it changes no answer (each species gives bitwise what
 * it gives when it is the only species, with a workspace of its own).
 */
class ImplicitSharedWorkspaceTest {

    static final DiffusionSpec IMPLICIT = new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES);
    static final int N = 10;
    static final double[] D0 = {700, 150, 40, 1200};

    @Test
    void oneSolverWorkspaceServesEverySpecies() {
        for (int speciesCount = 1; speciesCount <= D0.length; speciesCount++) {
            Tissue state = tissue(speciesCount);
            ImplicitDiffusion implicit = new ImplicitDiffusion(TransportFields.of(TransportModel.compile(scenarioWith(speciesCount), state)));
            implicit.prepare();
            float[][] c = concentrations(state, speciesCount);
            implicit.step(c, 5.0);
            implicit.step(c, 5.0);
            assertEquals(1, implicit.solversCreated(), speciesCount + " species");
        }
    }

    @Test
    void sharingTheWorkspaceChangesNoAnswer() {
        int all = D0.length;
        Tissue together = tissue(all);
        ImplicitDiffusion shared = new ImplicitDiffusion(TransportFields.of(TransportModel.compile(scenarioWith(all), together)));
        shared.prepare();
        float[][] c = concentrations(together, all);
        for (int step = 0; step < 3; step++) {
            shared.step(c, 5.0);
        }
        for (int s = 0; s < all; s++) {
            Tissue alone = tissue(all);
            Scenario one = scenarioOf(s);
            Tissue single = ScenarioFixture.emptyTissue(one);
            System.arraycopy(alone.stiffnessKpa(), 0, single.stiffnessKpa(), 0, single.stiffnessKpa().length);
            System.arraycopy(alone.concentration(s), 0, single.concentration(0), 0, single.concentration(0).length);
            ImplicitDiffusion own = new ImplicitDiffusion(TransportFields.of(TransportModel.compile(one, single)));
            own.prepare();
            float[][] c1 = {single.concentration(0)};
            for (int step = 0; step < 3; step++) {
                own.step(c1, 5.0);
            }
            assertArrayEquals(c1[0], c[s], "species " + s);
        }
    }

    private static Scenario scenarioWith(int speciesCount) {
        ScenarioFixture f = scenario().grid(N, N, N, 10).diffusion(IMPLICIT);
        for (int s = 0; s < speciesCount; s++) {
            f = f.with(speciesFixture(s));
        }
        return f.build();
    }

    private static Scenario scenarioOf(int s) {
        return scenario().grid(N, N, N, 10).diffusion(IMPLICIT).with(speciesFixture(s)).build();
    }

    /** Species 1 held at 2 on the x_min face (the workspace takes each species' own faces too). */
    private static ScenarioFixture.SpeciesFixture speciesFixture(int s) {
        ScenarioFixture.SpeciesFixture f = species("s" + s).d0(D0[s]);
        return s == 1 ? f.fixed(Face.X_MIN, 2.0) : f;
    }

    /** Voxel-wise random stiffness (1:1000 in D) and a different smooth start per species. */
    private static Tissue tissue(int speciesCount) {
        Tissue t = ScenarioFixture.emptyTissue(scenarioWith(speciesCount));
        Random random = new Random(11);
        for (int v = 0; v < N * N * N; v++) {
            t.stiffnessKpa()[v] = (float) (random.nextDouble() * Math.log(1000));
        }
        for (int s = 0; s < speciesCount; s++) {
            for (int v = 0; v < N * N * N; v++) {
                int i = v % N;
                int j = (v / N) % N;
                t.concentration(s)[v] = (float) (1 + Math.cos(Math.PI * (i + s) / N) * Math.sin(Math.PI * j / N));
            }
        }
        return t;
    }

    private static float[][] concentrations(Tissue t, int speciesCount) {
        float[][] c = new float[speciesCount][];
        for (int s = 0; s < speciesCount; s++) {
            c[s] = t.concentration(s);
        }
        return c;
    }
}

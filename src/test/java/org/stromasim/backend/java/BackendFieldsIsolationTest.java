package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.Backend;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * Two backends built from one compiled model each own their fields: what the slow clock changes in one
 * (a stiffer matrix, blocked uptake) neither shows in the other's fields nor in its run, which stays bitwise
 * the run of a backend compiled apart.
 */
public class BackendFieldsIsolationTest {

    @Test
    void twoJavaBackendsOfOneModelDoNotSeeEachOthersChanges() {
        check(model -> new JavaBackend(model, 1));
    }

    /** The check on the backends {@code backendOf} builds (also run for OpenCL). */
    public static void check(Function<TransportModel, Backend> backendOf) {
        Scenario sc = scenario().grid(6, 1, 1, 10).law(new DiffusivityLawSpec.Exponential(5))
                .with(species("drug").d0(100).uptake(CellType.ECM, 0.05, 1.0)).build();
        Tissue start = ScenarioFixture.emptyTissue(sc);
        float[] c = start.concentration(0);
        for (int v = 0; v < c.length; v++) {
            c[v] = v + 1;
        }
        TransportModel model = TransportModel.compile(sc, start.copy());
        double dt = 0.05;
        try (Backend changed = backendOf.apply(model); Backend other = backendOf.apply(model);
             Backend apart = backendOf.apply(TransportModel.compile(sc, start.copy()))) {
            Tissue stiffer = start.copy();
            java.util.Arrays.fill(stiffer.stiffnessKpa(), 5f);
            changed.fields().refreshDiffusivity(stiffer);
            changed.fields().scaleUptake(0, CellType.ECM, 0.0);
            // exp(-5/5) of the law: the changed backend's own fields did change
            assertEquals(100 * Math.exp(-1), changed.fields().diffusivityUm2PerS(0)[0], 1e-4);

            assertArrayEquals(apart.fields().diffusivityUm2PerS(0), other.fields().diffusivityUm2PerS(0));
            assertEquals(100f, other.fields().diffusivityUm2PerS(0)[0], 0f);
            assertEquals(1.0, other.fields().uptakeScale(0)[CellType.ECM.code()], 0.0);
            float[] ofChanged = run(changed, start, dt);
            float[] ofOther = run(other, start, dt);
            assertArrayEquals(run(apart, start, dt), ofOther, "bitwise the run of a backend compiled apart");
            assertFalse(java.util.Arrays.equals(ofChanged, ofOther), "the changed backend runs its own fields");
        }
    }

    private static float[] run(Backend backend, Tissue start, double dtS) {
        Tissue state = start.copy();
        backend.upload(state);
        backend.advance(0.0, dtS, 10);
        backend.download(state);
        return state.concentration(0).clone();
    }
}

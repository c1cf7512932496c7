package org.stromasim.backend.java;

import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Arrays;
import java.util.Random;
import org.stromasim.grid.Face;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * Run in a child JVM by {@link VectorWidthTest} (the vector width is fixed when the vector classes load,
 * so each width needs its own JVM): prints the backend's description on the first line, then
 * "bitwise-equal" or "differs" for ten explicit steps of the default (vectorised) backend against the
 * scalar loops on a random heterogeneous tissue whose rows (nx = 37) end in a scalar tail at every width.
 */
public final class VectorWidthProbe {

    private VectorWidthProbe() {
    }

    public static void main(String[] args) {
        Scenario sc = scenario().grid(37, 5, 6, 10)
                .with(species("drug").d0(117).decay(0.01).fixed(Face.X_MIN, 0.5))
                .with(species("lactate").d0(800).fixed(Face.Z_MAX, 1.0))
                .build();
        Tissue tissue = ScenarioFixture.emptyTissue(sc);
        Random rnd = new Random(7);
        for (int v = 0; v < tissue.grid().voxelCount(); v++) {
            tissue.stiffnessKpa()[v] = 0.2f + 30 * rnd.nextFloat();
        }
        for (int s = 0; s < sc.species().size(); s++) {
            float[] field = tissue.concentration(s);
            for (int v = 0; v < field.length; v++) {
                field[v] = rnd.nextFloat();
            }
        }
        String description;
        Tissue vector = tissue.copy();
        try (JavaBackend backend = new JavaBackend(TransportModel.compile(sc, vector), 2)) {
            description = backend.description();
            tenSteps(backend, vector);
        }
        Tissue scalar = tissue.copy();
        try (JavaBackend backend = new JavaBackend(TransportModel.compile(sc, scalar), 2, false)) {
            tenSteps(backend, scalar);
        }
        boolean equal = true;
        for (int s = 0; s < sc.species().size(); s++) {
            equal &= Arrays.equals(vector.concentration(s), scalar.concentration(s));
        }
        System.out.println(description);
        System.out.println(equal ? "bitwise-equal" : "differs");
    }

    private static void tenSteps(JavaBackend backend, Tissue state) {
        backend.upload(state);
        backend.advance(0, 0.05, 10);
        backend.download(state);
    }
}

package org.stromasim.transport;

import java.util.EnumMap;
import java.util.Map;
import org.stromasim.grid.Face;
import org.stromasim.scenario.SpeciesSpec.BoundaryType;
import org.stromasim.solver.FaceCondition;

/** A species' domain faces as the multigrid solver's face conditions (both backends' implicit scheme). */
public final class SolverFaces {

    private SolverFaces() {
    }

    public static Map<Face, FaceCondition> of(SpeciesBoundaries boundaries) {
        Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
        for (Face f : Face.values()) {
            BoundaryType type = boundaries.type(f);
            faces.put(f, switch (type) {
                case ZERO_FLUX -> FaceCondition.ZERO_FLUX;
                case PERIODIC -> FaceCondition.PERIODIC;
                case FIXED -> FaceCondition.fixed(boundaries.fixedValue(f));
            });
        }
        return faces;
    }
}

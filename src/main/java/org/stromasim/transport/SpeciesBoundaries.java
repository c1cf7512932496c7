package org.stromasim.transport;

import java.util.EnumMap;
import java.util.Map;
import org.stromasim.grid.Face;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.scenario.SpeciesSpec.BoundarySpec;
import org.stromasim.scenario.SpeciesSpec.BoundaryType;

/**
 * The boundary condition of one species on each of the six domain faces, as flat arrays indexed by
 * {@link Face#ordinal()} so the diffusion sweep reads them without map lookups. A face the scenario
 * leaves out is zero-flux (a closed box is the neutral default).
 */
public final class SpeciesBoundaries {

    /** Codes stored in {@link #typeCodes()}. */
    public static final int ZERO_FLUX = 0;
    public static final int FIXED = 1;
    public static final int PERIODIC = 2;

    private final BoundaryType[] types = new BoundaryType[Face.values().length];
    private final int[] typeCodes = new int[Face.values().length];
    private final double[] fixedValues = new double[Face.values().length];

    private SpeciesBoundaries() {
    }

    static SpeciesBoundaries of(SpeciesSpec species) {
        SpeciesBoundaries b = new SpeciesBoundaries();
        Map<Face, BoundarySpec> given = new EnumMap<>(Face.class);
        given.putAll(species.boundaries());
        for (Face face : Face.values()) {
            BoundarySpec spec = given.getOrDefault(face, BoundarySpec.ZERO_FLUX);
            BoundaryType type = spec.type() == null ? BoundaryType.ZERO_FLUX : spec.type();
            b.types[face.ordinal()] = type;
            b.typeCodes[face.ordinal()] = switch (type) {
                case ZERO_FLUX -> ZERO_FLUX;
                case FIXED -> FIXED;
                case PERIODIC -> PERIODIC;
            };
            if (type == BoundaryType.FIXED) {
                if (!(spec.value() >= 0) || !Double.isFinite(spec.value())) {
                    throw new IllegalArgumentException("species " + species.name() + ": fixed boundary value on "
                            + face.key() + " must be a finite number >= 0, got " + spec.value());
                }
                b.fixedValues[face.ordinal()] = spec.value();
            }
        }
        for (Face face : Face.values()) {
            boolean periodic = b.types[face.ordinal()] == BoundaryType.PERIODIC;
            boolean oppositePeriodic = b.types[face.opposite().ordinal()] == BoundaryType.PERIODIC;
            if (periodic && !oppositePeriodic) {
                throw new IllegalArgumentException("species " + species.name() + ": face " + face.key()
                        + " is periodic but the opposite face " + face.opposite().key() + " is "
                        + b.types[face.opposite().ordinal()].name().toLowerCase()
                        + "; a periodic face must be paired with a periodic opposite face");
            }
        }
        return b;
    }

    public BoundaryType type(Face face) {
        return types[face.ordinal()];
    }

    /** Held concentration on a FIXED face (0 for the others). */
    public double fixedValue(Face face) {
        return fixedValues[face.ordinal()];
    }

    /** {@link #ZERO_FLUX}, {@link #FIXED} or {@link #PERIODIC} per face ordinal; a fresh copy. */
    public int[] typeCodes() {
        return typeCodes.clone();
    }

    /** Fixed values per face ordinal; a fresh copy. */
    public double[] fixedValues() {
        return fixedValues.clone();
    }
}

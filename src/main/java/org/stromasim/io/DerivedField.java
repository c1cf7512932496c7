package org.stromasim.io;

import java.util.Objects;

/**
 * A voxel field computed from the state for viewing (for example the matrix composition), written
 * under {@code /fields} after the state's own fields. A reader lists it among the fields but never
 * loads it into a state: a run recomputes it.
 *
 * @param name        dataset name under {@code /fields}
 * @param units       value of the dataset's {@code units} attribute
 * @param description free text stored on the dataset, or null for none
 * @param values      one value per voxel, x fastest
 */
public record DerivedField(String name, String units, String description, float[] values) {

    public DerivedField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(values, "values");
    }
}

package org.stromasim.backend.java;

import org.stromasim.grid.Face;
import org.stromasim.transport.SpeciesBoundaries;

/**
 * What lies across each domain face for the row sweeps ({@link InPlaceSweep}, {@link Rkl2StageSweep}): the
 * face type, its FIXED value and a row of that value, so that a domain face is read like any neighbour row
 * and the update loops need no boundary branch.
 */
final class RowBoundaries {

    private final int[] type;
    private final float[] fixedValue;
    /** Per face: a row of its FIXED value (the "neighbour" outside the domain), or null. */
    private final float[][] fixedRow = new float[Face.values().length][];

    RowBoundaries(SpeciesBoundaries boundaries, int nx) {
        this.type = boundaries.typeCodes();
        double[] values = boundaries.fixedValues();
        this.fixedValue = new float[values.length];
        for (Face f : Face.values()) {
            fixedValue[f.ordinal()] = (float) values[f.ordinal()];
            if (type[f.ordinal()] == SpeciesBoundaries.FIXED) {
                fixedRow[f.ordinal()] = new float[nx];
                java.util.Arrays.fill(fixedRow[f.ordinal()], fixedValue[f.ordinal()]);
            }
        }
    }

    /** The face's {@link SpeciesBoundaries} type code. */
    int type(Face face) {
        return type[face.ordinal()];
    }

    boolean periodicInZ() {
        return type[Face.Z_MIN.ordinal()] == SpeciesBoundaries.PERIODIC;
    }

    /** The value across an x domain face: the FIXED value, the wrapped voxel, or C_v itself (conductance 0). */
    float outsideX(Face face, float[] src, int at, int wrapOffset) {
        int t = type[face.ordinal()];
        if (t == SpeciesBoundaries.FIXED) {
            return fixedValue[face.ordinal()];
        }
        return t == SpeciesBoundaries.PERIODIC ? src[at + wrapOffset] : src[at];
    }

    /** The array holding the row across a y or z domain face: the FIXED row, else the source itself. */
    float[] outsideRow(Face face, float[] src) {
        float[] fixed = fixedRow[face.ordinal()];
        return fixed != null ? fixed : src;
    }

    /** Where in {@link #outsideRow} that row starts: 0 for FIXED, the wrapped row if periodic, else the row itself. */
    int outsideRowAt(Face face, int rowAt, int wrapOffset) {
        int t = type[face.ordinal()];
        if (t == SpeciesBoundaries.FIXED) {
            return 0;
        }
        return t == SpeciesBoundaries.PERIODIC ? rowAt + wrapOffset : rowAt;
    }
}

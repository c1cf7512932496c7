package org.stromasim.solver;

/**
 * What the solver's unknown does on one face of the box-shaped domain.
 *
 * @param kind  zero-flux, fixed value held on the face, or periodic (paired with the opposite face)
 * @param value the held value of a {@link Kind#FIXED} face (ignored otherwise)
 */
public record FaceCondition(Kind kind, double value) {

    public static final FaceCondition ZERO_FLUX = new FaceCondition(Kind.ZERO_FLUX, 0);
    public static final FaceCondition PERIODIC = new FaceCondition(Kind.PERIODIC, 0);

    public FaceCondition {
        if (kind == null) {
            throw new IllegalArgumentException("face condition kind must not be null");
        }
        if (kind == Kind.FIXED && !Double.isFinite(value)) {
            throw new IllegalArgumentException("fixed face value must be finite, got " + value);
        }
    }

    /** A face that holds the unknown at {@code value} (the value sits on the face, half a voxel from the centre). */
    public static FaceCondition fixed(double value) {
        return new FaceCondition(Kind.FIXED, value);
    }

    public enum Kind { ZERO_FLUX, FIXED, PERIODIC }
}

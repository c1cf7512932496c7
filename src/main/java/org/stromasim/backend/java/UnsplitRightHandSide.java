package org.stromasim.backend.java;

import org.stromasim.solver.MultigridSolver;

/**
 * The absorption a and the right-hand side f = a·e^(−λh)·Cⁿ + S of the unsplit solve
 * ({@link UnsplitImplicitStep}) in 4 bytes per voxel each. a is held in float; the solver uses that
 * float exactly. Where λh is small, f is almost a·Cⁿ and is held as the remainder g = S − λ·Cⁿ with
 * f = a·Cⁿ + g (Cⁿ the float state, exact): the solve is then a·(Cⁿ⁺¹ − Cⁿ) − L·Cⁿ⁺¹ = g, so the
 * float rounding of g and of a scales the step's change, not the level. Where λh is large, g ≈ −a·Cⁿ
 * cancels, so f itself is held and its rounding scales the level. The switch is at λh = ln 2 (λ the
 * rate after division by the retardation R), where the two roundings are equal: |g| / f ≤ e^(λh) − 1
 * = 1; there a = R·λ/(1 − e^(−λh)) = 2·ln 2·R/h. The rule reads only the stored float a, R and h, so
 * {@link #set} and {@link #at} choose the same way.
 */
final class UnsplitRightHandSide implements MultigridSolver.RightHandSide {

    /** a·h/R at and below which the remainder g is held: 2·ln 2, see the class comment. */
    static final double REMAINDER_LIMIT = 2 * Math.log(2);

    private final float[] absorption;
    private final float[] held;
    private float[] start;
    /** R per voxel, or null (R = 1). */
    private float[] retardation;
    private double stepS;

    UnsplitRightHandSide(int voxels) {
        absorption = new float[voxels];
        held = new float[voxels];
    }

    /**
     * Starts a step of {@code stepS} from the float state {@code start} with retardation R per voxel
     * ({@code retardation}, null: 1); both are read, never written, and must not change until the solve ends.
     */
    void begin(float[] start, float[] retardation, double stepS) {
        this.start = start;
        this.retardation = retardation;
        this.stepS = stepS;
    }

    /** Ends the step {@link #begin} started: lets go of its start state and retardation. */
    void end() {
        this.start = null;
        this.retardation = null;
    }

    /**
     * Voxel v's a and f, with {@code remainder} = f − a·Cⁿ computed without cancellation (S − R·λ·Cⁿ,
     * not f − a·Cⁿ).
     */
    void set(int v, double a, double f, double remainder) {
        float af = (float) a;
        absorption[v] = af;
        held[v] = (float) (holdsRemainder(v, af) ? remainder : f);
    }

    private boolean holdsRemainder(int v, float a) {
        return a * stepS <= REMAINDER_LIMIT * (retardation == null ? 1f : retardation[v]);
    }

    /** The absorption a per voxel (for {@link MultigridSolver#setAbsorption(float[])}). */
    float[] absorption() {
        return absorption;
    }

    @Override
    public double at(int v) {
        float a = absorption[v];
        return holdsRemainder(v, a) ? (double) a * start[v] + held[v] : held[v];
    }
}

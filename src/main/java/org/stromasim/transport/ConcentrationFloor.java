package org.stromasim.transport;

/**
 * The explicit step writes a concentration whose magnitude is below {@link #BELOW} (in the species'
 * own unit) as 0. Why: a front diffusing into an empty region leaves a tail that decays through the
 * float subnormal range (below 1.2e-38), and on x86 CPUs every float operation with a subnormal
 * operand or result takes a microcode assist (tens to hundreds of cycles); Java has no flush-to-zero
 * mode. On the default tissue at 128³ this made the explicit step 1.3–1.5× slower after a few
 * hundred steps (benchmarks/README.md, "Issue 19, explicit step against the roofline"). A floor at
 * 1e-30 rather than at the smallest normal float also keeps the step's intermediate differences and
 * products of stored values (neighbour − centre, times dt/dx²) out of the subnormal range in
 * practice. 1e-30 of any unit used here (µM, mM, pM, ng/mL) is far below anything physical and 25
 * orders of magnitude below the parity tolerances (1e-5 of a field's maximum); choice (C).
 *
 * <p>Both backends apply it to the result of every diffusion update of the explicit step (Java:
 * {@code InPlaceSweep} and its vector loop; OpenCL: {@code transport_pass}, as the build-time macro
 * {@code CONCENTRATION_FLOOR}), so they stay equal. NaN is not below it and stays NaN.
 */
public final class ConcentrationFloor {

    /** Magnitudes below this are written as 0; choice (C), see the class comment. */
    public static final float BELOW = 1e-30f;

    private ConcentrationFloor() {
    }

    /** c, or 0 where |c| &lt; {@link #BELOW}. */
    public static float apply(float c) {
        return Math.abs(c) < BELOW ? 0f : c;
    }
}

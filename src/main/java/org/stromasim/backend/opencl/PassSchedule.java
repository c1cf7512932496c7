package org.stromasim.backend.opencl;

/**
 * The passes of one {@code advance(t0, dt, n)}: pass 0 is reaction-only, passes 1..n are fused (diffuse,
 * reaction A, exposure, reaction B). The grouping (the same as the Java backend's):
 * <pre>
 *   Strang: [w = dt/2, B = R(t0, dt/2)] · [D, A = R(t+dt/2, dt/2), w = dt, B = R(t+dt, dt/2)] · … · [D, A, w = dt/2]
 *   Lie:    [w = dt/2, B = R(t0, dt)]   · [D, w = dt, B = R(t+dt, dt)] · … · [D, w = dt/2]
 * </pre>
 * where R(t, h) is the reaction sub-step over [t, t + h] and w the weight of the drug exposure
 * accumulated from the state between A and B (the split state at a step boundary): the trapezoid
 * rule, dt/2 at both ends of every step.
 */
final class PassSchedule {

    private final double startS;
    private final double dtS;
    private final int steps;
    private final boolean strang;

    PassSchedule(double startS, double dtS, int steps, boolean strang) {
        this.startS = startS;
        this.dtS = dtS;
        this.steps = steps;
        this.strang = strang;
    }

    /** The coupling step. */
    double dtS() {
        return dtS;
    }

    int passes() {
        return steps + 1;
    }

    boolean diffuses(int pass) {
        return pass > 0;
    }

    /** Length of reaction A (0 = none): the closing half reaction of step pass−1 (Strang only). */
    double reactionAS(int pass) {
        return pass > 0 && strang ? dtS / 2 : 0.0;
    }

    double reactionAStartS(int pass) {
        return timeOfStep(pass - 1) + dtS / 2;
    }

    /** Length of reaction B (0 = none): the opening reaction of step {@code pass}, if there is one. */
    double reactionBS(int pass) {
        if (pass >= steps) {
            return 0.0;
        }
        return strang ? dtS / 2 : dtS;
    }

    double reactionBStartS(int pass) {
        return timeOfStep(pass);
    }

    double exposureWeightS(int pass) {
        return pass == 0 || pass == steps ? dtS / 2 : dtS;
    }

    /** Start of step n, computed (not accumulated) so long runs do not drift. */
    private double timeOfStep(int n) {
        return startS + n * dtS;
    }
}

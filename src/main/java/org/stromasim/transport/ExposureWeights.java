package org.stromasim.transport;

/**
 * The drug exposure (∫C dt) over one reaction sub-step, exactly along the sub-step's own time course.
 * A sub-step integrates dC/dt = S − λC with S and λ constant over it (Michaelis–Menten uptake with its
 * rate frozen at the sub-step start, as the sub-step itself does), so C(t) = C∞ + (C0 − C∞)e^(−λt) with
 * C∞ = S/λ, and ∫₀^h C dt = C∞·h + (C0 − C∞)(1 − e^(−λh))/λ. Eliminating S with the sub-step's own
 * end value C1 = C∞ + (C0 − C∞)e^(−λh) leaves a weighted sum of the two ends whose weights depend on
 * x = λh alone:
 * <pre>
 *   ∫₀^h C dt = (h − w1)·C0 + w1·C1,   w1 = h·ω(x),   ω(x) = 1/(1 − e^(−x)) − 1/x,
 * </pre>
 * with ω(0) = 1/2 (the trapezoid rule, exact for a straight line) rising to 1 as x → ∞ (a stiff
 * sub-step spends almost all of its time at its end value). The trapezoid of the end points would
 * overstate the exposure of a fast decay: at x = 5 it gives 2.5/(1 − e^(−5)) ≈ 2.5 times the exact
 * integral (1 − e^(−5))/λ.
 */
public final class ExposureWeights {

    /** Below this x, ω from its series 1/2 + x/12 − x³/720 (the closed form cancels); the device's unsplit step is passed it. */
    public static final double SERIES_BELOW = 1e-3;

    private ExposureWeights() {
    }

    /** ω(x) for x = λh ≥ 0: the end value's share of the sub-step's exposure. */
    public static double endShare(double x) {
        if (x < SERIES_BELOW) {
            return 0.5 + x / 12 - x * x * x / 720;
        }
        return -1.0 / Math.expm1(-x) - 1.0 / x;
    }
}

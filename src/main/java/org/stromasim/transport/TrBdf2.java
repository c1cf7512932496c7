package org.stromasim.transport;

/**
 * The coefficients of TR-BDF2 (Bank, Coughran, Fichtner, Grosse, Rose &amp; Smith, IEEE Trans.
 * Electron Devices 32, 1985; analysed by Hosea &amp; Shampine, Appl. Numer. Math. 20, 1996) for
 * u' = L·u + s with a linear, time-independent L: a trapezoidal stage to t + γ·dt, then BDF2 through
 * t, t + γ·dt and t + dt. With γ = 2 − √2 both stages solve with the same matrix scaled alike, the
 * method is second order, L-stable (its amplification factor tends to 0 as dt·|λ| → ∞, so the stiff
 * modes a vessel or a held face injects are damped in one step instead of ringing as with
 * Crank–Nicolson), and each stage is one linear solve of the form (1/c)·u − L·u = rhs.
 *
 * <pre>
 *   stage 1: (1/c1)·u* − L·u*      = (1/c1)·uⁿ + L·uⁿ                       c1 = γ·dt/2
 *   stage 2: (1/c2)·uⁿ⁺¹ − L·uⁿ⁺¹  = (1/c2)·(w*·u* − wⁿ·uⁿ)                  c2 = (1 − γ)/(2 − γ)·dt
 *            w* = 1/(γ(2 − γ)),  wⁿ = (1 − γ)²/(γ(2 − γ))
 * </pre>
 * (The source s of a held face is inside L here: the solver adds it for the unknown, the explicit
 * part adds it for uⁿ.)
 */
public final class TrBdf2 {

    public static final double GAMMA = 2 - Math.sqrt(2);
    public static final double STAR_WEIGHT = 1 / (GAMMA * (2 - GAMMA));
    public static final double START_WEIGHT = (1 - GAMMA) * (1 - GAMMA) / (GAMMA * (2 - GAMMA));

    private TrBdf2() {
    }

    /** 1/c1, the absorption of stage 1 for a step dt. */
    public static double stage1Absorption(double dtS) {
        return 2 / (GAMMA * dtS);
    }

    /** 1/c2, the absorption of stage 2. */
    public static double stage2Absorption(double dtS) {
        return (2 - GAMMA) / ((1 - GAMMA) * dtS);
    }
}

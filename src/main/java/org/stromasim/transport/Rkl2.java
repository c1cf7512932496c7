package org.stromasim.transport;

/**
 * The Runge–Kutta–Legendre second-order super-time-stepping method (RKL2; Meyer, Balsara &amp; Aslam,
 * J. Comput. Phys. 257 (2014) 594, eqs. 16–17), written here from the published recurrence. For
 * dY/dt = L(Y) with L the (affine) diffusion operator, one step of length τ in s stages is
 * <pre>
 *   Y0 = Yⁿ,  Y1 = Y0 + μ̃1·τL(Y0),
 *   Yj = μj·Y(j−1) + νj·Y(j−2) + (1 − μj − νj)·Y0 + μ̃j·τL(Y(j−1)) + γ̃j·τL(Y0),   j = 2..s,
 *   Yⁿ⁺¹ = Ys,
 * </pre>
 * with b0 = b1 = b2 = 1/3, bj = (j² + j − 2)/(2j(j + 1)), aj = 1 − bj, w1 = 4/(s² + s − 2),
 * μ̃1 = b1·w1, μj = (2j − 1)/j·bj/b(j−1), νj = −(j − 1)/j·bj/b(j−2), μ̃j = μj·w1, γ̃j = −a(j−1)·μ̃j.
 * Second order in time; stable (stability polynomial bounded by 1 in magnitude) for
 * τ ≤ τ_explicit·(s² + s − 2)/4, τ_explicit the forward-Euler limit dx²/max Σ_faces D_face. Every stage
 * is a combination of states whose weights sum to 1 plus flux-form increments, so with zero-flux faces
 * the total mass is conserved up to float round-off.
 */
public final class Rkl2 {

    /** Coefficients of stage j (index j; entry 0 unused). */
    public final double[] mu;
    public final double[] nu;
    public final double[] muTilde;
    public final double[] gammaTilde;
    public final int stages;

    private Rkl2(int s) {
        if (s < 2) {
            throw new IllegalArgumentException("RKL2 needs at least 2 stages, got " + s);
        }
        stages = s;
        mu = new double[s + 1];
        nu = new double[s + 1];
        muTilde = new double[s + 1];
        gammaTilde = new double[s + 1];
        double w1 = 4.0 / ((double) s * s + s - 2);
        muTilde[1] = b(1) * w1;
        for (int j = 2; j <= s; j++) {
            mu[j] = (2.0 * j - 1) / j * b(j) / b(j - 1);
            nu[j] = -(j - 1.0) / j * b(j) / b(j - 2);
            muTilde[j] = mu[j] * w1;
            gammaTilde[j] = -(1 - b(j - 1)) * muTilde[j];
        }
    }

    /** The coefficients of an s-stage step. */
    public static Rkl2 ofStages(int s) {
        return new Rkl2(s);
    }

    private static double b(int j) {
        return j <= 2 ? 1.0 / 3 : ((double) j * j + j - 2) / (2.0 * j * (j + 1));
    }

    /** The largest stable step of s stages: τ_explicit·(s² + s − 2)/4. */
    public static double maxStepS(int s, double explicitLimitS) {
        return explicitLimitS * ((double) s * s + s - 2) / 4;
    }

    /**
     * The fewest stages (≥ 2) that make a step of dtS stable for a species whose explicit limit is
     * explicitLimitS; 0 when the species does not diffuse (infinite limit).
     */
    public static int stagesFor(double dtS, double explicitLimitS) {
        if (!Double.isFinite(explicitLimitS)) {
            return 0;
        }
        double ratio = dtS / explicitLimitS;
        double estimate = Math.ceil((-1 + Math.sqrt(9 + 16 * ratio)) / 2);
        if (estimate > Integer.MAX_VALUE / 2) {
            return Integer.MAX_VALUE;
        }
        int s = Math.max(2, (int) estimate - 1);
        while (maxStepS(s, explicitLimitS) < dtS) {
            s++;
        }
        return s;
    }

    /** The refusal of a step that would need more than maxStages stages for one species, with the numbers. */
    public static String refusal(String species, double dtS, double explicitLimitS, int maxStages) {
        return "dt=" + StabilityLimit.format(dtS) + " s needs " + stagesFor(dtS, explicitLimitS)
                + " RKL2 stages for species " + species + " (explicit limit " + StabilityLimit.format(explicitLimitS)
                + " s; s stages are stable up to limit·(s²+s−2)/4), more than run.diffusion.max_stages=" + maxStages
                + " allows (largest step at that cap: " + StabilityLimit.format(maxStepS(maxStages, explicitLimitS))
                + " s); lower run.dt_s or raise max_stages";
    }
}

package org.stromasim.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Patlak's transvascular flux against forms computed here: the membrane solution written as
 * J = a·(C_p − C·e^−Pe)/(1 − e^−Pe), a = J_v/S·(1 − σ) (the steady convection–diffusion profile through
 * the wall, a different algebraic form from the product's), and its two limits.
 */
class PatlakExchangeTest {

    static final double P = 0.5;      // µm/s
    static final double SIGMA = 0.3;
    static final double CP = 4.0;
    static final double C = 1.5;

    static double membrane(double jv) {
        double a = jv * (1 - SIGMA);
        double pe = a / P;
        return a * (CP - C * Math.exp(-pe)) / (1 - Math.exp(-pe));
    }

    @Test
    void matchesTheMembraneSolutionAcrossPecletNumbers() {
        for (double pe : new double[] {-20, -5, -0.3, 0.01, 1, 7, 30}) {
            double jv = pe * P / (1 - SIGMA);
            // both forms lose about Pe·ε to the exponential's rounding: 1e-13 relative covers Pe ≤ 30
            assertEquals(membrane(jv), PatlakExchange.fluxPerArea(P, jv, SIGMA, CP, C),
                    1e-13 * Math.abs(membrane(jv)) * Math.max(1, Math.abs(pe)), "Pe " + pe);
        }
    }

    @Test
    void vanishingFiltrationLeavesTheDiffusiveExchange() {
        assertEquals(P * (CP - C), PatlakExchange.fluxPerArea(P, 0, SIGMA, CP, C), 0.0);
        // first order in Pe: J = P·ΔC + a·(C_p + C)/2, the remainder P·ΔC·Pe²/12
        double jv = 1e-4;
        double a = jv * (1 - SIGMA);
        double pe = a / P;
        assertEquals(P * (CP - C) + a * (CP + C) / 2, PatlakExchange.fluxPerArea(P, jv, SIGMA, CP, C),
                P * (CP - C) * pe * pe / 12 * 1.01 + 1e-16);
    }

    @Test
    void strongFiltrationLeavesTheConvectiveFlux() {
        double jv = 100 * P / (1 - SIGMA); // Pe = 100: the diffusive share is 100·e^-100
        assertEquals(jv * (1 - SIGMA) * CP, PatlakExchange.fluxPerArea(P, jv, SIGMA, CP, C), 1e-30);
        // strong reabsorption carries the tissue fluid back: J → a·C (a < 0)
        assertEquals(-jv * (1 - SIGMA) * C, PatlakExchange.fluxPerArea(P, -jv, SIGMA, CP, C), 1e-12);
        // an impermeable solute moves only with the fluid
        assertEquals(jv * (1 - SIGMA) * CP, PatlakExchange.fluxPerArea(0, jv, SIGMA, CP, C), 0.0);
        assertEquals(-jv * (1 - SIGMA) * C, PatlakExchange.fluxPerArea(0, -jv, SIGMA, CP, C), 0.0);
    }

    @Test
    void diffusiveWeightIsContinuousThroughZero() {
        assertEquals(1.0, PatlakExchange.diffusiveWeight(0), 0.0);
        assertEquals(1 - 1e-9 / 2, PatlakExchange.diffusiveWeight(1e-9), 1e-16);
        assertEquals(1 + 1e-9 / 2, PatlakExchange.diffusiveWeight(-1e-9), 1e-16);
    }
}

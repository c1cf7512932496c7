package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Competitive ER binding against (1) the mass-action equilibrium of receptor, oestradiol and two
 * antagonists solved numerically in the test with ligand depletion, at a receptor level far below
 * the ligands, and (2) the published limits: one-site Langmuir binding without competitor, and the
 * Cheng–Prusoff shift of the half-inhibition concentration IC50 = Ki·(1 + E/Kd).
 */
class EstrogenReceptorBindingTest {

    /**
     * Exact equilibrium: free receptor R solves R_T = R·(1 + Σ L_j/K_j) with free ligand
     * L_j = T_j/(1 + R/K_j) (each ligand depleted by what it binds); bisection on R in [0, R_T].
     * Returns the bound fractions {θ_E, θ_1, θ_2}.
     */
    private static double[] massAction(double receptorTotal, double[] totals, double[] constants) {
        double lo = 0;
        double hi = receptorTotal;
        for (int it = 0; it < 200; it++) {
            double r = 0.5 * (lo + hi);
            double sum = 1;
            for (int j = 0; j < totals.length; j++) {
                sum += totals[j] / (1 + r / constants[j]) / constants[j];
            }
            if (r * sum > receptorTotal) {
                hi = r;
            } else {
                lo = r;
            }
        }
        double r = 0.5 * (lo + hi);
        double[] theta = new double[totals.length];
        for (int j = 0; j < totals.length; j++) {
            double free = totals[j] / (1 + r / constants[j]);
            theta[j] = r * free / constants[j] / receptorTotal;
        }
        return theta;
    }

    @Test
    void occupancyMatchesTheMassActionEquilibriumWhenReceptorIsScarce() {
        double kd = 0.2;
        double[] ki = {2.0, 0.5};
        // receptor 1e-5 nM, ligands ≥ 0.01 nM: depletion changes free ligand by < 1e-3 relative
        double receptor = 1e-5;
        for (double e2 : new double[] {0.01, 0.1, 1.0}) {
            for (double d1 : new double[] {0.0, 10.0, 300.0}) {
                for (double d2 : new double[] {0.0, 0.05, 20.0}) {
                    double[] exact = massAction(receptor, new double[] {e2, d1, d2}, new double[] {kd, ki[0], ki[1]});
                    double load = EstrogenReceptorBinding.antagonistLoad(new double[] {d1, d2}, ki);
                    assertEquals(exact[1] + exact[2], EstrogenReceptorBinding.antagonistOccupancy(e2, kd, load), 1e-3,
                            "antagonists at E " + e2 + ", D " + d1 + ", " + d2);
                    assertEquals(exact[0], EstrogenReceptorBinding.estradiolOccupancy(e2, kd, load), 1e-3,
                            "oestradiol at E " + e2 + ", D " + d1 + ", " + d2);
                }
            }
        }
    }

    @Test
    void withoutOestradiolAntagonistOccupancyIsTheLangmuirIsotherm() {
        for (double d : new double[] {0.01, 1.0, 100.0, 1e5}) {
            double expected = d / (d + 3.0);
            assertEquals(expected, EstrogenReceptorBinding.antagonistOccupancy(0.0, 0.2,
                    EstrogenReceptorBinding.antagonistLoad(new double[] {d}, new double[] {3.0})), 1e-15);
        }
    }

    @Test
    void halfSuppressionFollowsChengPrusoffInBothLimitsOfOestradiol() {
        double kd = 0.2;
        double ki = 2.0;
        // E ≪ Kd: IC50 → Ki; E ≫ Kd: IC50 → Ki·E/Kd (oestradiol outcompetes the drug)
        for (double e2 : new double[] {1e-4, 0.03, 0.2, 20.0}) {
            double ic50 = ki * (1 + e2 / kd);
            double load = EstrogenReceptorBinding.antagonistLoad(new double[] {ic50}, new double[] {ki});
            assertEquals(0.5, EstrogenReceptorBinding.relativeSignalling(e2, e2, kd, load), 1e-12, "E " + e2);
        }
        // saturating antagonist: signalling → 0; none: signalling 1
        assertEquals(1.0, EstrogenReceptorBinding.relativeSignalling(0.03, 0.03, kd, 0.0), 1e-15);
        double saturating = EstrogenReceptorBinding.antagonistLoad(new double[] {1e9}, new double[] {ki});
        assertEquals(0.0, EstrogenReceptorBinding.relativeSignalling(0.03, 0.03, kd, saturating), 1e-8);
        // oestradiol lowered 95 % by an aromatase inhibitor, no antagonist: θ_E/θ_E,ref
        double e = 0.03;
        double expected = (0.05 * e / (kd + 0.05 * e)) / (e / (kd + e));
        assertEquals(expected, EstrogenReceptorBinding.relativeSignalling(0.05 * e, e, kd, 0.0), 1e-15);
    }
}

package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The unsplit solve's a and f held in 4 bytes each: in a uniform field (L·C = 0) the solve's answer is
 * f/a, so the held values must give the exponential-Euler relaxation e^(−λh)·Cⁿ + S/a (written out
 * here in double from λ, h, R, S and Cⁿ, not with the product's formulas) to within the float rounding
 * of the step's change Cⁿ⁺¹ − Cⁿ where λh/R &lt; ln 2, and of the level Cⁿ⁺¹ above, with and
 * without retardation R. Bound: two float roundings (a and the held value, 2⁻²⁴ each) and the double
 * arithmetic, 2.5·2⁻²⁴ in all.
 */
class UnsplitRightHandSideTest {

    private static final double FLOAT_ROUNDING = Math.ulp(1.0f) / 2; // 2^-24

    @Test
    void uniformFieldAnswerCarriesTheRoundingOfTheChangeBelowLn2AndOfTheLevelAbove() {
        Random random = new Random(19);
        int n = 20000;
        double h = 7.5;
        float[] start = new float[n];
        double[] expected = new double[n];
        double[] lambdaH = new double[n];
        float[] retardation = new float[n];
        UnsplitRightHandSide rhs = new UnsplitRightHandSide(n);
        rhs.begin(start, retardation, h);
        for (int v = 0; v < n; v++) {
            double x = Math.pow(10, -5 + 7 * random.nextDouble()); // λh from 1e-5 to 100
            double lambda = x / h;
            retardation[v] = (float) (random.nextBoolean() ? 1.0 : 1 + 9 * random.nextDouble());
            double r = retardation[v];
            double source = random.nextInt(3) == 0 ? 0.0 : random.nextDouble() * 0.05;
            start[v] = (float) (0.1 + 10 * random.nextDouble());
            // R·dC/dt = −λC + S over h with λ/R frozen: C·e^(−λh/R) + (S/λ)(1 − e^(−λh/R))
            double e = Math.exp(-x / r);
            expected[v] = start[v] * e + source / lambda * (1 - e);
            lambdaH[v] = x / r;
            // the coefficients as the step forms them: a = R·λ'/(1 − e^(−λ'h)), f = a·e^(−λ'h)·C + S, λ' = λ/R
            double a = r * (lambda / r) / (1 - e);
            double f = a * e * start[v] + source;
            rhs.set(v, a, f, source - lambda * start[v]);
        }
        float[] a = rhs.absorption();
        double worstChange = 0;
        double worstLevel = 0;
        for (int v = 0; v < n; v++) {
            double answer = rhs.at(v) / a[v];
            double error = Math.abs(answer - expected[v]);
            double scale = lambdaH[v] < Math.log(2) ? Math.abs(expected[v] - start[v]) : expected[v];
            // plus the double arithmetic of the reference and of the step's formulas (1e-15 of the larger
            // level) and, where f is below float's normal range (e^(−100)·C), its subnormal spacing over a
            double bound = 2.5 * FLOAT_ROUNDING * scale + 1e-15 * Math.max(expected[v], start[v]) + Float.MIN_VALUE / a[v];
            assertTrue(error <= bound, "voxel " + v + " (λh/R = " + lambdaH[v] + "): " + answer + " vs " + expected[v]
                    + ", off by " + error + " > " + bound);
            if (lambdaH[v] < Math.log(2)) {
                worstChange = Math.max(worstChange, error / scale);
            } else if (rhs.at(v) >= Float.MIN_NORMAL) { // the statistic without the subnormal cases
                worstLevel = Math.max(worstLevel, error / scale);
            }
        }
        System.out.printf("held a and f: worst %.2e of the change (λh < ln 2), %.2e of the level above%n",
                worstChange, worstLevel);
    }
}

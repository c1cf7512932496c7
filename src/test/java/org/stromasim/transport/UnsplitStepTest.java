package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The φ-function coefficients of the unsplit step at λh from 1e-14 to 1e5, against e^(−x) summed in
 * 60-digit decimal arithmetic here (its Taylor series for x ≤ 50, 1/e^x by repeated squaring above):
 * a·h = x/(1 − e^(−x)) and a·e^(−λh)·h = x/(e^x − 1) to 1e-14 relative (a few double roundings), with
 * no cancellation where x is tiny and no overflow where e^x is not a double.
 */
class UnsplitStepTest {

    private static final MathContext MC = new MathContext(60);

    /** e^(−x) in 60 digits. */
    private static BigDecimal expMinus(double x) {
        BigDecimal bx = new BigDecimal(x);
        if (x > 50) {
            BigDecimal half = expMinus(x / 2);
            return half.multiply(half, MC);
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; k < 400; k++) {
            term = term.multiply(bx.negate(), MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        return sum;
    }

    @ParameterizedTest(name = "λh = {0}")
    @ValueSource(doubles = {1e-14, 1e-9, 1e-5, 1e-3, 0.1, 1, 10, 50, 700, 800, 1e5})
    void coefficientsMatchTheExactFunctions(double x) {
        double h = 3.0;
        double lambda = x / h;
        BigDecimal e = expMinus(x);
        BigDecimal bx = new BigDecimal(x);
        double absorptionTimesH = bx.divide(BigDecimal.ONE.subtract(e, MC), MC).doubleValue();
        // x/(e^x − 1) = x·e^(−x)/(1 − e^(−x))
        double startWeightTimesH = bx.multiply(e, MC).divide(BigDecimal.ONE.subtract(e, MC), MC).doubleValue();
        assertEquals(absorptionTimesH, UnsplitStep.absorption(lambda, h) * h, 1e-14 * absorptionTimesH, "a·h");
        assertEquals(startWeightTimesH, UnsplitStep.startWeight(lambda, h) * h,
                1e-14 * startWeightTimesH + Double.MIN_VALUE, "a·e^(−λh)·h");
    }

    @ParameterizedTest(name = "h = {0}")
    @ValueSource(doubles = {1e-3, 1, 1e4})
    void noLossIsBackwardEuler(double h) {
        assertEquals(1 / h, UnsplitStep.absorption(0, h), 0);
        assertEquals(1 / h, UnsplitStep.startWeight(0, h), 0);
        assertEquals(h / 2, UnsplitStep.exposureEndWeightS(0, h), 0);
    }
}

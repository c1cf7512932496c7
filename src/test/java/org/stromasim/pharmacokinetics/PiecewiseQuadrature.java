package org.stromasim.pharmacokinetics;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Composite 5-point Gauss–Legendre quadrature split at known breaks, written independently of the product,
 * for the tests of the plasma and dosing curves' exact integrals (exact to rounding on each smooth piece:
 * 5 points integrate polynomials of degree 9, and the pieces are short against every half-life).
 */
public final class PiecewiseQuadrature {

    private PiecewiseQuadrature() {
    }

    private static final double[] NODES = {0.0, -0.5384693101056831, 0.5384693101056831, -0.9061798459386640,
            0.9061798459386640};
    private static final double[] WEIGHTS = {0.5688888888888889, 0.4786286704993665, 0.4786286704993665,
            0.2369268850561891, 0.2369268850561891};

    /** ∫ f over [a, b] by 5-point Gauss–Legendre on {@code pieces} equal sub-intervals of each smooth piece. */
    public static double quadrature(DoubleUnaryOperator f, double a, double b, double[] breaks) {
        double sum = 0;
        double start = a;
        double[] ends = Arrays.copyOf(breaks, breaks.length + 1);
        ends[breaks.length] = b;
        Arrays.sort(ends);
        for (double end : ends) {
            if (end <= start || start >= b) {
                continue;
            }
            double stop = Math.min(end, b);
            int pieces = 400;
            double h = (stop - start) / pieces;
            for (int p = 0; p < pieces; p++) {
                double mid = start + (p + 0.5) * h;
                for (int q = 0; q < NODES.length; q++) {
                    // evaluate strictly inside the piece: the curve's value at a jump is one side's
                    sum += WEIGHTS[q] * h / 2 * f.applyAsDouble(mid + NODES[q] * h / 2);
                }
            }
            start = stop;
        }
        return sum;
    }
}

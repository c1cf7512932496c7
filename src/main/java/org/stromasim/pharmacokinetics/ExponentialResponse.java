package org.stromasim.pharmacokinetics;

import java.util.Arrays;

/**
 * A plasma response written as a sum of exponential chains, r(t) = Σ cₖ·chainₖ(t) for t ≥ 0 and 0
 * before. A chain with rates r₁…rₙ is the convolution e^(−r₁t) * … * e^(−rₙt), whose closed form for
 * distinct rates is Σᵢ e^(−rᵢt) / Πⱼ≠ᵢ (rⱼ − rᵢ).
 *
 * <p>Why chains: every input this package models is a linear first-order step in front of the
 * disposition, and each one appends one rate. First-order absorption or depot release at rate ka
 * appends ka (and multiplies by ka); formation of a metabolite cleared at rate km appends km;
 * integrating over time (the response to a constant infusion rate) appends the rate 0. So IV bolus,
 * oral, depot, infusion and metabolites of each are all exact, in closed form, with no time stepping.
 */
public final class ExponentialResponse {

    /**
     * Smallest allowed relative gap between two rates of one chain. Nearer rates make the closed form
     * cancel (terms of size 1/gap summing to a value of size t); at this gap the loss stays below
     * about 1e-12 relative.
     */
    static final double MIN_RELATIVE_GAP = 1e-3;

    private final double[] coefficients;
    private final double[][] rates;

    private ExponentialResponse(double[] coefficients, double[][] rates) {
        this.coefficients = coefficients;
        this.rates = rates;
    }

    /** Σ cᵢ·e^(−λᵢt): the impulse response of a linear disposition with exponents λᵢ (1/s). */
    static ExponentialResponse ofExponentials(double[] coefficients, double[] ratesPerS) {
        double[][] chains = new double[ratesPerS.length][];
        for (int i = 0; i < ratesPerS.length; i++) {
            chains[i] = new double[] {ratesPerS[i]};
        }
        return new ExponentialResponse(coefficients.clone(), chains);
    }

    /** The response at {@code tS} seconds after the input; 0 before it. */
    public double at(double tS) {
        if (tS < 0) {
            return 0.0;
        }
        double sum = 0.0;
        for (int k = 0; k < coefficients.length; k++) {
            sum += coefficients[k] * chain(rates[k], tS);
        }
        return sum;
    }

    /**
     * ∫ r(t) dt over [fromS, toS], 0 ≤ fromS ≤ toS, exactly: each chain is a sum of exponentials
     * Σᵢ e^(−rᵢt)/Πⱼ≠ᵢ(rⱼ − rᵢ) (a rate 0 is a constant term), integrated term by term as
     * e^(−r·from)·(1 − e^(−r·(to − from)))/r, which loses nothing to cancellation when the interval is short.
     */
    public double integral(double fromS, double toS) {
        double sum = 0.0;
        for (int k = 0; k < coefficients.length; k++) {
            sum += coefficients[k] * chainIntegral(rates[k], fromS, toS);
        }
        return sum;
    }

    /** ∫ chain(r, t) dt over [a, b] (0 ≤ a ≤ b), for distinct rates (0 allowed once). */
    static double chainIntegral(double[] r, double a, double b) {
        if (r.length == 1) {
            return exponentialIntegral(r[0], a, b);
        }
        double sum = 0.0;
        for (int i = 0; i < r.length; i++) {
            double denominator = partialFractionDenominator(r, i);
            sum += exponentialIntegral(r[i], a, b) / denominator;
        }
        return sum;
    }

    /** ∫ e^(−rt) dt over [a, b]: e^(−ra)·(1 − e^(−r(b − a)))/r, b − a where r = 0. */
    public static double exponentialIntegral(double rate, double a, double b) {
        double h = b - a;
        if (rate == 0.0) {
            return h;
        }
        return Math.exp(-rate * a) * -Math.expm1(-rate * h) / rate;
    }

    /** This response times {@code factor}. */
    ExponentialResponse scaled(double factor) {
        double[] c = coefficients.clone();
        for (int k = 0; k < c.length; k++) {
            c[k] *= factor;
        }
        return new ExponentialResponse(c, rates);
    }

    /**
     * This response convolved with rate·e^(−rate·t): what follows when the input reaches this system
     * through a first-order step at {@code ratePerS} (absorption, depot release, metabolite clearance).
     *
     * @throws IllegalArgumentException when the rate is within {@link #MIN_RELATIVE_GAP} of one already
     *                                  in a chain (the closed form needs distinct rates)
     */
    ExponentialResponse through(double ratePerS) {
        double[] c = coefficients.clone();
        double[][] r = new double[rates.length][];
        for (int k = 0; k < rates.length; k++) {
            for (double existing : rates[k]) {
                if (tooClose(existing, ratePerS)) {
                    throw new IllegalArgumentException(String.format("a half-life of %.4g h (absorption, release or "
                            + "metabolite) lies within %.1f %% of a half-life already in the model (%.4g h); the closed"
                            + " form needs distinct rates: change one of them by more than that", halfLifeH(ratePerS),
                            100 * MIN_RELATIVE_GAP, halfLifeH(existing)));
                }
            }
            r[k] = Arrays.copyOf(rates[k], rates[k].length + 1);
            r[k][rates[k].length] = ratePerS;
            c[k] *= ratePerS;
        }
        return new ExponentialResponse(c, r);
    }

    /** ∫₀ᵗ r(s) ds: the response to a unit constant input rate started at 0 (appends the rate 0). */
    ExponentialResponse integrated() {
        double[][] r = new double[rates.length][];
        for (int k = 0; k < rates.length; k++) {
            r[k] = Arrays.copyOf(rates[k], rates[k].length + 1);
        }
        return new ExponentialResponse(coefficients.clone(), r);
    }

    /** ∫₀^∞ r(t) dt (finite when every rate is positive): Σ cₖ / Π rates of chain k. */
    double area() {
        double sum = 0.0;
        for (int k = 0; k < coefficients.length; k++) {
            double product = 1.0;
            for (double rate : rates[k]) {
                product *= rate;
            }
            sum += coefficients[k] / product;
        }
        return sum;
    }

    /** Σ |cₖ|·max chainₖ ≥ max r(t): each chain of positive rates is at most its value bound below. */
    double upperBound() {
        double sum = 0.0;
        for (int k = 0; k < coefficients.length; k++) {
            sum += Math.abs(coefficients[k]) * chainBound(rates[k]);
        }
        return sum;
    }

    /**
     * The largest value of a chain. With positive rates the chain is the density of a sum of
     * exponential waiting times divided by Π rᵢ, and a convolution of densities never exceeds the
     * peak of either factor (rᵢ for rᵢe^(−rᵢt)), so chain ≤ min rᵢ / Π rᵢ (exactly 1 for one rate). A
     * chain holding the rate 0 is the running integral of the rest, at most its area 1/Π(other rates).
     */
    static double chainBound(double[] chainRates) {
        double product = 1.0;
        double slowest = Double.POSITIVE_INFINITY;
        boolean integrates = false;
        for (double rate : chainRates) {
            if (rate == 0.0) {
                integrates = true;
            } else {
                product *= rate;
                slowest = Math.min(slowest, rate);
            }
        }
        return integrates ? 1.0 / product : slowest / product;
    }

    private static boolean tooClose(double a, double b) {
        return Math.abs(a - b) < MIN_RELATIVE_GAP * Math.max(Math.abs(a), Math.abs(b));
    }

    private static double halfLifeH(double ratePerS) {
        return Math.log(2) / ratePerS / 3600.0;
    }

    /** e^(−r₁t) * … * e^(−rₙt) at t ≥ 0, for distinct rates (0 allowed once). */
    static double chain(double[] r, double t) {
        if (r.length == 1) {
            return Math.exp(-r[0] * t);
        }
        if (r.length == 2) {
            // (e^(−at) − e^(−bt))/(b − a) written with expm1, exact to rounding even when bt is small
            double a = Math.min(r[0], r[1]);
            double b = Math.max(r[0], r[1]);
            return Math.exp(-a * t) * -Math.expm1(-(b - a) * t) / (b - a);
        }
        double sum = 0.0;
        for (int i = 0; i < r.length; i++) {
            double denominator = partialFractionDenominator(r, i);
            sum += Math.exp(-r[i] * t) / denominator;
        }
        return sum;
    }

    /** Π_{j ≠ i} (r_j − r_i): the denominator of term i of a chain's partial-fraction expansion. */
    private static double partialFractionDenominator(double[] r, int i) {
        double denominator = 1.0;
        for (int j = 0; j < r.length; j++) {
            if (j != i) {
                denominator *= r[j] - r[i];
            }
        }
        return denominator;
    }
}

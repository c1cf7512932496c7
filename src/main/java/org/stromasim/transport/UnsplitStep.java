package org.stromasim.transport;

/**
 * The coefficients of the unsplit implicit step ({@code run.diffusion: {scheme: implicit, coupling:
 * unsplit}}): one step of h for dC/dt = L·C − λ(x)·C + S(x) per voxel, L the flux-form diffusion
 * operator, λ ≥ 0 every linear loss (decay, binding, vessel exchange P·S/V, Michaelis–Menten uptake
 * linearised as Vmax/(Km + C*) at the step-start level C*), S ≥ 0 every source (exchange P·S/V·C_plasma
 * at the step midpoint, secretion).
 *
 * <p><b>Method: exponential Euler with the diffusion implicit.</b> Treating the diagonal −λ exactly by
 * its exponential and the rest g = L·C + S as constant over the step (the exponential Euler method,
 * Hochbruck &amp; Ostermann, Acta Numerica 19, 2010, §2.1), but taking g at the step end instead of the
 * start, so that the stiff diffusion is implicit:
 * <pre>
 *   Cⁿ⁺¹ = e^(−λh)·Cⁿ + h·φ1(−λh)·(L·Cⁿ⁺¹ + S),        φ1(z) = (e^z − 1)/z.
 * </pre>
 * Dividing by h·φ1 gives one linear solve per species and step of exactly the multigrid solver's form
 * a·u − ∇·(D∇u) = f:
 * <pre>
 *   a·Cⁿ⁺¹ − L·Cⁿ⁺¹ = a·e^(−λh)·Cⁿ + S,                   a = λ/(1 − e^(−λh))  (→ 1/h as λ → 0).
 * </pre>
 * Why this and not splitting: a split step errs by the commutator of L and λ (docs/large-steps.md),
 * which next to vessel walls and tumour edges caps the step far below what accuracy needs; here λ and
 * L act together in one solve, so:
 * <ul>
 *   <li>a uniform field (L·C = 0) decays exactly at any λh: Cⁿ⁺¹ = e^(−λh)Cⁿ + S/a is the exact
 *       relaxation;</li>
 *   <li>a steady state (λC = L·C + S) is reproduced exactly at any h (a·(1 − e^(−λh)) = λ);</li>
 *   <li>a ≥ 1/h &gt; 0 per voxel and the matrix aI − L is a symmetric M-matrix, so Cⁿ⁺¹ ≥ 0 whenever
 *       Cⁿ, S ≥ 0 and a discrete maximum principle holds at any h; a diffusion mode of rate μ is damped
 *       by a·e^(−λh)/(a + μ) → 0 as h → ∞ (L-stable; backward Euler when λ = 0);</li>
 *   <li>first order in time for diffusion transients (g frozen at the step end), so the step control
 *       assumes order 1.</li>
 * </ul>
 * The φ-functions are evaluated with {@link Math#expm1}, accurate at any λh from 0 to overflow.
 *
 * <p><b>Exposure</b> (∫C dt over the step) along the same formula: with g frozen, C(t) relaxes
 * exponentially from Cⁿ to Cⁿ⁺¹, and ∫₀^h C dt = Cⁿ·h·φ1(−λh) + g·h²·φ2(−λh); eliminating g with the
 * step's own end value gives (h − w1)·Cⁿ + w1·Cⁿ⁺¹ with w1 = h·(1/(1 − e^(−λh)) − 1/(λh)), the
 * {@link ExposureWeights} of an exact reaction sub-step (exact for uniform decay; the trapezoid as λ → 0).
 */
public final class UnsplitStep {

    private UnsplitStep() {
    }

    /** a = λ/(1 − e^(−λh)) = 1/(h·φ1(−λh)), the absorption of the solve, 1/s. */
    public static double absorption(double lambdaPerS, double hS) {
        double x = lambdaPerS * hS;
        if (!(x > 0)) {
            return 1 / hS;
        }
        return x / (-Math.expm1(-x)) / hS;
    }

    /**
     * a·e^(−λh) = λ/(e^(λh) − 1), the weight of the step-start level in the right-hand side, 1/s
     * (0 once e^(λh) overflows: the start level is forgotten).
     */
    public static double startWeight(double lambdaPerS, double hS) {
        double x = lambdaPerS * hS;
        if (!(x > 0)) {
            return 1 / hS;
        }
        return x / Math.expm1(x) / hS;
    }

    /** w1, the end level's weight in the step's exposure (h − w1)·Cⁿ + w1·Cⁿ⁺¹, s. */
    public static double exposureEndWeightS(double lambdaPerS, double hS) {
        return hS * ExposureWeights.endShare(lambdaPerS * hS);
    }
}

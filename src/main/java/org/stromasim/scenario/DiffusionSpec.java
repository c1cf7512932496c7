package org.stromasim.scenario;

/**
 * How diffusion is integrated over one coupling step (YAML {@code run.diffusion}).
 *
 * @param scheme    the time integrator of the diffusion operator
 * @param maxStages RKL2 only: the most super-time-stepping stages a species may take per coupling
 *                  step; a step that would need more is refused with the numbers (cost guard: the
 *                  work per step grows linearly with the stages)
 */
public record DiffusionSpec(Scheme scheme, int maxStages) {

    /**
     * Default stage cap. Choice (C): 400 stages cover dt up to (400² + 400 − 2)/4 ≈ 40,000 explicit
     * limits, far beyond the steps of minutes the default scenario needs (≈ 1,000 explicit limits),
     * while still catching a dt typed in the wrong unit.
     */
    public static final int DEFAULT_MAX_STAGES = 400;

    public static final DiffusionSpec EXPLICIT = new DiffusionSpec(Scheme.EXPLICIT, DEFAULT_MAX_STAGES);

    public DiffusionSpec {
        if (scheme == null) {
            throw new IllegalArgumentException("diffusion scheme must not be null");
        }
        if (maxStages < 2) {
            throw new IllegalArgumentException("run.diffusion.max_stages must be >= 2 (RKL2 needs two stages), got "
                    + maxStages);
        }
    }

    /** The diffusion time integrators. */
    public enum Scheme {
        /** Forward Euler in flux form: first order in time, dt ≤ the explicit stability limit. */
        EXPLICIT,
        /**
         * Runge–Kutta–Legendre super-time-stepping, second order (Meyer, Balsara &amp; Aslam 2014):
         * s stages of the explicit operator, stable for dt ≤ dt_explicit·(s² + s − 2)/4.
         */
        RKL2
    }
}

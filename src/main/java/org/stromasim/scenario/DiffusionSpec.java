package org.stromasim.scenario;

/**
 * How diffusion is integrated over one coupling step (YAML {@code run.diffusion}).
 *
 * @param scheme    the time integrator of the diffusion operator
 * @param maxStages RKL2 only: the most super-time-stepping stages a species may take per coupling
 *                  step; a step that would need more is refused with the numbers (cost guard: the
 *                  work per step grows linearly with the stages)
 * @param coupling  how reactions are coupled to the large diffusion steps: plain (split) for RKL2 and
 *                  implicit, unsplit for implicit only
 * @param targetRelativeError RKL2 and implicit: the accuracy the run's step is chosen for (relative, e.g. 0.01),
 *                  instead of a fixed run.dt_s; {@code null} = the step is run.dt_s. The error measured
 *                  is that of org.stromasim.sim.StepDoublingPilot (relative L2 over a snapshot window)
 */
public record DiffusionSpec(Scheme scheme, int maxStages, Coupling coupling, Double targetRelativeError) {

    /**
     * Smallest target accepted. Choice (C): the state is float (≈ 6·10⁻⁸ per operation, over hundreds
     * of stages) and the explicit reference's own splitting error in the benchmarks was ≈ 0.1 %, so a
     * tighter target could be neither met nor checked.
     */
    public static final double MIN_TARGET_RELATIVE_ERROR = 1e-3;
    /**
     * Largest target accepted. Choice (C): beyond 20 % the step-doubling estimate is far outside its
     * asymptotic range, so the step it gives would not mean what the number says.
     */
    public static final double MAX_TARGET_RELATIVE_ERROR = 0.2;

    /**
     * Default stage cap. Choice (C): 400 stages cover dt up to (400² + 400 − 2)/4 ≈ 40,000 explicit
     * limits, far beyond the steps of minutes the default scenario needs (≈ 1,000 explicit limits),
     * while still catching a dt typed in the wrong unit.
     */
    public static final int DEFAULT_MAX_STAGES = 400;

    public static final DiffusionSpec EXPLICIT = new DiffusionSpec(Scheme.EXPLICIT, DEFAULT_MAX_STAGES, null, null);

    public DiffusionSpec {
        if (scheme == null) {
            throw new IllegalArgumentException("diffusion scheme must not be null");
        }
        coupling = coupling == null ? Coupling.PLAIN : coupling;
        if (coupling == Coupling.UNSPLIT && scheme != Scheme.IMPLICIT) {
            throw new IllegalArgumentException("run.diffusion.coupling: unsplit needs scheme implicit (its reactions"
                    + " are solved together with the implicit diffusion step), got scheme "
                    + scheme.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (maxStages < 2) {
            throw new IllegalArgumentException("run.diffusion.max_stages must be >= 2 (RKL2 needs two stages), got "
                    + maxStages);
        }
        if (targetRelativeError != null) {
            if (scheme == Scheme.EXPLICIT) {
                throw new IllegalArgumentException("run.diffusion.target_relative_error needs scheme rkl2 or implicit, got "
                        + scheme);
            }
            if (!(targetRelativeError >= MIN_TARGET_RELATIVE_ERROR && targetRelativeError <= MAX_TARGET_RELATIVE_ERROR)) {
                throw new IllegalArgumentException("run.diffusion.target_relative_error must be in ["
                        + MIN_TARGET_RELATIVE_ERROR + ", " + MAX_TARGET_RELATIVE_ERROR + "], got " + targetRelativeError);
            }
        }
    }

    /** A fixed-step scheme (the step is run.dt_s or, explicit, the automatic one). */
    public DiffusionSpec(Scheme scheme, int maxStages, Coupling coupling) {
        this(scheme, maxStages, coupling, null);
    }

    /** RKL2 with the default (plain) coupling. */
    public DiffusionSpec(Scheme scheme, int maxStages) {
        this(scheme, maxStages, null, null);
    }

    /** RKL2 whose step is chosen for {@code targetRelativeError}. */
    public static DiffusionSpec rkl2ForTarget(int maxStages, Coupling coupling, double targetRelativeError) {
        return new DiffusionSpec(Scheme.RKL2, maxStages, coupling, targetRelativeError);
    }

    /** Whether the coupling step is chosen for an accuracy target rather than given. */
    public boolean hasAccuracyTarget() {
        return targetRelativeError != null;
    }

    /**
     * How the reaction sub-steps are coupled to a large diffusion step (the split stays Strang or Lie as
     * run.splitting says). Rebalanced splitting (Speth, Green, MacNamara &amp; Strang 2013) is deliberately
     * not among them: its rebalancing term carries half of each reaction into the diffusion step as a
     * constant lagged by one step, an explicit treatment of the reaction that blows up once k·dt exceeds
     * about 0.5 (pure decay: 62 % off at k·dt = 1, eleven-fold at 2) and is inexact even in a uniform
     * field; ScenarioBinder refuses the YAML value with that reason.
     */
    public enum Coupling {
        /**
         * Plain Strang/Lie splitting: second order (Strang) where the solution is smooth, but a source
         * that injects a spike each step (a vessel wall, a held face) is diffused with RKL2's weak
         * damping of stiff modes, which biases levels near it at large steps.
         */
        PLAIN,
        /**
         * No splitting ({@code scheme: implicit} only): every linear loss λ(x) and source S(x, t) of a
         * species is put into the implicit step itself, by exponential Euler with the diffusion implicit
         * (org.stromasim.transport.UnsplitStep). First order in time, L-stable, exact in a uniform
         * field at any k·dt and exact at steady state, so no split error bound applies to it.
         */
        UNSPLIT
    }

    /** Whether the reactions are coupled into the implicit solve instead of split around it. */
    public boolean unsplit() {
        return coupling == Coupling.UNSPLIT;
    }

    /** The diffusion time integrators. */
    public enum Scheme {
        /** Forward Euler in flux form: first order in time, dt ≤ the explicit stability limit. */
        EXPLICIT,
        /**
         * Runge–Kutta–Legendre super-time-stepping, second order (Meyer, Balsara &amp; Aslam 2014):
         * s stages of the explicit operator, stable for dt ≤ dt_explicit·(s² + s − 2)/4.
         */
        RKL2,
        /**
         * TR-BDF2 (γ = 2 − √2): L-stable, second order, each of its two stages one multigrid solve of the
         * flux-form operator (org.stromasim.solver.MultigridSolver); any dt, cost per step independent of dt.
         * Reactions are split around it with their exact sub-steps (coupling plain; both backends, OpenCL:
         * kernels/multigrid.cl, in double precision), or put into its solve (coupling unsplit; both backends
         * likewise).
         */
        IMPLICIT
    }

    /** Whether the step is a large (coupling) step given or chosen by the run rather than the explicit stability limit. */
    public boolean largeSteps() {
        return scheme != Scheme.EXPLICIT;
    }
}

package org.stromasim.flow;

import org.stromasim.solver.Coarsening;
import org.stromasim.solver.MultigridSolver;

/**
 * Solves a {@link DarcyStarlingProblem} with the project's multigrid solver: the equation is
 * a·p − ∇·(K∇p) = f with a = c_v + c_l and f = c_v·p_e + c_l·p_l, which is the solver's form.
 */
public final class DarcyStarlingSolver {

    /** Relative residual the pressure is solved to; the fluxes are differences of p, so well below float round-off. */
    public static final double RELATIVE_TOLERANCE = 1e-10;
    static final int MAX_ITERATIONS = 200;

    private DarcyStarlingSolver() {
    }

    /** The pressure per voxel, mmHg, and the solver's statistics. */
    public record Solution(double[] pressureMmHg, MultigridSolver.SolveStats stats) {
    }

    /** One line for run.log and validate: how the pressure is solved. */
    public static String describe(Coarsening coarsening) {
        return "interstitial pressure: multigrid-preconditioned CG to a relative residual of " + RELATIVE_TOLERANCE
                + " (run.multigrid.pressure_coarsening: " + coarsening.name().toLowerCase(java.util.Locale.ROOT)
                + "), by the Java solver on the host on every backend";
    }

    /** With the geometric coarsening (the default of {@code run.multigrid.pressure_coarsening}). */
    public static Solution solve(DarcyStarlingProblem problem) {
        return solve(problem, Coarsening.GEOMETRIC);
    }

    /**
     * With the given coarsening ({@code run.multigrid.pressure_coarsening}): both solve the same equations to the
     * same {@link #RELATIVE_TOLERANCE}; the operator-dependent one in fewer cycles on rough conductivity fields
     * (docs/multigrid.md).
     */
    public static Solution solve(DarcyStarlingProblem problem, Coarsening coarsening) {
        int n = problem.voxelCount();
        double[] a = new double[n];
        double[] f = new double[n];
        for (int v = 0; v < n; v++) {
            a[v] = problem.filtration()[v] + problem.lymphatic()[v];
            f[v] = problem.filtration()[v] * problem.effectivePressureMmHg()[v]
                    + problem.lymphatic()[v] * problem.lymphPressureMmHg()[v];
        }
        MultigridSolver solver = MultigridSolver.create(problem.nx(), problem.ny(), problem.nz(), problem.voxelUm(),
                problem.conductivity(), problem.faces(), coarsening);
        solver.setAbsorption(a);
        double[] p = new double[n];
        MultigridSolver.SolveStats stats = solver.solve(p, f, RELATIVE_TOLERANCE, MAX_ITERATIONS);
        if (!(stats.finalResidual() <= RELATIVE_TOLERANCE * Math.max(stats.rhsNorm(), Double.MIN_NORMAL) * 10)) {
            throw new IllegalStateException("the pressure solve did not converge in " + stats.iterations()
                    + " iterations: residual " + stats.finalResidual() + " of " + stats.rhsNorm());
        }
        return new Solution(p, stats);
    }
}

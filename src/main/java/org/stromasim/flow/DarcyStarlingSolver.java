package org.stromasim.flow;

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

    public static Solution solve(DarcyStarlingProblem problem) {
        int n = problem.voxelCount();
        double[] a = new double[n];
        double[] f = new double[n];
        for (int v = 0; v < n; v++) {
            a[v] = problem.filtration()[v] + problem.lymphatic()[v];
            f[v] = problem.filtration()[v] * problem.effectivePressureMmHg()[v]
                    + problem.lymphatic()[v] * problem.lymphPressureMmHg()[v];
        }
        MultigridSolver solver = MultigridSolver.create(problem.nx(), problem.ny(), problem.nz(), problem.voxelUm(),
                problem.conductivity(), problem.faces());
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

package org.stromasim.backend.java;

import org.stromasim.grid.Grid3D;
import org.stromasim.solver.MultigridSolver;
import org.stromasim.transport.SolverFaces;
import org.stromasim.transport.SolveTolerance;
import org.stromasim.transport.TransportModel;
import org.stromasim.transport.TrBdf2;

/**
 * {@code run.diffusion.scheme: implicit}: one TR-BDF2 step ({@link TrBdf2}) of every species'
 * diffusion, each stage one solve of (1/c)·u − ∇·(D∇u) = rhs with the project's multigrid solver on
 * the same flux-form operator as the explicit step (harmonic-mean faces, vessel voxels D = 0, held,
 * zero-flux and periodic faces). The reactions are split around it by the backend (Strang or Lie as
 * run.splitting says) with their exact sub-steps, so the split inherits L-stability from here and
 * accuracy at any k·dt from the reaction sub-steps.
 *
 * <p>Cost per step does not grow with dt: the number of V-cycles a solve needs is set by the
 * tolerance and the multigrid rate (independent of dt·D/dx², which only moves a towards 0).
 * Tolerance on the residual of each solve, relative to its right-hand side: {@link SolveTolerance}
 * (10⁻⁸ for a fixed step, 10⁻³ of the step-control target otherwise).
 *
 * <p>Arithmetic in double between the float state's reads and writes; per species a solver whose
 * hierarchy is rebuilt when its diffusivity has changed ({@link #prepare}).
 */
final class ImplicitDiffusion {

    /** Relative residual of each solve of a fixed-step run (with a step-control target see {@link SolveTolerance}). */
    static final double RELATIVE_TOLERANCE = SolveTolerance.WITHOUT_TARGET;
    /** V-cycles after which a stage is refused as not converging (measured need: 5–9). */
    static final int MAX_CYCLES = 60;

    private final TransportModel model;
    private final Grid3D grid;
    private final MultigridSolver[] solvers;
    /** Relative residual every solve reaches ({@link SolveTolerance}). */
    private final double tolerance;
    /** Per species the diffusivity its solver was built from. */
    private final float[][] builtFrom;
    /** TR-BDF2's work arrays, allocated at its first step (the unsplit step has its own). */
    private double[] start;
    private double[] star;
    private double[] rhs;
    private double[] work;
    private long cycles;
    private long solves;

    ImplicitDiffusion(TransportModel model) {
        this.model = model;
        this.grid = model.grid();
        this.solvers = new MultigridSolver[model.speciesCount()];
        this.builtFrom = new float[model.speciesCount()][];
        this.tolerance = SolveTolerance.relativeResidual(model.diffusion());
    }

    /** Species s's solver on the current diffusivity (after {@link #prepare}), or null when it does not diffuse. */
    MultigridSolver solver(int s) {
        return solvers[s];
    }

    /**
     * Rebuilds the solver of each species whose live diffusivity changed since the last call (matrix
     * remodelling rewrites it between advance calls); a hierarchy costs about one solve to build.
     */
    void prepare() {
        for (int s = 0; s < solvers.length; s++) {
            float[] d = model.diffusivityUm2PerS(s);
            if (builtFrom[s] != null && java.util.Arrays.equals(builtFrom[s], d)) {
                continue;
            }
            builtFrom[s] = d.clone();
            boolean diffuses = false;
            for (float value : d) {
                if (value > 0) {
                    diffuses = true;
                    break;
                }
            }
            solvers[s] = diffuses ? MultigridSolver.create(grid.nx(), grid.ny(), grid.nz(), grid.voxelUm(), d,
                    SolverFaces.of(model.boundaries(s))) : null;
        }
    }

    /** One TR-BDF2 step of dt for every species, in place in {@code current}. */
    void step(float[][] current, double dtS) {
        if (start == null) {
            int n = grid.voxelCount();
            start = new double[n];
            star = new double[n];
            rhs = new double[n];
            work = new double[n];
        }
        for (int s = 0; s < solvers.length; s++) {
            MultigridSolver solver = solvers[s];
            if (solver == null) {
                continue;
            }
            float[] c = current[s];
            for (int v = 0; v < c.length; v++) {
                start[v] = c[v];
            }
            double a1 = TrBdf2.stage1Absorption(dtS);
            solver.divergenceOfFlux(start, work);
            for (int v = 0; v < c.length; v++) {
                rhs[v] = a1 * start[v] + work[v];
                star[v] = start[v];
            }
            solver.setUniformAbsorption(a1);
            solve(solver, star, s, "1");
            double a2 = TrBdf2.stage2Absorption(dtS);
            for (int v = 0; v < c.length; v++) {
                rhs[v] = a2 * (TrBdf2.STAR_WEIGHT * star[v] - TrBdf2.START_WEIGHT * start[v]);
                work[v] = star[v];
            }
            solver.setUniformAbsorption(a2);
            solve(solver, work, s, "2");
            for (int v = 0; v < c.length; v++) {
                c[v] = (float) work[v];
            }
        }
    }

    private void solve(MultigridSolver solver, double[] u, int s, String stage) {
        solveChecked(solver, u, rhs, s, "TR-BDF2 stage " + stage);
    }

    /**
     * Solves species s's system for u (start value in, solution out) to the run's {@link SolveTolerance},
     * counting the cycles; refuses a solve that does not converge, naming {@code what}.
     */
    void solveChecked(MultigridSolver solver, double[] u, double[] f, int s, String what) {
        MultigridSolver.SolveStats stats = solver.solve(u, f, tolerance, MAX_CYCLES);
        cycles += stats.iterations();
        solves++;
        if (stats.finalResidual() > tolerance * stats.rhsNorm()) {
            throw new IllegalStateException("implicit diffusion of species " + model.speciesNames().get(s)
                    + ": " + what + " did not converge in " + MAX_CYCLES + " multigrid cycles (residual "
                    + stats.finalResidual() / stats.rhsNorm() + " of the right-hand side, target " + tolerance + ")");
        }
    }

    /** Multigrid cycles per stage solve so far (0 before the first). */
    double meanCyclesPerSolve() {
        return solves == 0 ? 0 : (double) cycles / solves;
    }
}

package org.stromasim.backend.java;

import java.util.Map;
import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.solver.FaceCondition;
import org.stromasim.solver.MultigridSolver;
import org.stromasim.transport.SolverFaces;
import org.stromasim.transport.SolveTolerance;
import org.stromasim.transport.TransportFields;
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
 * <p>Memory: the species are solved one after another through ONE solver (its hierarchy, float
 * coefficients and work vectors; {@link MultigridSolver}), reassembled for each species' diffusivity
 * and faces when the species changes ({@link #assembledFor}), so the scheme's memory does not grow
 * with the number of species: the solver's ≈ 37 bytes per voxel and this class's right-hand side (8).
 * The cost is one hierarchy setup per diffusing species and step (about a fifth to a half of a solve).
 * Arithmetic in double between the float state's reads and writes.
 */
final class ImplicitDiffusion {

    /** Relative residual of each solve of a fixed-step run (with a step-control target see {@link SolveTolerance}). */
    static final double RELATIVE_TOLERANCE = SolveTolerance.WITHOUT_TARGET;
    /** V-cycles after which a stage is refused as not converging (measured need: 5–9). */
    static final int MAX_CYCLES = 60;

    private final TransportModel model;
    private final TransportFields fields;
    private final Grid3D grid;
    /** The one solver all species share, created for the first species that diffuses. */
    private MultigridSolver shared;
    /** The species whose coefficients {@link #shared} holds, or −1 (none, or the diffusivity may have changed). */
    private int assembledSpecies = -1;
    /** Solver workspaces created so far (1 unless species differ in their periodic axes): what tests check. */
    private int solversCreated;
    /** Per species whether any voxel has D &gt; 0 (from the last {@link #prepare}). */
    private final boolean[] diffuses;
    /** Relative residual every solve reaches ({@link SolveTolerance}). */
    private final double tolerance;
    /** TR-BDF2's right-hand side, allocated at its first step (the stage solutions stay in the solver). */
    private double[] rhs;
    /** With reversible matrix binding: R·a of each TR-BDF2 stage (allocated at first use). */
    private double[] retardedAbsorption1;
    private double[] retardedAbsorption2;
    private long cycles;
    private long solves;

    ImplicitDiffusion(TransportFields fields) {
        this.fields = fields;
        this.model = fields.model();
        this.grid = model.grid();
        this.diffuses = new boolean[model.speciesCount()];
        this.tolerance = SolveTolerance.relativeResidual(model.diffusion());
    }

    /**
     * Reads which species diffuse from the live diffusivity (matrix remodelling rewrites it between
     * advance calls) and forgets the assembled species, so the next solve assembles from the live values.
     */
    void prepare() {
        for (int s = 0; s < diffuses.length; s++) {
            boolean any = false;
            for (float value : fields.diffusivityUm2PerS(s)) {
                if (value > 0) {
                    any = true;
                    break;
                }
            }
            diffuses[s] = any;
        }
        assembledSpecies = -1;
    }

    /**
     * The shared solver with species s's operator (its diffusivity and faces; set the absorption before
     * solving), or null when the species does not diffuse. Reassembles only when s is not the species
     * assembled last.
     */
    MultigridSolver assembledFor(int s) {
        if (!diffuses[s]) {
            return null;
        }
        if (assembledSpecies == s) {
            return shared;
        }
        float[] d = fields.diffusivityUm2PerS(s);
        Map<Face, FaceCondition> faces = SolverFaces.of(model.boundaries(s));
        if (shared != null && shared.acceptsFaces(faces)) {
            shared.reassemble(d, faces);
        } else {
            shared = null; // release the old workspace before the new one is allocated
            shared = MultigridSolver.create(grid.nx(), grid.ny(), grid.nz(), grid.voxelUm(), d, faces,
                    model.diffusionCoarsening());
            solversCreated++;
        }
        assembledSpecies = s;
        return shared;
    }

    /** Solver workspaces allocated so far: 1 however many species diffuse (when they share periodic axes). */
    int solversCreated() {
        return solversCreated;
    }

    /** One TR-BDF2 step of dt for every species, in place in {@code current}. */
    void step(float[][] current, double dtS) {
        if (rhs == null) {
            rhs = new double[grid.voxelCount()];
        }
        for (int s = 0; s < current.length; s++) {
            MultigridSolver solver = assembledFor(s);
            if (solver == null) {
                continue;
            }
            // the step-start values are the float state itself: it is written only at the end
            float[] c = current[s];
            // R·∂C/∂t = ∇·(D∇C): the time-derivative terms (absorption and its right-hand side) carry R
            float[] r = fields.retardation(s);
            double a1 = TrBdf2.stage1Absorption(dtS);
            solver.divergenceOfFlux(c, rhs);
            for (int v = 0; v < c.length; v++) {
                rhs[v] = (r == null ? a1 : a1 * r[v]) * c[v] + rhs[v];
            }
            solver.loadStart(c);
            setAbsorption(solver, a1, r, 1);
            solve(solver, s, "1");
            double a2 = TrBdf2.stage2Absorption(dtS);
            solver.readSolution((v, star) -> rhs[v] = (r == null ? a2 : a2 * r[v])
                    * (TrBdf2.STAR_WEIGHT * star - TrBdf2.START_WEIGHT * c[v]));
            setAbsorption(solver, a2, r, 2);
            solve(solver, s, "2"); // from the stage-1 values, which stay in the solver
            solver.storeSolution(c);
        }
    }

    /** Absorption a of stage {@code stage}, times R per voxel with binding (its own array per stage: the solver keeps it). */
    private void setAbsorption(MultigridSolver solver, double a, float[] r, int stage) {
        if (r == null) {
            solver.setUniformAbsorption(a);
            return;
        }
        double[] scaled = stage == 1 ? retardedAbsorption1 : retardedAbsorption2;
        if (scaled == null || scaled.length != r.length) {
            scaled = new double[r.length];
            if (stage == 1) {
                retardedAbsorption1 = scaled;
            } else {
                retardedAbsorption2 = scaled;
            }
        }
        for (int v = 0; v < r.length; v++) {
            scaled[v] = a * r[v];
        }
        solver.setAbsorption(scaled);
    }

    private void solve(MultigridSolver solver, int s, String stage) {
        check(solver.solve(rhs, tolerance, MAX_CYCLES), s, "TR-BDF2 stage " + stage);
    }

    /**
     * Solves species s's system from the start value loaded into the solver (the solution stays there) to the run's
     * {@link SolveTolerance}, counting the cycles; refuses a solve that does not converge, naming {@code what}.
     */
    void solveChecked(MultigridSolver solver, MultigridSolver.RightHandSide f, int s, String what) {
        check(solver.solve(f, tolerance, MAX_CYCLES), s, what);
    }

    private void check(MultigridSolver.SolveStats stats, int s, String what) {
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

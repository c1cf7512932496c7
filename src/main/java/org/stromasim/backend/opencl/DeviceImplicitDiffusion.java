package org.stromasim.backend.opencl;

import java.util.Arrays;
import org.jocl.CL;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;
import org.stromasim.grid.Grid3D;
import org.stromasim.solver.Coarsening;
import org.stromasim.solver.MultigridSolver;
import org.stromasim.transport.SolverFaces;
import org.stromasim.transport.TrBdf2;
import org.stromasim.transport.SolveTolerance;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * {@code run.diffusion.scheme: implicit} on the device: per coupling step one TR-BDF2 step
 * ({@link TrBdf2}) of every species' diffusion, each stage one multigrid-preconditioned CG solve on the
 * device ({@link DeviceMultigrid}), with the numbers of the Java backend's ImplicitDiffusion: the same
 * stage right-hand sides, absorptions, initial guesses (stage 1 from the step's start, stage 2 from
 * stage 1's value), tolerance ({@link #RELATIVE_TOLERANCE} of each stage's right-hand side) and
 * refusal of a stage that does not converge. The float state is read into double at the start of the
 * step and rounded to float at its end, as on the Java backend. The reactions are the backend's
 * reaction pass around it ({@link LargeStepReactions}).
 *
 * <p>A species whose diffusivity is 0 everywhere is copied unchanged. The hierarchies follow the
 * backend's live diffusivity: {@link #prepare} rebuilds a species' solver when it changed (the biology's
 * matrix remodelling), on the host, about one solve's work.
 */
final class DeviceImplicitDiffusion implements AutoCloseable {

    /** As the Java backend's implicit scheme: a fixed-step run's relative residual (else {@link SolveTolerance}). */
    static final double RELATIVE_TOLERANCE = SolveTolerance.WITHOUT_TARGET;
    /** PCG iterations after which a stage is refused as not converging, as on the Java backend. */
    static final int MAX_CYCLES = 60;

    private final TransportModel model;
    private final TransportFields fields;
    private final Grid3D grid;
    private final MultigridKernels kernels;
    private final MultigridWorkspace work;
    private final DeviceContext context;
    private final cl_command_queue queue;
    private final DeviceImplicitSolver[] solvers;
    /** The Java solver and device hierarchy of the operator-dependent coarsening, or null for the geometric one. */
    private final DeviceOperatorDependentImplicit.Host operatorDependent;
    /** Relative residual every solve reaches ({@link SolveTolerance}), as on the Java backend. */
    private final double tolerance;
    private final float[][] builtFrom;
    private final int guard;
    private long cycles;
    private long solves;
    private final cl_mem retardation;
    /** Per species its block of {@link #retardation}, −1 when it does not bind to the matrix. */
    private final int[] slots;

    /**
     * @param perVoxelMasses whether the workspace keeps per-voxel masses (the unsplit coupling, or a species
     *                       bound to the matrix)
     * @param retardation    the retardation blocks of the species bound to the matrix
     *                       ({@link SpeciesParameterTable#RETARDATION_SLOT})
     */
    DeviceImplicitDiffusion(TransportFields fields, ClResources resources, DeviceContext context, cl_command_queue queue,
                            int guard, boolean perVoxelMasses, cl_mem retardation) {
        this.fields = fields;
        this.retardation = retardation;
        this.slots = SpeciesParameterTable.retardationSlots(fields.model());
        this.model = fields.model();
        this.grid = model.grid();
        this.context = context;
        this.queue = queue;
        this.guard = guard;
        this.kernels = new MultigridKernels(resources, context, queue);
        this.work = new MultigridWorkspace(resources, queue, grid.nx(), grid.ny(), grid.nz(), perVoxelMasses);
        this.solvers = new DeviceImplicitSolver[model.speciesCount()];
        this.operatorDependent = model.diffusionCoarsening() == Coarsening.OPERATOR_DEPENDENT
                ? new DeviceOperatorDependentImplicit.Host(grid, kernels, new GalerkinKernels(resources, context, queue),
                        work, context, queue)
                : null;
        this.builtFrom = new float[model.speciesCount()][];
        this.tolerance = SolveTolerance.relativeResidual(model.diffusion());
    }

    /** Rebuilds the solver of each species whose live diffusivity changed since the last call. */
    void prepare() {
        for (int s = 0; s < solvers.length; s++) {
            float[] d = fields.diffusivityUm2PerS(s);
            if (builtFrom[s] != null && Arrays.equals(builtFrom[s], d)) {
                continue;
            }
            builtFrom[s] = d.clone();
            if (solvers[s] != null) {
                solvers[s].close();
                solvers[s] = null;
            }
            boolean diffuses = false;
            for (float value : d) {
                if (value > 0) {
                    diffuses = true;
                    break;
                }
            }
            if (diffuses && operatorDependent != null) {
                solvers[s] = new DeviceOperatorDependentImplicit(operatorDependent, builtFrom[s],
                        SolverFaces.of(model.boundaries(s)));
            } else if (diffuses) {
                MultigridSolver host = MultigridSolver.create(grid.nx(), grid.ny(), grid.nz(), grid.voxelUm(), d,
                        SolverFaces.of(model.boundaries(s)));
                solvers[s] = new DeviceMultigrid(host.hierarchy(), kernels, work, context, queue);
            }
        }
    }

    /** Enqueues one TR-BDF2 step of dt for every species from {@code in} into {@code out} (concentration layout). */
    void step(cl_mem in, cl_mem out, double dtS) {
        int voxels = grid.voxelCount();
        double h = grid.voxelUm();
        double h2 = h * h;
        for (int s = 0; s < solvers.length; s++) {
            long offset = guard + (long) s * voxels;
            DeviceImplicitSolver solver = solvers[s];
            if (solver == null) {
                CL.clEnqueueCopyBuffer(queue, in, out, offset * Sizeof.cl_float, offset * Sizeof.cl_float,
                        (long) voxels * Sizeof.cl_float, 0, null, null);
                continue;
            }
            double a1 = TrBdf2.stage1Absorption(dtS);
            // the absorption first: an operator-dependent solver builds its fine level for it
            setAbsorption(solver, s, a1, h2);
            MultigridKernels.DeviceLevel fine = solver.fine();
            MultigridKernels.args(kernels.load, in, offset, work.start, work.star, fine.nx, fine.ny);
            kernels.launch(kernels.load, fine);
            MultigridKernels.args(kernels.stage1, fine.fx, fine.fy, fine.fz, fine.faceSum, solver.boundarySource(),
                    work.start, work.rhs, a1, 1.0 / h2, h2, fine.nx, fine.ny, fine.nz, fine.periodic, retardation, slots[s]);
            kernels.launch(kernels.stage1, fine);
            solve(solver, work.star, s, "1");
            double a2 = TrBdf2.stage2Absorption(dtS);
            MultigridKernels.args(kernels.stage2, solver.boundarySource(), work.start, work.star, work.rhs, a2,
                    TrBdf2.STAR_WEIGHT, TrBdf2.START_WEIGHT, h2, fine.nx, fine.ny, retardation, slots[s]);
            kernels.launch(kernels.stage2, fine);
            long bytes = MultigridWorkspace.padded(new int[] {fine.nx, fine.ny, fine.nz}) * Sizeof.cl_double;
            CL.clEnqueueCopyBuffer(queue, work.star, work.solution, 0, 0, bytes, 0, null, null);
            setAbsorption(solver, s, a2, h2);
            solve(solver, work.solution, s, "2");
            MultigridKernels.args(kernels.store, work.solution, out, offset, fine.nx, fine.ny);
            kernels.launch(kernels.store, fine);
        }
    }

    /**
     * The stage's absorption a: uniform, or for a species bound to the matrix R·a per voxel (R·∂C/∂t = ∇·(D∇C):
     * R multiplies the time-derivative terms), written as the fine masses R·a·h² and restricted by the solver.
     */
    private void setAbsorption(DeviceImplicitSolver solver, int s, double a, double h2) {
        if (slots[s] < 0) {
            solver.setAbsorption(a);
            return;
        }
        MultigridKernels.args(kernels.mass, retardation, slots[s], a, h2, work.mass(0), grid.nx(), grid.ny());
        kernels.launch(kernels.mass, grid.nx(), grid.ny(), grid.nz());
        solver.setAbsorptionField();
    }

    /** Species s's device solver on the current diffusivity (after {@link #prepare}), or null when it does not diffuse. */
    DeviceImplicitSolver solver(int s) {
        return solvers[s];
    }

    MultigridKernels kernels() {
        return kernels;
    }

    MultigridWorkspace work() {
        return work;
    }

    private void solve(DeviceImplicitSolver solver, cl_mem u, int s, String stage) {
        solveChecked(solver, u, s, "TR-BDF2 stage " + stage);
    }

    /**
     * Solves species s's system for u (start value in, solution out) with right-hand side
     * {@code work().rhs} to the run's {@link SolveTolerance}, counting the cycles; refuses a solve that does
     * not converge, naming {@code what}.
     */
    void solveChecked(DeviceImplicitSolver solver, cl_mem u, int s, String what) {
        double[] stats = solver.solve(u, work.rhs, tolerance, MAX_CYCLES);
        cycles += (long) stats[0];
        solves++;
        if (stats[2] > tolerance * stats[1]) {
            throw new IllegalStateException("implicit diffusion of species " + model.speciesNames().get(s)
                    + ": " + what + " did not converge in " + MAX_CYCLES + " multigrid cycles (residual "
                    + stats[2] / stats[1] + " of the right-hand side, target " + tolerance + ")");
        }
    }

    /** Multigrid cycles (PCG iterations) per stage solve so far (0 before the first). */
    double meanCyclesPerSolve() {
        return solves == 0 ? 0 : (double) cycles / solves;
    }

    @Override
    public void close() {
        for (int s = 0; s < solvers.length; s++) {
            if (solvers[s] != null) {
                solvers[s].close();
                solvers[s] = null;
            }
        }
        if (operatorDependent != null) {
            operatorDependent.close();
        }
    }

    /** Operator-dependent hierarchies built so far and their host set-up and upload time, s; {0, 0} when geometric. */
    double[] operatorDependentRebuilds() {
        return operatorDependent == null ? new double[2]
                : new double[] {operatorDependent.rebuilds(), operatorDependent.rebuildSeconds()};
    }
}

package org.stromasim.backend.opencl;

import org.jocl.cl_mem;
import org.stromasim.transport.ExposureWeights;
import org.stromasim.transport.PlasmaCurve;
import org.stromasim.transport.TransportModel;

/**
 * {@code run.diffusion: {scheme: implicit, coupling: unsplit}} on the device, the Java backend's
 * UnsplitImplicitStep step for step: per species one multigrid solve of
 * a·Cⁿ⁺¹ − L·Cⁿ⁺¹ = a·e^(−λh)·Cⁿ + S (org.stromasim.transport.UnsplitStep) with a per voxel.
 * <ol>
 *   <li>{@code unsplit_assemble} (kernels/multigrid.cl, double): λ and S per voxel from the species
 *       constants the transport kernels read (SpeciesParameterTable), Michaelis–Menten at the
 *       step-start level, vessel exchange at the plasma curve's mean over the step; the fine level's
 *       masses a·h², the scaled right-hand side and the start value f/a; lumen holds its level;</li>
 *   <li>{@link DeviceMultigrid#setAbsorptionField}: the masses restricted to every level, the host
 *       levels' diagonals and LU rebuilt, the Chebyshev intervals measured again; then the solve to
 *       the implicit scheme's tolerance, refused if it does not converge;</li>
 *   <li>{@code unsplit_finish}: the float state and, for the drug, the exposure along the same
 *       exponential (org.stromasim.transport.UnsplitStep#exposureEndWeightS).</li>
 * </ol>
 * A species that does not diffuse takes f/a, its exact relaxation, without a solve. A species bound to the
 * matrix steps λ/R per voxel with a and the start weight multiplied through by R, as on the Java backend.
 */
final class DeviceUnsplitStep {

    private final TransportModel model;
    private final DeviceImplicitDiffusion solvers;
    private final PlasmaCurve[] plasma;
    private final int drugSpecies;
    private final int guard;
    /**
     * {params, cell, viability, wall area per volume, exposure hi, exposure lo, wall distance, diffusivity,
     * retardation of the species bound to the matrix}.
     */
    private final cl_mem[] shared;

    DeviceUnsplitStep(TransportModel model, DeviceImplicitDiffusion solvers, int guard, cl_mem[] shared) {
        this.model = model;
        this.solvers = solvers;
        this.guard = guard;
        this.shared = shared.clone();
        this.plasma = new PlasmaCurve[model.speciesCount()];
        for (int s = 0; s < plasma.length; s++) {
            plasma[s] = model.plasma(s);
        }
        this.drugSpecies = model.drugSpeciesIndex().orElse(-1);
    }

    /** Enqueues one step [tS, tS + hS] of every species from {@code in} into {@code out} (concentration layout). */
    void step(cl_mem in, cl_mem out, double tS, double hS) {
        var grid = model.grid();
        int voxels = grid.voxelCount();
        double h2 = grid.voxelUm() * grid.voxelUm();
        MultigridKernels kernels = solvers.kernels();
        MultigridWorkspace work = solvers.work();
        int nx = grid.nx();
        int ny = grid.ny();
        for (int s = 0; s < plasma.length; s++) {
            long offset = guard + (long) s * voxels;
            double plasmaMean = plasma[s] != null ? plasma[s].mean(tS, tS + hS) : 0.0;
            double plasmaEnd = plasma[s] != null ? plasma[s].at(tS + hS) : 0.0;
            DeviceImplicitSolver solver = solvers.solver(s);
            // a species that does not diffuse has no held faces: the kernel ignores the boundary
            // argument then (hasBoundary 0), which still has to be some buffer
            MultigridKernels.args(kernels.unsplitAssemble, in, offset, shared[0], s, shared[1], shared[2], shared[3],
                    solver != null ? solver.boundarySource() : work.q, solver != null ? 1 : 0, plasmaMean, plasmaEnd, hS, h2,
                    work.mass(0), work.rhs, work.solution, nx, ny, shared[6], shared[7], shared[8]);
            kernels.launch(kernels.unsplitAssemble, nx, ny, grid.nz());
            if (solver != null) {
                solver.setAbsorptionField();
                solvers.solveChecked(solver, work.solution, s, "the unsplit step");
            }
            MultigridKernels.args(kernels.unsplitFinish, in, out, offset, shared[0], s, shared[1], shared[2], shared[3],
                    work.solution, hS, s == drugSpecies ? 1 : 0, ExposureWeights.SERIES_BELOW, shared[4], shared[5], nx, ny,
                    shared[6], shared[7], shared[8], plasmaMean);
            kernels.launch(kernels.unsplitFinish, nx, ny, grid.nz());
        }
    }
}

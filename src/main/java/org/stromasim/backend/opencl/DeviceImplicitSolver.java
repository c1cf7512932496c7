package org.stromasim.backend.opencl;

import org.jocl.cl_mem;

/**
 * One species' multigrid solve of the implicit scheme on the device, whichever coarsening
 * ({@code run.multigrid.diffusion_coarsening}) runs it: {@link DeviceMultigrid} (geometric) or
 * {@link DeviceOperatorDependentImplicit} (operator-dependent). Vectors are padded doubles in the scaled form
 * a·h²·u + Σ T·(u − u_nb) = rhs of {@link MultigridWorkspace}.
 */
interface DeviceImplicitSolver extends AutoCloseable {

    /** The fine operator's faces on the device (set an absorption first: an operator-dependent one builds it then). */
    MultigridKernels.DeviceLevel fine();

    /** Σ conductance·held value per padded fine cell (the right-hand side's boundary part). */
    cl_mem boundarySource();

    /** a (&gt; 0) the same in every voxel for the following solves. */
    void setAbsorption(double absorption);

    /** a per voxel for the following solves: the fine masses a·h² are in {@code work.mass(0)}. */
    void setAbsorptionField();

    /** Solves from u's start value; returns {iterations, ‖rhs‖, ‖residual‖} as {@link DeviceMultigrid#solve}. */
    double[] solve(cl_mem u, cl_mem rhs, double relativeTolerance, int maxIterations);

    @Override
    void close();
}

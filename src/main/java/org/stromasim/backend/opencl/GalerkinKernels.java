package org.stromasim.backend.opencl;

import org.jocl.CL;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * The kernels of kernels/galerkin.cl (built after kernels/multigrid.cl) and how to launch them: the
 * passes of the operator-dependent cycle on its 27-point Galerkin levels and its black-box transfers,
 * each over one level's interior with the work-groups of {@link MultigridKernels#launch}.
 */
final class GalerkinKernels {

    static final String[] SOURCES = {MultigridKernels.KERNELS, "kernels/galerkin.cl"};
    /**
     * Entries per axis and coarse coordinate of the restriction's gather table: the fine coordinates g and
     * bits δ whose floor(g/2) + δ is that coarse coordinate and whose weight can be non-zero (2I − 1 with
     * δ = 1, 2I and 2I + 1 with δ = 0; an even g never has δ = 1 along that axis).
     */
    static final int RESTRICT_PAIRS = 3;

    private final cl_command_queue queue;
    private final cl_kernel stencil;
    private final cl_kernel chebyshev;
    private final cl_kernel combine;
    private final cl_kernel prolong;
    private final cl_kernel restrict;

    GalerkinKernels(ClResources resources, DeviceContext context, cl_command_queue queue) {
        this.queue = queue;
        cl_program program = context.program(SOURCES,
                "-DDOT_LOCAL=" + MultigridKernels.REDUCE_LOCAL + " -DRESTRICT_PAIRS=" + RESTRICT_PAIRS);
        this.stencil = kernel(resources, program, "od_stencil");
        this.chebyshev = kernel(resources, program, "od_chebyshev");
        this.combine = kernel(resources, program, "od_combine");
        this.prolong = kernel(resources, program, "od_prolong_add");
        this.restrict = kernel(resources, program, "od_restrict");
    }

    private static cl_kernel kernel(ClResources resources, cl_program program, String name) {
        return resources.kernel(DeviceContext.kernel(program, String.join("+", SOURCES), name));
    }

    /** What {@link #stencil} writes. */
    enum Pass {
        /** A·u */
        PRODUCT,
        /** rhs − A·u */
        RESIDUAL,
        /** diag⁻¹·(rhs − A·u), 0 where the diagonal is 0 */
        JACOBI_RESIDUAL
    }

    /** One pass of level {@code c}'s 27-point operator (rhs may be null for {@link Pass#PRODUCT}). */
    void stencil(StencilDeviceLevel c, Pass pass, cl_mem u, cl_mem rhs, cl_mem out) {
        MultigridKernels.args(stencil, c.coefficients, c.paddedSize(), u, rhs != null ? rhs : u, out, pass.ordinal(),
                c.nx, c.ny, c.nz, c.periodic);
        launch(stencil, c.nx, c.ny, c.nz);
    }

    /** d = keep·d + push·r (r Jacobi-scaled); u += d. */
    void chebyshev(int nx, int ny, int nz, cl_mem r, cl_mem d, cl_mem u, double keep, double push) {
        MultigridKernels.args(chebyshev, r, d, u, keep, push, nx, ny);
        launch(chebyshev, nx, ny, nz);
    }

    /** out = alpha·x + beta·y over the interior (out may be x or y). */
    void combine(int nx, int ny, int nz, cl_mem x, cl_mem y, cl_mem out, double alpha, double beta) {
        MultigridKernels.args(combine, x, y, out, alpha, beta, nx, ny);
        launch(combine, nx, ny, nz);
    }

    /** fineX += P·coarseX, P the interpolation into {@code coarse} from the level above it ({@code fine}). */
    void prolongAdd(StencilDeviceLevel coarse, cl_mem coarseX, int[] fine, cl_mem fineX) {
        MultigridKernels.args(prolong, coarseX, coarse.weights, coarse.coordinates, fineX, fine[0], fine[1], fine[2],
                coarse.nx, coarse.ny);
        launch(prolong, fine[0], fine[1], fine[2]);
    }

    /** coarseB = Pᵀ·fineR. */
    void restrict(int[] fine, cl_mem fineR, StencilDeviceLevel coarse, cl_mem coarseB) {
        MultigridKernels.args(restrict, fineR, coarse.weights, coarse.pairs, coarseB, fine[0], fine[1], coarse.nx,
                coarse.ny);
        launch(restrict, coarse.nx, coarse.ny, coarse.nz);
    }

    private void launch(cl_kernel k, int nx, int ny, int nz) {
        CL.clEnqueueNDRangeKernel(queue, k, 3, null, new long[] {nx, ny, nz},
                new long[] {MultigridKernels.rowGroup(nx), 1, 1}, 0, null, null);
    }
}

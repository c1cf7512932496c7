package org.stromasim.backend.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.stromasim.solver.MultigridHierarchy;

/**
 * The kernels of kernels/multigrid.cl and how to launch them: one method per pass of the V-cycle,
 * the PCG updates and the TR-BDF2 stages, each over one level's interior (a 3D NDRange of exactly
 * nx·ny·nz; the runtime picks the work-group). Reductions return the sum (or maximum) of a fixed
 * number of work-group partials, read back and summed on the host in a fixed order.
 */
final class MultigridKernels {

    static final String KERNELS = "kernels/multigrid.cl";
    /** Work-items per reduction work-group (a power of two every OpenCL device allows). */
    static final int REDUCE_LOCAL = 64;
    /** Work-groups of a reduction: enough to keep a CPU's or GPU's cores busy, few to read back. */
    static final int REDUCE_GROUPS = 128;

    private final cl_command_queue queue;
    private final cl_kernel operator;
    private final cl_kernel chebyshev;
    private final cl_kernel restrict;
    private final cl_kernel prolong;
    private final cl_kernel direction;
    private final cl_kernel update;
    private final cl_kernel reduce;
    final cl_kernel load;
    final cl_kernel stage1;
    final cl_kernel stage2;
    final cl_kernel store;
    final cl_kernel mass;
    final cl_kernel unsplitAssemble;
    final cl_kernel unsplitFinish;
    private final cl_mem partial;
    private final double[] partialHost = new double[REDUCE_GROUPS];

    MultigridKernels(ClResources resources, DeviceContext context, cl_command_queue queue) {
        this.queue = queue;
        cl_program program = context.program(KERNELS, "-DDOT_LOCAL=" + REDUCE_LOCAL);
        this.operator = kernel(resources, program, "mg_operator");
        this.chebyshev = kernel(resources, program, "mg_chebyshev");
        this.restrict = kernel(resources, program, "mg_restrict");
        this.prolong = kernel(resources, program, "mg_prolong_add");
        this.direction = kernel(resources, program, "cg_direction");
        this.update = kernel(resources, program, "cg_update");
        this.reduce = kernel(resources, program, "mg_reduce");
        this.load = kernel(resources, program, "trbdf2_load");
        this.stage1 = kernel(resources, program, "trbdf2_stage1_rhs");
        this.stage2 = kernel(resources, program, "trbdf2_stage2_rhs");
        this.store = kernel(resources, program, "trbdf2_store");
        this.mass = kernel(resources, program, "trbdf2_mass");
        this.unsplitAssemble = kernel(resources, program, "unsplit_assemble");
        this.unsplitFinish = kernel(resources, program, "unsplit_finish");
        this.partial = resources.buffer(CL.CL_MEM_READ_WRITE, (long) REDUCE_GROUPS * Sizeof.cl_double);
    }

    private static cl_kernel kernel(ClResources resources, cl_program program, String name) {
        return resources.kernel(DeviceContext.kernel(program, KERNELS, name));
    }

    /**
     * out = rhs − A·u (rhs non-null) or out = A·u on level {@code c}, with the mass a·{@code mass} per
     * cell ({@code mass} the level's unit masses for a scalar a, or per-voxel masses with a = 1).
     */
    void operator(DeviceLevel c, cl_mem mass, double a, cl_mem u, cl_mem rhs, cl_mem out) {
        args(operator, c.fx, c.fy, c.fz, c.faceSum, mass, a, u, rhs != null ? rhs : u, out, rhs != null ? 1 : 0,
                c.nx, c.ny, c.nz, c.periodic);
        launch(operator, c);
    }

    /** d = keep·d + push·r/diag; u += d. */
    void chebyshev(DeviceLevel c, cl_mem mass, double a, cl_mem r, cl_mem d, cl_mem u, double keep, double push) {
        args(chebyshev, c.faceSum, mass, a, r, d, u, keep, push, c.nx, c.ny);
        launch(chebyshev, c);
    }

    /** coarse.b = R·fine.r (block sums over coupled fine cells). */
    void restrict(DeviceLevel fine, cl_mem fineR, DeviceLevel coarse, cl_mem coarseB) {
        args(restrict, fineR, fine.coupledSum, coarseB, fine.nx, fine.ny, fine.nz, coarse.nx, coarse.ny);
        launch(restrict, coarse);
    }

    /** fine.x += P·coarse.x. */
    void prolongAdd(DeviceLevel coarse, cl_mem coarseX, DeviceLevel fine, cl_mem fineX) {
        args(prolong, coarseX, fine.coupledSum, fineX, fine.nx, fine.ny, coarse.nx, coarse.ny);
        launch(prolong, fine);
    }

    void direction(DeviceLevel c, cl_mem z, cl_mem dir, double beta) {
        args(direction, z, dir, beta, c.nx, c.ny);
        launch(direction, c);
    }

    void update(DeviceLevel c, cl_mem u, cl_mem res, cl_mem dir, cl_mem q, double alpha) {
        args(update, u, res, dir, q, alpha, c.nx, c.ny);
        launch(update, c);
    }

    /** Σ x·y over the level's interior. */
    double dot(DeviceLevel c, cl_mem x, cl_mem y) {
        return dot(c.nx, c.ny, c.nz, x, y);
    }

    /** Σ x·y over the interior of a padded nx·ny·nz level. */
    double dot(int nx, int ny, int nz, cl_mem x, cl_mem y) {
        args(reduce, x, y, x, 0.0, 0, partial, nx, ny, nz); // mode 0 reads no face sums
        int groups = groups((long) nx * ny * nz);
        runReduction(groups);
        double sum = 0;
        for (int g = 0; g < groups; g++) {
            sum += partialHost[g];
        }
        return sum;
    }

    /** max over cells with a·mass + faceSum &gt; 0 of coupledSum/(a·mass + faceSum) (0 if none). */
    double maxCoupledRatio(DeviceLevel c, cl_mem mass, double a) {
        args(reduce, mass, c.coupledSum, c.faceSum, a, 1, partial, c.nx, c.ny, c.nz);
        int groups = groups(c.cells());
        runReduction(groups);
        double max = 0;
        for (int g = 0; g < groups; g++) {
            max = Math.max(max, partialHost[g]);
        }
        return max;
    }

    private static int groups(long cells) {
        long needed = (cells + REDUCE_LOCAL - 1) / REDUCE_LOCAL;
        return (int) Math.min(REDUCE_GROUPS, needed);
    }

    private void runReduction(int groups) {
        CL.clEnqueueNDRangeKernel(queue, reduce, 1, null, new long[] {(long) groups * REDUCE_LOCAL},
                new long[] {REDUCE_LOCAL}, 0, null, null);
        CL.clEnqueueReadBuffer(queue, partial, CL.CL_TRUE, 0, (long) groups * Sizeof.cl_double,
                Pointer.to(partialHost), 0, null, null);
    }

    /**
     * Launches {@code k} over the interior of level {@code c}: work-groups of whole rows (the largest
     * divisor of nx up to {@link #MAX_ROW_GROUP}), so a CPU runtime runs each group as one loop along x
     * that it can vectorise; the runtime's own choice for odd sizes is as small as 1 item per group.
     */
    void launch(cl_kernel k, DeviceLevel c) {
        launch(k, c.nx, c.ny, c.nz);
    }

    /** {@link #launch(cl_kernel, DeviceLevel)} over an nx·ny·nz grid (the fine one, with or without a solver). */
    void launch(cl_kernel k, int nx, int ny, int nz) {
        CL.clEnqueueNDRangeKernel(queue, k, 3, null, new long[] {nx, ny, nz}, new long[] {rowGroup(nx), 1, 1},
                0, null, null);
    }

    /** Largest work-group along x (every OpenCL device allows 128 work-items per group in dimension 0). */
    static final int MAX_ROW_GROUP = 128;

    static int rowGroup(int nx) {
        for (int g = Math.min(nx, MAX_ROW_GROUP); g > 1; g--) {
            if (nx % g == 0) {
                return g;
            }
        }
        return 1;
    }

    /** Sets the kernel's arguments in order: cl_mem, Double → double, Integer → int, Long → long. */
    static void args(cl_kernel k, Object... values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof cl_mem m) {
                CL.clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(m));
            } else if (v instanceof Double d) {
                CL.clSetKernelArg(k, i, Sizeof.cl_double, Pointer.to(new double[] {d}));
            } else if (v instanceof Integer n) {
                CL.clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {n}));
            } else if (v instanceof Long n) {
                CL.clSetKernelArg(k, i, Sizeof.cl_long, Pointer.to(new long[] {n}));
            } else {
                throw new IllegalArgumentException("kernel argument " + i + " of type " + v.getClass());
            }
        }
    }

    /** The bit of axis 0/1/2 (x/y/z) in a level's {@code periodic} mask (PERIODIC_X/Y/Z in the kernels). */
    static int periodicBit(int axis) {
        return 1 << axis;
    }

    /**
     * One level's coefficients on the device ({@link MultigridHierarchy.Level}), and its shape.
     * {@code periodic}: {@link #periodicBit} of each periodic axis.
     */
    static final class DeviceLevel {
        final int nx;
        final int ny;
        final int nz;
        final int periodic;
        final int rowGroup;
        final cl_mem fx;
        final cl_mem fy;
        final cl_mem fz;
        final cl_mem faceSum;
        final cl_mem unitMass;
        final cl_mem coupledSum;

        DeviceLevel(ClResources resources, MultigridHierarchy.Level level, int periodic) {
            this.nx = level.nx();
            this.ny = level.ny();
            this.nz = level.nz();
            this.periodic = periodic;
            this.rowGroup = rowGroup(nx);
            this.fx = upload(resources, level.fx());
            this.fy = upload(resources, level.fy());
            this.fz = upload(resources, level.fz());
            this.faceSum = upload(resources, level.faceSum());
            this.unitMass = upload(resources, level.unitMass());
            this.coupledSum = upload(resources, level.coupledSum());
        }

        int cells() {
            return nx * ny * nz;
        }

        static cl_mem upload(ClResources resources, double[] values) {
            return resources.readOnly(Pointer.to(values), (long) values.length * Sizeof.cl_double);
        }
    }
}

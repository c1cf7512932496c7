package org.stromasim.backend.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * The reaction-only pass of the large-step schemes (RKL2 and implicit with plain coupling) on the
 * device, kernel {@code rkl2_react} of kernels/rkl2.cl: per coupling step the exact reaction sub-steps
 * and the exact sub-step exposure in place on the diffused state. Owns the per-pass buffer of exposure
 * end weights.
 */
final class LargeStepReactions {

    private final cl_command_queue queue;
    private final cl_kernel react;
    private final long[] global;
    private final long[] local;
    private final cl_mem endWeights;

    /**
     * @param program    the program of kernels/transport.cl followed by kernels/rkl2.cl
     * @param cpuTile    the exact CPU tile {x, y, 1} of the transport kernel, or null on other devices
     * @param itemsX     work-items per row
     * @param shared     {cell, viability, wall area, params, plasma levels, exposure hi, exposure lo, keys,
     *                   tables} (kernel arguments 1–9)
     * @param plasmaGroups per voxel its plasma group (kernel argument 18; see kernels/transport.cl)
     * @param wallDistance per voxel its centre's distance from its vessel wall, µm (kernel argument 19)
     * @param diffusivity  the species' voxel diffusivities, padded like the state (kernel argument 20), which
     *                     the wall exchange's series resistance reads
     */
    LargeStepReactions(cl_program program, ClResources resources, OpenClDevice device, cl_command_queue queue,
                       long[] cpuTile, int itemsX, int nx, int ny, int nz, int species, int guard,
                       int passesPerUpload, int endWeightsPerPass, cl_mem[] shared, cl_mem plasmaGroups,
                       cl_mem wallDistance, cl_mem diffusivity, cl_mem retardation) {
        this.queue = queue;
        this.react = resources.kernel(DeviceContext.kernel(program, OpenClBackend.RKL2_KERNELS, "rkl2_react"));
        this.local = cpuTile != null ? cpuTile : LocalSizes.forGrid(react, device.device(), nx, ny);
        this.global = LocalSizes.padded(new long[] {itemsX, ny, (long) nz * species}, local);
        this.endWeights = resources.buffer(CL.CL_MEM_READ_ONLY,
                (long) passesPerUpload * endWeightsPerPass * Sizeof.cl_float);
        for (int b = 0; b < shared.length; b++) {
            mem(1 + b, shared[b]);
        }
        mem(10, endWeights);
        intArg(11, nx);
        intArg(12, ny);
        intArg(13, nz);
        intArg(14, guard);
        mem(18, plasmaGroups);
        mem(19, wallDistance);
        mem(20, diffusivity);
        mem(21, retardation);
    }

    /** The exposure end-weight buffer, filled per chunk of passes with the reaction tables. */
    cl_mem endWeights() {
        return endWeights;
    }

    /**
     * Enqueues the reaction pass {@code pass} of {@code schedule} (tables and levels in upload slot
     * {@code slot}) in place on {@code state}.
     */
    void enqueue(PassSchedule schedule, int pass, int slot, cl_mem state) {
        mem(0, state);
        intArg(15, slot);
        floatArg(16, (float) schedule.reactionAS(pass));
        floatArg(17, (float) schedule.reactionBS(pass));
        CL.clEnqueueNDRangeKernel(queue, react, 3, null, global, local, 0, null, null);
    }

    private void mem(int index, cl_mem m) {
        CL.clSetKernelArg(react, index, Sizeof.cl_mem, Pointer.to(m));
    }

    private void intArg(int index, int value) {
        CL.clSetKernelArg(react, index, Sizeof.cl_int, Pointer.to(new int[] {value}));
    }

    private void floatArg(int index, float value) {
        CL.clSetKernelArg(react, index, Sizeof.cl_float, Pointer.to(new float[] {value}));
    }
}

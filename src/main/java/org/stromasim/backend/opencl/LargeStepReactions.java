package org.stromasim.backend.opencl;

import static org.jocl.CL.CL_MEM_READ_WRITE;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * The reaction-only pass of the large-step schemes (RKL2 and implicit) on the device, kernel
 * {@code rkl2_react} of kernels/rkl2.cl: per coupling step the exact reaction sub-steps and sub-step
 * exposure in place on the diffused state, with the rebalancing term of rebalanced coupling (RKL2
 * only) read and updated here. Owns the rebalancing term q, the last opening increment (both one
 * float when coupling is plain) and the per-pass gains buffer.
 */
final class LargeStepReactions {

    private final cl_command_queue queue;
    private final cl_kernel react;
    private final long[] global;
    private final long[] local;
    final cl_mem rebalance;
    private final cl_mem opening;
    private final cl_mem gains;

    /**
     * @param program    the program of kernels/transport.cl followed by kernels/rkl2.cl
     * @param cpuTile    the exact CPU tile {x, y, 1} of the transport kernel, or null on other devices
     * @param itemsX     work-items per row
     * @param rebalanced whether reacting species carry the rebalancing term (fieldBytes each buffer)
     * @param shared     {diffusivity, cell, viability, wall area, params, plasma levels, exposure hi,
     *                   exposure lo, keys, tables} (kernel arguments 4–13)
     * @param plasmaGroups per voxel its plasma group (kernel argument 26; see kernels/transport.cl)
     * @param wallDistance per voxel its centre's distance from its vessel wall, µm (kernel argument 27)
     */
    LargeStepReactions(cl_program program, ClResources resources, OpenClDevice device, cl_command_queue queue,
                       long[] cpuTile, int itemsX, int nx, int ny, int nz, int species, int guard, long fieldBytes,
                       boolean rebalanced, int passesPerUpload, int gainsPerPass, cl_mem[] shared,
                       cl_mem plasmaGroups, cl_mem wallDistance) {
        this.queue = queue;
        this.react = resources.kernel(DeviceContext.kernel(program, OpenClBackend.RKL2_KERNELS, "rkl2_react"));
        this.local = cpuTile != null ? cpuTile : LocalSizes.forGrid(react, device.device(), nx, ny);
        this.global = LocalSizes.padded(new long[] {itemsX, ny, (long) nz * species}, local);
        this.rebalance = zeroed(resources, rebalanced ? fieldBytes : Sizeof.cl_float);
        this.opening = zeroed(resources, rebalanced ? fieldBytes : Sizeof.cl_float);
        this.gains = resources.buffer(CL.CL_MEM_READ_ONLY, (long) passesPerUpload * gainsPerPass * Sizeof.cl_float);
        mem(2, rebalance);
        mem(3, opening);
        for (int b = 0; b < shared.length; b++) {
            mem(4 + b, shared[b]);
        }
        mem(14, gains);
        intArg(15, nx);
        intArg(16, ny);
        intArg(17, nz);
        intArg(18, guard);
        intArg(23, rebalanced ? 1 : 0);
        mem(26, plasmaGroups);
        mem(27, wallDistance);
    }

    private cl_mem zeroed(ClResources resources, long bytes) {
        cl_mem m = resources.buffer(CL_MEM_READ_WRITE, bytes);
        CL.clEnqueueFillBuffer(queue, m, Pointer.to(new float[] {0f}), Sizeof.cl_float, 0, bytes, 0, null, null);
        return m;
    }

    /** The gains buffer, filled per chunk of passes with the reaction tables. */
    cl_mem gains() {
        return gains;
    }

    /** Sets the coupling step of the following passes (the rebalancing update divides by 2·dt). */
    void prepare(double dtS) {
        floatArg(25, (float) (0.5 / dtS));
    }

    /**
     * Enqueues the reaction pass {@code pass} of {@code schedule} (tables and levels in upload slot
     * {@code slot}) in place on {@code state}; {@code before} is the diffusion input of the step just
     * diffused (pass ≥ 1).
     */
    void enqueue(PassSchedule schedule, int pass, int slot, cl_mem state, cl_mem before) {
        mem(0, state);
        mem(1, before);
        intArg(19, slot);
        floatArg(20, (float) schedule.reactionAS(pass));
        floatArg(21, (float) schedule.reactionBS(pass));
        floatArg(22, (float) schedule.exposureWeightS(pass));
        intArg(24, schedule.diffuses(pass) ? 1 : 0);
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

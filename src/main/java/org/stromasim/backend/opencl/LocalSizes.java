package org.stromasim.backend.opencl;

import static org.jocl.CL.CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;

/**
 * Work-group sizes chosen per device and kernel from what the driver reports (never hard-coded for
 * one device): the x extent is the kernel's preferred multiple (the SIMD/warp width) scaled up toward
 * a whole row, so that neighbouring work-items read neighbouring addresses; y takes what is left of
 * the kernel's maximum work-group size. Global sizes are padded up to multiples; kernels ignore the
 * padding.
 */
final class LocalSizes {

    private LocalSizes() {
    }

    /** Local size {x, y, 1} for the 3D transport kernel on an nx × ny × nz grid. */
    static long[] forGrid(cl_kernel kernel, cl_device_id device, int nx, int ny) {
        long maxGroup = kernelSize(kernel, device, CL_KERNEL_WORK_GROUP_SIZE);
        long multiple = Math.max(1, kernelSize(kernel, device, CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE));
        long target = Math.min(maxGroup, 256);
        long x = Math.min(multiple, target);
        while (x * 2 <= target && x < nx) {
            x *= 2;
        }
        long y = 1;
        while (x * y * 2 <= target && y < ny) {
            y *= 2;
        }
        return new long[] {x, y, 1};
    }

    /**
     * Local size {x, y, 1} for a CPU device running {@code itemsX} work-items per row (each one
     * several voxels wide): x covers the whole row and y as many rows as fit in {@link #CPU_GROUP_LIMIT}
     * work-items, both dividing the grid exactly, so the global size needs no padding. A CPU runtime
     * (PoCL) runs a work-group as a loop over its work-items and hands whole groups to its threads:
     * larger groups mean less scheduling overhead per voxel.
     */
    static long[] tileForCpu(cl_device_id device, int itemsX, int ny) {
        long[] max = new long[1];
        CL.clGetDeviceInfo(device, CL.CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(max), null);
        long limit = Math.min(max[0], CPU_GROUP_LIMIT);
        long x = largestDivisorAtMost(itemsX, limit);
        long y = largestDivisorAtMost(ny, Math.max(1, limit / x));
        return new long[] {x, y, 1};
    }

    /** Work-items per CPU work-group at most. */
    static final long CPU_GROUP_LIMIT = 128;

    private static long largestDivisorAtMost(long n, long limit) {
        long best = 1;
        for (long d = 1; d <= Math.min(n, limit); d++) {
            if (n % d == 0) {
                best = d;
            }
        }
        return best;
    }

    /** A power-of-two 1D local size for the reduction kernels (their tree needs a power of two). */
    static long forReduction(cl_kernel kernel, cl_device_id device) {
        long maxGroup = Math.min(256, kernelSize(kernel, device, CL_KERNEL_WORK_GROUP_SIZE));
        long size = 1;
        while (size * 2 <= maxGroup) {
            size *= 2;
        }
        return size;
    }

    static long[] padded(long[] global, long[] local) {
        long[] result = new long[global.length];
        for (int d = 0; d < global.length; d++) {
            result[d] = (global[d] + local[d] - 1) / local[d] * local[d];
        }
        return result;
    }

    private static long kernelSize(cl_kernel kernel, cl_device_id device, int param) {
        long[] value = new long[1];
        CL.clGetKernelWorkGroupInfo(kernel, device, param, Sizeof.size_t, Pointer.to(value), null);
        return value[0];
    }
}

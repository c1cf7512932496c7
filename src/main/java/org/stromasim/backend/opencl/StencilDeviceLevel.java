package org.stromasim.backend.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;
import org.stromasim.solver.OperatorDependentLevels;

/**
 * One coarse level of the operator-dependent hierarchy on the device: the interpolation into it from the
 * level above (weights, the Java transfer's coarse coordinates, and the restriction's gather table built
 * from them), its correction x and right-hand side b, and, when the device runs its cycle (not the host),
 * its 27-point coefficients and the K-cycle's work vectors. Coefficients and weights are the Java
 * solver's floats; vectors are padded doubles, zero-filled once (ghost values stay 0).
 */
final class StencilDeviceLevel {

    /** Padded double vectors of a device level: x, b, r, d and the K-cycle's kept b, c1, A·c1, c2. */
    static final int VECTORS = 8;

    final int nx;
    final int ny;
    final int nz;
    final int periodic;
    final double smootherBound;
    final cl_mem weights;
    final cl_mem coordinates;
    final cl_mem pairs;
    final cl_mem x;
    final cl_mem b;
    /** Null on a level whose cycle runs on the host. */
    final cl_mem coefficients;
    final cl_mem r;
    final cl_mem d;
    final cl_mem keptB;
    final cl_mem c1;
    final cl_mem v1;
    final cl_mem c2;

    /**
     * Coarse level l of {@code levels}, whose level above is {@code above} cells; with its operator and
     * work vectors when {@code onDevice}.
     */
    StencilDeviceLevel(ClResources resources, cl_command_queue queue, OperatorDependentLevels levels, int l, int[] above,
                       boolean onDevice) {
        int[] shape = levels.shape(l);
        this.nx = shape[0];
        this.ny = shape[1];
        this.nz = shape[2];
        int mask = 0;
        for (int axis = 0; axis < 3; axis++) {
            mask |= levels.periodic(axis) ? MultigridKernels.periodicBit(axis) : 0;
        }
        this.periodic = mask;
        this.smootherBound = levels.smootherBound(l);
        float[] w = levels.weights(l);
        this.weights = resources.readOnly(Pointer.to(w), (long) w.length * Sizeof.cl_float);
        int[][][] coarse = new int[3][2][];
        for (int axis = 0; axis < 3; axis++) {
            for (int delta = 0; delta < 2; delta++) {
                coarse[axis][delta] = levels.coarseCoordinates(l, axis, delta);
            }
        }
        int[] coord = coordinateTable(coarse, above);
        this.coordinates = resources.readOnly(Pointer.to(coord), (long) coord.length * Sizeof.cl_int);
        int[] gather = restrictionTable(coarse, above, shape);
        this.pairs = resources.readOnly(Pointer.to(gather), (long) gather.length * Sizeof.cl_int);
        long bytes = paddedSize() * Sizeof.cl_double;
        this.x = zeroed(resources, queue, bytes);
        this.b = zeroed(resources, queue, bytes);
        if (onDevice) {
            long floats = paddedSize();
            this.coefficients = resources.buffer(CL.CL_MEM_READ_ONLY, 27 * floats * Sizeof.cl_float);
            for (int s = 0; s < 27; s++) {
                CL.clEnqueueWriteBuffer(queue, coefficients, CL.CL_TRUE, s * floats * Sizeof.cl_float,
                        floats * Sizeof.cl_float, Pointer.to(levels.coefficient(l, s)), 0, null, null);
            }
            this.r = zeroed(resources, queue, bytes);
            this.d = zeroed(resources, queue, bytes);
            this.keptB = zeroed(resources, queue, bytes);
            this.c1 = zeroed(resources, queue, bytes);
            this.v1 = zeroed(resources, queue, bytes);
            this.c2 = zeroed(resources, queue, bytes);
        } else {
            this.coefficients = null;
            this.r = null;
            this.d = null;
            this.keptB = null;
            this.c1 = null;
            this.v1 = null;
            this.c2 = null;
        }
    }

    long paddedSize() {
        return (long) (nx + 2) * (ny + 2) * (nz + 2);
    }

    int cells() {
        return nx * ny * nz;
    }

    int[] shape() {
        return new int[] {nx, ny, nz};
    }

    /** The prolongation's coordinates: per axis and δ the Java transfer's padded coarse coordinate of each fine g. */
    static int[] coordinateTable(int[][][] coarse, int[] above) {
        int[] table = new int[2 * (above[0] + above[1] + above[2])];
        int offset = 0;
        for (int axis = 0; axis < 3; axis++) {
            for (int delta = 0; delta < 2; delta++) {
                System.arraycopy(coarse[axis][delta], 0, table, offset, above[axis]);
                offset += above[axis];
            }
        }
        return table;
    }

    /**
     * The restriction's gather table: per axis and coarse coordinate I, up to {@link GalerkinKernels#RESTRICT_PAIRS}
     * entries 2·g + δ (−1 for none) of the fine coordinates g and bits δ that the Java transfer maps to I,
     * leaving out an even g with δ = 1 (its weight is 0: along an even axis only δ = 0 is used).
     */
    static int[] restrictionTable(int[][][] coarse, int[] above, int[] shape) {
        int[] table = new int[GalerkinKernels.RESTRICT_PAIRS * (shape[0] + shape[1] + shape[2])];
        java.util.Arrays.fill(table, -1);
        int base = 0;
        for (int axis = 0; axis < 3; axis++) {
            int[] count = new int[shape[axis]];
            for (int g = 0; g < above[axis]; g++) {
                for (int delta = 0; delta < 2; delta++) {
                    if (delta == 1 && g % 2 == 0) {
                        continue;
                    }
                    int target = coarse[axis][delta][g] - 1; // padded coordinate to interior
                    if (target < 0 || target >= shape[axis]) {
                        continue; // the ghost past a non-periodic end, weight 0
                    }
                    if (count[target] == GalerkinKernels.RESTRICT_PAIRS) {
                        throw new IllegalStateException("more than " + GalerkinKernels.RESTRICT_PAIRS
                                + " fine cells map to coarse coordinate " + target + " along axis " + axis);
                    }
                    table[(base + target) * GalerkinKernels.RESTRICT_PAIRS + count[target]++] = 2 * g + delta;
                }
            }
            base += shape[axis];
        }
        return table;
    }

    private static cl_mem zeroed(ClResources resources, cl_command_queue queue, long bytes) {
        cl_mem m = resources.buffer(CL.CL_MEM_READ_WRITE, bytes);
        CL.clEnqueueFillBuffer(queue, m, Pointer.to(new double[] {0.0}), Sizeof.cl_double, 0, bytes, 0, null, null);
        return m;
    }
}

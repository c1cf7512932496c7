package org.stromasim.backend.opencl;

import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;
import org.stromasim.solver.MultigridHierarchy;

/**
 * The device work arrays of the multigrid solves, shared by every species (they solve one after the
 * other): per level the correction x, right-hand side b, residual r and Chebyshev direction d; on the
 * fine level the TR-BDF2 vectors (start, stage value, solution, right-hand side) and the PCG vectors
 * (residual, direction, A·direction). All padded doubles, zero-filled once (ghost values stay 0).
 */
final class MultigridWorkspace {

    /** Padded double arrays per level. */
    static final int PER_LEVEL = 4;
    /** Further padded double arrays on the fine level. */
    static final int FINE_EXTRA = 7;

    final List<cl_mem[]> levels = new ArrayList<>();
    /** Per level the per-voxel masses of the unsplit coupling (empty for TR-BDF2's scalar absorptions). */
    private final List<cl_mem> masses = new ArrayList<>();
    final cl_mem start;
    final cl_mem star;
    final cl_mem solution;
    final cl_mem rhs;
    final cl_mem res;
    final cl_mem dir;
    final cl_mem q;

    MultigridWorkspace(ClResources resources, cl_command_queue queue, int nx, int ny, int nz, boolean perVoxelMasses) {
        for (int[] shape : MultigridHierarchy.levelShapes(nx, ny, nz)) {
            long bytes = padded(shape) * Sizeof.cl_double;
            cl_mem[] arrays = new cl_mem[PER_LEVEL];
            for (int a = 0; a < PER_LEVEL; a++) {
                arrays[a] = zeroed(resources, queue, bytes);
            }
            levels.add(arrays);
            if (perVoxelMasses) {
                masses.add(zeroed(resources, queue, bytes));
            }
        }
        long fine = padded(new int[] {nx, ny, nz}) * Sizeof.cl_double;
        start = zeroed(resources, queue, fine);
        star = zeroed(resources, queue, fine);
        solution = zeroed(resources, queue, fine);
        rhs = zeroed(resources, queue, fine);
        res = zeroed(resources, queue, fine);
        dir = zeroed(resources, queue, fine);
        q = zeroed(resources, queue, fine);
    }

    cl_mem x(int level) {
        return levels.get(level)[0];
    }

    cl_mem b(int level) {
        return levels.get(level)[1];
    }

    cl_mem r(int level) {
        return levels.get(level)[2];
    }

    cl_mem d(int level) {
        return levels.get(level)[3];
    }

    /** Level l's per-voxel masses (a·h² on the fine level); only in a workspace built with them. */
    cl_mem mass(int level) {
        if (masses.isEmpty()) {
            throw new IllegalStateException("this multigrid workspace has no per-voxel masses");
        }
        return masses.get(level);
    }

    static long padded(int[] shape) {
        return MultigridHierarchy.paddedCells(shape);
    }

    /**
     * Device bytes of the implicit scheme on an nx·ny·nz grid with {@code species} species: this
     * workspace (with {@code perVoxelMasses} one more padded double array per level), plus per species its hierarchy ({@link DeviceMultigrid#COEFFICIENT_ARRAYS} per level
     * and the fine level's boundary source), all padded doubles.
     */
    static long deviceBytes(int nx, int ny, int nz, int species, boolean perVoxelMasses) {
        long levelCells = 0;
        for (int[] shape : MultigridHierarchy.levelShapes(nx, ny, nz)) {
            levelCells += padded(shape);
        }
        long fine = padded(new int[] {nx, ny, nz});
        long shared = (PER_LEVEL + (perVoxelMasses ? 1 : 0)) * levelCells + FINE_EXTRA * fine;
        long perSpecies = DeviceMultigrid.COEFFICIENT_ARRAYS * levelCells + fine;
        return (shared + species * perSpecies) * Sizeof.cl_double
                + (long) MultigridKernels.REDUCE_GROUPS * Sizeof.cl_double;
    }

    /** The largest single buffer: one padded double array of the fine level. */
    static long largestBufferBytes(int nx, int ny, int nz) {
        return padded(new int[] {nx, ny, nz}) * Sizeof.cl_double;
    }

    private static cl_mem zeroed(ClResources resources, cl_command_queue queue, long bytes) {
        cl_mem m = resources.buffer(CL.CL_MEM_READ_WRITE, bytes);
        CL.clEnqueueFillBuffer(queue, m, Pointer.to(new double[] {0.0}), Sizeof.cl_double, 0, bytes, 0, null, null);
        return m;
    }
}

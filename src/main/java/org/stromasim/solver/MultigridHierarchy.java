package org.stromasim.solver;

import java.util.ArrayList;
import java.util.List;

/**
 * The levels of a {@link MultigridSolver} as plain arrays, for an implementation of the same V-cycle on
 * another device (the OpenCL backend's implicit scheme): the coarsening, the face conductances and the
 * transfers are built once, here, so both implementations run the same operator on every level, and
 * the small coarse levels' part of the cycle runs here too ({@link #vCycleOnHost}).
 *
 * <p>Every array is in the padded layout of the solver's levels ((nx+2)·(ny+2)·(nz+2), x fastest, one
 * ghost layer; {@link Level#index}): {@code fx/fy/fz} the conductance of each cell's + face (the ghost
 * entry on the − side holds the wrapped face of a periodic axis), {@code faceSum} the sum over the
 * cell's faces including a held domain face, {@code unitMass} the cell's diagonal mass for a = 1
 * (h² on the fine level, summed over the coupled fine cells of a block on the coarse ones, as the
 * solver restricts it), and {@code coupledSum} the conductance to other cells (faceSum without held
 * faces): a cell takes part in the transfers when it is &gt; 0, and the Chebyshev interval of a level
 * is [λ/ratio, λ] with λ = 1 + max over cells of coupledSum/(a·unitMass + faceSum).
 *
 * <p>All conductances are in the solver's scaled units (K, not K/h²): the equations are a·h²·u + Σ…
 * = f·h² + {@link #boundarySource()}, as in {@link MultigridSolver}.
 */
public final class MultigridHierarchy {

    /** One level's geometry and coefficients; see the class comment for the layout. */
    public record Level(int nx, int ny, int nz, double[] fx, double[] fy, double[] fz, double[] faceSum,
                        double[] unitMass, double[] coupledSum) {

        /** Padded index of interior cell (i, j, k). */
        public int index(int i, int j, int k) {
            return (i + 1) + (nx + 2) * ((j + 1) + (ny + 2) * (k + 1));
        }

        public int paddedSize() {
            return (nx + 2) * (ny + 2) * (nz + 2);
        }

        public int cells() {
            return nx * ny * nz;
        }
    }

    private final List<Level> levels;
    private final boolean[] periodic;
    private final double[] boundarySource;
    private final double h;
    /** The first level whose cycle runs on the host ({@link #vCycleOnHost}). */
    private final int firstHostLevel;
    private final HostCycle hostCycle;

    /**
     * Levels of at most this many cells run their part of the cycle on the host: a device pass costs a
     * launch (tens of µs on a GPU, up to a millisecond on a loaded CPU runtime) whatever its size, and
     * the host does a 16³ level's whole cycle in well under a millisecond. Choice (C).
     */
    public static final int HOST_CELLS = 16 * 16 * 16;

    MultigridHierarchy(List<MultigridLevel> solverLevels, List<float[]> boundary, boolean[] periodic,
                       double[] boundarySource, double h) {
        List<Level> out = new ArrayList<>();
        for (int l = 0; l < solverLevels.size(); l++) {
            MultigridLevel level = solverLevels.get(l);
            double[] coupledSum = new double[level.size];
            float[] bc = boundary.get(l);
            for (int p = 0; p < level.size; p++) {
                coupledSum[p] = (double) level.faceSum[p] - bc[p];
            }
            out.add(new Level(level.nx, level.ny, level.nz, toDouble(level.fx), toDouble(level.fy), toDouble(level.fz),
                    toDouble(level.faceSum), toDouble(level.mass), coupledSum));
        }
        this.levels = List.copyOf(out);
        this.periodic = periodic.clone();
        this.boundarySource = boundarySource.clone();
        this.h = h;
        int first = solverLevels.size() - 1;
        while (first > 0 && solverLevels.get(first - 1).cells() <= HOST_CELLS) {
            first--;
        }
        this.firstHostLevel = first;
        this.hostCycle = new HostCycle(solverLevels.subList(first, solverLevels.size()),
                boundary.subList(first, solverLevels.size()), periodic);
    }

    /** The solver's float coefficients as doubles (exactly): the device runs its cycle in double. */
    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int p = 0; p < values.length; p++) {
            out[p] = values[p];
        }
        return out;
    }

    /** The levels, fine first; the small ones run on the host ({@link #vCycleOnHost}). */
    public List<Level> levels() {
        return levels;
    }

    /** Whether the x, y and z axes are periodic (on every level). */
    public boolean periodic(int axis) {
        return periodic[axis];
    }

    /** Σ conductance·held value of the held faces per padded fine cell (the right-hand side's boundary part). */
    public double[] boundarySource() {
        return boundarySource;
    }

    /** The voxel edge h the conductances are scaled by. */
    public double voxelEdge() {
        return h;
    }

    /** The first level whose part of the cycle {@link #vCycleOnHost} runs (the coarsest at least). */
    public int firstHostLevel() {
        return firstHostLevel;
    }

    /**
     * The V-cycle from zero on level {@link #firstHostLevel} and below, on the host, for absorption
     * {@code a} (&gt; 0): b in and x out in that level's padded layout ({@link HostCycle#vCycle(double, double[], double[])}).
     */
    public void vCycleOnHost(double a, double[] b, double[] x) {
        hostCycle.vCycle(a, b, x);
    }

    /** Per-voxel masses on the host levels ({@link HostCycle#setMasses}). */
    public void setHostMasses(double[] mass) {
        hostCycle.setMasses(mass);
    }

    /** The host part of the V-cycle with the masses of the last {@link #setHostMasses}. */
    public void vCycleOnHost(double[] b, double[] x) {
        hostCycle.vCycle(b, x);
    }

    /**
     * The host part of the cycle on its own: what a device solver keeps after uploading the device levels,
     * so that the grid-sized double arrays of {@link #levels} can be collected (at 128³ they are 56 bytes per
     * voxel and species).
     */
    public HostCycle hostCycle() {
        return hostCycle;
    }

    /**
     * Levels {@link #firstHostLevel} and below in private float copies whose diagonals follow a, and the V-cycle
     * over them: the same code as the Java solver's cycle on those levels.
     */
    public static final class HostCycle {
        private final List<MultigridLevel> hostLevels = new ArrayList<>();
        private final List<float[]> hostBoundary = new ArrayList<>();
        private final List<float[]> hostUnitMass = new ArrayList<>();
        private double preparedFor = Double.NaN;
        private DenseLu lu;
        /** Whether the host levels hold the masses of {@link #setMasses} (not those of a scalar a). */
        private boolean perVoxelPrepared;

        private HostCycle(List<MultigridLevel> sources, List<float[]> boundary, boolean[] periodic) {
            for (int l = 0; l < sources.size(); l++) {
                MultigridLevel source = sources.get(l);
                MultigridLevel copy = new MultigridLevel(source.nx, source.ny, source.nz, periodic);
                System.arraycopy(source.fx, 0, copy.fx, 0, source.size);
                System.arraycopy(source.fy, 0, copy.fy, 0, source.size);
                System.arraycopy(source.fz, 0, copy.fz, 0, source.size);
                System.arraycopy(source.faceSum, 0, copy.faceSum, 0, source.size);
                hostLevels.add(copy);
                hostBoundary.add(boundary.get(l).clone());
                hostUnitMass.add(source.mass.clone());
            }
        }

        /**
         * The V-cycle from zero on the host levels for absorption {@code a} (&gt; 0): b in and x out in the first
         * host level's padded layout. The diagonals and the coarsest LU are kept until a changes.
         */
        public void vCycle(double a, double[] b, double[] x) {
            if (!(a > 0) || !Double.isFinite(a)) {
                throw new IllegalArgumentException("absorption must be a finite number > 0, got " + a);
            }
            if (a != preparedFor) {
                for (int l = 0; l < hostLevels.size(); l++) {
                    MultigridLevel level = hostLevels.get(l);
                    float[] unit = hostUnitMass.get(l);
                    for (int p = 0; p < level.size; p++) {
                        level.mass[p] = (float) (a * unit[p]);
                    }
                    level.refreshDiagonal(hostBoundary.get(l));
                }
                lu = DenseLu.of(hostLevels.get(hostLevels.size() - 1));
                preparedFor = a;
                perVoxelPrepared = false;
            }
            run(b, x);
        }

        /** The host levels' cycle in their float arrays, b and x converted at the boundary of the device part. */
        private void run(double[] b, double[] x) {
            MultigridLevel top = hostLevels.get(0);
            for (int p = 0; p < top.size; p++) {
                top.b[p] = (float) b[p];
            }
            VCycle.run(hostLevels, lu, 0);
            for (int p = 0; p < top.size; p++) {
                x[p] = top.x[p];
            }
        }

        /**
         * Sets a per-voxel mass (a·h² summed as the solver restricts it) on the first host level ({@code mass} in
         * its padded layout), restricts it to the coarser host levels over their coupled cells (as
         * {@link MultigridSolver#setAbsorption} does), refreshes their diagonals and rebuilds the coarsest LU, for
         * the following {@link #vCycle(double[], double[])}: the host part of a device cycle with a varying a (the
         * unsplit coupling).
         */
        public void setMasses(double[] mass) {
            MultigridLevel top = hostLevels.get(0);
            if (mass.length != top.size) {
                throw new IllegalArgumentException("host level mass has " + mass.length + " values for " + top.size);
            }
            for (int l = 0; l < hostLevels.size(); l++) {
                MultigridLevel level = hostLevels.get(l);
                if (l == 0) {
                    for (int p = 0; p < level.size; p++) {
                        level.mass[p] = (float) mass[p];
                    }
                } else {
                    level.clear(level.mass);
                    Transfers.restrict(hostLevels.get(l - 1), hostLevels.get(l - 1).mass, level, level.mass);
                }
                level.refreshDiagonal(hostBoundary.get(l)); // also sets the coupled flags the next restriction reads
            }
            lu = DenseLu.of(hostLevels.get(hostLevels.size() - 1));
            preparedFor = Double.NaN; // a later scalar call rebuilds its own diagonals
            perVoxelPrepared = true;
        }

        /** The host part of the V-cycle with the masses of the last {@link #setMasses}. */
        public void vCycle(double[] b, double[] x) {
            if (!perVoxelPrepared) {
                throw new IllegalStateException("set the host levels' masses before a per-voxel cycle");
            }
            run(b, x);
        }
    }

    /**
     * Java heap that building a device's hierarchy with {@code coarsening} takes at its peak, one species at a
     * time, before the device solver keeps only what it needs. Geometric: the solver
     * ({@link MultigridSolver#heapBytes}), the stored copy of its computed fine level (10 floats, a byte and a
     * float of boundary source per padded cell), and per level the 6 double arrays of {@link Level}, with the
     * fine level's boundary source twice (the solver's and this hierarchy's copy); the device then keeps the
     * {@link HostCycle}. Operator-dependent: the solver, its exact fine operator in double (6 arrays and the
     * boundary source per padded cell) and the padded mass and absorption a device sets it with (2 doubles).
     */
    public static long hostBytesToBuild(int nx, int ny, int nz, Coarsening coarsening) {
        long bytes = MultigridSolver.heapBytes(nx, ny, nz, coarsening);
        List<int[]> shapes = levelShapes(nx, ny, nz);
        if (coarsening == Coarsening.OPERATOR_DEPENDENT) {
            return bytes + paddedCells(shapes.get(0)) * 9L * Double.BYTES;
        }
        for (int l = 0; l < shapes.size(); l++) {
            long padded = paddedCells(shapes.get(l));
            bytes += padded * 6L * Double.BYTES;
            if (l == 0) {
                bytes += padded * (45L + 2L * Double.BYTES);
            }
        }
        return bytes;
    }

    /** Cells of a level of {@code shape} {nx, ny, nz} with its ghost layer: (nx+2)·(ny+2)·(nz+2). */
    public static long paddedCells(int[] shape) {
        return (shape[0] + 2L) * (shape[1] + 2L) * (shape[2] + 2L);
    }

    /** The level shapes {nx, ny, nz} a solver for this grid builds, fine first (what device memory plans count). */
    public static List<int[]> levelShapes(int nx, int ny, int nz) {
        return MultigridSolver.levelShapes(nx, ny, nz);
    }
}

package org.stromasim.solver;

import java.util.ArrayList;
import java.util.List;

/**
 * The levels of a {@link MultigridSolver} as plain arrays, for an implementation of the same V-cycle on
 * another device (the OpenCL backend's implicit scheme): the coarsening, the face conductances and the
 * transfers are built once, here, so both implementations run the same operator on every level.
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
    /** A private copy of the coarsest level, whose diagonal the coarse solve sets per a. */
    private final MultigridLevel coarsest;
    private final double[] coarsestBoundary;
    private final double[] coarsestUnitMass;
    private double factorisedFor = Double.NaN;
    private DenseLu lu;

    MultigridHierarchy(List<MultigridLevel> solverLevels, List<double[]> boundary, boolean[] periodic,
                       double[] boundarySource, double h) {
        List<Level> out = new ArrayList<>();
        for (int l = 0; l < solverLevels.size(); l++) {
            MultigridLevel level = solverLevels.get(l);
            double[] coupledSum = new double[level.size];
            double[] bc = boundary.get(l);
            for (int p = 0; p < level.size; p++) {
                coupledSum[p] = level.faceSum[p] - bc[p];
            }
            out.add(new Level(level.nx, level.ny, level.nz, level.fx.clone(), level.fy.clone(), level.fz.clone(),
                    level.faceSum.clone(), level.mass.clone(), coupledSum));
        }
        this.levels = List.copyOf(out);
        this.periodic = periodic.clone();
        this.boundarySource = boundarySource.clone();
        this.h = h;
        MultigridLevel source = solverLevels.get(solverLevels.size() - 1);
        this.coarsest = new MultigridLevel(source.nx, source.ny, source.nz, periodic);
        System.arraycopy(source.fx, 0, coarsest.fx, 0, source.size);
        System.arraycopy(source.fy, 0, coarsest.fy, 0, source.size);
        System.arraycopy(source.fz, 0, coarsest.fz, 0, source.size);
        System.arraycopy(source.faceSum, 0, coarsest.faceSum, 0, source.size);
        this.coarsestBoundary = boundary.get(boundary.size() - 1).clone();
        this.coarsestUnitMass = source.mass.clone();
    }

    /** The levels, fine first; the last is solved directly ({@link #solveCoarsest}). */
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

    /**
     * x = A⁻¹·b on the coarsest level for absorption {@code a} (> 0), b and x in its padded layout; the
     * LU factors are kept until a changes.
     */
    public void solveCoarsest(double a, double[] b, double[] x) {
        if (!(a > 0) || !Double.isFinite(a)) {
            throw new IllegalArgumentException("absorption must be a finite number > 0, got " + a);
        }
        if (a != factorisedFor) {
            for (int p = 0; p < coarsest.size; p++) {
                coarsest.mass[p] = a * coarsestUnitMass[p];
            }
            coarsest.refreshDiagonal(coarsestBoundary);
            lu = DenseLu.of(coarsest);
            factorisedFor = a;
        }
        lu.solve(coarsest, b, x);
    }

    /** The level shapes {nx, ny, nz} a solver for this grid builds, fine first (what device memory plans count). */
    public static List<int[]> levelShapes(int nx, int ny, int nz) {
        return MultigridSolver.levelShapes(nx, ny, nz);
    }
}

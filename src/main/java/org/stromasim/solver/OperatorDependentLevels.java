package org.stromasim.solver;

/**
 * A {@link MultigridSolver}'s {@link Coarsening#OPERATOR_DEPENDENT} hierarchy as plain arrays, for
 * running the same cycle on a device (the OpenCL backend): the interpolation weights, the Galerkin
 * levels' 27-point coefficients and their smoothers' Lanczos bounds are built once, by the Java solver
 * ({@link OperatorDependentHierarchy#rebuild}), so both implementations run the same operators, and the
 * small coarse levels' part of the cycle runs here, with the Java code ({@link #coarseSolveOnHost}).
 *
 * <p>The arrays are the solver's own (not copied: at 256³ the first Galerkin level alone is 0.2 GB), to
 * be read, not written, and valid until the solver's absorption or conductivity is set again;
 * {@link #coarseSolveOnHost} refuses to run after that.
 *
 * <p>Layouts: a level's vectors and coefficients are padded ((nx+2)·(ny+2)·(nz+2), x fastest, one ghost
 * layer); {@link #coefficient}(l, s) holds the entry from each cell to its neighbour at offset number s
 * = (e_x+1) + 3·(e_y+1) + 9·(e_z+1), 13 the cell itself (a periodic offset couples to the wrapped cell);
 * {@link #weights}(l) are 8 per cell of the level above, unpadded (cell c = i + nx·(j + ny·k)), toward
 * the coarse cells floor(g/2) + δ, δ numbered δx + 2δy + 4δz, whose padded coordinates along each axis
 * are {@link #coarseCoordinates}.
 */
public final class OperatorDependentLevels {

    private final OperatorDependentHierarchy hierarchy;
    private final long build;
    private final MultigridHierarchy.Level fine;
    private final double fineSmootherBound;
    private final double[] boundarySource;
    private final boolean[] periodic;
    private final double h;

    OperatorDependentLevels(OperatorDependentHierarchy hierarchy, MultigridHierarchy.Level fine, double fineSmootherBound,
                            double[] boundarySource, boolean[] periodic, double h) {
        this.hierarchy = hierarchy;
        this.build = hierarchy.builds();
        this.fine = fine;
        this.fineSmootherBound = fineSmootherBound;
        this.boundarySource = boundarySource;
        this.periodic = periodic.clone();
        this.h = h;
    }

    /**
     * The fine operator in double exactly as the solver's residual applies it, with the current mass
     * a·h² per cell in {@code unitMass} (so a device applies it with a = 1); {@code coupledSum} is not
     * used by this hierarchy.
     */
    public MultigridHierarchy.Level fine() {
        return fine;
    }

    /** The upper end of the fine smoother's interval (the Java fine level's Gershgorin bound). */
    public double fineSmootherBound() {
        return fineSmootherBound;
    }

    /** Chebyshev degree of the fine level's smoother (before and after the coarse correction). */
    public static int fineSmoothingDegree() {
        return OperatorDependentCycle.FINE_DEGREE;
    }

    /** The fine smoother's interval is [bound/ratio, bound]. */
    public static double fineSmoothingRatio() {
        return OperatorDependentCycle.FINE_RATIO;
    }

    /** The K-cycle's second Krylov step is skipped when the first left at most this share of the residual. */
    public static double kCycleThreshold() {
        return OperatorDependentCycle.K_CYCLE_THRESHOLD;
    }

    /** Σ conductance·held value per padded fine cell (the right-hand side's boundary part). */
    public double[] boundarySource() {
        return boundarySource;
    }

    public double voxelEdge() {
        return h;
    }

    public boolean periodic(int axis) {
        return periodic[axis];
    }

    /** Coarse (Galerkin) levels below the fine one; the last is solved by dense LU. */
    public int coarseLevels() {
        return hierarchy.coarseLevels();
    }

    /** {nx, ny, nz} of coarse level l. */
    public int[] shape(int l) {
        StencilLevel level = hierarchy.level(l);
        return new int[] {level.nx, level.ny, level.nz};
    }

    /** Coarse level l's entries toward offset number s, per padded cell (the solver's array). */
    public float[] coefficient(int l, int s) {
        return hierarchy.level(l).coef[s];
    }

    /** The upper end of coarse level l's smoother interval (the Lanczos estimate, capped by Gershgorin). */
    public double smootherBound(int l) {
        return hierarchy.level(l).lambdaMax;
    }

    /** The interpolation weights into coarse level l from the level above it (the solver's array). */
    public float[] weights(int l) {
        return hierarchy.interpolation(l).weights;
    }

    /**
     * Along {@code axis}, for each cell g of the level above coarse level l, the padded coordinate in
     * level l of the coarse cell floor(g/2) + δ (wrapped on a periodic axis; the ghost, with weight 0,
     * past a non-periodic end): what the Java transfers index.
     */
    public int[] coarseCoordinates(int l, int axis, int delta) {
        return hierarchy.interpolation(l).coarseCoordinates(axis, delta);
    }

    /**
     * The first coarse level whose part of the cycle {@link #coarseSolveOnHost} runs when the device
     * runs the levels of more than {@code maxHostCells} cells: at least the last (the dense LU).
     */
    public int firstHostLevel(int maxHostCells) {
        int first = coarseLevels() - 1;
        while (first > 0 && hierarchy.level(first - 1).cells() <= maxHostCells) {
            first--;
        }
        return first;
    }

    /**
     * The Java cycle's approximate solve on coarse level l and below (the K-cycle, or the dense LU on the
     * last level), b in and x out in level l's padded layout: the host part of a device cycle. Runs in the
     * solver's float work vectors of those levels.
     */
    public void coarseSolveOnHost(int l, double[] b, double[] x) {
        if (hierarchy.builds() != build || !hierarchy.built()) {
            throw new IllegalStateException("the solver's operator-dependent levels were rebuilt or invalidated since "
                    + "this view was taken; take a new one");
        }
        StencilLevel level = hierarchy.level(l);
        if (b.length != level.size || x.length != level.size) {
            throw new IllegalArgumentException("coarse level " + l + " has " + level.size + " padded cells, got "
                    + b.length + " and " + x.length);
        }
        for (int p = 0; p < level.size; p++) {
            level.b[p] = (float) b[p];
        }
        OperatorDependentCycle.coarseSolve(hierarchy, l);
        for (int p = 0; p < level.size; p++) {
            x[p] = level.x[p];
        }
    }

    /** 27-point cell updates the host part has done so far (every coarse level's, for work units). */
    public long coarseCellUpdates() {
        return hierarchy.coarseCellUpdates();
    }
}

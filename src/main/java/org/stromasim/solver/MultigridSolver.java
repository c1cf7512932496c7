package org.stromasim.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.stromasim.grid.Face;

/**
 * Solves a·u − ∇·(K∇u) = f on a cell-centred voxel grid (edge h), in the finite-volume flux form of the
 * explicit diffusion operator: per voxel a_v·u_v + Σ_faces K_face·(u_v − u_nb)/h² = f_v with the
 * harmonic-mean face conductivity K_face = 2·K_v·K_nb/(K_v + K_nb) (0 when either is 0, so K = 0 voxels
 * are holes that only their own a_v·u_v = f_v governs), a fixed-value face 2·K_v·(u_v − g)/h², a
 * zero-flux face nothing and a periodic face the harmonic mean with the voxel across the domain.
 *
 * <p><b>Method.</b> Conjugate gradients preconditioned by one multigrid V-cycle per iteration (the
 * operator is symmetric positive definite whenever the problem is well posed, and the V-cycle below
 * is symmetric, so plain PCG applies; Tatebe 1993, "The multigrid preconditioned conjugate gradient
 * method"), or the bare V-cycle as a stationary iteration ({@link #solveWithVCycles}).
 * <ul>
 *   <li>Coarsening: 2×2×2 cell blocks with the coarse conductances built by series/parallel sums of
 *       the fine half-cell conductances ({@link LevelBuilder}), so the harmonic-mean faces and holes of
 *       the fine operator carry over to every level; coarse a by summing (a is per volume).</li>
 *   <li>Transfers: restriction sums the residual of a block's fine cells, prolongation copies the coarse
 *       correction to them (R = Pᵀ keeps the cycle symmetric). Piecewise-constant transfers do not
 *       satisfy Hemker's order rule on their own, which costs some V-cycle efficiency on smooth
 *       problems; the outer CG recovers it, and unlike trilinear interpolation they never interpolate
 *       across a hole or a 1:1000 jump.</li>
 *   <li>Smoother: Chebyshev–Jacobi of degree {@link #SMOOTHING_DEGREE} before and after the coarse
 *       correction (Adams, Brezina, Hu &amp; Tuminaro, J. Comput. Phys. 188, 2003: polynomial
 *       smoothers match Gauss–Seidel per cycle and parallelise like Jacobi), on [λmax/ratio, λmax] of
 *       diag⁻¹A with the Gershgorin bound λmax ≤ 2 measured per level. Each step is a residual pass and
 *       a point-wise update, contiguous in memory, with no colouring: the loops vectorise as written,
 *       and the same kernel runs one work item per cell on a device.</li>
 *   <li>Coarsest level (≤ {@link #COARSEST_CELLS} cells): dense LU, exact.</li>
 *   <li>Threads: the passes of large levels run over z-planes in parallel ({@link MultigridLevel#forPlanes}).</li>
 * </ul>
 *
 * <p><b>Precision.</b> Double throughout: with 1:1000 contrasts the operator's condition number at
 * 128³ is ~10⁸, so residuals a float pass computes carry ~10 % error at the tolerances the implicit
 * time stepper asks for (10⁻⁸ relative), and the pressure solve of the barrier model needs fluxes from
 * differences of the solution. Memory: about 19 doubles per voxel (12 per level on the fine level,
 * 2 boundary arrays, 5 CG vectors; +1/7 of the level arrays for the coarse ones).
 *
 * <p><b>Well-posedness.</b> With a = 0 in a region that no fixed-value face reaches through K &gt; 0
 * faces, the solution there is defined only up to a constant: such problems are refused with the
 * first voxel of the region (not solved by projection, which would silently pick a constant).
 */
public final class MultigridSolver {

    /**
     * Chebyshev steps before and after each coarse correction, and the interval ratio. Choice (C),
     * measured at 32³ (PCG reduction per iteration; constant K / smooth 1:1000 field): degree 3 on
     * [λ/8, λ] 0.11 / –, degree 4 on [λ/4, λ] 0.027 / 0.038, degree 6 0.012 / – at 1.5× the cost.
     */
    public static final int SMOOTHING_DEGREE = 4;
    public static final double SMOOTHING_RATIO = 4.0;
    /** Largest level solved directly. */
    static final int COARSEST_CELLS = 64;

    private final int nx;
    private final int ny;
    private final int nz;
    private final double h;
    private final List<MultigridLevel> levels = new ArrayList<>();
    /** Fixed-face conductance per padded cell, per level. */
    private final List<double[]> boundary = new ArrayList<>();
    /** Σ conductance·held value of the fixed faces per padded fine cell. */
    private final double[] boundarySource;
    private final boolean[] fixedFace = new boolean[6];
    private DenseLu coarsest;
    private final boolean[] periodic;
    // PCG vectors on the fine level.
    private final double[] u;
    private final double[] rhs;
    private final double[] res;
    private final double[] dir;
    private final double[] q;

    private MultigridSolver(int nx, int ny, int nz, double h, float[] k, Map<Face, FaceCondition> faces) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.h = h;
        FaceCondition[] condition = new FaceCondition[6];
        for (Face f : Face.values()) {
            FaceCondition c = faces.getOrDefault(f, FaceCondition.ZERO_FLUX);
            condition[f.ordinal()] = c;
            fixedFace[f.ordinal()] = c.kind() == FaceCondition.Kind.FIXED;
        }
        boolean[] periodic = new boolean[3];
        for (int axis = 0; axis < 3; axis++) {
            boolean low = condition[2 * axis].kind() == FaceCondition.Kind.PERIODIC;
            boolean high = condition[2 * axis + 1].kind() == FaceCondition.Kind.PERIODIC;
            if (low != high) {
                throw new IllegalArgumentException("face " + Face.values()[2 * axis].key() + " and "
                        + Face.values()[2 * axis + 1].key() + ": a periodic face must be paired with a periodic opposite face");
            }
            periodic[axis] = low;
        }
        this.periodic = periodic;
        HalfConductances halves = HalfConductances.ofConductivity(k);
        List<int[]> shapes = levelShapes(nx, ny, nz);
        for (int l = 0; l < shapes.size(); l++) {
            int[] shape = shapes.get(l);
            MultigridLevel level = new MultigridLevel(shape[0], shape[1], shape[2], periodic);
            boundary.add(LevelBuilder.faces(level, halves, fixedFace));
            levels.add(level);
            if (l < shapes.size() - 1) {
                double[][][] coarse = LevelBuilder.coarseHalves(halves, shape[0], shape[1], shape[2]);
                halves = HalfConductances.stored(coarse[0], coarse[1]);
            }
        }
        MultigridLevel fine = levels.get(0);
        this.boundarySource = new double[fine.size];
        double[] fineBoundary = boundary.get(0);
        for (int kk = 0; kk < nz; kk++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int p = fine.index(i, j, kk);
                    double held = 0;
                    int v = i + nx * (j + ny * kk);
                    // Each fixed face contributes its own half conductance times its own value.
                    if (i == 0 && fixedFace[0]) {
                        held += 2.0 * k[v] * condition[0].value();
                    }
                    if (i == nx - 1 && fixedFace[1]) {
                        held += 2.0 * k[v] * condition[1].value();
                    }
                    if (j == 0 && fixedFace[2]) {
                        held += 2.0 * k[v] * condition[2].value();
                    }
                    if (j == ny - 1 && fixedFace[3]) {
                        held += 2.0 * k[v] * condition[3].value();
                    }
                    if (kk == 0 && fixedFace[4]) {
                        held += 2.0 * k[v] * condition[4].value();
                    }
                    if (kk == nz - 1 && fixedFace[5]) {
                        held += 2.0 * k[v] * condition[5].value();
                    }
                    boundarySource[p] = held;
                }
            }
        }
        assert fineBoundary.length == fine.size;
        this.u = new double[fine.size];
        this.rhs = new double[fine.size];
        this.res = new double[fine.size];
        this.dir = new double[fine.size];
        this.q = new double[fine.size];
    }

    /**
     * The shapes {nx, ny, nz} of the levels, fine first: 2×2×2 blocks (a last block one cell thick where a
     * dimension is odd) until a level has at most {@link #COARSEST_CELLS} cells or is a single cell.
     */
    static List<int[]> levelShapes(int nx, int ny, int nz) {
        List<int[]> shapes = new ArrayList<>();
        int cx = nx;
        int cy = ny;
        int cz = nz;
        while (true) {
            shapes.add(new int[] {cx, cy, cz});
            if ((long) cx * cy * cz <= COARSEST_CELLS || (cx == 1 && cy == 1 && cz == 1)) {
                return shapes;
            }
            cx = LevelBuilder.coarse(cx);
            cy = LevelBuilder.coarse(cy);
            cz = LevelBuilder.coarse(cz);
        }
    }

    /**
     * This solver's levels as plain arrays ({@link MultigridHierarchy}), for running the same cycle on a
     * device. Sets a = 1 (the hierarchy's unit masses); set the absorption again before solving here.
     */
    public MultigridHierarchy hierarchy() {
        setUniformAbsorption(1.0);
        return new MultigridHierarchy(levels, boundary, periodic, boundarySource, h);
    }

    /**
     * A solver for conductivity {@code k} (per voxel, ≥ 0, e.g. µm²/s) on an nx·ny·nz grid of edge
     * {@code h} with the given face conditions (faces left out are zero-flux). Call
     * {@link #setAbsorption} or {@link #setUniformAbsorption} before solving.
     */
    public static MultigridSolver create(int nx, int ny, int nz, double h, float[] k, Map<Face, FaceCondition> faces) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("grid dimensions must be >= 1, got " + nx + "x" + ny + "x" + nz);
        }
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("voxel edge must be a finite number > 0, got " + h);
        }
        if (k.length != nx * ny * nz) {
            throw new IllegalArgumentException("conductivity has " + k.length + " values for " + nx * ny * nz + " voxels");
        }
        for (int v = 0; v < k.length; v++) {
            if (!(k[v] >= 0) || !Float.isFinite(k[v])) {
                throw new IllegalArgumentException("conductivity at voxel " + v + " is " + k[v]
                        + "; it must be a finite number >= 0");
            }
        }
        return new MultigridSolver(nx, ny, nz, h, k, faces);
    }

    /** Sets a per voxel (≥ 0, the unit of f/u). Refuses a singular problem (see the class comment). */
    public void setAbsorption(double[] a) {
        if (a.length != nx * ny * nz) {
            throw new IllegalArgumentException("absorption has " + a.length + " values for " + nx * ny * nz + " voxels");
        }
        MultigridLevel fine = levels.get(0);
        double h2 = h * h;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    if (!(a[v] >= 0) || !Double.isFinite(a[v])) {
                        throw new IllegalArgumentException("absorption at voxel (" + i + ", " + j + ", " + k + ") is "
                                + a[v] + "; it must be a finite number >= 0");
                    }
                    fine.mass[fine.index(i, j, k)] = a[v] * h2;
                }
            }
        }
        massesChanged();
    }

    /** Sets the same a in every voxel (≥ 0). */
    public void setUniformAbsorption(double a) {
        if (!(a >= 0) || !Double.isFinite(a)) {
            throw new IllegalArgumentException("absorption must be a finite number >= 0, got " + a);
        }
        MultigridLevel fine = levels.get(0);
        double mass = a * h * h;
        fine.forInterior((p0, p1) -> Arrays.fill(fine.mass, p0, p1, mass));
        massesChanged();
    }

    private void massesChanged() {
        SingularityCheck.refuseSingular(levels.get(0), boundary.get(0));
        for (int l = 0; l < levels.size(); l++) {
            MultigridLevel level = levels.get(l);
            if (l > 0) {
                MultigridLevel fine = levels.get(l - 1);
                level.clear(level.mass);
                Transfers.restrict(fine, fine.mass, level, level.mass);
            }
            level.refreshDiagonal(boundary.get(l));
        }
        coarsest = DenseLu.of(levels.get(levels.size() - 1));
    }

    /**
     * Work so far in fine-level operator passes (work units): the 7-point operator's cell updates on
     * every level (residuals, smoothing steps, CG's product), divided by the fine level's cells.
     */
    public double workUnits() {
        long updates = 0;
        for (MultigridLevel level : levels) {
            updates += level.operatorCellUpdates;
        }
        return (double) updates / levels.get(0).cells();
    }

    /** Cell updates of the 7-point operator on the fine level so far (the smoother's share is 8 of every 10). */
    public long fineOperatorCellUpdates() {
        return levels.get(0).operatorCellUpdates;
    }

    /** The upper end of level l's Chebyshev interval (the Gershgorin bound of diag⁻¹·A) for the current a. */
    public double smootherUpperBound(int level) {
        return levels.get(level).lambdaMax;
    }

    /** Number of levels, the fine one included. */
    public int levelCount() {
        return levels.size();
    }

    /**
     * Solves for u (in: the start value; out: the solution), f per voxel, until the residual's 2-norm
     * is at most {@code relativeTolerance} times that of the right-hand side (f plus the fixed faces'
     * held values), or {@code maxIterations} PCG iterations (one V-cycle each) have run.
     */
    public SolveStats solve(double[] solution, double[] f, double relativeTolerance, int maxIterations) {
        MultigridLevel fine = load(solution, f);
        double bNorm = Math.sqrt(fine.dot(rhs, rhs));
        fine.residual(u, rhs, res);
        List<Double> history = new ArrayList<>();
        double rNorm = Math.sqrt(fine.dot(res, res));
        history.add(rNorm);
        int iterations = 0;
        if (bNorm == 0 && rNorm == 0) {
            store(solution);
            return new SolveStats(0, bNorm, history);
        }
        double target = relativeTolerance * bNorm;
        double rz = 0;
        while (rNorm > target && iterations < maxIterations) {
            double[] z = precondition(res);
            double rzNew = fine.dot(res, z);
            if (iterations == 0) {
                System.arraycopy(z, 0, dir, 0, z.length);
            } else {
                double beta = rzNew / rz;
                fine.forInterior((p0, p1) -> {
                    for (int p = p0; p < p1; p++) {
                        dir[p] = z[p] + beta * dir[p];
                    }
                });
            }
            rz = rzNew;
            fine.apply(dir, q);
            double alpha = rz / fine.dot(dir, q);
            fine.forInterior((p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    u[p] += alpha * dir[p];
                    res[p] -= alpha * q[p];
                }
            });
            iterations++;
            rNorm = Math.sqrt(fine.dot(res, res));
            history.add(rNorm);
        }
        store(solution);
        return new SolveStats(iterations, bNorm, history);
    }

    /** As {@link #solve} but with the V-cycle as a stationary iteration: u ← u + V(f − A·u). */
    public SolveStats solveWithVCycles(double[] solution, double[] f, double relativeTolerance, int maxCycles) {
        MultigridLevel fine = load(solution, f);
        double bNorm = Math.sqrt(fine.dot(rhs, rhs));
        fine.residual(u, rhs, res);
        List<Double> history = new ArrayList<>();
        double rNorm = Math.sqrt(fine.dot(res, res));
        history.add(rNorm);
        int cycles = 0;
        while (rNorm > relativeTolerance * bNorm && cycles < maxCycles) {
            double[] z = precondition(res);
            fine.forInterior((p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    u[p] += z[p];
                }
            });
            fine.residual(u, rhs, res);
            rNorm = Math.sqrt(fine.dot(res, res));
            history.add(rNorm);
            cycles++;
        }
        store(solution);
        return new SolveStats(cycles, bNorm, history);
    }

    /**
     * out = ∇·(K∇u) discretised as the solver's operator: Σ_faces K_face·(u_nb − u_v)/h² plus
     * 2·K_v·(g − u_v)/h² at each held face (without the a·u term). Time steppers use it for the explicit
     * part of a stage; a flux or a mass balance can be read from it.
     */
    public void divergenceOfFlux(double[] field, double[] out) {
        int cells = nx * ny * nz;
        if (field.length != cells || out.length != cells) {
            throw new IllegalArgumentException("divergenceOfFlux needs arrays of " + cells + " values");
        }
        MultigridLevel fine = levels.get(0);
        double[] padded = dir;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                System.arraycopy(field, nx * (j + ny * k), padded, fine.index(0, j, k), nx);
            }
        }
        fine.fillGhosts(padded);
        double inverseH2 = 1.0 / (h * h);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int p0 = fine.index(0, j, k);
                int v0 = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    int p = p0 + i;
                    out[v0 + i] = (fine.neighbourSum(padded, p) - fine.faceSum[p] * padded[p] + boundarySource[p])
                            * inverseH2;
                }
            }
        }
    }

    private MultigridLevel load(double[] solution, double[] f) {
        int cells = nx * ny * nz;
        if (solution.length != cells || f.length != cells) {
            throw new IllegalArgumentException("solve needs arrays of " + cells + " values, got " + solution.length
                    + " and " + f.length);
        }
        if (coarsest == null) {
            throw new IllegalStateException("set the absorption a before solving");
        }
        MultigridLevel fine = levels.get(0);
        double h2 = h * h;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int p0 = fine.index(0, j, k);
                int v0 = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    u[p0 + i] = solution[v0 + i];
                    rhs[p0 + i] = f[v0 + i] * h2 + boundarySource[p0 + i];
                }
            }
        }
        return fine;
    }

    private void store(double[] solution) {
        MultigridLevel fine = levels.get(0);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                System.arraycopy(u, fine.index(0, j, k), solution, nx * (j + ny * k), nx);
            }
        }
    }

    /** One V-cycle from zero for A·z = r on the fine level; returns z (the fine level's x array). */
    private double[] precondition(double[] r) {
        MultigridLevel fine = levels.get(0);
        System.arraycopy(r, 0, fine.b, 0, r.length);
        vCycle(0);
        return fine.x;
    }

    private void vCycle(int l) {
        VCycle.run(levels, coarsest, l);
    }

    /**
     * What a solve did: iterations (V-cycles), the right-hand side's norm and the residual 2-norm
     * before the first and after each iteration.
     */
    public record SolveStats(int iterations, double rhsNorm, List<Double> residualHistory) {

        public double finalResidual() {
            return residualHistory.get(residualHistory.size() - 1);
        }

        /** Geometric mean residual reduction per iteration (0 iterations: 0). */
        public double meanReduction() {
            if (iterations == 0) {
                return 0;
            }
            return Math.pow(finalResidual() / residualHistory.get(0), 1.0 / iterations);
        }
    }
}

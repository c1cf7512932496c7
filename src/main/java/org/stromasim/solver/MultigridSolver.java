package org.stromasim.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
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
 *   <li>Optionally ({@link Coarsening#OPERATOR_DEPENDENT}, chosen at {@link #create(int, int, int, double,
 *       float[], Map, Coarsening) create}): black-box interpolation, Galerkin 27-point coarse levels and a
 *       K-cycle ({@link OperatorDependentHierarchy}, {@link OperatorDependentCycle}) for voxel-wise rough
 *       conductivities; the fine level and the double residual are the same, the outer iteration is
 *       flexible CG (the K-cycle is not a fixed linear operator; see {@link #solveLoaded}).</li>
 *   <li>Threads: the passes of large levels run over z-planes in parallel ({@link MultigridLevel#forPlanes}).</li>
 * </ul>
 *
 * <p><b>Precision (mixed).</b> The iterate u and the residual f − A·u are computed in double every
 * iteration (true residual, not the recursively updated one): with 1:1000 contrasts the operator's
 * condition number at 128³ is ~10⁸, so a residual computed in float would carry ~10 % error at the
 * 10⁻⁸ relative tolerance the implicit time stepper asks for. Everything else is float: the
 * coefficients (the face conductances rounded once to float, 6·10⁻⁸ relative, far below the float
 * diffusivity they come from; the double residual uses exactly these rounded values, so the solve
 * converges to the tolerance in double for that operator) and the V-cycle with its work vectors and
 * the search direction, which only precondition: their rounding changes how fast the residual falls,
 * not where it ends. Memory per fine voxel: u (8 bytes), the direction (4), the fine level's four float
 * work vectors and a coupled flag (17; its coefficients are computed per pass, {@link FineLevel}), +1/7 of
 * a stored level (10 float arrays and the fixed-face conductances) for the coarse ones; the caller's
 * f, a and solution arrays are read and written in place, not copied (a may be given in float and f
 * per voxel through {@link RightHandSide}: the double residual uses exactly those values, so a caller
 * that holds them in less than a double per voxel solves that problem to the same tolerance). One solver serves several
 * conductivity fields one after another through {@link #reassemble} (the implicit scheme's species).
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
    private final List<float[]> boundary = new ArrayList<>();
    /**
     * The conductivity the fine level was assembled from (the caller's array, not copied; it must not
     * change until the next {@link #reassemble}): the double residual computes the fine operator's face
     * conductances from it, so the solve converges for the exact operator, not its float copy.
     */
    private float[] conductivity;
    /** The held value of each fixed domain face (Face ordinal order; 0 where not fixed). */
    private final double[] heldValue = new double[6];
    /** a·h² when the absorption is uniform, else NaN and {@link #absorption} holds a per voxel. */
    private double uniformMass = Double.NaN;
    /** The caller's per-voxel absorption a (not copied; unchanged until the next set), or null. */
    private double[] absorption;
    /** The same given in float ({@link #setAbsorption(float[])}; {@link #absorption} is then null), or null. */
    private float[] absorptionFloat;
    private final boolean[] fixedFace = new boolean[6];
    private DenseLu coarsest;
    private final boolean[] periodic;
    /** The PCG iterate on the fine level (double: the residual is computed from it in double). */
    private final double[] u;
    /** The PCG search direction (float: it only has to point downhill; the step length uses A·dir as computed). */
    private final float[] dir;
    /**
     * A·dir of the previous PCG step, kept across the next preconditioning for the flexible
     * orthogonalisation ({@link #solveLoaded}); only with {@link Coarsening#OPERATOR_DEPENDENT}, null otherwise.
     */
    private final float[] previousProduct;
    /** Per-plane partial sums of the residual pass (summed in plane order: the same for every thread count). */
    private final double[] planeSums;
    /**
     * The coarse levels of {@link Coarsening#OPERATOR_DEPENDENT} below the single fine level of
     * {@link #levels}; null for the geometric hierarchy (and for a grid small enough to be solved
     * directly, where both coarsenings are the same dense LU).
     */
    private final OperatorDependentHierarchy operatorDependent;
    /** {@link #exactFineLevel}'s arrays for the current conductivity and faces, or null until first asked. */
    private MultigridHierarchy.Level exactFine;
    /** {@link #paddedBoundarySource} for the current conductivity and faces, with {@link #exactFine}. */
    private double[] exactBoundarySource;

    private MultigridSolver(int nx, int ny, int nz, double h, float[] k, Map<Face, FaceCondition> faces,
                            Coarsening coarsening) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.h = h;
        this.periodic = periodicAxes(faces);
        List<int[]> shapes = levelShapes(nx, ny, nz);
        if (coarsening == Coarsening.OPERATOR_DEPENDENT && shapes.size() > 1) {
            operatorDependent = new OperatorDependentHierarchy(nx, ny, nz, periodic);
            shapes = shapes.subList(0, 1);
        } else {
            operatorDependent = null;
        }
        for (int[] shape : shapes) {
            if (levels.isEmpty() && shapes.size() > 1) {
                // the geometric hierarchy's fine level computes its coefficients per pass (FineLevel)
                levels.add(new FineLevel(shape[0], shape[1], shape[2], periodic));
                boundary.add(null);
                continue;
            }
            MultigridLevel level = new MultigridLevel(shape[0], shape[1], shape[2], periodic);
            levels.add(level);
            boundary.add(new float[level.size]);
        }
        MultigridLevel fine = levels.get(0);
        this.u = new double[fine.size];
        this.dir = new float[fine.size];
        this.previousProduct = operatorDependent == null ? null : new float[fine.size];
        this.planeSums = new double[nz + 2];
        assemble(k, faces);
    }

    private static boolean[] periodicAxes(Map<Face, FaceCondition> faces) {
        boolean[] periodic = new boolean[3];
        for (int axis = 0; axis < 3; axis++) {
            boolean low = faces.getOrDefault(Face.values()[2 * axis], FaceCondition.ZERO_FLUX).kind() == FaceCondition.Kind.PERIODIC;
            boolean high = faces.getOrDefault(Face.values()[2 * axis + 1], FaceCondition.ZERO_FLUX).kind() == FaceCondition.Kind.PERIODIC;
            if (low != high) {
                throw new IllegalArgumentException("face " + Face.values()[2 * axis].key() + " and "
                        + Face.values()[2 * axis + 1].key() + ": a periodic face must be paired with a periodic opposite face");
            }
            periodic[axis] = low;
        }
        return periodic;
    }

    /** Whether {@link #reassemble} accepts {@code faces}: periodic on the same axes as this solver's. */
    public boolean acceptsFaces(Map<Face, FaceCondition> faces) {
        return java.util.Arrays.equals(periodicAxes(faces), periodic);
    }

    /**
     * Rebuilds every level's coefficients in this solver's own arrays for conductivity {@code k} and face
     * conditions {@code faces} (periodic on the same axes as before): one workspace serves several
     * fields one after another (the implicit scheme's species), so its memory does not grow with their
     * number. Costs about one multigrid setup; set the absorption again before the next solve.
     */
    public void reassemble(float[] k, Map<Face, FaceCondition> faces) {
        checkConductivity(k, nx, ny, nz);
        if (!acceptsFaces(faces)) {
            throw new IllegalArgumentException("a solver reassembled for other face conditions must keep its periodic axes");
        }
        assemble(k, faces);
    }

    private void assemble(float[] k, Map<Face, FaceCondition> faces) {
        FaceCondition[] condition = new FaceCondition[6];
        for (Face f : Face.values()) {
            FaceCondition c = faces.getOrDefault(f, FaceCondition.ZERO_FLUX);
            condition[f.ordinal()] = c;
            fixedFace[f.ordinal()] = c.kind() == FaceCondition.Kind.FIXED;
        }
        coarsest = null;
        exactFine = null;
        exactBoundarySource = null;
        if (operatorDependent != null) {
            operatorDependent.invalidate();
        }
        HalfConductances halves = HalfConductances.ofConductivity(k);
        for (int l = 0; l < levels.size(); l++) {
            MultigridLevel level = levels.get(l);
            if (level instanceof FineLevel computed) {
                computed.assemble(k, fixedFace);
            } else {
                LevelBuilder.faces(level, halves, fixedFace, boundary.get(l));
            }
            if (l < levels.size() - 1) {
                halves = LevelBuilder.coarseHalves(halves, level.nx, level.ny, level.nz, levels.get(l + 1));
            }
        }
        conductivity = k;
        for (int f = 0; f < 6; f++) {
            heldValue[f] = fixedFace[f] ? condition[f].value() : 0.0;
        }
    }

    /** Σ conductance·held value of the fixed faces of fine cell (i, j, kk) (voxel v): its share of the right-hand side. */
    private double heldSource(int i, int j, int kk, int v) {
        double twoK = 2.0 * conductivity[v];
        double held = 0;
        if (i == 0) {
            held += twoK * heldValue[0];
        }
        if (i == nx - 1) {
            held += twoK * heldValue[1];
        }
        if (j == 0) {
            held += twoK * heldValue[2];
        }
        if (j == ny - 1) {
            held += twoK * heldValue[3];
        }
        if (kk == 0) {
            held += twoK * heldValue[4];
        }
        if (kk == nz - 1) {
            held += twoK * heldValue[5];
        }
        return held;
    }

    /**
     * h²·(∇·(K∇u)) at fine cell (i, j, kk) in double, with the face conductances computed from the
     * float conductivity as the level builder does (series sum of the two half cells, 2·K at a held
     * face) but not rounded to float: Σ_faces T·(u_nb − u_v) + Σ_held 2·K_v·(g − u_v). u is padded,
     * its periodic ghosts filled.
     */
    private double exactFluxSum(double[] u, int i, int j, int kk, int v, int p, MultigridLevel fine) {
        float[] k = conductivity;
        double twoK = 2.0 * k[v];
        double uv = u[p];
        double sum = 0;
        sum += face(twoK, uv, u, k, i > 0, periodic[0], fixedFace[0], heldValue[0], v - 1, v + nx - 1, p - 1);
        sum += face(twoK, uv, u, k, i < nx - 1, periodic[0], fixedFace[1], heldValue[1], v + 1, v - (nx - 1), p + 1);
        int row = nx;
        sum += face(twoK, uv, u, k, j > 0, periodic[1], fixedFace[2], heldValue[2], v - row, v + row * (ny - 1), p - fine.px);
        sum += face(twoK, uv, u, k, j < ny - 1, periodic[1], fixedFace[3], heldValue[3], v + row, v - row * (ny - 1), p + fine.px);
        int plane = nx * ny;
        sum += face(twoK, uv, u, k, kk > 0, periodic[2], fixedFace[4], heldValue[4], v - plane, v + plane * (nz - 1), p - fine.pxy);
        sum += face(twoK, uv, u, k, kk < nz - 1, periodic[2], fixedFace[5], heldValue[5], v + plane, v - plane * (nz - 1), p + fine.pxy);
        return sum;
    }

    /** One face's term of {@link #exactFluxSum}: to an interior neighbour, across a periodic wrap, or to a held value. */
    private static double face(double twoK, double uv, double[] u, float[] k, boolean interior, boolean periodic,
                               boolean fixed, double held, int vInterior, int vWrapped, int pAcross) {
        double t = faceConductance(twoK, k, interior, periodic, fixed, vInterior, vWrapped);
        if (interior || periodic) {
            return t * (u[pAcross] - uv);
        }
        return fixed ? t * (held - uv) : 0.0;
    }

    /**
     * The conductance of one fine face in double, as the residual uses it: the series sum of the two
     * half cells 2·K to an interior neighbour or across a periodic wrap, 2·K_v at a held face, else 0.
     */
    private static double faceConductance(double twoK, float[] k, boolean interior, boolean periodic, boolean fixed,
                                          int vInterior, int vWrapped) {
        if (interior || periodic) {
            return HalfConductances.series(twoK, 2.0 * k[interior ? vInterior : vWrapped]);
        }
        return fixed ? twoK : 0.0;
    }

    /**
     * The fine operator exactly as {@link #residualInDouble} applies it (double face conductances from
     * the float conductivity, the mass a·h² as set), in the layout of {@link MultigridHierarchy.Level}:
     * what a device computes its residual with when it is to match this solver's residual.
     *
     * <p>Kept from one call to the next until the conductivity or faces are set again ({@link #assemble}): only
     * the masses depend on a, and they are rewritten in place on every call, so a device hierarchy rebuilt per
     * absorption (each TR-BDF2 stage) allocates nothing here (six padded double arrays, ~1 GB at 256³).
     */
    MultigridHierarchy.Level exactFineLevel() {
        MultigridLevel fine = levels.get(0);
        if (exactFine == null) {
            exactFine = exactFineFaces();
        }
        double[] mass = exactFine.unitMass();
        for (int kk = 0; kk < nz; kk++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    mass[fine.index(i, j, kk)] = massOf(i + nx * (j + ny * kk));
                }
            }
        }
        return exactFine;
    }

    /** The face conductances of {@link #exactFineLevel} (masses left 0): allocated once per assembly. */
    private MultigridHierarchy.Level exactFineFaces() {
        MultigridLevel fine = levels.get(0);
        int size = fine.size;
        double[] fx = new double[size];
        double[] fy = new double[size];
        double[] fz = new double[size];
        double[] faceSum = new double[size];
        double[] mass = new double[size];
        double[] coupledSum = new double[size];
        float[] k = conductivity;
        int row = nx;
        int plane = nx * ny;
        for (int kk = 0; kk < nz; kk++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * kk);
                    int p = fine.index(i, j, kk);
                    double twoK = 2.0 * k[v];
                    double[] t = {
                        faceConductance(twoK, k, i > 0, periodic[0], fixedFace[0], v - 1, v + nx - 1),
                        faceConductance(twoK, k, i < nx - 1, periodic[0], fixedFace[1], v + 1, v - (nx - 1)),
                        faceConductance(twoK, k, j > 0, periodic[1], fixedFace[2], v - row, v + row * (ny - 1)),
                        faceConductance(twoK, k, j < ny - 1, periodic[1], fixedFace[3], v + row, v - row * (ny - 1)),
                        faceConductance(twoK, k, kk > 0, periodic[2], fixedFace[4], v - plane, v + plane * (nz - 1)),
                        faceConductance(twoK, k, kk < nz - 1, periodic[2], fixedFace[5], v + plane, v - plane * (nz - 1))};
                    boolean[] toCell = {i > 0 || periodic[0], i < nx - 1 || periodic[0], j > 0 || periodic[1],
                        j < ny - 1 || periodic[1], kk > 0 || periodic[2], kk < nz - 1 || periodic[2]};
                    double sum = 0;
                    double coupled = 0;
                    for (int f = 0; f < 6; f++) {
                        sum += t[f];
                        coupled += toCell[f] ? t[f] : 0;
                    }
                    faceSum[p] = sum;
                    coupledSum[p] = coupled;
                    // the + faces; a periodic axis's wrapped face also in the ghost entry on the − side
                    fx[p] = toCell[1] ? t[1] : 0;
                    fy[p] = toCell[3] ? t[3] : 0;
                    fz[p] = toCell[5] ? t[5] : 0;
                    if (i == 0 && periodic[0]) {
                        fx[p - 1] = t[0];
                    }
                    if (j == 0 && periodic[1]) {
                        fy[p - fine.px] = t[2];
                    }
                    if (kk == 0 && periodic[2]) {
                        fz[p - fine.pxy] = t[4];
                    }
                }
            }
        }
        return new MultigridHierarchy.Level(nx, ny, nz, fx, fy, fz, faceSum, mass, coupledSum);
    }

    /**
     * Σ conductance·held value of the held faces per padded fine cell in double (the right-hand side's boundary
     * part, as {@link OperatorDependentLevels#boundarySource}); needs no absorption. Kept until the conductivity or
     * faces are set again: read, do not write.
     */
    public double[] heldSource() {
        if (exactBoundarySource == null) {
            exactBoundarySource = paddedBoundarySource();
        }
        return exactBoundarySource;
    }

    /** Σ conductance·held value of the held faces per padded fine cell (double), as {@link #hierarchy()} exports it. */
    private double[] paddedBoundarySource() {
        MultigridLevel fine = levels.get(0);
        double[] boundarySource = new double[fine.size];
        for (int kk = 0; kk < nz; kk++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    boundarySource[fine.index(i, j, kk)] = heldSource(i, j, kk, i + nx * (j + ny * kk));
                }
            }
        }
        return boundarySource;
    }

    /** a·h² of fine voxel v, exactly as set (double). */
    private double massOf(int v) {
        if (absorption != null) {
            return absorption[v] * h * h;
        }
        return absorptionFloat != null ? absorptionFloat[v] * h * h : uniformMass;
    }

    /**
     * Heap bytes a solver for an nx×ny×nz grid keeps with {@code coarsening}, counted before it is created
     * (for the memory budget), from the arrays the constructor and the first solve allocate. Per padded
     * cell ((n+2) per axis, the ghost layer): the geometric fine level computes its conductances per pass,
     * so it keeps x, b, r, d (4 floats), the coupling mask (1 byte), the double iterate and the float
     * direction (29 bytes); each geometric coarse level stores its coefficients too (10 floats, a byte
     * and a float of boundary source: 45). The operator-dependent fine level stores its coefficients
     * (41, the boundary source 4, iterate 8, direction 4 and the previous product 4: 61); each Galerkin level
     * keeps 27 stencil coefficients and 9 work floats per padded coarse cell (144) and its interpolation
     * 8 float weights per cell of the level above it (32 per unpadded fine cell). The dense coarsest
     * solve adds n² doubles; an operator-dependent hierarchy stopped early by a periodic axis of odd size
     * has a larger one (up to {@link OperatorDependentHierarchy#MAX_DIRECT_CELLS} cells), not counted.
     */
    public static long heapBytes(int nx, int ny, int nz, Coarsening coarsening) {
        List<int[]> shapes = levelShapes(nx, ny, nz);
        long bytes = 0;
        for (int l = 0; l < shapes.size(); l++) {
            long padded = MultigridHierarchy.paddedCells(shapes.get(l));
            if (shapes.size() == 1) {
                bytes += padded * (45L + 12L);
            } else if (coarsening == Coarsening.OPERATOR_DEPENDENT) {
                bytes += l == 0 ? padded * 61L : padded * 144L;
                if (l > 0) {
                    int[] above = shapes.get(l - 1);
                    bytes += 32L * above[0] * above[1] * above[2];
                }
            } else {
                bytes += l == 0 ? padded * 29L : padded * 45L;
            }
        }
        int[] coarsest = shapes.get(shapes.size() - 1);
        long cells = (long) coarsest[0] * coarsest[1] * coarsest[2];
        return bytes + 8L * cells * cells;
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
        if (operatorDependent != null) {
            throw new IllegalStateException("this solver was created with " + Coarsening.OPERATOR_DEPENDENT
                    + " (27-point Galerkin levels); a device runs those through operatorDependentLevels()");
        }
        setUniformAbsorption(1.0);
        MultigridLevel fine = levels.get(0);
        double[] boundarySource = paddedBoundarySource();
        List<MultigridLevel> stored = new ArrayList<>(levels);
        List<float[]> storedBoundary = new ArrayList<>(boundary);
        if (fine instanceof FineLevel) {
            StoredFine copy = storedFine();
            stored.set(0, copy.level());
            storedBoundary.set(0, copy.boundary());
        }
        return new MultigridHierarchy(stored, storedBoundary, periodic, boundarySource, h);
    }

    /**
     * This solver's operator-dependent hierarchy for the current conductivity and absorption, for running
     * the same cycle on a device ({@link OperatorDependentLevels}; the view reads this solver's levels in
     * place: it is valid until the next {@link #setAbsorption}, {@link #setUniformAbsorption} or
     * {@link #reassemble}).
     */
    public OperatorDependentLevels operatorDependentLevels() {
        if (operatorDependent == null) {
            throw new IllegalStateException(levels.size() > 1
                    ? "this solver was created with the " + Coarsening.GEOMETRIC + " coarsening; use hierarchy()"
                    : "a grid of at most " + COARSEST_CELLS + " cells has no coarse levels; it is solved by dense LU");
        }
        requireAbsorption();
        MultigridHierarchy.Level exact = exactFineLevel();
        return new OperatorDependentLevels(operatorDependent, exact, levels.get(0).lambdaMax, heldSource(),
                periodic, h);
    }

    /**
     * The fine level with its coefficients stored (faces, held faces, face sums and the current mass),
     * as {@link LevelBuilder} builds any level: for a device hierarchy, which reads stored arrays.
     * Allocated per call.
     */
    private StoredFine storedFine() {
        MultigridLevel computed = levels.get(0);
        MultigridLevel level = new MultigridLevel(computed.nx, computed.ny, computed.nz, periodic);
        float[] held = new float[level.size];
        LevelBuilder.faces(level, HalfConductances.ofConductivity(conductivity), fixedFace, held);
        double h2 = h * h;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    level.mass[level.index(i, j, k)] = (float) (absorption != null ? absorption[v] * h2
                            : absorptionFloat != null ? absorptionFloat[v] * h2 : uniformMass);
                }
            }
        }
        level.refreshDiagonal(held);
        return new StoredFine(level, held);
    }

    private record StoredFine(MultigridLevel level, float[] boundary) {
    }

    /**
     * A solver for conductivity {@code k} (per voxel, ≥ 0, e.g. µm²/s) on an nx·ny·nz grid of edge
     * {@code h} with the given face conditions (faces left out are zero-flux). Call
     * {@link #setAbsorption} or {@link #setUniformAbsorption} before solving.
     */
    public static MultigridSolver create(int nx, int ny, int nz, double h, float[] k, Map<Face, FaceCondition> faces) {
        return create(nx, ny, nz, h, k, faces, Coarsening.GEOMETRIC);
    }

    /**
     * As {@link #create(int, int, int, double, float[], Map)} with the given coarsening:
     * {@link Coarsening#OPERATOR_DEPENDENT} for voxel-wise rough conductivities (about twice the work per
     * cycle, fewer cycles; a device runs it from {@link #operatorDependentLevels()}, not {@link #hierarchy()}). A periodic axis should have a
     * size with a factor 2^m (it is halved exactly on every level).
     */
    public static MultigridSolver create(int nx, int ny, int nz, double h, float[] k, Map<Face, FaceCondition> faces,
                                         Coarsening coarsening) {
        if (coarsening == null) {
            throw new IllegalArgumentException("coarsening must not be null");
        }
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("grid dimensions must be >= 1, got " + nx + "x" + ny + "x" + nz);
        }
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("voxel edge must be a finite number > 0, got " + h);
        }
        checkConductivity(k, nx, ny, nz);
        return new MultigridSolver(nx, ny, nz, h, k, faces, coarsening);
    }

    private static void checkConductivity(float[] k, int nx, int ny, int nz) {
        if (k.length != nx * ny * nz) {
            throw new IllegalArgumentException("conductivity has " + k.length + " values for " + nx * ny * nz + " voxels");
        }
        for (int v = 0; v < k.length; v++) {
            if (!(k[v] >= 0) || !Float.isFinite(k[v])) {
                throw new IllegalArgumentException("conductivity at voxel " + v + " is " + k[v]
                        + "; it must be a finite number >= 0");
            }
        }
    }

    /**
     * Sets a per voxel (≥ 0, the unit of f/u). Refuses a singular problem (see the class comment). The
     * solver keeps {@code a} itself (not a copy) for its double residual: leave it unchanged until the
     * next set.
     */
    public void setAbsorption(double[] a) {
        checkAbsorption(a.length, v -> a[v]);
        MultigridLevel fine = levels.get(0);
        double h2 = h * h;
        if (fine instanceof FineLevel computed) {
            computed.setAbsorption(a, h2);
        }
        absorption = a;
        absorptionFloat = null;
        absorptionChanged(v -> a[v] * h2);
    }

    /**
     * As {@link #setAbsorption(double[])} with a given in float: for a caller that computes a per
     * voxel and step in float storage (4 bytes per voxel less); the double residual uses exactly these
     * values. Kept, not copied.
     */
    public void setAbsorption(float[] a) {
        checkAbsorption(a.length, v -> a[v]);
        MultigridLevel fine = levels.get(0);
        double h2 = h * h;
        if (fine instanceof FineLevel computed) {
            computed.setAbsorption(a, h2);
        }
        absorption = null;
        absorptionFloat = a;
        absorptionChanged(v -> a[v] * h2);
    }

    private void checkAbsorption(int length, IntToDoubleFunction a) {
        if (length != nx * ny * nz) {
            throw new IllegalArgumentException("absorption has " + length + " values for " + nx * ny * nz + " voxels");
        }
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double value = a.applyAsDouble(i + nx * (j + ny * k));
                    if (!(value >= 0) || !Double.isFinite(value)) {
                        throw new IllegalArgumentException("absorption at voxel (" + i + ", " + j + ", " + k + ") is "
                                + value + "; it must be a finite number >= 0");
                    }
                }
            }
        }
    }

    /** A stored fine level's masses (float of {@code massTimesH2}), then the hierarchy's. */
    private void absorptionChanged(IntToDoubleFunction massTimesH2) {
        MultigridLevel fine = levels.get(0);
        if (fine.mass != null) {
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        fine.mass[fine.index(i, j, k)] = (float) massTimesH2.applyAsDouble(i + nx * (j + ny * k));
                    }
                }
            }
        }
        uniformMass = Double.NaN;
        massesChanged();
    }

    /** Sets the same a in every voxel (≥ 0). */
    public void setUniformAbsorption(double a) {
        if (!(a >= 0) || !Double.isFinite(a)) {
            throw new IllegalArgumentException("absorption must be a finite number >= 0, got " + a);
        }
        MultigridLevel fine = levels.get(0);
        float mass = (float) (a * h * h);
        if (fine instanceof FineLevel computed) {
            computed.setUniformMass(a * h * h);
        } else {
            fine.forInterior((p0, p1) -> Arrays.fill(fine.mass, p0, p1, mass));
        }
        absorption = null;
        absorptionFloat = null;
        uniformMass = a * h * h;
        massesChanged();
    }

    private void massesChanged() {
        MultigridLevel finest = levels.get(0);
        if (!(finest instanceof FineLevel computed && computed.massEverywhere())) {
            // the check reads the conductivity itself, so a computed and a stored fine level share it
            IntPredicate hasMass = finest instanceof FineLevel computed ? computed::hasMass
                    : v -> finest.mass[finest.index(v % nx, v / nx % ny, v / (nx * ny))] > 0;
            SingularityCheck.refuseSingular(nx, ny, nz, periodic, fixedFace, conductivity, hasMass);
        }
        if (operatorDependent != null) {
            levels.get(0).refreshDiagonal(boundary.get(0));
            operatorDependent.rebuild(levels.get(0));
            return;
        }
        for (int l = 0; l < levels.size(); l++) {
            MultigridLevel level = levels.get(l);
            if (l > 0) {
                MultigridLevel fine = levels.get(l - 1);
                level.clear(level.mass);
                if (fine instanceof FineLevel computed) {
                    computed.restrictMass(level);
                } else {
                    Transfers.restrict(fine, fine.mass, level, level.mass);
                }
            }
            level.refreshDiagonal(boundary.get(l));
        }
        coarsest = DenseLu.of(levels.get(levels.size() - 1));
    }

    /**
     * Work so far in fine-level operator passes (work units): the 7-point operator's cell updates on
     * every level (residuals, smoothing steps, CG's product), divided by the fine level's cells. A
     * 27-point cell update of the operator-dependent coarse levels counts 27/7 (its multiply-adds).
     */
    public double workUnits() {
        double updates = 0;
        for (MultigridLevel level : levels) {
            updates += level.operatorCellUpdates;
        }
        if (operatorDependent != null) {
            updates += operatorDependent.coarseCellUpdates() * 27.0 / 7.0;
        }
        return updates / levels.get(0).cells();
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
        return levels.size() + (operatorDependent == null ? 0 : operatorDependent.coarseLevels());
    }

    /**
     * Solves for u (in: the start value; out: the solution), f per voxel, until the residual's 2-norm
     * is at most {@code relativeTolerance} times that of the right-hand side (f plus the fixed faces'
     * held values), or {@code maxIterations} PCG iterations (one V-cycle each) have run.
     */
    public SolveStats solve(double[] solution, double[] f, double relativeTolerance, int maxIterations) {
        load(solution, f);
        SolveStats stats = solveLoaded(v -> f[v], relativeTolerance, maxIterations);
        store(solution);
        return stats;
    }

    /**
     * Sets the start value of the next {@link #solve(double[], double, int)} from a float field (its
     * values exactly): a caller whose state is float need not hold a double copy of it.
     */
    public void loadStart(float[] start) {
        if (start.length != nx * ny * nz) {
            throw new IllegalArgumentException("start value has " + start.length + " values for " + nx * ny * nz + " voxels");
        }
        loadStart(v -> start[v]);
    }

    /** As {@link #loadStart(float[])} with the start value of each voxel given by {@code start}. */
    public void loadStart(IntToDoubleFunction start) {
        MultigridLevel fine = levels.get(0);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int p0 = fine.index(0, j, k);
                int v0 = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    u[p0 + i] = start.applyAsDouble(v0 + i);
                }
            }
        }
    }

    /**
     * As {@link #solve(double[], double[], double, int)}, from the iterate {@link #loadStart} or the
     * previous solve left in the solver; the solution stays there ({@link #readSolution},
     * {@link #storeSolution}). Saves the caller a double array per voxel.
     */
    public SolveStats solve(double[] f, double relativeTolerance, int maxIterations) {
        if (f.length != nx * ny * nz) {
            throw new IllegalArgumentException("solve needs " + nx * ny * nz + " right-hand side values, got " + f.length);
        }
        requireAbsorption();
        return solveLoaded(v -> f[v], relativeTolerance, maxIterations);
    }

    /**
     * As {@link #solve(double[], double, int)} with f given per voxel by {@code f}, which every
     * iteration's double residual reads: for a caller that holds f in less than a double per voxel.
     */
    public SolveStats solve(RightHandSide f, double relativeTolerance, int maxIterations) {
        requireAbsorption();
        return solveLoaded(f, relativeTolerance, maxIterations);
    }

    /** f of voxel v (voxel order, x fastest), read in double. */
    @FunctionalInterface
    public interface RightHandSide {
        double at(int voxel);
    }

    /** Hands each voxel's value of the solution held in the solver to {@code reader} (voxel order). */
    public void readSolution(SolutionReader reader) {
        MultigridLevel fine = levels.get(0);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int p0 = fine.index(0, j, k);
                int v0 = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    reader.accept(v0 + i, u[p0 + i]);
                }
            }
        }
    }

    /** Writes the solution held in the solver into a float field (rounded). */
    public void storeSolution(float[] out) {
        readSolution((v, value) -> out[v] = (float) value);
    }

    /** Receives one voxel's value of a solution. */
    @FunctionalInterface
    public interface SolutionReader {
        void accept(int voxel, double value);
    }

    private SolveStats solveLoaded(RightHandSide f, double relativeTolerance, int maxIterations) {
        MultigridLevel fine = levels.get(0);
        double bNorm = Math.sqrt(rhsSquaredNorm(f));
        double rNorm = Math.sqrt(residualInDouble(f, fine.b));
        List<Double> history = new ArrayList<>();
        history.add(rNorm);
        int iterations = 0;
        if (bNorm == 0 && rNorm == 0) {
            return new SolveStats(0, bNorm, history);
        }
        double target = relativeTolerance * bNorm;
        double rz = 0;
        // fine.b holds the residual (the V-cycle's input, which it only reads), fine.x the preconditioned
        // residual z, and fine.r, the smoother's scratch between cycles, A·dir (previousProduct for the
        // flexible variant, which must keep it across the cycle)
        float[] res = fine.b;
        // The operator-dependent cycle's K-cycle (inner Krylov steps) is not a fixed linear operator, so
        // plain PCG's β = (r',z')/(r,z) no longer makes the new direction A-orthogonal to the previous
        // one. Flexible CG (Notay, SIAM J. Sci. Comput. 22, 2000; the outer iteration Notay &
        // Vassilevski 2008 pair with the K-cycle) orthogonalises explicitly against the previous
        // direction, β = −(z', A·d)/(d, A·d), and takes α = (d, r)/(d, A·d): one dot product more and
        // A·d kept across the cycle. Measured (vessel network 128³, seed 12): 0.103 per cycle with
        // plain PCG, whose residual stalled every second step, 0.040 with it. The geometric V-cycle is
        // linear and keeps plain PCG.
        boolean flexible = previousProduct != null;
        float[] q = flexible ? previousProduct : fine.r;
        double dirProduct = 0;
        while (rNorm > target && iterations < maxIterations) {
            float[] z = precondition();
            // flexible CG needs no (r, z): its β comes from (z, A·d)
            double rzNew = flexible ? 0 : fine.dot(res, z);
            if (iterations == 0) {
                System.arraycopy(z, 0, dir, 0, z.length);
            } else {
                float beta = (float) (flexible ? -fine.dot(z, q) / dirProduct : rzNew / rz);
                fine.forInterior((p0, p1) -> {
                    for (int p = p0; p < p1; p++) {
                        dir[p] = z[p] + beta * dir[p];
                    }
                });
            }
            rz = rzNew;
            fine.apply(dir, q);
            dirProduct = fine.dot(dir, q);
            double alpha = (flexible ? fine.dot(dir, res) : rz) / dirProduct;
            fine.forInterior((p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    u[p] += alpha * dir[p];
                }
            });
            iterations++;
            rNorm = Math.sqrt(residualInDouble(f, res));
            history.add(rNorm);
        }
        return new SolveStats(iterations, bNorm, history);
    }

    /** As {@link #solve} but with the V-cycle as a stationary iteration: u ← u + V(f − A·u). */
    public SolveStats solveWithVCycles(double[] solution, double[] f, double relativeTolerance, int maxCycles) {
        MultigridLevel fine = load(solution, f);
        RightHandSide rhs = v -> f[v];
        double bNorm = Math.sqrt(rhsSquaredNorm(rhs));
        double rNorm = Math.sqrt(residualInDouble(rhs, fine.b));
        List<Double> history = new ArrayList<>();
        history.add(rNorm);
        int cycles = 0;
        while (rNorm > relativeTolerance * bNorm && cycles < maxCycles) {
            float[] z = precondition();
            fine.forInterior((p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    u[p] += z[p];
                }
            });
            rNorm = Math.sqrt(residualInDouble(rhs, fine.b));
            history.add(rNorm);
            cycles++;
        }
        store(solution);
        return new SolveStats(cycles, bNorm, history);
    }

    /** Σ over the fine cells of (f·h² + held-face source)², the right-hand side's squared 2-norm. */
    private double rhsSquaredNorm(RightHandSide f) {
        MultigridLevel fine = levels.get(0);
        double h2 = h * h;
        fine.forPlanes(k -> {
            double sum = 0;
            for (int j = 0; j < ny; j++) {
                int v0 = nx * (j + ny * (k - 1));
                for (int i = 0; i < nx; i++) {
                    double b = f.at(v0 + i) * h2 + heldSource(i, j, k - 1, v0 + i);
                    sum += b * b;
                }
            }
            planeSums[k] = sum;
        });
        return sumOfPlanes();
    }

    /**
     * out = f·h² + held-face source − A·u over the fine interior, computed in double from the double
     * iterate and rounded to float only when stored; returns the squared 2-norm of the double residual.
     * The diagonal is mass + faceSum summed here in double, the operator the coefficients define exactly.
     */
    private double residualInDouble(RightHandSide f, float[] out) {
        MultigridLevel fine = levels.get(0);
        fine.fillGhosts(u);
        fine.operatorCellUpdates += fine.cells();
        double h2 = h * h;
        fine.forPlanes(k -> {
            double sum = 0;
            boolean interiorPlane = k - 1 > 0 && k - 1 < nz - 1;
            for (int j = 0; j < ny; j++) {
                int p0 = fine.index(0, j, k - 1);
                int v0 = nx * (j + ny * (k - 1));
                // cells away from every domain face take the branch-free sum (the same terms in the same order)
                int interiorFrom = interiorPlane && j > 0 && j < ny - 1 ? 1 : nx;
                int interiorTo = interiorFrom == 1 ? nx - 1 : nx;
                for (int i = 0; i < nx; i++) {
                    int p = p0 + i;
                    int v = v0 + i;
                    double flux = i >= interiorFrom && i < interiorTo ? interiorFluxSum(u, v, p, fine)
                            : exactFluxSum(u, i, j, k - 1, v, p, fine);
                    double r = f.at(v) * h2 - massOf(v) * u[p] + flux;
                    out[p] = (float) r;
                    sum += r * r;
                }
            }
            planeSums[k] = sum;
        });
        return sumOfPlanes();
    }

    /**
     * {@link #exactFluxSum} of a cell with six interior neighbours: no domain face, so neither wrap nor
     * held value, and the same six terms summed in the same order (bitwise the same result). The outer
     * residual of every cycle runs it for almost every cell; without the general form's per-face branches
     * an implicit step at 128³ takes 5 % less wall.
     */
    private double interiorFluxSum(double[] u, int v, int p, MultigridLevel fine) {
        float[] k = conductivity;
        double twoK = 2.0 * k[v];
        double uv = u[p];
        int row = nx;
        int plane = nx * ny;
        double sum = 0;
        sum += HalfConductances.series(twoK, 2.0 * k[v - 1]) * (u[p - 1] - uv);
        sum += HalfConductances.series(twoK, 2.0 * k[v + 1]) * (u[p + 1] - uv);
        sum += HalfConductances.series(twoK, 2.0 * k[v - row]) * (u[p - fine.px] - uv);
        sum += HalfConductances.series(twoK, 2.0 * k[v + row]) * (u[p + fine.px] - uv);
        sum += HalfConductances.series(twoK, 2.0 * k[v - plane]) * (u[p - fine.pxy] - uv);
        sum += HalfConductances.series(twoK, 2.0 * k[v + plane]) * (u[p + fine.pxy] - uv);
        return sum;
    }

    private double sumOfPlanes() {
        double sum = 0;
        for (int k = 1; k <= nz; k++) {
            sum += planeSums[k];
        }
        return sum;
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
        double[] padded = u; // the iterate is reloaded by every solve
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                System.arraycopy(field, nx * (j + ny * k), padded, fine.index(0, j, k), nx);
            }
        }
        divergenceOfPadded(padded, out);
    }

    /** {@link #divergenceOfFlux(double[], double[])} of a float field (exactly its values in double). */
    public void divergenceOfFlux(float[] field, double[] out) {
        int cells = nx * ny * nz;
        if (field.length != cells || out.length != cells) {
            throw new IllegalArgumentException("divergenceOfFlux needs arrays of " + cells + " values");
        }
        MultigridLevel fine = levels.get(0);
        double[] padded = u;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int p0 = fine.index(0, j, k);
                int v0 = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    padded[p0 + i] = field[v0 + i];
                }
            }
        }
        divergenceOfPadded(padded, out);
    }

    private void divergenceOfPadded(double[] padded, double[] out) {
        MultigridLevel fine = levels.get(0);
        fine.fillGhosts(padded);
        double inverseH2 = 1.0 / (h * h);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int p0 = fine.index(0, j, k);
                int v0 = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    int p = p0 + i;
                    out[v0 + i] = exactFluxSum(padded, i, j, k, v0 + i, p, fine)
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
        requireAbsorption();
        MultigridLevel fine = levels.get(0);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                System.arraycopy(solution, nx * (j + ny * k), u, fine.index(0, j, k), nx);
            }
        }
        return fine;
    }

    private void requireAbsorption() {
        if (operatorDependent != null ? !operatorDependent.built() : coarsest == null) {
            throw new IllegalStateException("set the absorption a before solving");
        }
    }

    private void store(double[] solution) {
        MultigridLevel fine = levels.get(0);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                System.arraycopy(u, fine.index(0, j, k), solution, nx * (j + ny * k), nx);
            }
        }
    }

    /** One V-cycle from zero for A·z = r, r in the fine level's b array; returns z (the fine level's x array). */
    private float[] precondition() {
        if (operatorDependent != null) {
            OperatorDependentCycle.run(levels.get(0), operatorDependent);
            return levels.get(0).x;
        }
        vCycle(0);
        return levels.get(0).x;
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

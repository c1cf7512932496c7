package org.stromasim.backend.opencl;

import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;
import org.stromasim.solver.ChebyshevJacobi;
import org.stromasim.solver.Coarsening;
import org.stromasim.solver.MultigridHierarchy;
import org.stromasim.solver.MultigridSolver;
import org.stromasim.solver.OperatorDependentLevels;

/**
 * The {@link Coarsening#OPERATOR_DEPENDENT} solve of a {@link MultigridSolver} on the device: the same
 * hierarchy (built by the Java solver for its conductivity and absorption, {@link OperatorDependentLevels},
 * and uploaded), the same cycle (org.stromasim.solver.OperatorDependentCycle) and the same outer flexible
 * CG with the residual recomputed from the iterate every step:
 * <ul>
 *   <li>fine level: Chebyshev–Jacobi of degree {@link OperatorDependentLevels#fineSmoothingDegree} on
 *       [λ/{@link OperatorDependentLevels#fineSmoothingRatio}, λ], λ the Java fine level's bound, with the
 *       7-point kernels of the geometric device cycle ({@link MultigridKernels}) on the fine operator in
 *       double exactly as the Java solver's residual applies it;</li>
 *   <li>black-box restriction Pᵀ and prolongation P ({@link GalerkinKernels});</li>
 *   <li>each device coarse level: the K-cycle (up to two flexible-CG steps preconditioned by the cycle one
 *       level down, the second skipped when the first left at most
 *       {@link OperatorDependentLevels#kCycleThreshold} of the residual), whose cycle smooths with
 *       Chebyshev–Jacobi of degree {@link MultigridSolver#SMOOTHING_DEGREE} on the level's Lanczos bound;</li>
 *   <li>from the first level of at most {@code maxHostCells} cells down (at least the last, its dense LU),
 *       the Java code itself ({@link OperatorDependentLevels#coarseSolveOnHost}): per visit that level's
 *       right-hand side and correction cross to the host.</li>
 * </ul>
 * Double precision on the device, as the geometric device cycle; the Java cycle is float, so the two agree
 * to float rounding per cycle. Per outer iteration four dot products, and per K-cycle step on a device
 * level five, are read back to the host.
 *
 * <p>The buffers are this object's own ({@link #close}). A new absorption or conductivity needs a new
 * hierarchy from the Java solver, hence a new object.
 */
final class DeviceOperatorDependentMultigrid implements AutoCloseable {

    private final OperatorDependentLevels host;
    private final MultigridKernels kernels;
    private final GalerkinKernels galerkin;
    private final cl_command_queue queue;
    private final ClResources own;
    private final MultigridKernels.DeviceLevel fine;
    private final int[] fineShape;
    private final cl_mem fineX;
    private final cl_mem fineB;
    private final cl_mem fineR;
    private final cl_mem fineD;
    private final cl_mem res;
    private final cl_mem dir;
    private final cl_mem q;
    /** Coarse levels 0..{@link #hostLevel}; the last only as the target of the transfers. */
    private final List<StencilDeviceLevel> coarse = new ArrayList<>();
    private final int hostLevel;
    private final double[] hostB;
    private final double[] hostX;
    private final List<Double> history = new ArrayList<>();
    private long fineUpdates;
    private long coarseUpdates;
    private long hostUpdatesAtStart;

    /**
     * @param levels       the Java solver's hierarchy for the absorption it was set to
     * @param maxHostCells levels of at most this many cells run their part of the cycle on the host
     *                     ({@link org.stromasim.solver.MultigridHierarchy#HOST_CELLS} as the geometric device
     *                     cycle; 0 runs all but the dense LU on the device)
     */
    DeviceOperatorDependentMultigrid(OperatorDependentLevels levels, int maxHostCells, MultigridKernels kernels,
                                     GalerkinKernels galerkin, DeviceContext context, cl_command_queue queue) {
        this.host = levels;
        this.kernels = kernels;
        this.galerkin = galerkin;
        this.queue = queue;
        this.own = new ClResources(context.context());
        this.hostLevel = levels.firstHostLevel(maxHostCells);
        try {
            int mask = 0;
            for (int axis = 0; axis < 3; axis++) {
                mask |= levels.periodic(axis) ? MultigridKernels.periodicBit(axis) : 0;
            }
            this.fine = new MultigridKernels.DeviceLevel(own, levels.fine(), mask);
            this.fineShape = new int[] {fine.nx, fine.ny, fine.nz};
            long bytes = MultigridWorkspace.padded(fineShape) * Sizeof.cl_double;
            this.fineX = zeroed(bytes);
            this.fineB = zeroed(bytes);
            this.fineR = zeroed(bytes);
            this.fineD = zeroed(bytes);
            this.res = zeroed(bytes);
            this.dir = zeroed(bytes);
            this.q = zeroed(bytes);
            int[] above = fineShape;
            for (int l = 0; l <= hostLevel; l++) {
                StencilDeviceLevel level = new StencilDeviceLevel(own, queue, levels, l, above, l < hostLevel);
                coarse.add(level);
                above = level.shape();
            }
        } catch (RuntimeException | Error e) {
            own.close();
            throw e;
        }
        int hostSize = (int) coarse.get(hostLevel).paddedSize();
        hostB = new double[hostSize];
        hostX = new double[hostSize];
    }

    /** The device's fine operator (the Java solver's, in double): its shape and coefficients. */
    MultigridKernels.DeviceLevel fine() {
        return fine;
    }

    /**
     * Device bytes a solver for an nx×ny×nz grid allocates, counted from the level shapes before anything
     * is built (the memory plan): per padded fine cell the fine operator's 6 double arrays and 7 double
     * vectors (104 bytes); per coarse level its interpolation's 8 float weights per cell of the level
     * above, its coordinate and restriction tables, and per padded cell x and b (16), with, on a level the
     * device smooths, 27 float coefficients and 6 more double vectors (156). Levels of at most
     * {@code maxHostCells} cells below the first run on the host ({@link OperatorDependentLevels#firstHostLevel}).
     * A hierarchy stopped early by a periodic axis of odd size has fewer levels and is not counted here.
     */
    static long deviceBytesFor(int nx, int ny, int nz, int maxHostCells) {
        List<int[]> shapes = MultigridHierarchy.levelShapes(nx, ny, nz);
        int coarseLevels = shapes.size() - 1;
        int hostLevel = coarseLevels - 1;
        while (hostLevel > 0 && cells(shapes.get(hostLevel)) <= maxHostCells) {
            hostLevel--;
        }
        long bytes = MultigridWorkspace.padded(shapes.get(0)) * 13L * Sizeof.cl_double;
        for (int l = 0; l <= hostLevel; l++) {
            int[] above = shapes.get(l);
            int[] shape = shapes.get(l + 1);
            long padded = MultigridWorkspace.padded(shape);
            bytes += 8L * cells(above) * Sizeof.cl_float
                    + (2L * (above[0] + above[1] + above[2])
                    + (long) GalerkinKernels.RESTRICT_PAIRS * (shape[0] + shape[1] + shape[2])) * Sizeof.cl_int
                    + padded * 2L * Sizeof.cl_double;
            if (l < hostLevel) {
                bytes += padded * (27L * Sizeof.cl_float + 6L * Sizeof.cl_double);
            }
        }
        return bytes;
    }

    /**
     * The largest single buffer of {@link #deviceBytesFor}'s solver: the first coarse level's interpolation
     * weights (8 floats per fine cell), or its 27 coefficient arrays (one buffer) where the device smooths it.
     */
    static long largestBufferBytesFor(int nx, int ny, int nz, int maxHostCells) {
        List<int[]> shapes = MultigridHierarchy.levelShapes(nx, ny, nz);
        long largest = Math.max(8L * cells(shapes.get(0)) * Sizeof.cl_float,
                MultigridWorkspace.padded(shapes.get(0)) * Sizeof.cl_double);
        boolean firstOnDevice = shapes.size() > 2 && cells(shapes.get(1)) > maxHostCells;
        return firstOnDevice ? Math.max(largest, 27L * MultigridWorkspace.padded(shapes.get(1)) * Sizeof.cl_float)
                : largest;
    }

    private static long cells(int[] shape) {
        return (long) shape[0] * shape[1] * shape[2];
    }

    /** Device bytes this solver allocated (coefficients, weights, tables and work vectors). */
    long deviceBytes() {
        return own.allocatedBytes();
    }

    /** The first coarse level whose part of the cycle runs on the host. */
    int hostLevel() {
        return hostLevel;
    }

    /**
     * Solves A·u = rhs (scaled form, padded; u holds the start value and receives the solution) until the
     * residual's 2-norm is at most {@code relativeTolerance} times that of rhs or {@code maxIterations}
     * outer iterations (one cycle each) have run, as {@link MultigridSolver#solve}. Returns
     * {iterations, ‖rhs‖, ‖residual‖}; {@link #residualHistory} the norm before the first and after each.
     */
    double[] solve(cl_mem u, cl_mem rhs, double relativeTolerance, int maxIterations) {
        hostUpdatesAtStart = host.coarseCellUpdates();
        fineUpdates = 0;
        coarseUpdates = 0;
        history.clear();
        double bNorm = Math.sqrt(kernels.dot(fine, rhs, rhs));
        double rNorm = trueResidual(u, rhs);
        history.add(rNorm);
        int done = 0;
        if (bNorm == 0 && rNorm == 0) {
            return new double[] {0, bNorm, rNorm};
        }
        double target = relativeTolerance * bNorm;
        double dirProduct = 0;
        // Flexible CG (Notay 2000), as MultigridSolver's loop for this hierarchy: the K-cycle is not a fixed
        // linear operator, so the direction is A-orthogonalised against the previous one explicitly.
        while (rNorm > target && done < maxIterations) {
            cl_mem z = precondition();
            double beta = done == 0 ? 0.0 : -kernels.dot(fine, z, q) / dirProduct;
            kernels.direction(fine, z, dir, beta);
            kernels.operator(fine, fine.unitMass, 1.0, dir, null, q);
            fineUpdates++;
            dirProduct = kernels.dot(fine, dir, q);
            double alpha = kernels.dot(fine, dir, res) / dirProduct;
            galerkin.combine(fine.nx, fine.ny, fine.nz, u, dir, u, 1.0, alpha);
            done++;
            rNorm = trueResidual(u, rhs);
            history.add(rNorm);
        }
        return new double[] {done, bNorm, rNorm};
    }

    /** res = rhs − A·u from the iterate (not updated recursively, as the Java solver); returns its 2-norm. */
    private double trueResidual(cl_mem u, cl_mem rhs) {
        kernels.operator(fine, fine.unitMass, 1.0, u, rhs, res);
        fineUpdates++;
        return Math.sqrt(kernels.dot(fine, res, res));
    }

    /** The residual norms of the last solve: before the first iteration and after each. */
    List<Double> residualHistory() {
        return List.copyOf(history);
    }

    /**
     * Work of the last solve in fine-level operator passes, counted as {@link MultigridSolver#workUnits}:
     * a 7-point fine pass 1, a 27-point cell update 27/7 of a fine cell's.
     */
    double workUnits() {
        double updates = fineUpdates * (double) fine.cells()
                + (coarseUpdates + host.coarseCellUpdates() - hostUpdatesAtStart) * 27.0 / 7.0;
        return updates / fine.cells();
    }

    /** One cycle from zero for A·z = res on the fine level; returns z (the fine level's x). */
    private cl_mem precondition() {
        copy(res, fineB, fine.nx, fine.ny, fine.nz);
        clear(fineX, fineShape);
        smoothFine();
        kernels.operator(fine, fine.unitMass, 1.0, fineX, fineB, fineR);
        fineUpdates++;
        StencilDeviceLevel first = coarse.get(0);
        galerkin.restrict(fineShape, fineR, first, first.b);
        coarseSolve(0);
        galerkin.prolongAdd(first, first.x, fineShape, fineX);
        smoothFine();
        return fineX;
    }

    private void smoothFine() {
        chebyshevSteps(host.fineSmootherBound(), OperatorDependentLevels.fineSmoothingDegree(),
                OperatorDependentLevels.fineSmoothingRatio(), (keep, push) -> {
                    kernels.operator(fine, fine.unitMass, 1.0, fineX, fineB, fineR);
                    fineUpdates++;
                    kernels.chebyshev(fine, fine.unitMass, 1.0, fineR, fineD, fineX, keep, push);
                });
    }

    private void smoothCoarse(StencilDeviceLevel level) {
        chebyshevSteps(level.smootherBound, MultigridSolver.SMOOTHING_DEGREE, MultigridSolver.SMOOTHING_RATIO,
                (keep, push) -> {
                    stencil(level, GalerkinKernels.Pass.JACOBI_RESIDUAL, level.x, level.b, level.r);
                    galerkin.chebyshev(level.nx, level.ny, level.nz, level.r, level.d, level.x, keep, push);
                });
    }

    /** One Chebyshev–Jacobi step given the recurrence's coefficients: the Java ChebyshevJacobi.smooth's. */
    private interface ChebyshevStep {
        void run(double keep, double push);
    }

    /** The recurrence of ChebyshevJacobi.smooth (Saad, Alg. 12.1) on [upper/ratio, upper], step by step. */
    private static void chebyshevSteps(double upper, int degree, double ratio, ChebyshevStep step) {
        double[] c = ChebyshevJacobi.coefficients(upper, ratio, degree);
        for (int k = 0; k < degree; k++) {
            step.run(c[2 * k], c[2 * k + 1]);
        }
    }

    /** The cycle from zero on device coarse level l (l &lt; {@link #hostLevel}): b in, x out. */
    private void coarseCycle(int l) {
        StencilDeviceLevel level = coarse.get(l);
        clear(level.x, level.shape());
        smoothCoarse(level);
        stencil(level, GalerkinKernels.Pass.RESIDUAL, level.x, level.b, level.r);
        StencilDeviceLevel below = coarse.get(l + 1);
        galerkin.restrict(level.shape(), level.r, below, below.b);
        coarseSolve(l + 1);
        galerkin.prolongAdd(below, below.x, level.shape(), level.x);
        smoothCoarse(level);
    }

    /**
     * Approximate solve on coarse level l (b in, x out): on the host from {@link #hostLevel} on, else the
     * K-cycle of OperatorDependentCycle.coarseSolve, step for step.
     */
    private void coarseSolve(int l) {
        StencilDeviceLevel level = coarse.get(l);
        if (l == hostLevel) {
            long bytes = (long) hostB.length * Sizeof.cl_double;
            CL.clEnqueueReadBuffer(queue, level.b, CL.CL_TRUE, 0, bytes, Pointer.to(hostB), 0, null, null);
            host.coarseSolveOnHost(l, hostB, hostX);
            CL.clEnqueueWriteBuffer(queue, level.x, CL.CL_TRUE, 0, bytes, Pointer.to(hostX), 0, null, null);
            return;
        }
        int nx = level.nx;
        int ny = level.ny;
        int nz = level.nz;
        copy(level.b, level.keptB, nx, ny, nz);
        coarseCycle(l);
        copy(level.x, level.c1, nx, ny, nz);
        stencil(level, GalerkinKernels.Pass.PRODUCT, level.c1, null, level.v1);
        double rho1 = kernels.dot(nx, ny, nz, level.c1, level.v1);
        double alpha1 = kernels.dot(nx, ny, nz, level.c1, level.keptB);
        if (!(rho1 > 0)) {
            return; // x holds the cycle's answer
        }
        double step1 = alpha1 / rho1;
        double bNorm2 = kernels.dot(nx, ny, nz, level.keptB, level.keptB);
        // b holds r̃ = b − step1·A·c1 (the second cycle's right-hand side)
        galerkin.combine(nx, ny, nz, level.keptB, level.v1, level.b, 1.0, -step1);
        double rtNorm2 = kernels.dot(nx, ny, nz, level.b, level.b);
        double threshold = OperatorDependentLevels.kCycleThreshold();
        if (rtNorm2 <= threshold * threshold * bNorm2) {
            galerkin.combine(nx, ny, nz, level.c1, level.c1, level.x, step1, 0.0);
            copy(level.keptB, level.b, nx, ny, nz);
            return;
        }
        coarseCycle(l); // x = B·r̃
        copy(level.x, level.c2, nx, ny, nz);
        stencil(level, GalerkinKernels.Pass.PRODUCT, level.c2, null, level.r);
        double gamma = kernels.dot(nx, ny, nz, level.c2, level.v1);
        double beta = kernels.dot(nx, ny, nz, level.c2, level.r);
        double alpha2 = kernels.dot(nx, ny, nz, level.c2, level.b);
        double rho2 = beta - gamma * gamma / rho1;
        double w1 = step1;
        double w2 = 0;
        if (rho2 > 0) {
            w1 = alpha1 / rho1 - gamma * alpha2 / (rho1 * rho2);
            w2 = alpha2 / rho2;
        }
        galerkin.combine(nx, ny, nz, level.c1, level.c2, level.x, w1, w2);
        copy(level.keptB, level.b, nx, ny, nz);
    }

    private void stencil(StencilDeviceLevel level, GalerkinKernels.Pass pass, cl_mem u, cl_mem rhs, cl_mem out) {
        galerkin.stencil(level, pass, u, rhs, out);
        coarseUpdates += level.cells();
    }

    /** to = from over the interior (ghosts stay as they are: 0). */
    private void copy(cl_mem from, cl_mem to, int nx, int ny, int nz) {
        galerkin.combine(nx, ny, nz, from, from, to, 1.0, 0.0);
    }

    private void clear(cl_mem buffer, int[] shape) {
        long bytes = MultigridWorkspace.padded(shape) * Sizeof.cl_double;
        CL.clEnqueueFillBuffer(queue, buffer, Pointer.to(new double[] {0.0}), Sizeof.cl_double, 0, bytes, 0, null, null);
    }

    private cl_mem zeroed(long bytes) {
        cl_mem m = own.buffer(CL.CL_MEM_READ_WRITE, bytes);
        CL.clEnqueueFillBuffer(queue, m, Pointer.to(new double[] {0.0}), Sizeof.cl_double, 0, bytes, 0, null, null);
        return m;
    }

    @Override
    public void close() {
        own.close();
    }
}

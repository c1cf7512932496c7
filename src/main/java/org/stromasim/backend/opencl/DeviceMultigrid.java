package org.stromasim.backend.opencl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;
import org.stromasim.solver.ChebyshevJacobi;
import org.stromasim.solver.MultigridHierarchy;
import org.stromasim.solver.MultigridSolver;

/**
 * One species' multigrid solver on the device: the conjugate gradients preconditioned by one V-cycle
 * of {@link MultigridSolver}, with the same hierarchy ({@link MultigridHierarchy}: the coarsening and
 * conductances are built on the host, once per diffusivity, and uploaded), the same Chebyshev–Jacobi
 * smoother ({@link MultigridSolver#SMOOTHING_DEGREE} steps on [λ/{@link MultigridSolver#SMOOTHING_RATIO}, λ]
 * before and after the coarse correction), the same block-sum restriction and copy prolongation over
 * coupled cells, and the coarsest level (≤ 64 cells) solved exactly by dense LU. The levels of at
 * most {@link MultigridHierarchy#HOST_CELLS} cells run their part of the cycle on the host (the Java
 * solver's own code, {@link MultigridHierarchy#vCycleOnHost}): a device pass costs a launch whatever
 * its size. Every other pass runs on the device; per PCG iteration three dot products and one small
 * level's right-hand side and correction cross to the host.
 *
 * <p>The coefficient buffers are this object's own (released by {@link #close}, when the diffusivity
 * changes); the work arrays are the shared {@link MultigridWorkspace}.
 */
final class DeviceMultigrid implements DeviceImplicitSolver {

    /** Coefficient arrays per level: fx, fy, fz, faceSum, unitMass, coupledSum. */
    static final int COEFFICIENT_ARRAYS = 6;

    /** The host part of the cycle; the hierarchy's grid-sized double levels are not kept once uploaded. */
    private final MultigridHierarchy.HostCycle hostCycle;
    private final MultigridKernels kernels;
    private final MultigridWorkspace work;
    private final cl_command_queue queue;
    private final ClResources own;
    private final List<MultigridKernels.DeviceLevel> levels = new ArrayList<>();
    final cl_mem boundarySource;
    private final Map<Double, double[]> lambdaMaxByAbsorption = new HashMap<>();
    /** The first level whose part of the cycle runs on the host ({@link MultigridHierarchy#vCycleOnHost}). */
    private final int hostLevel;
    private final double[] coarseB;
    private final double[] coarseX;
    private double a;
    private double[] lambdaMax;
    /** Whether the masses are per voxel ({@link #setAbsorptionField}; a is then 1) rather than a·unitMass. */
    private boolean perVoxel;
    /** The host level's masses, read back for {@link MultigridHierarchy#setHostMasses}. */
    private final double[] hostMass;
    private long iterations;
    private long solves;

    DeviceMultigrid(MultigridHierarchy hierarchy, MultigridKernels kernels, MultigridWorkspace work,
                    DeviceContext context, cl_command_queue queue) {
        this.hostCycle = hierarchy.hostCycle();
        this.kernels = kernels;
        this.work = work;
        this.queue = queue;
        this.own = new ClResources(context.context());
        try {
            int periodic = 0;
            for (int axis = 0; axis < 3; axis++) {
                periodic |= hierarchy.periodic(axis) ? MultigridKernels.periodicBit(axis) : 0;
            }
            for (MultigridHierarchy.Level level : hierarchy.levels()) {
                levels.add(new MultigridKernels.DeviceLevel(own, level, periodic));
            }
            boundarySource = MultigridKernels.DeviceLevel.upload(own, hierarchy.boundarySource());
        } catch (RuntimeException | Error e) {
            own.close();
            throw e;
        }
        this.hostLevel = hierarchy.firstHostLevel();
        int coarseSize = hierarchy.levels().get(hostLevel).paddedSize();
        coarseB = new double[coarseSize];
        coarseX = new double[coarseSize];
        hostMass = new double[coarseSize];
    }

    @Override
    public MultigridKernels.DeviceLevel fine() {
        return levels.get(0);
    }

    @Override
    public cl_mem boundarySource() {
        return boundarySource;
    }

    /** Sets the absorption a (&gt; 0) of the following solves: the smoother's interval per level follows it. */
    @Override
    public void setAbsorption(double absorption) {
        if (absorption == a && lambdaMax != null && !perVoxel) {
            return;
        }
        perVoxel = false;
        a = absorption;
        lambdaMax = lambdaMaxByAbsorption.computeIfAbsent(absorption, value -> {
            double[] bounds = new double[levels.size()];
            for (int l = 0; l < hostLevel; l++) { // the host levels set their own
                bounds[l] = 1 + kernels.maxCoupledRatio(levels.get(l), levels.get(l).unitMass, value);
            }
            return bounds;
        });
        if (lambdaMaxByAbsorption.size() > 8) {
            lambdaMaxByAbsorption.clear(); // only the two of the current step are reused
            lambdaMaxByAbsorption.put(absorption, lambdaMax);
        }
    }

    /**
     * Sets a per voxel for the following solves: the fine level's masses a·h² are in
     * {@code work.mass(0)} (written by the caller); they are restricted to every coarser level as the
     * Java solver restricts them (block sums over coupled cells), the host levels get theirs with
     * their diagonals and coarsest LU rebuilt ({@link MultigridHierarchy#setHostMasses}), and each
     * device level's Chebyshev interval is measured again on its new diagonal.
     */
    @Override
    public void setAbsorptionField() {
        perVoxel = true;
        a = 1.0;
        for (int l = 1; l <= hostLevel; l++) {
            kernels.restrict(levels.get(l - 1), work.mass(l - 1), levels.get(l), work.mass(l));
        }
        CL.clEnqueueReadBuffer(queue, work.mass(hostLevel), CL.CL_TRUE, 0, (long) hostMass.length * Sizeof.cl_double,
                Pointer.to(hostMass), 0, null, null);
        hostCycle.setMasses(hostMass);
        double[] bounds = new double[levels.size()];
        for (int l = 0; l < hostLevel; l++) {
            bounds[l] = 1 + kernels.maxCoupledRatio(levels.get(l), work.mass(l), 1.0);
        }
        lambdaMax = bounds;
    }

    /** The mass array of level l in the current mode: per voxel, or the unit masses scaled by a. */
    private cl_mem mass(int l) {
        return perVoxel ? work.mass(l) : levels.get(l).unitMass;
    }

    /**
     * Solves A·u = rhs (scaled form, padded; u holds the start value and receives the solution) until
     * the residual's 2-norm is at most {@code relativeTolerance} times that of rhs or {@code maxIterations}
     * PCG iterations have run, as {@link MultigridSolver#solve}. Returns {iterations, ‖rhs‖, ‖residual‖}.
     */
    @Override
    public double[] solve(cl_mem u, cl_mem rhs, double relativeTolerance, int maxIterations) {
        MultigridKernels.DeviceLevel fine = fine();
        double bNorm = Math.sqrt(kernels.dot(fine, rhs, rhs));
        kernels.operator(fine, mass(0), a, u, rhs, work.res);
        double rNorm = Math.sqrt(kernels.dot(fine, work.res, work.res));
        int done = 0;
        if (bNorm == 0 && rNorm == 0) {
            return new double[] {0, bNorm, rNorm};
        }
        double target = relativeTolerance * bNorm;
        double rz = 0;
        while (rNorm > target && done < maxIterations) {
            cl_mem z = precondition(work.res);
            double rzNew = kernels.dot(fine, work.res, z);
            kernels.direction(fine, z, work.dir, done == 0 ? 0.0 : rzNew / rz);
            rz = rzNew;
            kernels.operator(fine, mass(0), a, work.dir, null, work.q);
            double alpha = rz / kernels.dot(fine, work.dir, work.q);
            kernels.update(fine, u, work.res, work.dir, work.q, alpha);
            done++;
            rNorm = Math.sqrt(kernels.dot(fine, work.res, work.res));
        }
        iterations += done;
        solves++;
        return new double[] {done, bNorm, rNorm};
    }

    /** One V-cycle from zero for A·z = r on the fine level; returns z (the fine level's x). */
    private cl_mem precondition(cl_mem r) {
        long bytes = MultigridWorkspace.padded(new int[] {fine().nx, fine().ny, fine().nz}) * Sizeof.cl_double;
        CL.clEnqueueCopyBuffer(queue, r, work.b(0), 0, 0, bytes, 0, null, null);
        vCycle(0);
        return work.x(0);
    }

    private void vCycle(int l) {
        MultigridKernels.DeviceLevel level = levels.get(l);
        cl_mem x = work.x(l);
        if (l == hostLevel) {
            long bytes = (long) coarseB.length * Sizeof.cl_double;
            CL.clEnqueueReadBuffer(queue, work.b(l), CL.CL_TRUE, 0, bytes, Pointer.to(coarseB), 0, null, null);
            if (perVoxel) {
                hostCycle.vCycle(coarseB, coarseX);
            } else {
                hostCycle.vCycle(a, coarseB, coarseX);
            }
            CL.clEnqueueWriteBuffer(queue, x, CL.CL_TRUE, 0, bytes, Pointer.to(coarseX), 0, null, null);
            return;
        }
        clear(x, level);
        smooth(l);
        kernels.operator(level, mass(l), a, x, work.b(l), work.r(l));
        MultigridKernels.DeviceLevel coarse = levels.get(l + 1);
        kernels.restrict(level, work.r(l), coarse, work.b(l + 1));
        vCycle(l + 1);
        kernels.prolongAdd(coarse, work.x(l + 1), level, x);
        smooth(l);
    }

    /** Chebyshev–Jacobi of degree {@link MultigridSolver#SMOOTHING_DEGREE}, the recurrence of the Java level's smooth. */
    private void smooth(int l) {
        MultigridKernels.DeviceLevel level = levels.get(l);
        double[] c = ChebyshevJacobi.coefficients(lambdaMax[l], MultigridSolver.SMOOTHING_RATIO,
                MultigridSolver.SMOOTHING_DEGREE);
        cl_mem x = work.x(l);
        cl_mem b = work.b(l);
        cl_mem r = work.r(l);
        cl_mem d = work.d(l);
        cl_mem m = mass(l);
        for (int step = 0; step < MultigridSolver.SMOOTHING_DEGREE; step++) {
            kernels.operator(level, m, a, x, b, r);
            kernels.chebyshev(level, m, a, r, d, x, c[2 * step], c[2 * step + 1]);
        }
    }

    private void clear(cl_mem buffer, MultigridKernels.DeviceLevel level) {
        long bytes = MultigridWorkspace.padded(new int[] {level.nx, level.ny, level.nz}) * Sizeof.cl_double;
        CL.clEnqueueFillBuffer(queue, buffer, Pointer.to(new double[] {0.0}), Sizeof.cl_double, 0, bytes, 0, null, null);
    }

    /** The upper end of device level l's Chebyshev interval for the current absorption (l &lt; {@link #hostLevel()}). */
    double smootherUpperBound(int l) {
        return lambdaMax[l];
    }

    /** The first level whose part of the cycle runs on the host. */
    int hostLevel() {
        return hostLevel;
    }

    /** PCG iterations (V-cycles) per solve so far (0 before the first). */
    double meanIterationsPerSolve() {
        return solves == 0 ? 0 : (double) iterations / solves;
    }

    @Override
    public void close() {
        own.close();
    }
}

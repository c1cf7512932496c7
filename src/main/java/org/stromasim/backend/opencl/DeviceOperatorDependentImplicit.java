package org.stromasim.backend.opencl;

import java.util.Map;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;
import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.solver.Coarsening;
import org.stromasim.solver.FaceCondition;
import org.stromasim.solver.MultigridHierarchy;
import org.stromasim.solver.MultigridSolver;

/**
 * {@code run.multigrid.diffusion_coarsening: operator_dependent} on the device: one species' implicit solves by
 * {@link DeviceOperatorDependentMultigrid}. The Galerkin hierarchy depends on a, so every new absorption (each
 * TR-BDF2 stage, each unsplit step) rebuilds it: the Java solver of {@link Host} sets the absorption (its set-up,
 * on the host), and its levels are uploaded into a new device solver, the previous one released. One Java solver
 * serves all species one after another (reassembled for this species' diffusivity when another used it last),
 * as the Java backend's ImplicitDiffusion shares one; the device holds one hierarchy at a time.
 */
final class DeviceOperatorDependentImplicit implements DeviceImplicitSolver {

    /**
     * The Java solver all species share and the device hierarchy built from it last. A species' view of it is
     * valid while that species is the one assembled; every absorption call rebuilds.
     */
    static final class Host implements AutoCloseable {
        private final Grid3D grid;
        private final MultigridKernels kernels;
        private final GalerkinKernels galerkin;
        private final MultigridWorkspace work;
        private final DeviceContext context;
        private final cl_command_queue queue;
        private MultigridSolver solver;
        private DeviceOperatorDependentImplicit assembled;
        private DeviceOperatorDependentMultigrid device;
        private double[] paddedMass;
        private double[] absorption;
        private long rebuilds;
        private long rebuildNanos;

        Host(Grid3D grid, MultigridKernels kernels, GalerkinKernels galerkin, MultigridWorkspace work,
             DeviceContext context, cl_command_queue queue) {
            this.grid = grid;
            this.kernels = kernels;
            this.galerkin = galerkin;
            this.work = work;
            this.context = context;
            this.queue = queue;
        }

        /** The Java solver with {@code species}' operator (created or reassembled when another species had it). */
        private MultigridSolver assembledFor(DeviceOperatorDependentImplicit species) {
            if (assembled == species) {
                return solver;
            }
            releaseDevice();
            if (solver != null && solver.acceptsFaces(species.faces)) {
                solver.reassemble(species.diffusivity, species.faces);
            } else {
                solver = null; // release the old workspace before the new one is allocated
                solver = MultigridSolver.create(grid.nx(), grid.ny(), grid.nz(), grid.voxelUm(), species.diffusivity,
                        species.faces, Coarsening.OPERATOR_DEPENDENT);
            }
            assembled = species;
            return solver;
        }

        /** A new device hierarchy from the Java solver's levels for the absorption just set. */
        private void rebuild(DeviceOperatorDependentImplicit species) {
            long start = System.nanoTime();
            releaseDevice();
            device = new DeviceOperatorDependentMultigrid(assembledFor(species).operatorDependentLevels(),
                    MultigridHierarchy.HOST_CELLS, kernels, galerkin, context, queue);
            rebuilds++;
            rebuildNanos += System.nanoTime() - start;
        }

        private DeviceOperatorDependentMultigrid deviceFor(DeviceOperatorDependentImplicit species) {
            if (assembled != species || device == null) {
                throw new IllegalStateException("set the absorption of this species before using its operator-dependent"
                        + " device solver (its hierarchy is built for each absorption)");
            }
            return device;
        }

        private void releaseDevice() {
            if (device != null) {
                device.close();
                device = null;
            }
        }

        /** Hierarchies built so far (one per absorption set) and the host and upload time they took, s. */
        long rebuilds() {
            return rebuilds;
        }

        double rebuildSeconds() {
            return rebuildNanos * 1e-9;
        }

        @Override
        public void close() {
            releaseDevice();
            assembled = null;
            solver = null;
        }
    }

    private final Host host;
    private final float[] diffusivity;
    private final Map<Face, FaceCondition> faces;
    private final ClResources own;
    private final cl_mem boundarySource;

    /**
     * @param diffusivity this species' diffusivity, kept (not copied): the caller keeps it unchanged while this
     *                    solver lives
     */
    DeviceOperatorDependentImplicit(Host host, float[] diffusivity, Map<Face, FaceCondition> faces) {
        this.host = host;
        this.diffusivity = diffusivity;
        this.faces = faces;
        this.own = new ClResources(host.context.context());
        try {
            this.boundarySource = MultigridKernels.DeviceLevel.upload(own, host.assembledFor(this).heldSource());
        } catch (RuntimeException | Error e) {
            own.close();
            throw e;
        }
    }

    @Override
    public MultigridKernels.DeviceLevel fine() {
        return host.deviceFor(this).fine();
    }

    @Override
    public cl_mem boundarySource() {
        return boundarySource;
    }

    @Override
    public void setAbsorption(double absorption) {
        host.assembledFor(this).setUniformAbsorption(absorption);
        host.rebuild(this);
    }

    @Override
    public void setAbsorptionField() {
        Grid3D g = host.grid;
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int padded = (nx + 2) * (ny + 2) * (nz + 2);
        if (host.paddedMass == null) {
            host.paddedMass = new double[padded];
        }
        CL.clEnqueueReadBuffer(host.queue, host.work.mass(0), CL.CL_TRUE, 0, (long) padded * Sizeof.cl_double,
                Pointer.to(host.paddedMass), 0, null, null);
        // the Java solver keeps the array for its double residual; rewriting it is safe as it is set again below
        if (host.absorption == null) {
            host.absorption = new double[g.voxelCount()];
        }
        double[] a = host.absorption;
        double h2 = g.voxelUm() * g.voxelUm();
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    a[i + nx * (j + ny * k)] = host.paddedMass[(i + 1) + (nx + 2) * ((j + 1) + (ny + 2) * (k + 1))] / h2;
                }
            }
        }
        host.assembledFor(this).setAbsorption(a);
        host.rebuild(this);
    }

    @Override
    public double[] solve(cl_mem u, cl_mem rhs, double relativeTolerance, int maxIterations) {
        return host.deviceFor(this).solve(u, rhs, relativeTolerance, maxIterations);
    }

    @Override
    public void close() {
        if (host.assembled == this) {
            host.releaseDevice();
            host.assembled = null;
        }
        own.close();
    }
}

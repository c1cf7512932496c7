package org.stromasim.backend.opencl;

import org.stromasim.transport.VoxelKeys;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;

import java.util.Optional;
import org.stromasim.backend.NonFiniteValue;
import org.stromasim.backend.RebalancingTermRefusal;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.stromasim.backend.Backend;
import org.stromasim.backend.StateUpdate;
import org.stromasim.biology.SlowStep;
import org.stromasim.grid.Grid3D;
import org.stromasim.metrics.ReductionPlan;
import org.stromasim.metrics.StateReductions;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.solver.Coarsening;
import org.stromasim.solver.MultigridHierarchy;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.PlasmaCurve;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * The transport and reaction numerics of the Java backend, run by OpenCL kernels (kernels/transport.cl)
 * on one device, with float32 state kept on the device between {@link #upload} and {@link #download}.
 *
 * <p><b>Passes.</b> Every launch of {@code transport_pass} is one pass over memory that, per voxel and
 * species, diffuses, runs reaction sub-step A, accumulates the drug exposure and runs reaction
 * sub-step B, writing to the other buffer of a ping-pong pair. Species are the third NDRange
 * dimension (one species' planes per work-group). Reactions whose rate does not depend on C are
 * tabulated on the host per pass by voxel key ({@link ReactionTables}, {@link VoxelKeys}), as the
 * Java backend does; only Michaelis–Menten voxels (and saturating secretion below viability 1) take
 * exponentials on the device.
 *
 * <p><b>CPU devices.</b> Each work-item updates 8 voxels along x as one float8 (when 8 divides nx):
 * a CPU runtime runs a work-group as a scalar loop over work-items, and PoCL's own vectorisation of
 * that loop gave up on this kernel. The concentration and diffusivity buffers carry a guard band of
 * at least a row before and after, so the kernel loads x neighbours unconditionally. An {@code advance} of n steps is one reaction-only pass and n fused passes
 * (see {@link PassSchedule}): with Strang splitting [exposure dt/2, R(dt/2)] then [D, R(dt/2),
 * exposure, R(dt/2)] per step, so every step is R(dt/2) D R(dt/2) with the exposure and the frozen
 * Michaelis–Menten rate taken at the step boundary and every reaction sub-step's plasma level the
 * curve's mean over it, exactly the sequence of the Java backend. The plasma levels of all passes of a call
 * are computed on the host in double and uploaded once per call (in chunks of
 * {@link #PASSES_PER_UPLOAD}); each launch gets its pass index as a kernel argument.
 *
 * <p><b>Precision.</b> State and arithmetic are float32 (the Java backend rounds to float after each
 * update), so results agree with it to float round-off, about 1e-6 relative after hundreds of steps;
 * drug exposure is a Kahan-compensated float pair. No fp64 is needed.
 *
 * <p><b>Diffusivity</b> is copied from the backend's {@link #fields} at {@link #upload}: after
 * {@link TransportFields#refreshDiffusivity} upload again.
 *
 * <p><b>Biology</b>: a scenario's slow step ({@link SlowStep}) runs on the device ({@link DeviceBiology},
 * kernels/biology.cl), which also recomputes the voxel keys and the diffusivity there; the MCT1 uptake
 * scale of the fields is applied at every {@link #advance}, as in the Java backend.
 *
 * <p><b>Reversible matrix binding</b> (species[].ecm_binding): R per voxel of each bound species is copied
 * from the fields at {@link #upload} and after {@link #runSlowStep} into one buffer; every scheme's kernels
 * divide by it where the Java backend does (docs/barrier-physics.md section 9). The slow step's re-partition
 * of R·C is the fields' own code, run on the device's concentrations of the bound species.
 *
 * <p><b>Large steps</b> ({@code run.diffusion.scheme: rkl2}, {@link Rkl2Passes}, kernels/rkl2.cl): the
 * same pass schedule and reaction sub-steps, but each step's diffusion is an RKL2 super-time-step per
 * species (its own stage count) and the reactions run as a separate in-place pass after it: the Java
 * backend's large-step numerics.
 *
 * <p><b>Metrics</b> are reduced on the device ({@link #reduce}, kernels/reduce.cl): a metrics interval
 * reads back a few hundred partial sums, not the grid. With a biology section the metrics are computed
 * on the host copy instead (the biology columns read the concentrations there, and the slow step changes
 * the cells the reduction plan was made from).
 */
public final class OpenClBackend implements Backend {

    static final String TRANSPORT_KERNELS = "kernels/transport.cl";
    static final String REDUCE_KERNELS = "kernels/reduce.cl";
    static final String RKL2_KERNELS = "kernels/rkl2.cl";
    /**
     * Passes whose plasma levels and reaction tables are uploaded at once: bounds the upload at
     * 16 + 1344 bytes per species per pass (350 KiB per species).
     */
    static final int PASSES_PER_UPLOAD = 256;

    private final TransportModel model;
    /** The host copy of the live diffusivity, wall and uptake scales of the device buffers. */
    private final TransportFields fields;
    private final OpenClDevice device;
    private final Grid3D grid;
    private final int species;
    private final int voxels;
    private final PlasmaCurve[] plasma;
    /** Per species that crosses vessel walls, the curve of each plasma group (index 0: {@link #plasma}). */
    private final PlasmaCurve[][] groupPlasma;
    /** Plasma groups (1 unless vessel groups carry plasma curves of their own). */
    private final int plasmaGroups;
    /** Per voxel its plasma group (one byte; a 1-byte placeholder when there is one group). */
    private final cl_mem plasmaGroupOfVoxel;
    /** Per voxel, its centre's distance from its vessel wall, µm (the model's; fixed for the run). */
    private final cl_mem wallDistance;
    private final int drugSpecies;
    private final ClResources resources;
    /** The device memory this run was checked against before anything was allocated. */
    private final DeviceMemoryPlan memoryPlan;
    private final cl_command_queue queue;
    private final cl_kernel transport;
    private final long[] localSize;
    private final long[] globalSize;
    /** Floats of guard band before and after the species of each concentration/diffusivity buffer. */
    private final int guard;
    /** Voxels along x per work-item (the kernel's W): 8 on CPU devices when nx allows, else 1. */
    private final int voxelsPerItem;
    static final int VOXELS_PER_CPU_ITEM = 8;
    private final cl_mem[] concentration = new cl_mem[2];
    private int current;
    private final cl_mem diffusivity;
    private final cl_mem cell;
    private final cl_mem viability;
    private final cl_mem wallArea;
    private final cl_mem parameters;
    private final cl_mem plasmaLevels;
    private final cl_mem exposureHi;
    private final cl_mem exposureLo;
    private final cl_mem keys;
    private final ReactionTables reactionTables;
    private final cl_mem tables;
    private final DeviceReductions reductions;
    /**
     * R per voxel of each species bound to the matrix, one block of voxels per bound species in the order
     * of {@link #boundSpecies} (a 1-float placeholder when none binds); the host copy is {@link #fields}'.
     */
    private final cl_mem retardation;
    /** The species bound to the matrix, block by block of {@link #retardation}. */
    private final int[] boundSpecies;
    /** The slow step on the device, or null for a pure-transport model. */
    private final DeviceBiology biology;
    /** The species parameters last written to {@link #parameters} (they follow the live uptake scale). */
    private float[] parameterTable;
    /** RKL2 diffusion (run.diffusion.scheme: rkl2), or null for the other schemes. */
    private final Rkl2Passes rkl2;
    /** TR-BDF2 diffusion by multigrid (run.diffusion.scheme: implicit), or null for the other schemes. */
    private final DeviceImplicitDiffusion implicit;
    /** Implicit with coupling unsplit: reactions inside the solve (no reaction pass); null for the other schemes. */
    private final DeviceUnsplitStep unsplit;
    /** The reaction pass of the large-step schemes (rkl2, split implicit), or null for the explicit and unsplit ones. */
    private final LargeStepReactions largeStepReactions;
    private boolean uploaded;

    /**
     * Allocates the device state for {@code model} on {@code device}, after checking that it fits, and
     * builds the kernels (once per device per JVM).
     */
    public OpenClBackend(TransportModel model, OpenClDevice device) {
        String refusal = refusal(model, device);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        this.model = model;
        this.fields = TransportFields.of(model);
        this.device = device;
        this.grid = model.grid();
        this.species = model.speciesCount();
        this.voxels = grid.voxelCount();
        boolean largeSteps = model.diffusion().largeSteps();
        boolean rkl2Scheme = model.diffusion().scheme() == DiffusionSpec.Scheme.RKL2;
        boolean implicitScheme = model.diffusion().scheme() == DiffusionSpec.Scheme.IMPLICIT;
        boolean unsplitCoupling = model.diffusion().unsplit();
        int extraCopies = rkl2Scheme ? DeviceMemoryPlan.LARGE_STEP_COPIES : 0;
        this.boundSpecies = SpeciesParameterTable.boundSpecies(model);
        DeviceMemoryPlan plan = new DeviceMemoryPlan(voxels, species, extraCopies, model.needsSlowSteps(),
                model.plasmaGroupCount() > 1);
        if (implicitScheme) {
            boolean perVoxelMasses = unsplitCoupling || boundSpecies.length > 0;
            if (model.diffusionCoarsening() == Coarsening.OPERATOR_DEPENDENT) {
                // the shared workspace without per-species geometric hierarchies, and the one operator-dependent
                // hierarchy that exists at a time (each absorption replaces it)
                plan = plan.withMultigrid(MultigridWorkspace.deviceBytes(grid.nx(), grid.ny(), grid.nz(), 0, perVoxelMasses)
                                + DeviceOperatorDependentMultigrid.deviceBytesFor(grid.nx(), grid.ny(), grid.nz(),
                                MultigridHierarchy.HOST_CELLS),
                        DeviceOperatorDependentMultigrid.largestBufferBytesFor(grid.nx(), grid.ny(), grid.nz(),
                                MultigridHierarchy.HOST_CELLS));
            } else {
                plan = plan.withMultigrid(MultigridWorkspace.deviceBytes(grid.nx(), grid.ny(), grid.nz(), species, perVoxelMasses),
                        MultigridWorkspace.largestBufferBytes(grid.nx(), grid.ny(), grid.nz()));
            }
        }
        plan = plan.withBoundSpecies(boundSpecies.length);
        plan.check(device, grid.nx() + "×" + grid.ny() + "×" + grid.nz());
        this.memoryPlan = plan;
        this.plasma = new PlasmaCurve[species];
        this.plasmaGroups = model.plasmaGroupCount();
        this.groupPlasma = new PlasmaCurve[species][plasmaGroups];
        for (int s = 0; s < species; s++) {
            plasma[s] = model.plasma(s);
            for (int g = 0; g < plasmaGroups; g++) {
                groupPlasma[s][g] = model.plasma(s, g);
            }
        }
        this.drugSpecies = model.drugSpeciesIndex().orElse(-1);
        DeviceContext context = DeviceContext.of(device);
        // CPU devices: each work-item updates VOXELS_PER_CPU_ITEM voxels along x as one float8 (the
        // runtime's own vectorisation of the work-item loop does not reliably happen); the local
        // size divides the grid exactly, so the kernel needs no range check. Other devices: one
        // voxel per work-item (lanes are work-items), padded global size.
        boolean cpu = device.kind() == OpenClDevice.Kind.CPU;
        this.voxelsPerItem = cpu && grid.nx() % VOXELS_PER_CPU_ITEM == 0 ? VOXELS_PER_CPU_ITEM : 1;
        boolean exact = cpu;
        String[] sources = largeSteps ? new String[] {TRANSPORT_KERNELS, RKL2_KERNELS} : new String[] {TRANSPORT_KERNELS};
        cl_program transportProgram = context.program(sources, "-DSPECIES=" + species + " -DDRUG="
                + drugSpecies + " -DW=" + voxelsPerItem + " -DPADDED_RANGE=" + (exact ? 0 : 1)
                + " -DPLASMA_GROUPS=" + plasmaGroups);
        cl_program reduceProgram = context.program(REDUCE_KERNELS);
        this.resources = new ClResources(context.context());
        try {
            this.queue = resources.queue(device);
            this.transport = resources.kernel(DeviceContext.kernel(transportProgram, TRANSPORT_KERNELS, "transport_pass"));
            int itemsX = grid.nx() / voxelsPerItem;
            this.localSize = exact ? LocalSizes.tileForCpu(device.device(), itemsX, grid.ny())
                    : LocalSizes.forGrid(transport, device.device(), grid.nx(), grid.ny());
            this.globalSize = LocalSizes.padded(new long[] {itemsX, grid.ny(), (long) grid.nz() * species}, localSize);
            // The kernel loads x neighbours (and periodic x partners) unconditionally, up to nx − 1
            // floats beyond either end of the species block; 32-float multiples keep rows aligned.
            this.guard = (grid.nx() + 31) / 32 * 32;
            long fieldBytes = ((long) species * voxels + 2L * guard) * Sizeof.cl_float;
            concentration[0] = resources.buffer(CL_MEM_READ_WRITE, fieldBytes);
            concentration[1] = resources.buffer(CL_MEM_READ_WRITE, fieldBytes);
            diffusivity = resources.buffer(CL_MEM_READ_WRITE, fieldBytes); // rewritten by the biology slow step
            // the guard bands are read (and their values discarded): keep them finite
            for (cl_mem buffer : new cl_mem[] {concentration[0], concentration[1], diffusivity}) {
                CL.clEnqueueFillBuffer(queue, buffer, Pointer.to(new float[] {0f}), Sizeof.cl_float, 0, fieldBytes,
                        0, null, null);
            }
            cell = resources.buffer(CL_MEM_READ_WRITE, voxels);
            viability = resources.buffer(CL_MEM_READ_WRITE, (long) voxels * Sizeof.cl_float);
            wallArea = resources.buffer(CL.CL_MEM_READ_ONLY, (long) voxels * Sizeof.cl_float);
            wallDistance = resources.readOnly(Pointer.to(model.vesselWallDistanceUm()), (long) voxels * Sizeof.cl_float);
            parameterTable = SpeciesParameterTable.of(fields);
            parameters = resources.readOnly(Pointer.to(parameterTable), (long) parameterTable.length * Sizeof.cl_float);
            plasmaLevels = resources.buffer(CL.CL_MEM_READ_ONLY,
                    (long) PASSES_PER_UPLOAD * species * plasmaGroups * 4 * Sizeof.cl_float);
            byte[] groupOfVoxel = plasmaGroups > 1 ? model.plasmaGroupOfVoxel() : new byte[1];
            plasmaGroupOfVoxel = resources.readOnly(Pointer.to(groupOfVoxel), groupOfVoxel.length);
            exposureHi = resources.buffer(CL_MEM_READ_WRITE, (long) voxels * Sizeof.cl_float);
            exposureLo = resources.buffer(CL_MEM_READ_WRITE, (long) voxels * Sizeof.cl_float);
            keys = resources.buffer(CL_MEM_READ_WRITE, voxels);
            retardation = resources.buffer(CL_MEM_READ_WRITE,
                    Math.max(1L, (long) boundSpecies.length * voxels) * Sizeof.cl_float);
            reactionTables = new ReactionTables(fields);
            tables = resources.buffer(CL.CL_MEM_READ_ONLY,
                    (long) PASSES_PER_UPLOAD * reactionTables.floatsPerPass() * Sizeof.cl_float);
            reductions = new DeviceReductions(resources, reduceProgram, device, queue, voxels, cell);
            biology = model.needsSlowSteps() ? new DeviceBiology(resources, context, queue, grid, species, drugSpecies) : null;
            setConstantArguments();
            largeStepReactions = largeSteps && !unsplitCoupling ? new LargeStepReactions(transportProgram, resources, device, queue,
                    exact ? localSize : null, itemsX, grid.nx(), grid.ny(), grid.nz(), species, guard, PASSES_PER_UPLOAD,
                    reactionTables.endWeightsPerPass(), new cl_mem[] {cell, viability, wallArea, parameters,
                        plasmaLevels, exposureHi, exposureLo, keys, tables}, plasmaGroupOfVoxel, wallDistance,
                    diffusivity, retardation) : null;
            rkl2 = rkl2Scheme ? new Rkl2Passes(fields, resources, transportProgram, device, queue,
                    exact ? localSize : null, itemsX, guard, fieldBytes, diffusivity, parameters, retardation) : null;
            implicit = implicitScheme
                    ? new DeviceImplicitDiffusion(fields, resources, context, queue, guard,
                            unsplitCoupling || boundSpecies.length > 0, retardation) : null;
            unsplit = unsplitCoupling ? new DeviceUnsplitStep(model, implicit, guard,
                    new cl_mem[] {parameters, cell, viability, wallArea, exposureHi, exposureLo, wallDistance, diffusivity,
                        retardation})
                    : null;
        } catch (RuntimeException | Error e) {
            resources.close();
            throw e;
        }
    }

    private void setConstantArguments() {
        CL.clSetKernelArg(transport, 2, Sizeof.cl_mem, Pointer.to(diffusivity));
        CL.clSetKernelArg(transport, 3, Sizeof.cl_mem, Pointer.to(cell));
        CL.clSetKernelArg(transport, 4, Sizeof.cl_mem, Pointer.to(viability));
        CL.clSetKernelArg(transport, 5, Sizeof.cl_mem, Pointer.to(wallArea));
        CL.clSetKernelArg(transport, 6, Sizeof.cl_mem, Pointer.to(parameters));
        CL.clSetKernelArg(transport, 7, Sizeof.cl_mem, Pointer.to(plasmaLevels));
        CL.clSetKernelArg(transport, 8, Sizeof.cl_mem, Pointer.to(exposureHi));
        CL.clSetKernelArg(transport, 9, Sizeof.cl_mem, Pointer.to(exposureLo));
        intArg(10, grid.nx());
        intArg(11, grid.ny());
        intArg(12, grid.nz());
        intArg(13, guard);
        CL.clSetKernelArg(transport, 20, Sizeof.cl_mem, Pointer.to(keys));
        CL.clSetKernelArg(transport, 21, Sizeof.cl_mem, Pointer.to(tables));
        CL.clSetKernelArg(transport, 22, Sizeof.cl_mem, Pointer.to(plasmaGroupOfVoxel));
        CL.clSetKernelArg(transport, 23, Sizeof.cl_mem, Pointer.to(wallDistance));
        CL.clSetKernelArg(transport, 24, Sizeof.cl_mem, Pointer.to(retardation));
    }

    /** Copies the live retardation of every bound species from {@link #fields} to the device. */
    private void writeRetardation() {
        for (int b = 0; b < boundSpecies.length; b++) {
            write(retardation, (long) b * voxels, fields.retardation(boundSpecies[b]));
        }
    }

    DeviceMemoryPlan memoryPlan() {
        return memoryPlan;
    }

    /** Bytes of every device buffer this backend has created (for the test of its memory plan). */
    long allocatedDeviceBytes() {
        return resources.allocatedBytes();
    }

    @Override
    public String description() {
        return "opencl: " + device.label() + (rkl2 != null ? ", RKL2 diffusion"
                : unsplit != null ? ", unsplit implicit reaction-diffusion by multigrid"
                : implicit != null ? ", TR-BDF2 diffusion by multigrid" : "");
    }

    public OpenClDevice device() {
        return device;
    }

    /** The work-group size of the transport kernel on this device (chosen by {@link LocalSizes}). */
    public long[] localSize() {
        return localSize.clone();
    }

    @Override
    public void upload(Tissue state) {
        requireSameShape(state);
        for (int s = 0; s < species; s++) {
            write(concentration[current], guard + (long) s * voxels, state.concentration(s));
            write(diffusivity, guard + (long) s * voxels, fields.diffusivityUm2PerS(s));
        }
        CL.clEnqueueWriteBuffer(queue, cell, CL_TRUE, 0, voxels, Pointer.to(state.cell()), 0, null, null);
        write(viability, 0, state.viability());
        write(wallArea, 0, fields.vesselSurfaceToVolumePerUm());
        byte[] keyCodes = VoxelKeys.of(state.cell(), fields.vesselSurfaceToVolumePerUm());
        CL.clEnqueueWriteBuffer(queue, keys, CL_TRUE, 0, voxels, Pointer.to(keyCodes), 0, null, null);
        write(exposureHi, 0, state.drugExposure());
        writeRetardation();
        if (biology != null) {
            biology.uploadMatrix(state);
        }
        CL.clEnqueueFillBuffer(queue, exposureLo, Pointer.to(new float[] {0f}), Sizeof.cl_float, 0,
                (long) voxels * Sizeof.cl_float, 0, null, null);
        CL.clFinish(queue);
        if (rkl2 != null) {
            rkl2.refreshLimits(); // the stage counts follow the diffusivity just copied
        }
        RebalancingTermRefusal.check(state, model);
        uploaded = true;
    }

    @Override
    public void download(Tissue state) {
        requireSameShape(state);
        requireUploaded("download");
        for (int s = 0; s < species; s++) {
            CL.clEnqueueReadBuffer(queue, concentration[current], CL_TRUE, (guard + (long) s * voxels) * Sizeof.cl_float,
                    (long) voxels * Sizeof.cl_float, Pointer.to(state.concentration(s)), 0, null, null);
        }
        float[] hi = state.drugExposure();
        float[] lo = new float[voxels];
        CL.clEnqueueReadBuffer(queue, exposureHi, CL_TRUE, 0, (long) voxels * Sizeof.cl_float, Pointer.to(hi),
                0, null, null);
        CL.clEnqueueReadBuffer(queue, exposureLo, CL_TRUE, 0, (long) voxels * Sizeof.cl_float, Pointer.to(lo),
                0, null, null);
        for (int v = 0; v < voxels; v++) {
            hi[v] = (float) ((double) hi[v] - lo[v]); // Kahan: the compensation holds the negated lost part
        }
    }

    @Override
    public void advance(double startTimeS, double dtS, int steps) {
        requireUploaded("advance");
        if (steps < 0) {
            throw new IllegalArgumentException("step count must be >= 0, got " + steps);
        }
        if (rkl2 != null) {
            rkl2.prepare(dtS);
        } else if (implicit != null) {
            if (!(dtS > 0) || !Double.isFinite(dtS)) {
                throw new IllegalArgumentException("time step dt must be a finite number > 0 s, got " + dtS);
            }
            implicit.prepare(); // the diffusivity is live (the biology's remodelling rewrites it)
        } else {
            fields.checkTimeStep(dtS);
        }
        if (steps == 0) {
            return;
        }
        applyUptakeScale();
        if (unsplit != null) {
            for (int n = 0; n < steps; n++) {
                unsplit.step(concentration[current], concentration[1 - current], startTimeS + n * dtS, dtS);
                current = 1 - current; // t not accumulated, so long runs do not drift (as on the Java backend)
            }
            CL.clFinish(queue);
            return;
        }
        PassSchedule schedule = new PassSchedule(startTimeS, dtS, steps, model.splitting() == RunSpec.Splitting.STRANG);
        floatArg(16, (float) (dtS / (grid.voxelUm() * grid.voxelUm())));
        float[] levels = new float[PASSES_PER_UPLOAD * species * plasmaGroups * 4];
        int perPass = reactionTables.floatsPerPass();
        float[] table = new float[PASSES_PER_UPLOAD * perPass];
        int endWeightsPerPass = reactionTables.endWeightsPerPass();
        float[] endWeights = largeStepReactions == null ? null : new float[PASSES_PER_UPLOAD * endWeightsPerPass];
        for (int first = 0; first < schedule.passes(); first += PASSES_PER_UPLOAD) {
            int count = Math.min(PASSES_PER_UPLOAD, schedule.passes() - first);
            for (int p = 0; p < count; p++) {
                fillLevels(schedule, first + p, levels, p * species * plasmaGroups * 4);
                if (largeStepReactions == null) {
                    reactionTables.fill(schedule, first + p, table, p * perPass);
                } else {
                    reactionTables.fillSeparate(schedule, first + p, table, p * perPass, endWeights, p * endWeightsPerPass);
                }
            }
            if (largeStepReactions != null) {
                CL.clEnqueueWriteBuffer(queue, largeStepReactions.endWeights(), CL_TRUE, 0,
                        (long) count * endWeightsPerPass * Sizeof.cl_float, Pointer.to(endWeights), 0, null, null);
            }
            CL.clEnqueueWriteBuffer(queue, tables, CL_TRUE, 0, (long) count * perPass * Sizeof.cl_float,
                    Pointer.to(table), 0, null, null);
            // Blocking: the previous chunk's launches (in-order queue) are done before it is overwritten.
            CL.clEnqueueWriteBuffer(queue, plasmaLevels, CL_TRUE, 0, (long) count * species * plasmaGroups * 4 * Sizeof.cl_float,
                    Pointer.to(levels), 0, null, null);
            for (int p = 0; p < count; p++) {
                if (largeStepReactions == null) {
                    launch(schedule, first + p, p);
                } else {
                    launchLargeStep(schedule, first + p, p);
                }
            }
        }
        CL.clFinish(queue);
    }

    /** The plasma levels of a pass, [species][group][mean A, end A, mean B, end B] (kernels/transport.cl). */
    private void fillLevels(PassSchedule schedule, int pass, float[] levels, int offset) {
        for (int s = 0; s < species; s++) {
            for (int g = 0; g < plasmaGroups; g++) {
                int at = offset + (s * plasmaGroups + g) * 4;
                PlasmaCurve curve = groupPlasma[s][g];
                if (curve == null) {
                    levels[at] = levels[at + 1] = levels[at + 2] = levels[at + 3] = 0f;
                    continue;
                }
                double tA = schedule.reactionAStartS(pass);
                double hA = schedule.reactionAS(pass);
                double tB = schedule.reactionBStartS(pass);
                double hB = schedule.reactionBS(pass);
                levels[at] = hA > 0 ? (float) curve.mean(tA, tA + hA) : 0f;
                levels[at + 1] = hA > 0 ? (float) curve.at(tA + hA) : 0f;
                levels[at + 2] = hB > 0 ? (float) curve.mean(tB, tB + hB) : 0f;
                levels[at + 3] = hB > 0 ? (float) curve.at(tB + hB) : 0f;
            }
        }
    }

    private void launch(PassSchedule schedule, int pass, int slot) {
        CL.clSetKernelArg(transport, 0, Sizeof.cl_mem, Pointer.to(concentration[current]));
        CL.clSetKernelArg(transport, 1, Sizeof.cl_mem, Pointer.to(concentration[1 - current]));
        intArg(14, slot);
        intArg(15, schedule.diffuses(pass) ? 1 : 0);
        floatArg(17, (float) schedule.reactionAS(pass));
        floatArg(18, (float) schedule.reactionBS(pass));
        floatArg(19, (float) schedule.exposureWeightS(pass));
        CL.clEnqueueNDRangeKernel(queue, transport, 3, null, globalSize, localSize, 0, null, null);
        current = 1 - current;
    }

    /** Rewrites the species parameters when the uptake scale changed (e.g. MCT1 inhibition). */
    private void applyUptakeScale() {
        float[] table = SpeciesParameterTable.of(fields);
        if (!java.util.Arrays.equals(table, parameterTable)) {
            CL.clEnqueueWriteBuffer(queue, parameters, CL_TRUE, 0, (long) table.length * Sizeof.cl_float,
                    Pointer.to(table), 0, null, null);
            parameterTable = table;
        }
    }

    /** Host code on the downloaded host copy, which is then uploaded again. */
    @Override
    public void updateState(Tissue host, StateUpdate update) {
        requireSameShape(host);
        requireUploaded("updateState");
        download(host);
        update.apply(host);
        upload(host);
    }

    @Override
    public TransportFields fields() {
        return fields;
    }

    /**
     * Runs on the device ({@link DeviceBiology}); {@code host} then holds the new cells, stiffness and
     * viability (its concentrations are refreshed at the next download).
     */
    @Override
    public void runSlowStep(Tissue host, SlowStep step) {
        requireSameShape(host);
        requireUploaded("runSlowStep");
        if (biology == null) {
            throw new IllegalStateException("runSlowStep: this backend was compiled for a model without biology");
        }
        // Remodelling changes the collagen and so R: the fields re-partition the free concentration of each
        // bound species on the host copy so that R·C is kept, so that copy must be the device's state first.
        for (int s : boundSpecies) {
            read(concentration[current], guard + (long) s * voxels, host.concentration(s));
        }
        biology.run(step, new DeviceBiology.Buffers(cell, keys, viability, exposureHi, exposureLo,
                concentration[current], diffusivity, guard), host, fields);
        for (int s : boundSpecies) {
            write(concentration[current], guard + (long) s * voxels, host.concentration(s));
        }
        writeRetardation();
        // the slow step may have compressed or re-opened vessels (ecm.vessel_compression): the live wall
        write(wallArea, 0, fields.vesselSurfaceToVolumePerUm());
        if (rkl2 != null) {
            rkl2.refreshLimits(); // the stage counts follow the remodelled diffusivity
        }
    }

    /**
     * A pass of a large-step scheme: pass 0 reacts in place; a later pass diffuses the current buffer
     * into the other one (RKL2 or TR-BDF2) and reacts there.
     */
    private void launchLargeStep(PassSchedule schedule, int pass, int slot) {
        if (!schedule.diffuses(pass)) {
            largeStepReactions.enqueue(schedule, pass, slot, concentration[current]);
            return;
        }
        if (rkl2 != null) {
            rkl2.enqueueDiffusion(concentration[current], concentration[1 - current]);
        } else {
            implicit.step(concentration[current], concentration[1 - current], schedule.dtS());
        }
        largeStepReactions.enqueue(schedule, pass, slot, concentration[1 - current]);
        current = 1 - current;
    }

    /** Multigrid cycles per TR-BDF2 stage solve so far (scheme implicit; 0 before the first or for other schemes). */
    public double implicitCyclesPerSolve() {
        return implicit == null ? 0 : implicit.meanCyclesPerSolve();
    }

    /**
     * With {@code run.multigrid.diffusion_coarsening: operator_dependent}: the hierarchies built so far (one per
     * absorption: each TR-BDF2 stage, each unsplit step) and the host set-up and upload time they took, s;
     * {0, 0} otherwise.
     */
    public double[] implicitOperatorDependentRebuilds() {
        return implicit == null ? new double[2] : implicit.operatorDependentRebuilds();
    }


    /**
     * Why this backend cannot run {@code diffusion} on {@code device}, or null when it can: the one
     * answer to "which schemes does the OpenCL backend run" (the backend factory and this constructor
     * ask it). Every scheme runs; the implicit one solves in double precision and so needs a device
     * with cl_khr_fp64 (a float solve cannot reach its 1e-8 tolerance at a 1:1000 contrast).
     */
    public static String refusal(TransportModel model, OpenClDevice device) {
        String scheme = refusal(model.diffusion(), device);
        if (scheme != null) {
            return scheme;
        }
        if (model.diffusion().unsplit() && model.plasmaGroupCount() > 1) {
            return "run.diffusion.coupling: unsplit on OpenCL takes one plasma curve per species, and the vessel groups"
                    + " carry " + model.plasmaGroupCount() + " (tissue.vessels[].groups.*.plasma); use --backend java,"
                    + " or coupling plain";
        }
        return null;
    }

    /** As {@link #refusal(TransportModel, OpenClDevice)}, for what the scheme alone decides. */
    public static String refusal(DiffusionSpec diffusion, OpenClDevice device) {
        if (diffusion.scheme() == DiffusionSpec.Scheme.IMPLICIT && !device.fp64()) {
            return "run.diffusion.scheme: implicit solves in double precision, and OpenCL device " + device.name()
                    + " has no cl_khr_fp64; use a device with double precision (--device), --backend java, or scheme rkl2";
        }
        return null;
    }

    /** True unless the model has biology (see the class comment: its metrics are computed on the host copy). */
    @Override
    public boolean reducesOnDevice() {
        return biology == null;
    }

    @Override
    public StateReductions reduce(ReductionPlan plan, Tissue host) {
        requireUploaded("reduce");
        if (!reducesOnDevice()) {
            throw new IllegalStateException("reduce: with a biology section the metrics are computed on the host copy");
        }
        return reductions.reduce(plan, host, concentration[current], guard, exposureHi, species);
    }

    /** Searched on the device (kernels/reduce.cl {@code find_nonfinite}): the state is not downloaded. */
    @Override
    public Optional<NonFiniteValue> firstNonFinite(Tissue host) {
        requireUploaded("firstNonFinite");
        return reductions.firstNonFinite(concentration[current], guard, exposureHi, species);
    }

    private void requireUploaded(String what) {
        if (!uploaded) {
            throw new IllegalStateException(what + " before upload: the OpenCL backend holds no state yet");
        }
    }

    private void requireSameShape(Tissue state) {
        if (!state.grid().equals(grid) || !state.speciesNames().equals(model.speciesNames())) {
            throw new IllegalArgumentException("state (grid " + state.grid() + ", species " + state.speciesNames()
                    + ") does not match the compiled model (grid " + grid + ", species " + model.speciesNames() + ")");
        }
    }

    private void read(cl_mem buffer, long offsetFloats, float[] into) {
        CL.clEnqueueReadBuffer(queue, buffer, CL_TRUE, offsetFloats * Sizeof.cl_float,
                (long) into.length * Sizeof.cl_float, Pointer.to(into), 0, null, null);
    }

    private void write(cl_mem buffer, long offsetFloats, float[] values) {
        CL.clEnqueueWriteBuffer(queue, buffer, CL_TRUE, offsetFloats * Sizeof.cl_float,
                (long) values.length * Sizeof.cl_float, Pointer.to(values), 0, null, null);
    }

    private void intArg(int index, int value) {
        CL.clSetKernelArg(transport, index, Sizeof.cl_int, Pointer.to(new int[] {value}));
    }

    private void floatArg(int index, float value) {
        CL.clSetKernelArg(transport, index, Sizeof.cl_float, Pointer.to(new float[] {value}));
    }

    @Override
    public void close() {
        try {
            CL.clFinish(queue);
            if (implicit != null) {
                implicit.close();
            }
        } finally {
            resources.close();
        }
    }
}

package org.stromasim.backend.opencl;

import static org.jocl.CL.CL_MEM_READ_WRITE;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.stromasim.transport.Rkl2;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * The large-step scheme ({@code run.diffusion.scheme: rkl2}) on the device, kernels/rkl2.cl: per
 * coupling step an RKL2 super-time-step of each species with its own stage count (multirate), then the
 * reaction-only pass of {@link LargeStepReactions} (exact sub-steps and exact sub-step exposure).
 * The numerics, stage by
 * stage and sub-step by sub-step, are those of the Java backend ({@code JavaBackend}'s large-step path
 * and {@code Rkl2Diffusion}); this class owns the extra device buffers and enqueues the launches, and
 * {@link OpenClBackend} keeps the schedule, tables and plasma levels it shares with the explicit path.
 *
 * <p><b>Buffers</b> (concentration layout: guard band, then species blocks): τ·L(Y0) and two stage
 * buffers that alternate (stage j overwrites Y(j−2) in place, voxel by voxel). The last stage writes
 * straight into the other concentration buffer, and the reaction pass runs in place there. Nothing goes back to
 * the host between stages: a coupling step is Σ_s S_s + 1 launches on the in-order queue.
 *
 * <p><b>Stage counts</b> come from the explicit limit of each species ({@link TransportFields#explicitLimitS},
 * dx²/max Σ_faces D_face) at {@link #refreshLimits} (the backend's upload, when it copies the
 * diffusivity) and {@link Rkl2#stagesFor}, refused with the numbers above {@code run.diffusion.max_stages};
 * the Java backend sums float conductances where this sums doubles, so the two agree except for a step
 * within about 1e-7 (relative) of a stage-count threshold.
 */
final class Rkl2Passes {

    private final TransportModel model;
    private final TransportFields fields;
    private final cl_command_queue queue;
    private final cl_kernel stage;
    private final long[] stageGlobal;
    private final long[] stageLocal;
    private final int species;
    private final int voxels;
    private final int guard;
    private final cl_mem tauL0;
    private final cl_mem[] stages = new cl_mem[2];
    private final double[] explicitLimitS;
    private int[] stageCounts;
    private float tauOverDx2;

    /**
     * @param program      the program of kernels/transport.cl followed by kernels/rkl2.cl
     * @param cpuTile      the exact CPU tile {x, y, 1} of the transport kernel, or null on other devices
     * @param itemsX       work-items per row
     * @param fieldBytes   bytes of one concentration-layout buffer
     * @param diffusivity  the diffusivity buffer (concentration layout)
     * @param params       the species parameter table
     * @param retardation  the retardation blocks of the species bound to the matrix (see
     *                     {@link SpeciesParameterTable#RETARDATION_SLOT})
     */
    Rkl2Passes(TransportFields fields, ClResources resources, cl_program program, OpenClDevice device,
               cl_command_queue queue, long[] cpuTile, int itemsX, int guard, long fieldBytes,
               cl_mem diffusivity, cl_mem params, cl_mem retardation) {
        this.fields = fields;
        this.model = fields.model();
        this.queue = queue;
        this.species = model.speciesCount();
        this.voxels = model.grid().voxelCount();
        this.guard = guard;
        int nx = model.grid().nx();
        int ny = model.grid().ny();
        int nz = model.grid().nz();
        this.stage = resources.kernel(DeviceContext.kernel(program, OpenClBackend.RKL2_KERNELS, "rkl2_stage"));
        this.stageLocal = cpuTile != null ? cpuTile : LocalSizes.forGrid(stage, device.device(), nx, ny);
        this.stageGlobal = LocalSizes.padded(new long[] {itemsX, ny, nz}, stageLocal);
        this.tauL0 = zeroed(resources, fieldBytes);
        this.stages[0] = zeroed(resources, fieldBytes);
        this.stages[1] = zeroed(resources, fieldBytes);
        this.explicitLimitS = new double[species];
        bindStage(diffusivity, params, nx, ny, nz);
        mem(stage, 17, retardation);
    }

    private cl_mem zeroed(ClResources resources, long bytes) {
        cl_mem m = resources.buffer(CL_MEM_READ_WRITE, bytes);
        CL.clEnqueueFillBuffer(queue, m, Pointer.to(new float[] {0f}), Sizeof.cl_float, 0, bytes, 0, null, null);
        return m;
    }

    private void bindStage(cl_mem diffusivity, cl_mem params, int nx, int ny, int nz) {
        mem(stage, 5, diffusivity);
        mem(stage, 6, params);
        intArg(stage, 7, nx);
        intArg(stage, 8, ny);
        intArg(stage, 9, nz);
        intArg(stage, 10, guard);
    }

    /** Takes each species' explicit limit from the current diffusivity (the backend's upload copies it too). */
    void refreshLimits() {
        for (int s = 0; s < species; s++) {
            explicitLimitS[s] = fields.explicitLimitS(s);
        }
    }

    /** Sets the coupling step of the following passes; refuses a step that needs more stages than the cap. */
    void prepare(double dtS) {
        if (!(dtS > 0) || !Double.isFinite(dtS)) {
            throw new IllegalArgumentException("time step dt must be a finite number > 0 s, got " + dtS);
        }
        int cap = model.diffusion().maxStages();
        stageCounts = new int[species];
        for (int s = 0; s < species; s++) {
            stageCounts[s] = Rkl2.stagesFor(dtS, explicitLimitS[s]);
            if (stageCounts[s] > cap) {
                throw new IllegalArgumentException(Rkl2.refusal(model.speciesNames().get(s), dtS, explicitLimitS[s], cap));
            }
        }
        double dx = model.grid().voxelUm();
        tauOverDx2 = (float) (dtS / (dx * dx));
    }

    /** Stages per species of the current step (after {@link #prepare}). */
    int[] stageCounts() {
        return stageCounts.clone();
    }

    /** Enqueues the diffusion of every species from {@code y0} into {@code out} (RKL2, its own stages each). */
    void enqueueDiffusion(cl_mem y0, cl_mem out) {
        mem(stage, 0, y0);
        for (int s = 0; s < species; s++) {
            int count = stageCounts[s];
            if (count == 0) {
                // does not diffuse: the step leaves it as it is
                long offset = (guard + (long) s * voxels) * Sizeof.cl_float;
                CL.clEnqueueCopyBuffer(queue, y0, out, offset, offset, (long) voxels * Sizeof.cl_float, 0, null, null);
                continue;
            }
            Rkl2 c = Rkl2.ofStages(count);
            intArg(stage, 11, s);
            for (int j = 1; j <= count; j++) {
                cl_mem target = j == count ? out : stages[(j - 1) % 2];
                mem(stage, 1, tauL0);
                mem(stage, 2, j == 1 ? y0 : stages[(j - 2) % 2]);
                mem(stage, 3, j <= 2 ? y0 : stages[(j - 3) % 2]);
                mem(stage, 4, target);
                intArg(stage, 12, j);
                if (j == 1) {
                    floatArg(stage, 13, tauOverDx2);
                    floatArg(stage, 14, (float) c.muTilde[1]);
                    floatArg(stage, 15, 0f);
                    floatArg(stage, 16, 0f);
                } else {
                    // rounded as Rkl2Diffusion rounds it: μ̃j·(float τ/dx²) in double, then float
                    floatArg(stage, 13, (float) (c.muTilde[j] * tauOverDx2));
                    floatArg(stage, 14, (float) c.mu[j]);
                    floatArg(stage, 15, (float) c.nu[j]);
                    floatArg(stage, 16, (float) c.gammaTilde[j]);
                }
                CL.clEnqueueNDRangeKernel(queue, stage, 3, null, stageGlobal, stageLocal, 0, null, null);
            }
        }
    }

    private static void mem(cl_kernel k, int index, cl_mem m) {
        CL.clSetKernelArg(k, index, Sizeof.cl_mem, Pointer.to(m));
    }

    private static void intArg(cl_kernel k, int index, int value) {
        CL.clSetKernelArg(k, index, Sizeof.cl_int, Pointer.to(new int[] {value}));
    }

    private static void floatArg(cl_kernel k, int index, float value) {
        CL.clSetKernelArg(k, index, Sizeof.cl_float, Pointer.to(new float[] {value}));
    }
}

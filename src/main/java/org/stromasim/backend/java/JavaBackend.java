package org.stromasim.backend.java;

import org.stromasim.transport.VoxelKeys;
import org.stromasim.backend.Backend;
import org.stromasim.backend.RebalancingTermRefusal;
import org.stromasim.backend.StateUpdate;
import org.stromasim.biology.SlowStep;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.solver.Coarsening;
import org.stromasim.solver.MultigridSolver;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * The pure-Java, multi-threaded reference backend. Numerics of one step of length dt from time t:
 * <ul>
 *   <li><b>Diffusion</b> ({@link DiffusionSweep}): finite-volume flux form with explicit Euler,
 *       C' = C + dt/dx²·Σ_faces D_face·(C_nb − C), D_face the harmonic mean of the two voxel
 *       diffusivities (0 if either is 0), in float. The explicit scheme updates each species in its
 *       own array, plane by plane ({@link InPlaceSweep}), with the face conductances computed row by
 *       row from the backend's live diffusivity arrays (so a {@link TransportFields#refreshDiffusivity}
 *       between calls takes effect at the next step). Zero-flux faces add nothing, FIXED faces
 *       2·D_v·(C_b − C), PERIODIC faces wrap.
 *       Mass is conserved to round-off with zero-flux walls. The step must satisfy the model's
 *       stability limit (checked on every {@link #advance}).</li>
 *   <li><b>Reactions</b> ({@link ReactionUpdate}): split from diffusion, Strang R(dt/2) D(dt) R(dt/2)
 *       or Lie D(dt) R(dt) as the scenario says. Each term is cast as dC/dt = S − λC (S, λ ≥ 0) and
 *       integrated exactly over the sub-step, with the plasma concentration's mean over the sub-step
 *       (exact delivery across a bolus start) and Michaelis–Menten uptake frozen at the sub-step start (first order for that
 *       nonlinear part, positivity-preserving). Unconditionally stable.</li>
 *   <li><b>Vessels</b>: vessel voxels have D = 0 and do not react; they are set to the plasma level
 *       at each sub-step end, for display.</li>
 *   <li><b>Drug exposure</b>: AUC += dt·(C_start + C_end)/2 per step (trapezoid rule), accumulated
 *       as a Kahan-compensated float pair: the state's own float field plus a compensation array
 *       ({@link ReactionUpdate#accumulate}); {@link #download} folds the pair into the field.</li>
 * </ul>
 *
 * <p><b>Structure.</b> This class takes and gives back the state and runs the pass schedule of an
 * {@link #advance} call; each scheme's work lives in its own class: {@link ExplicitStep} (the fused
 * in-place explicit step), {@link Rkl2LargeStep} (RKL2 diffusion, multirate) and {@link ImplicitDiffusion}
 * (TR-BDF2), the last two with the reaction pass {@link LargeStepReactions} between their diffusion steps.
 * All of them share the arrays of {@link WorkingState} and the reaction sub-steps of {@link ReactionPass}.
 *
 * <p><b>Large steps</b> ({@code run.diffusion.scheme: rkl2}, {@link Rkl2LargeStep}): the diffusion of
 * each step is an RKL2 super-time-step, second order, each species with the stages its own explicit
 * limit needs (multirate; recomputed from the live conductances at every {@link #advance}, refused
 * with the numbers above {@code run.diffusion.max_stages}); the reactions keep the same regrouped
 * Strang (or Lie) sub-steps and tables as below, run as reaction-only passes between the diffusion
 * steps instead of being fused into them. Plain coupling (what scenarios get): each reaction
 * sub-step exact, so a uniform field decays exactly at any k·dt, and the drug exposure integrated
 * exactly along each sub-step ({@link ReactionUpdate#applyWithExactExposure}) instead of the explicit
 * scheme's step-boundary weights; the run refuses a step whose split error indicator is too large
 * ({@code ReactionStiffness}, docs/large-steps.md). Orders in time (measured, {@code Rkl2DiffusionTest}): RKL2
 * alone 2; plain Strang coupling 2 on smooth problems without sources on faces (Michaelis–Menten
 * frozen over a sub-step: first order in that term). {@code scheme: implicit} ({@link ImplicitDiffusion}:
 * TR-BDF2 by multigrid) runs in the same reaction-only passes; with {@code coupling: unsplit}
 * ({@link UnsplitImplicitStep}) there are no reaction passes: each step is one multigrid solve per
 * species with the reactions inside it, and the drug exposure is accumulated by that step.
 *
 * <p><b>One pass over memory per step.</b> Reactions are pointwise, so a reaction sub-step can be
 * done on each grid row right after the diffusion sweep has written it, while the row is still in the
 * L1 cache. Strang steps R(h/2) D R(h/2) · R(h/2) D R(h/2) · … are therefore regrouped as
 * R(h/2) · [D, R(h/2), R(h/2)] · … · [D, R(h/2)]: an {@code advance} of n steps makes one
 * reaction-only pass (the opening half reaction) and n fused passes, each diffusing and then running
 * the closing half reaction of its step and, except in the last pass, the opening half reaction of
 * the next step. Every half reaction keeps its own interval, so its plasma level is the curve's mean
 * over that interval ({@link org.stromasim.transport.PlasmaCurve#mean}) and the vessel voxels hold the
 * plasma level of its end. For the linear terms R(h/2)∘R(h/2) = R(h) exactly (the composition of two exact solutions of
 * dC/dt = S − λC with constant λ is the exact solution over the union; with a time-varying plasma
 * level it takes the means of the two halves, which is what unfused Strang does too). For
 * Michaelis–Menten uptake and saturating secretion the two halves are still run one after the other
 * per voxel, with the rate of the second frozen at the state between them, rounded to float as the
 * stored state was: exactly what unfused Strang does. Lie steps (R(dt) then D) are regrouped the same
 * way: R(dt) · [D, R(dt)] · … · [D]. At the end of every {@code advance} call the state is the split
 * state at the end of the last step, and the drug exposure has the trapezoid weights of each step.
 *
 * <p>Reaction coefficients that do not depend on C are tabulated per sub-step by voxel key (cell code
 * and whether a vessel wall bounds it, {@link VoxelKeys}, {@link ReactionTable}; wall voxels are
 * integrated per voxel with their own wall area per volume), so the common voxel costs a
 * table look-up and three multiply-adds in float instead of an exponential (the map is kept as
 * 1 + change where the factor is near 1, so float loses nothing a double map kept after its float
 * store); voxels with Michaelis–Menten uptake or saturating secretion are integrated one by one, in
 * float with a series where λh is small (every explicit step), in double above. Keys on which no term
 * acts are left untouched. Species with no reaction term skip it. For a
 * species other than the drug nothing reads the state between the two half reactions of a fused
 * pass, so their tabulated maps are composed into one (exact in real arithmetic; it skips one float
 * rounding of the intermediate state); the drug runs them one after the other, with its exposure
 * accumulated from the state between them.
 *
 * <p><b>Memory: the backend works in the uploaded state's arrays.</b> With the explicit scheme,
 * {@link #upload} adopts the concentration, viability and drug-exposure arrays of the {@link Tissue}
 * it is given instead of copying them, and {@link #advance} updates them in place; the backend's own
 * grid-sized arrays are the voxel keys (1 byte per voxel) and the exposure compensation (4 bytes per
 * voxel), plus per z-slab and species five plane buffers ({@link InPlaceSweep.Planes}). With the
 * diffusivity (4 bytes per species) and S/V (4) arrays of its fields that is 25 bytes per voxel at 4
 * species, 0.76× the 33 bytes of the state fields, where copies, ping-pong buffers, stored
 * conductances and a double exposure made 113 (3.4×) ({@link #workingBytes}). Contract of the
 * adoption: between {@code upload(t)} and the next upload the caller does not write t's
 * concentration, viability or exposure arrays (the biology changes them through
 * {@link #updateState} and {@link #runSlowStep}), and reads them only after {@link #download}, which folds the
 * exposure compensation into t's exposure field (so a download is where the exposure is rounded to
 * the float a snapshot stores; the time loop re-uploads after each download, so continuing from a
 * snapshot gives bitwise the same run). {@code download(other)} copies into another state.
 * The RKL2 scheme works in the uploaded arrays too (its last stage writes in place); it adds one set of
 * stage buffers that the species use one after the other (face conductances computed per row); the implicit scheme
 * likewise one multigrid solver the species are solved through one after the other ({@link #workingBytes}).
 *
 * <p>Work is split into z-slabs over a fixed set of threads created in the constructor and stopped in
 * {@link #close()} ({@link SlabWorkers}). An explicit step is two phases: each slab copies the two old
 * planes it reads but does not own (below its first, above its last), then, after the barrier,
 * updates its planes in place; every voxel reads only old values. Within a
 * slab the loop runs plane by plane and, in each plane, species by species, so the keys and viability
 * of a plane are read from memory once for all species. Plasma curves and reaction tables are
 * evaluated once per sub-step on the calling thread. The inner loops allocate nothing and make no
 * virtual calls, and each voxel's arithmetic does not depend on the partition, so any thread count
 * gives bit-identical results. That also lets the slab boundaries move: the fused pass times each
 * plane, and after every {@code advance} the boundaries are set so that the slabs cost the same
 * ({@link SlabWorkers#balance}; a tumour nest's planes cost more than ECM).
 *
 * <p><b>Vectorised loops.</b> When the JVM was started with {@code --add-modules
 * jdk.incubator.vector}, the explicit step's two hot row loops (harmonic-mean face conductances and
 * the six-face update) run with the Vector API ({@link VectorRows}, 8 float lanes: 256 bits, also on
 * AVX-512 CPUs unless asked otherwise, see {@link VectorWidth}), the
 * last {@code nx mod lanes} voxels of a row and the domain faces with the scalar code, and so do the
 * reactions ({@link VectorReactions}: runs of one key with its coefficients broadcast, the odd voxel
 * by the scalar code), and with the RKL2 scheme its stage rows ({@link VectorRkl2Rows}; its reactions
 * stay scalar); every lane does the scalar operations in the scalar order, so the results are
 * bitwise those of the scalar loops (the same model; {@link #description()} says which loops run).
 * C2 in JDK 17 does not vectorise these loops by itself.
 */
public final class JavaBackend implements Backend {

    private final TransportModel model;
    /** The live diffusivity, wall and uptake scales this backend's kernels read. */
    private final TransportFields fields;
    private final Grid3D grid;
    private final int speciesCount;
    private final SlabWorkers workers;
    private final WorkingState state;
    private final ReactionPass reactions;
    private boolean uploaded;
    /** The explicit scheme, or null for the large-step schemes. */
    private final ExplicitStep explicit;
    /** RKL2 diffusion, or null for the other schemes. */
    private final Rkl2LargeStep rkl2;
    /** TR-BDF2 diffusion by multigrid ({@code scheme: implicit}), or null for the other schemes. */
    private final ImplicitDiffusion implicit;
    /** RKL2 or split implicit: the reaction pass around their diffusion steps; null for the other schemes. */
    private final LargeStepReactions largeStepReactions;
    /** Implicit with {@code coupling: unsplit}: reactions inside the solve; null for the other schemes. */
    private final UnsplitImplicitStep unsplit;
    /** The explicit step's row loops run with the Vector API ({@link VectorRows}); bitwise the same numbers. */
    private final boolean vectorised;
    /** The RKL2 stage row loops run with the Vector API ({@link VectorRkl2Rows}); bitwise the same numbers. */
    private final boolean rkl2Vectorised;

    /**
     * A backend on {@code threads} threads; the explicit step's row loops use the Vector API when the JVM
     * was started with {@code --add-modules jdk.incubator.vector}, else the scalar loops (same results).
     */
    public JavaBackend(TransportModel model, int threads) {
        this(model, threads, vectorWidthChecked(RowKernels.vectorModulePresent()));
    }

    private static boolean vectorWidthChecked(boolean vectorModulePresent) {
        VectorWidth.checkRequest(System.getProperty(VectorWidth.PROPERTY));
        return vectorModulePresent;
    }

    /** As above with the row loops chosen: {@code vectorised = false} forces the scalar loops (tests). */
    JavaBackend(TransportModel model, int threads, boolean vectorised) {
        if (vectorised && !RowKernels.vectorModulePresent()) {
            throw new IllegalStateException("the vectorised Java step needs the JVM option"
                    + " --add-modules jdk.incubator.vector");
        }
        this.model = model;
        this.fields = TransportFields.of(model);
        this.grid = model.grid();
        this.speciesCount = model.speciesCount();
        DiffusionSpec.Scheme scheme = model.diffusion().scheme();
        boolean largeSteps = model.diffusion().largeSteps();
        // the explicit vector rows and vector reactions: not for the large-step schemes (RKL2 has vector
        // stage loops of its own) and not with reversible matrix binding, whose reaction sub-steps run per
        // voxel; RKL2's stage loops fall back to scalar only for the rows of a bound species
        this.vectorised = vectorised && !largeSteps && !model.anyMatrixBinding();
        this.rkl2Vectorised = vectorised && scheme == DiffusionSpec.Scheme.RKL2;
        // every scheme adopts the uploaded arrays (the implicit one writes each species once, at its step's end)
        this.state = new WorkingState(speciesCount, grid.voxelCount());
        this.reactions = new ReactionPass(fields, state, this.vectorised && VectorReactions.supported());
        this.workers = new SlabWorkers(threads, grid.nz());
        this.explicit = largeSteps ? null : new ExplicitStep(fields, workers, state, reactions, this.vectorised);
        this.rkl2 = scheme == DiffusionSpec.Scheme.RKL2
                ? new Rkl2LargeStep(fields, workers, state, rkl2Vectorised) : null;
        this.implicit = scheme == DiffusionSpec.Scheme.IMPLICIT ? new ImplicitDiffusion(fields) : null;
        boolean unsplitCoupling = model.diffusion().unsplit();
        this.unsplit = unsplitCoupling ? new UnsplitImplicitStep(fields, implicit, reactions, state) : null;
        this.largeStepReactions = largeSteps && !unsplitCoupling
                ? new LargeStepReactions(model, workers, state, reactions) : null;
    }

    /**
     * Heap bytes a run on this backend keeps besides the state fields ({@link Tissue#stateBytes}),
     * with the layout of the class comment: the fields' voxel diffusivity per species and
     * S/V (4·species + 4 bytes per voxel), the voxel keys and the exposure compensation (1 + 4); the
     * explicit scheme adds five planes per slab and species and four rows per slab; RKL2 instead adds
     * τ·L(Y0) and two stage buffers (12 bytes per voxel, shared by the species, which it steps one
     * after the other) and per slab two planes of z-face conductances (five with the scalar loops) and four rows;
     * the implicit scheme adds one multigrid solver ({@link MultigridSolver#heapBytes}: 37 bytes per voxel
     * with geometric coarsening, 123 with operator-dependent, at 128³), its right-hand side (8) and per
     * slab two planes of z-face conductances.
     */
    public static long workingBytes(Grid3D grid, int species, RunSpec run, int threads) {
        DiffusionSpec diffusion = run.diffusion();
        Coarsening coarsening = run.multigrid().diffusionCoarsening();
        long voxels = grid.voxelCount();
        long bytes = voxels * (4L * species + 4L + 1L + 4L);
        if (diffusion.scheme() == DiffusionSpec.Scheme.RKL2) {
            return bytes + voxels * Rkl2Diffusion.BYTES_PER_VOXEL
                    + (long) threads * Rkl2StageSweep.Rows.bytes(grid.nx(), grid.nx() * grid.ny());
        }
        if (diffusion.scheme() == DiffusionSpec.Scheme.IMPLICIT) {
            // one multigrid solver shared by the species, TR-BDF2's right-hand side (8) or the unsplit
            // step's float absorption and right-hand side (8), and per slab two planes of z-face conductances
            return bytes + MultigridSolver.heapBytes(grid.nx(), grid.ny(), grid.nz(), coarsening)
                    + voxels * 8L + (long) threads * 8L * grid.nx() * grid.ny();
        }
        long planeBytes = 4L * grid.nx() * grid.ny();
        return bytes + (long) threads * (5L * species * planeBytes + 4L * 4L * (grid.nx() + 2));
    }

    @Override
    public String description() {
        return "java (" + workers.threads() + (workers.threads() == 1 ? " thread" : " threads")
                + (rkl2 != null ? ", RKL2 diffusion, " + RowKernels.describe(rkl2Vectorised) + ")" : unsplit != null
                ? ", unsplit implicit reaction-diffusion by multigrid)"
                : implicit != null ? ", TR-BDF2 diffusion by multigrid)"
                : ", " + RowKernels.describe(vectorised) + ")");
    }


    /**
     * Takes the state: adopts its concentration arrays, its
     * viability and its drug exposure (compensation cleared), and computes the voxel keys from its
     * cells. From here until the next upload the backend updates these arrays in place: see the class
     * comment for the contract. Diffusivity and vessel wall geometry come from {@link #fields} (call
     * {@link TransportFields#refreshDiffusivity} after stiffness changes).
     */
    @Override
    public void upload(Tissue host) {
        requireSameShape(host);
        for (int s = 0; s < speciesCount; s++) {
            state.current[s] = host.concentration(s);
        }
        VoxelKeys.compute(host.cell(), fields.vesselSurfaceToVolumePerUm(), state.keys);
        state.viability = host.viability();
        state.exposure = host.drugExposure();
        java.util.Arrays.fill(state.exposureCompensation, 0f);
        RebalancingTermRefusal.check(host, model);
        uploaded = true;
    }


    /**
     * Rounds the exposure pair to the float field (clearing its compensation) and, where
     * {@code host} is not the adopted state, copies concentrations and exposure into it.
     */
    @Override
    public void download(Tissue host) {
        requireSameShape(host);
        if (!uploaded) {
            throw new IllegalStateException("download before upload: the Java backend holds no state yet");
        }
        float[] exposure = state.exposure;
        ReactionUpdate.fold(exposure, state.exposureCompensation, 0, exposure.length);
        for (int s = 0; s < speciesCount; s++) {
            if (host.concentration(s) != state.current[s]) {
                System.arraycopy(state.current[s], 0, host.concentration(s), 0, state.current[s].length);
            }
        }
        if (host.drugExposure() != exposure) {
            System.arraycopy(exposure, 0, host.drugExposure(), 0, exposure.length);
        }
    }

    /**
     * On the Java arrays: the state is downloaded into {@code host} (the exposure is rounded to float as
     * a snapshot stores it), updated there, and uploaded again, which recomputes the voxel keys from the
     * new cell codes and takes the new viability. O(voxels), negligible against the transport steps
     * between two updates.
     */
    @Override
    public void updateState(Tissue host, StateUpdate update) {
        download(host);
        update.apply(host);
        upload(host);
    }

    /**
     * The biology slow step as host code ({@link #updateState}): the re-upload recomputes the voxel keys,
     * so a new CAF secretes and a DEAD voxel stops reacting from the next step. The step refreshes this
     * backend's diffusivity after a stiffness change; face conductances follow at the next advance.
     */
    @Override
    public void runSlowStep(Tissue host, SlowStep step) {
        updateState(host, state -> step.apply(state, fields));
    }

    @Override
    public TransportFields fields() {
        return fields;
    }

    /** The Java backend's state is on the host: the caller reduces it there. */
    @Override
    public boolean reducesOnDevice() {
        return false;
    }

    private void requireSameShape(Tissue state) {
        if (!state.grid().equals(grid) || !state.speciesNames().equals(model.speciesNames())) {
            throw new IllegalArgumentException("state (grid " + state.grid() + ", species " + state.speciesNames()
                    + ") does not match the compiled model (grid " + grid + ", species " + model.speciesNames() + ")");
        }
    }


    @Override
    public void advance(double startTimeS, double dtS, int steps) {
        if (!uploaded) {
            throw new IllegalStateException("advance before upload: the Java backend holds no state yet");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("step count must be >= 0, got " + steps);
        }
        if (explicit != null) {
            fields.checkTimeStep(dtS);
        } else if (!(dtS > 0) || !Double.isFinite(dtS)) {
            throw new IllegalArgumentException("time step dt must be a finite number > 0 s, got " + dtS);
        }
        if (steps == 0) {
            return;
        }
        float dtOverDx2 = (float) (dtS / (grid.voxelUm() * grid.voxelUm()));
        boolean strang = model.splitting() == RunSpec.Splitting.STRANG;
        // the diffusivity arrays are live (refreshDiffusivity may have rewritten them since the last call)
        if (implicit != null) {
            implicit.prepare();
        }
        reactions.scaleUptake(fields); // e.g. MCT1 inhibition; constant within the call
        if (unsplit != null) {
            for (int n = 0; n < steps; n++) {
                unsplit.step(startTimeS + n * dtS, dtS); // t not accumulated, so long runs do not drift
            }
            return;
        }
        if (rkl2 != null) {
            rkl2.prepare(dtS);
        }
        ReactionTable[] reactionA = reactions.reactionA;
        ReactionTable[] reactionB = reactions.reactionB;
        double reactionS = strang ? dtS / 2 : dtS; // the reaction sub-step that opens each step
        // Pass 0: exposure of the start state (first half of step 0's trapezoid), then the opening reaction.
        ReactionPass.deactivate(reactionA);
        reactions.exposureWeightS = dtS / 2;
        reactions.tabulate(reactionB, startTimeS, reactionS);
        if (explicit != null) {
            explicit.react();
        } else {
            largeStepReactions.open();
        }
        for (int n = 0; n < steps; n++) {
            double t = startTimeS + n * dtS; // not accumulated, so long runs do not drift
            double tNext = startTimeS + (n + 1) * dtS;
            boolean last = n == steps - 1;
            if (strang) {
                reactions.tabulate(reactionA, t + dtS / 2, dtS / 2); // closing half reaction of step n
            } else {
                ReactionPass.deactivate(reactionA);
            }
            // the state between A and B is the split state at tNext: end of step n's trapezoid, start of n+1's
            reactions.exposureWeightS = last ? dtS / 2 : dtS;
            if (last) {
                ReactionPass.deactivate(reactionB);
            } else {
                reactions.tabulate(reactionB, tNext, reactionS);   // opening reaction of step n + 1
            }
            reactions.composeActive();
            if (implicit != null) {
                implicit.step(state.current, dtS);
                largeStepReactions.afterDiffusion();
            } else if (rkl2 != null) {
                rkl2.step(dtS);
                largeStepReactions.afterDiffusion();
            } else {
                explicit.step(dtOverDx2);
            }
        }
        if (explicit != null) {
            explicit.balanceSlabs();
        }
    }

    /** Multigrid cycles per solve so far with the implicit scheme (0 before the first, and for other schemes). */
    public double multigridCyclesPerSolve() {
        return implicit == null ? 0 : implicit.meanCyclesPerSolve();
    }

    /** Moves the slab boundaries as {@link SlabWorkers#balance} does for these plane costs (tests). */
    void balanceSlabs(double[] planeCost) {
        workers.balance(planeCost);
    }

    /** First plane of slab w (tests). */
    int slabStart(int w) {
        return workers.slabStart(w);
    }

    @Override
    public void close() {
        workers.close();
    }
}

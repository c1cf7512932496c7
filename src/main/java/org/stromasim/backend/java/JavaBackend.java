package org.stromasim.backend.java;

import org.stromasim.transport.VoxelKeys;
import org.stromasim.backend.Backend;
import org.stromasim.backend.StateUpdate;
import org.stromasim.biology.SlowStep;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.PlasmaCurve;
import org.stromasim.transport.Rkl2;
import org.stromasim.transport.TransportModel;

/**
 * The pure-Java, multi-threaded reference backend. Numerics of one step of length dt from time t:
 * <ul>
 *   <li><b>Diffusion</b> ({@link DiffusionSweep}): finite-volume flux form with explicit Euler,
 *       C' = C + dt/dx²·Σ_faces D_face·(C_nb − C), D_face the harmonic mean of the two voxel
 *       diffusivities (0 if either is 0), in float. The explicit scheme updates each species in its
 *       own array, plane by plane ({@link InPlaceSweep}), with the face conductances computed row by
 *       row from the model's live diffusivity arrays (so a {@link TransportModel#refreshDiffusivity}
 *       between calls takes effect at the next step). Zero-flux faces add nothing, FIXED faces
 *       2·D_v·(C_b − C), PERIODIC faces wrap.
 *       Mass is conserved to round-off with zero-flux walls. The step must satisfy the model's
 *       stability limit (checked on every {@link #advance}).</li>
 *   <li><b>Reactions</b> ({@link ReactionUpdate}): split from diffusion, Strang R(dt/2) D(dt) R(dt/2)
 *       or Lie D(dt) R(dt) as the scenario says. Each term is cast as dC/dt = S − λC (S, λ ≥ 0) and
 *       integrated exactly over the sub-step, with the plasma concentration taken at the sub-step
 *       midpoint and Michaelis–Menten uptake frozen at the sub-step start (first order for that
 *       nonlinear part, positivity-preserving). Unconditionally stable.</li>
 *   <li><b>Vessels</b>: vessel voxels have D = 0 and do not react; they are set to the plasma level
 *       at each sub-step end, for display.</li>
 *   <li><b>Drug exposure</b>: AUC += dt·(C_start + C_end)/2 per step (trapezoid rule), accumulated
 *       as a Kahan-compensated float pair: the state's own float field plus a compensation array
 *       ({@link ReactionUpdate#accumulate}); {@link #download} folds the pair into the field.</li>
 * </ul>
 *
 * <p><b>Large steps</b> ({@code run.diffusion.scheme: rkl2}, {@link Rkl2Diffusion}): the diffusion of
 * each step is an RKL2 super-time-step, second order, each species with the stages its own explicit
 * limit needs (multirate; recomputed from the live conductances at every {@link #advance}, refused
 * with the numbers above {@code run.diffusion.max_stages}); the reactions keep the same regrouped
 * Strang (or Lie) sub-steps and tables as below, run as reaction-only passes between the diffusion
 * steps instead of being fused into them. Plain coupling (what scenarios get): each reaction
 * sub-step exact, so a uniform field decays exactly at any k·dt, and the drug exposure integrated
 * exactly along each sub-step ({@link ReactionUpdate#applyWithExactExposure}) instead of the explicit
 * scheme's step-boundary weights; the run refuses a step whose split error indicator is too large
 * ({@code ReactionStiffness}, docs/large-steps.md). The rebalancing term of
 * {@link #rebalancedReactSlab} (Java API only, refused for scenarios: unstable for k·dt above about
 * 0.5) keeps the step-boundary exposure. Orders in time (measured, {@code Rkl2DiffusionTest}): RKL2
 * alone 2; plain Strang coupling 2 on smooth problems without sources on faces (Michaelis–Menten
 * frozen over a sub-step: first order in that term). {@code scheme: implicit} ({@link ImplicitDiffusion}:
 * TR-BDF2 by multigrid) runs in the same reaction-only passes.
 *
 * <p><b>One pass over memory per step.</b> Reactions are pointwise, so a reaction sub-step can be
 * done on each grid row right after the diffusion sweep has written it, while the row is still in the
 * L1 cache. Strang steps R(h/2) D R(h/2) · R(h/2) D R(h/2) · … are therefore regrouped as
 * R(h/2) · [D, R(h/2), R(h/2)] · … · [D, R(h/2)]: an {@code advance} of n steps makes one
 * reaction-only pass (the opening half reaction) and n fused passes, each diffusing and then running
 * the closing half reaction of its step and, except in the last pass, the opening half reaction of
 * the next step. Every half reaction keeps its own interval, so its plasma level is taken at its own
 * midpoint (t + h/4 and t + 3h/4 within a step) and the vessel voxels hold the plasma level of its
 * end. For the linear terms R(h/2)∘R(h/2) = R(h) exactly (the composition of two exact solutions of
 * dC/dt = S − λC with constant λ is the exact solution over the union; with a time-varying plasma
 * level it is the two-midpoint rule over the full step, which is what unfused Strang does too). For
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
 * model's diffusivity (4 bytes per species) and S/V (4) arrays that is 25 bytes per voxel at 4
 * species, 0.76× the 33 bytes of the state fields, where copies, ping-pong buffers, stored
 * conductances and a double exposure made 113 (3.4×) ({@link #workingBytes}). Contract of the
 * adoption: between {@code upload(t)} and the next upload the caller does not write t's
 * concentration, viability or exposure arrays (the biology changes them through
 * {@link #updateState}), and reads them only after {@link #download}, which folds the
 * exposure compensation into t's exposure field (so a download is where the exposure is rounded to
 * the float a snapshot stores; the time loop re-uploads after each download, so continuing from a
 * snapshot gives bitwise the same run). {@code download(other)} copies into another state as before.
 * The RKL2 scheme works in the uploaded arrays too (its last stage writes in place); it adds one set of
 * stage buffers and face conductances that the species use one after the other; the implicit scheme
 * keeps its own concentration copies and its multigrid hierarchy ({@link #workingBytes}).
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
 * by the scalar code); every lane does the scalar operations in the scalar order, so the results are
 * bitwise those of the scalar loops (the same model; {@link #description()} says which loops run).
 * C2 in JDK 17 does not vectorise these loops by itself.
 */
public final class JavaBackend implements Backend {

    private final TransportModel model;
    private final Grid3D grid;
    private final int speciesCount;
    private final int planeSize;
    private final SlabWorkers workers;
    private final DiffusionSweep[] sweeps;
    private final ReactionUpdate[] reactions;
    private final PlasmaCurve[] plasma;
    private final int drugSpecies;

    /**
     * Concentrations per species: the uploaded state's own arrays (explicit and RKL2 schemes) or the
     * backend's copies (implicit scheme, whose solver works on its own buffers).
     */
    private final float[][] current;
    private final byte[] keys;
    /** The uploaded state's viability (read only). */
    private float[] viability;
    /** The uploaded state's drug exposure, accumulated in place with {@link #exposureCompensation}. */
    private float[] exposure;
    private final float[] exposureCompensation;
    private boolean uploaded;
    /** Explicit scheme: per species the in-place step; per slab its row buffers and per slab and species its planes. */
    private final InPlaceSweep[] inPlace;
    private final InPlaceSweep.Rows[] slabRows;
    private final InPlaceSweep.Planes[][] slabPlanes;

    // The sub-steps of the pass being run, written by the calling thread before the workers start it
    // (the barrier in SlabWorkers publishes them). A pass is: diffuse (fused passes only), run
    // reaction A, add exposureWeightS·C of the drug, run reaction B. An inactive table is skipped.
    private final ReactionTable[] reactionA;
    private final ReactionTable[] reactionB;
    private final ReactionTable[] reactionAB;
    /**
     * RKL2 only (null for the other schemes): the face conductances (see
     * {@link DiffusionSweep#conductances}) of species {@link #conductancesOf}, one set shared by all
     * species, which the RKL2 step visits one after the other.
     */
    private final float[] conductanceX;
    private final float[] conductanceY;
    private final float[] conductanceZ;
    /** The species whose conductances are stored, or −1 (none valid: a new advance call may follow a diffusivity change). */
    private int conductancesOf = -1;
    /** The species the conductance and face-sum passes work on. */
    private int passSpecies;
    /** RKL2: the stage count per species for the current advance call's step. */
    private int[] rkl2StageCounts;
    private double exposureWeightS;
    private float dtOverDx2;

    private final SlabTask reactTask = this::reactSlab;
    private final SlabTask haloTask = this::haloSlab;
    private final SlabTask fusedTask = this::fusedSlab;
    /**
     * Wall time of each plane's fused work, ns, summed over an advance call and then halved (so older
     * calls fade): what {@link SlabWorkers#balance} splits the planes by. Each plane is written by the
     * thread that owns it.
     */
    private final double[] planeCostNs;
    private final SlabTask conductanceTask = this::conductanceSlab;
    private final SlabTask faceSumTask = this::faceSumSlab;
    /** RKL2 diffusion, or null for the other schemes. */
    private final Rkl2Diffusion rkl2;
    /** TR-BDF2 diffusion by multigrid ({@code scheme: implicit}), or null for the other schemes. */
    private final ImplicitDiffusion implicit;
    /** RKL2 or implicit: the backend owns its concentration copies and reacts in its own pass around the diffusion step. */
    private final boolean largeSteps;
    /** Per species and z-plane: max Σ_faces D_face of the plane, filled by faceSumTask. */
    private final double[][] planeFaceSum;
    /**
     * Rebalanced splitting (large steps only): per species that both diffuses and reacts, the constant
     * q added to diffusion and taken from the reactions, per voxel (null for other species); kept
     * across advance calls, as it belongs to the state of the split scheme.
     */
    private final float[][] rebalance;
    /** Per rebalanced species: the increment of the last opening reaction sub-step (B), per voxel. */
    private final float[][] openingIncrement;
    /** Per rebalanced species: its state before the last diffusion step (RKL2 overwrites the state in place). */
    private final float[][] diffusionInput;
    private boolean updateRebalance;
    private double couplingStepS;
    private final SlabTask largeStepReactTask = this::rebalancedReactSlab;

    /** The explicit step's row loops run with the Vector API ({@link VectorRows}); bitwise the same numbers. */
    private final boolean vectorised;
    /** The reaction loops run with the Vector API ({@link VectorReactions}); bitwise the same numbers. */
    private final boolean vectorisedReactions;
    /** Per slab: the scratch floats of {@link VectorReactions}. */
    private final float[][] chunkScratch;

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
        this.grid = model.grid();
        this.speciesCount = model.speciesCount();
        this.planeSize = grid.nx() * grid.ny();
        int n = grid.voxelCount();
        this.sweeps = new DiffusionSweep[speciesCount];
        this.reactions = new ReactionUpdate[speciesCount];
        this.plasma = new PlasmaCurve[speciesCount];
        this.reactionA = new ReactionTable[speciesCount];
        this.reactionB = new ReactionTable[speciesCount];
        this.reactionAB = new ReactionTable[speciesCount];
        boolean largeSteps = model.diffusion().largeSteps();
        boolean rkl2Scheme = model.diffusion().scheme() == DiffusionSpec.Scheme.RKL2;
        this.largeSteps = largeSteps;
        this.vectorised = vectorised && !largeSteps; // the large-step schemes have their own (scalar) loops
        this.vectorisedReactions = this.vectorised && VectorReactions.supported();
        this.chunkScratch = new float[threads][VectorReactions.SCRATCH_FLOATS];
        this.current = largeSteps && !rkl2Scheme ? new float[speciesCount][n] : new float[speciesCount][];
        this.conductanceX = rkl2Scheme ? new float[n] : null;
        this.conductanceY = rkl2Scheme ? new float[n] : null;
        this.conductanceZ = rkl2Scheme ? new float[n] : null;
        this.inPlace = new InPlaceSweep[speciesCount];
        for (int s = 0; s < speciesCount; s++) {
            sweeps[s] = new DiffusionSweep(grid, model.boundaries(s));
            inPlace[s] = new InPlaceSweep(grid, model.boundaries(s), this.vectorised);
            plasma[s] = model.plasma(s);
            reactions[s] = new ReactionUpdate(model.reactions(s), plasma[s] != null, model.vesselSurfaceToVolumePerUm());
            reactionA[s] = new ReactionTable();
            reactionB[s] = new ReactionTable();
            reactionAB[s] = new ReactionTable();
        }
        this.drugSpecies = model.drugSpeciesIndex().orElse(-1);
        this.keys = new byte[n];
        this.exposureCompensation = new float[n];
        this.workers = new SlabWorkers(threads, grid.nz());
        this.planeCostNs = new double[grid.nz()];
        int slabs = largeSteps ? 0 : threads;
        this.slabRows = new InPlaceSweep.Rows[slabs];
        this.slabPlanes = new InPlaceSweep.Planes[slabs][speciesCount];
        for (int w = 0; w < slabs; w++) {
            slabRows[w] = new InPlaceSweep.Rows(grid.nx());
            for (int s = 0; s < speciesCount; s++) {
                slabPlanes[w][s] = new InPlaceSweep.Planes(planeSize);
            }
        }
        this.rkl2 = rkl2Scheme ? new Rkl2Diffusion(grid, workers) : null;
        this.implicit = model.diffusion().scheme() == DiffusionSpec.Scheme.IMPLICIT ? new ImplicitDiffusion(model) : null;
        this.planeFaceSum = new double[speciesCount][rkl2Scheme ? grid.nz() : 0];
        this.rebalance = new float[speciesCount][];
        for (int s = 0; s < speciesCount && largeSteps; s++) {
            if (reactions[s].active() && model.diffusion().coupling() == DiffusionSpec.Coupling.REBALANCED) {
                rebalance[s] = new float[n];
            }
        }
        this.openingIncrement = new float[speciesCount][];
        this.diffusionInput = new float[speciesCount][];
        for (int s = 0; s < speciesCount; s++) {
            openingIncrement[s] = rebalance[s] == null ? null : new float[n];
            diffusionInput[s] = rebalance[s] == null ? null : new float[n];
        }
    }

    /**
     * Heap bytes a run on this backend keeps besides the state fields ({@link Tissue#stateBytes}),
     * with the layout of the class comment: the transport model's voxel diffusivity per species and
     * S/V (4·species + 4 bytes per voxel), the voxel keys and the exposure compensation (1 + 4); the
     * explicit scheme adds five planes per slab and species and four rows per slab; RKL2 instead adds
     * one set of three face conductances and τ·L(Y0) and three rotating stages (28 bytes per voxel,
     * shared by the species, which it steps one after the other) and, with rebalanced coupling, per
     * species the rebalancing term, the last opening increment and the diffusion input (12; an upper
     * bound: only species that react keep them).
     */
    public static long workingBytes(Grid3D grid, int species, DiffusionSpec diffusion, int threads) {
        long voxels = grid.voxelCount();
        long bytes = voxels * (4L * species + 4L + 1L + 4L);
        if (diffusion.scheme() == DiffusionSpec.Scheme.RKL2) {
            long perSpecies = diffusion.coupling() == DiffusionSpec.Coupling.REBALANCED ? 12L : 0L;
            return bytes + voxels * (28L + perSpecies * species);
        }
        if (diffusion.scheme() == DiffusionSpec.Scheme.IMPLICIT) {
            // per species its concentration copy (4) and multigrid solver (≈ 18 doubles on the fine level
            // and 1/7 more on the coarse ones, 165); four shared double work arrays (32)
            return bytes + voxels * (4L + 165L) * species + voxels * 32L;
        }
        long planeBytes = 4L * grid.nx() * grid.ny();
        return bytes + (long) threads * (5L * species * planeBytes + 4L * 4L * (grid.nx() + 2));
    }

    @Override
    public String description() {
        return "java (" + workers.threads() + (workers.threads() == 1 ? " thread" : " threads")
                + (rkl2 != null ? ", RKL2 diffusion)" : implicit != null ? ", TR-BDF2 diffusion by multigrid)"
                : ", " + RowKernels.describe(vectorised) + ")");
    }

    /**
     * Takes the state: adopts its concentration arrays (the implicit scheme copies them), its
     * viability and its drug exposure (compensation cleared), and computes the voxel keys from its
     * cells. From here until the next upload the backend updates these arrays in place: see the class
     * comment for the contract. Diffusivity and vessel wall geometry come from the model (call
     * {@link TransportModel#refreshDiffusivity} after stiffness changes).
     */
    @Override
    public void upload(Tissue state) {
        requireSameShape(state);
        for (int s = 0; s < speciesCount; s++) {
            if (largeSteps && rkl2 == null) {
                System.arraycopy(state.concentration(s), 0, current[s], 0, current[s].length);
            } else {
                current[s] = state.concentration(s);
            }
        }
        VoxelKeys.compute(state.cell(), model.vesselSurfaceToVolumePerUm(), keys);
        viability = state.viability();
        exposure = state.drugExposure();
        java.util.Arrays.fill(exposureCompensation, 0f);
        uploadRebalance(state);
        uploaded = true;
    }

    /**
     * Rounds the exposure pair to the float field (clearing its compensation) and, where
     * {@code state} is not the adopted state, copies concentrations and exposure into it.
     */
    @Override
    public void download(Tissue state) {
        requireSameShape(state);
        if (!uploaded) {
            throw new IllegalStateException("download before upload: the Java backend holds no state yet");
        }
        ReactionUpdate.fold(exposure, exposureCompensation, 0, exposure.length);
        for (int s = 0; s < speciesCount; s++) {
            if (state.concentration(s) != current[s]) {
                System.arraycopy(current[s], 0, state.concentration(s), 0, current[s].length);
            }
        }
        if (state.drugExposure() != exposure) {
            System.arraycopy(exposure, 0, state.drugExposure(), 0, exposure.length);
        }
        for (int s = 0; s < speciesCount; s++) {
            if (rebalance[s] != null) {
                System.arraycopy(rebalance[s], 0, state.rebalancePerSOrCreate(s), 0, rebalance[s].length);
            }
        }
    }

    /**
     * Takes the rebalancing term the state carries (a resumed run: the snapshot stored it), species by
     * species; a species the state carries none for keeps the backend's (0 in a fresh backend). A term
     * for a species this scheme has none for is refused: it would be silently dropped.
     */
    private void uploadRebalance(Tissue state) {
        for (int s = 0; s < speciesCount; s++) {
            float[] stored = state.rebalancePerS(s);
            if (stored == null) {
                continue;
            }
            if (rebalance[s] == null) {
                throw new IllegalArgumentException("the state carries a rebalancing term for species "
                        + model.speciesNames().get(s) + " but this model's scheme has none (run.diffusion: "
                        + model.diffusion().scheme().name().toLowerCase(java.util.Locale.ROOT) + ", coupling "
                        + model.diffusion().coupling().name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
            System.arraycopy(stored, 0, rebalance[s], 0, stored.length);
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
     * so a new CAF secretes and a DEAD voxel stops reacting from the next step. The caller refreshes the
     * model's diffusivity after a stiffness change; face conductances follow at the next advance.
     */
    @Override
    public void runSlowStep(Tissue host, SlowStep step) {
        updateState(host, step::apply);
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
        if (!largeSteps) {
            model.checkTimeStep(dtS);
        } else if (!(dtS > 0) || !Double.isFinite(dtS)) {
            throw new IllegalArgumentException("time step dt must be a finite number > 0 s, got " + dtS);
        }
        if (steps == 0) {
            return;
        }
        dtOverDx2 = (float) (dtS / (grid.voxelUm() * grid.voxelUm()));
        boolean strang = model.splitting() == RunSpec.Splitting.STRANG;
        // the model's diffusivity arrays are live (refreshDiffusivity may have rewritten them since the last call)
        conductancesOf = -1;
        if (implicit != null) {
            implicit.prepare(); // likewise
        }
        for (int s = 0; s < speciesCount; s++) {
            reactions[s].scaleUptake(model.uptakeScale(s)); // e.g. MCT1 inhibition; constant within the call
        }
        if (rkl2 != null) {
            rkl2StageCounts = rkl2Stages(dtS);
        }
        double reactionS = strang ? dtS / 2 : dtS; // the reaction sub-step that opens each step
        // Pass 0: exposure of the start state (first half of step 0's trapezoid), then the opening reaction.
        deactivate(reactionA);
        exposureWeightS = dtS / 2;
        tabulate(reactionB, startTimeS, reactionS);
        couplingStepS = dtS;
        updateRebalance = false;
        workers.run(largeSteps ? largeStepReactTask : reactTask);
        for (int n = 0; n < steps; n++) {
            double t = startTimeS + n * dtS; // not accumulated, so long runs do not drift
            double tNext = startTimeS + (n + 1) * dtS;
            boolean last = n == steps - 1;
            if (strang) {
                tabulate(reactionA, t + dtS / 2, dtS / 2); // closing half reaction of step n
            } else {
                deactivate(reactionA);
            }
            // the state between A and B is the split state at tNext: end of step n's trapezoid, start of n+1's
            exposureWeightS = last ? dtS / 2 : dtS;
            if (last) {
                deactivate(reactionB);
            } else {
                tabulate(reactionB, tNext, reactionS);   // opening reaction of step n + 1
            }
            for (int s = 0; s < speciesCount; s++) {
                if (reactionA[s].active && reactionB[s].active) {
                    ReactionTable.compose(reactionA[s], reactionB[s], reactionAB[s]);
                }
            }
            if (implicit != null) {
                implicit.step(current, dtS);
                workers.run(largeStepReactTask);
            } else if (rkl2 == null) {
                workers.run(haloTask); // every slab saves the old planes it reads but does not own, then
                workers.run(fusedTask); // (after the barrier) updates its own planes in place
            } else {
                rkl2Step(dtS);
                updateRebalance = true;
                workers.run(largeStepReactTask);
            }
        }
        if (!largeSteps) {
            workers.balance(planeCostNs);
            for (int k = 0; k < planeCostNs.length; k++) {
                planeCostNs[k] /= 2;
            }
        }
    }

    /** The RKL2 diffusion step of every species that diffuses, one species after the other. */
    private void rkl2Step(double dtS) {
        for (int s = 0; s < speciesCount; s++) {
            if (diffusionInput[s] != null) {
                System.arraycopy(current[s], 0, diffusionInput[s], 0, current[s].length);
            }
            if (rkl2StageCounts[s] == 0) {
                continue;
            }
            storeConductances(s);
            rkl2.step(current[s], sweeps[s], model.diffusivityUm2PerS(s), conductanceX, conductanceY, conductanceZ,
                    rebalance[s], rkl2StageCounts[s], dtS);
        }
    }

    /** Fills the shared face conductances with species s's, unless they hold them already. */
    private void storeConductances(int s) {
        if (conductancesOf != s) {
            passSpecies = s;
            workers.run(conductanceTask);
            conductancesOf = s;
        }
    }

    /** Stages per species for a step of dtS, from the explicit limits of the current conductances; refuses above the cap. */
    private int[] rkl2Stages(double dtS) {
        int[] stages = new int[speciesCount];
        int cap = model.diffusion().maxStages();
        for (int s = 0; s < speciesCount; s++) {
            storeConductances(s);
            workers.run(faceSumTask); // passSpecies = s
            double worst = 0;
            for (double plane : planeFaceSum[s]) {
                worst = Math.max(worst, plane);
            }
            double limitS = worst > 0 ? grid.voxelUm() * grid.voxelUm() / worst : Double.POSITIVE_INFINITY;
            stages[s] = Rkl2.stagesFor(dtS, limitS);
            if (stages[s] > cap) {
                throw new IllegalArgumentException(Rkl2.refusal(
                        model.speciesNames().get(s), dtS, limitS, cap));
            }
        }
        return stages;
    }

    /**
     * The reaction pass of the large-step scheme. Species with a rebalancing term q take it out of their
     * reactions and, in every pass after a diffusion step, update it (rebalanced splitting, after Speth,
     * Green, MacNamara &amp; Strang, SIAM J. Numer. Anal. 51 (2013) 3084): over step n, with ΔD the
     * increment of its diffusion and ΔR the summed increments of its opening and closing reaction
     * sub-steps, q += (ΔR − ΔD)/(2h), half the difference. At a steady state of the split scheme both
     * increments are then zero, so L(u) + q = 0 and G(u) − q = 0: u is a steady state of the unsplit
     * problem whatever the step, which plain Strang splitting does not give with RKL2 (its stiff modes,
     * such as the spike a vessel source or a held face injects each step, are damped by about ½ per
     * step instead of to 0). The opening increment is kept per voxel, so a step's balance is complete
     * even when its two halves fall in different advance calls. Non-diffusing voxels keep q = 0.
     */
    private void rebalancedReactSlab(int kFrom, int kTo) {
        int vFrom = kFrom * planeSize;
        int vTo = kTo * planeSize;
        float inverseTwoH = (float) (0.5 / couplingStepS);
        for (int s = 0; s < speciesCount; s++) {
            float[] q = rebalance[s];
            if (q == null) {
                if (s == drugSpecies) {
                    reactions[s].applyWithExactExposure(reactionA[s], reactionB[s], current[s], keys, viability,
                            exposure, exposureCompensation, vFrom, vTo);
                } else {
                    finishRange(s, current[s], vFrom, vTo, null);
                }
                continue;
            }
            float[] c = current[s];
            float[] before = diffusionInput[s];
            float[] opening = openingIncrement[s];
            float[] d = model.diffusivityUm2PerS(s);
            ReactionTable first = reactionA[s];
            ReactionTable second = reactionB[s];
            ReactionUpdate update = reactions[s];
            boolean drug = s == drugSpecies;
            for (int v = vFrom; v < vTo; v++) {
                int key = keys[v];
                float alive = viability[v];
                float w = c[v];
                float qv = q[v];
                float a = first.active ? (float) update.correctedStep(first, w, key, alive, qv, v) : w;
                if (drug) {
                    ReactionUpdate.accumulate(exposure, exposureCompensation, v, (float) (exposureWeightS * a));
                }
                if (updateRebalance) {
                    // step n is complete at a: its opening increment, its diffusion, its closing increment
                    float reacted = opening[v] + (a - w);
                    qv = d[v] > 0 ? qv + (reacted - (w - before[v])) * inverseTwoH : 0f;
                    q[v] = qv;
                }
                // step n + 1 opens with the updated term, whether it runs in this pass or the next call's first
                float b = second.active ? (float) update.correctedStep(second, a, key, alive, qv, v) : a;
                opening[v] = b - a;
                c[v] = b;
            }
        }
    }

    private void faceSumSlab(int kFrom, int kTo) {
        int s = passSpecies;
        for (int k = kFrom; k < kTo; k++) {
            planeFaceSum[s][k] = sweeps[s].maxFaceSum(model.diffusivityUm2PerS(s), conductanceX, conductanceY,
                    conductanceZ, k, k + 1);
        }
    }

    /** Tabulates every species' reaction sub-step [tS, tS + hS] into {@code tables}. */
    private void tabulate(ReactionTable[] tables, double tS, double hS) {
        for (int s = 0; s < speciesCount; s++) {
            double mid = 0.0;
            double end = 0.0;
            if (plasma[s] != null) {
                mid = plasma[s].at(tS + hS / 2);
                end = plasma[s].at(tS + hS);
            }
            reactions[s].tabulate(tables[s], hS, mid, end);
        }
    }

    private static void deactivate(ReactionTable[] tables) {
        for (ReactionTable t : tables) {
            t.active = false;
            t.present = false;
        }
    }

    /** Pass 0, in place on the current buffers: exposure, then reaction B. */
    private void reactSlab(int kFrom, int kTo) {
        if (kFrom >= kTo) {
            return;
        }
        float[] scratch = chunkScratch[workers.slabStartingAt(kFrom)];
        int vFrom = kFrom * planeSize;
        int vTo = kTo * planeSize;
        for (int s = 0; s < speciesCount; s++) {
            finishRange(s, current[s], vFrom, vTo, scratch);
        }
    }

    /** First phase of an explicit step: the slab's copies of the old planes next to it. */
    private void haloSlab(int kFrom, int kTo) {
        if (kFrom >= kTo) {
            return; // more threads than planes: this slab is empty
        }
        int slab = workers.slabStartingAt(kFrom);
        for (int s = 0; s < speciesCount; s++) {
            inPlace[s].saveHalo(current[s], kFrom, kTo, slabPlanes[slab][s]);
        }
    }

    /**
     * A fused pass, in place: each row is diffused (from old values only, see {@link InPlaceSweep})
     * and then reacted while it is in L1.
     */
    private void fusedSlab(int kFrom, int kTo) {
        if (kFrom >= kTo) {
            return;
        }
        int slab = workers.slabStartingAt(kFrom);
        InPlaceSweep.Rows rows = slabRows[slab];
        float[] scratch = chunkScratch[slab];
        int nx = grid.nx();
        int ny = grid.ny();
        for (int k = kFrom; k < kTo; k++) {
            long planeStartNs = System.nanoTime();
            boolean lastOfSlab = k == kTo - 1;
            for (int s = 0; s < speciesCount; s++) {
                float[] c = current[s];
                float[] d = model.diffusivityUm2PerS(s);
                InPlaceSweep sweep = inPlace[s];
                InPlaceSweep.Planes planes = slabPlanes[slab][s];
                sweep.beginPlane(c, d, k, k == kFrom, planes);
                for (int j = 0; j < ny; j++) {
                    sweep.stepRow(c, d, j, k, lastOfSlab, planes, rows, dtOverDx2);
                    int rowStart = nx * (j + ny * k);
                    finishRange(s, c, rowStart, rowStart + nx, scratch);
                }
                planes.roll();
            }
            planeCostNs[k] += System.nanoTime() - planeStartNs;
        }
    }

    /**
     * Reaction A, drug exposure, reaction B on voxels vFrom ≤ v < vTo of species s, in place in c, with
     * the vector loops when they run ({@code scratch}: the slab's scratch for them).
     */
    private void finishRange(int s, float[] c, int vFrom, int vTo, float[] scratch) {
        ReactionTable a = reactionA[s];
        ReactionTable b = reactionB[s];
        ReactionUpdate r = reactions[s];
        if (s == drugSpecies) {
            float weightS = (float) exposureWeightS;
            if (vectorisedReactions) {
                VectorReactions.applyWithExposure(r, a, b, c, keys, viability, exposure, exposureCompensation,
                        weightS, vFrom, vTo, scratch);
            } else {
                r.applyWithExposure(a, b, c, keys, viability, exposure, exposureCompensation, weightS, vFrom, vTo);
            }
        } else if (a.active && b.active) {
            // nothing is read between A and B: one sweep of the composed map
            if (vectorisedReactions) {
                VectorReactions.applyTwo(r, a, b, reactionAB[s], c, keys, viability, vFrom, vTo, scratch);
            } else {
                r.applyTwo(a, b, reactionAB[s], c, keys, viability, vFrom, vTo);
            }
        } else if (a.active || b.active) {
            ReactionTable only = a.active ? a : b;
            if (vectorisedReactions) {
                VectorReactions.apply(r, only, c, keys, viability, vFrom, vTo, scratch);
            } else {
                r.apply(only, c, keys, viability, vFrom, vTo);
            }
        }
    }

    /** Moves the slab boundaries as {@link SlabWorkers#balance} does for these plane costs (tests). */
    void balanceSlabs(double[] planeCost) {
        workers.balance(planeCost);
    }

    /** First plane of slab w (tests). */
    int slabStart(int w) {
        return workers.slabStart(w);
    }

    private void conductanceSlab(int kFrom, int kTo) {
        int s = passSpecies;
        sweeps[s].conductances(model.diffusivityUm2PerS(s), conductanceX, conductanceY, conductanceZ, kFrom, kTo);
    }

    @Override
    public void close() {
        workers.close();
    }
}

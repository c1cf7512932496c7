package org.stromasim.backend.java;

import java.util.Locale;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/**
 * The reaction pass of the large-step schemes (RKL2 and implicit), run between their diffusion steps
 * instead of fused into them. Species with a rebalancing term q take it out of their reactions and, in
 * every pass after a diffusion step, update it (rebalanced splitting, after Speth, Green, MacNamara
 * &amp; Strang, SIAM J. Numer. Anal. 51 (2013) 3084): over step n, with ΔD the increment of its
 * diffusion and ΔR the summed increments of its opening and closing reaction sub-steps,
 * q += (ΔR − ΔD)/(2h), half the difference. At a steady state of the split scheme both increments are
 * then zero, so L(u) + q = 0 and G(u) − q = 0: u is a steady state of the unsplit problem whatever the
 * step, which plain Strang splitting does not give with RKL2 (its stiff modes, such as the spike a
 * vessel source or a held face injects each step, are damped by about ½ per step instead of to 0). The
 * opening increment is kept per voxel, so a step's balance is complete even when its two halves fall
 * in different advance calls. Non-diffusing voxels keep q = 0. Without rebalancing (what scenarios
 * get) each sub-step is exact and the drug exposure is integrated exactly along it
 * ({@link ReactionUpdate#applyWithExactExposure}).
 */
final class LargeStepReactions {

    private final TransportModel model;
    private final int speciesCount;
    private final int planeSize;
    private final SlabWorkers workers;
    private final WorkingState state;
    private final ReactionPass reactions;
    /**
     * Per species that both diffuses and reacts under rebalanced coupling, the constant q added to
     * diffusion and taken from the reactions, per voxel (null for other species); kept across advance
     * calls, as it belongs to the state of the split scheme.
     */
    private final float[][] rebalance;
    /** Per rebalanced species: the increment of the last opening reaction sub-step (B), per voxel. */
    private final float[][] openingIncrement;
    /** Per rebalanced species: its state before the last diffusion step (RKL2 overwrites the state in place). */
    private final float[][] diffusionInput;
    /** Whether the pass being run follows a diffusion step, so that q is updated. */
    private boolean updateRebalance;
    /** The step h of the coupling, s. */
    private double couplingStepS;
    private final SlabTask task = this::reactSlab;

    LargeStepReactions(TransportModel model, SlabWorkers workers, WorkingState state, ReactionPass reactions) {
        this.model = model;
        this.speciesCount = model.speciesCount();
        this.planeSize = model.grid().nx() * model.grid().ny();
        this.workers = workers;
        this.state = state;
        this.reactions = reactions;
        int n = model.grid().voxelCount();
        this.rebalance = new float[speciesCount][];
        for (int s = 0; s < speciesCount; s++) {
            if (reactions.reaction(s).active() && model.diffusion().coupling() == DiffusionSpec.Coupling.REBALANCED) {
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

    /** The pass that opens an advance call of steps of {@code stepS}: no diffusion step precedes it. */
    void open(double stepS) {
        couplingStepS = stepS;
        updateRebalance = false;
        workers.run(task);
    }

    /** The pass after a diffusion step. */
    void afterDiffusion() {
        updateRebalance = true;
        workers.run(task);
    }

    /** Species s's rebalancing term, or null when it has none. */
    float[] rebalance(int s) {
        return rebalance[s];
    }

    /** Keeps species s's state as the input of the coming diffusion step, where its balance needs it. */
    void saveDiffusionInput(int s) {
        if (diffusionInput[s] != null) {
            System.arraycopy(state.current[s], 0, diffusionInput[s], 0, state.current[s].length);
        }
    }

    /**
     * Takes the rebalancing term the state carries (a resumed run: the snapshot stored it), species by
     * species; a species the state carries none for keeps the backend's (0 in a fresh backend). A term
     * for a species this scheme has none for is refused: it would be silently dropped.
     */
    void upload(Tissue host) {
        for (int s = 0; s < speciesCount; s++) {
            float[] stored = host.rebalancePerS(s);
            if (stored == null) {
                continue;
            }
            if (rebalance[s] == null) {
                throw unexpectedRebalancingTerm(model, s);
            }
            System.arraycopy(stored, 0, rebalance[s], 0, stored.length);
        }
    }

    /** The refusal of a stored rebalancing term for species s, which a scheme without one would drop. */
    static IllegalArgumentException unexpectedRebalancingTerm(TransportModel model, int s) {
        return new IllegalArgumentException("the state carries a rebalancing term for species "
                + model.speciesNames().get(s) + " but this model's scheme has none (run.diffusion: "
                + model.diffusion().scheme().name().toLowerCase(Locale.ROOT) + ", coupling "
                + model.diffusion().coupling().name().toLowerCase(Locale.ROOT) + ")");
    }

    /** Copies the rebalancing terms into {@code host}, which a snapshot stores. */
    void download(Tissue host) {
        for (int s = 0; s < speciesCount; s++) {
            if (rebalance[s] != null) {
                System.arraycopy(rebalance[s], 0, host.rebalancePerSOrCreate(s), 0, rebalance[s].length);
            }
        }
    }

    private void reactSlab(int kFrom, int kTo) {
        int vFrom = kFrom * planeSize;
        int vTo = kTo * planeSize;
        float inverseTwoH = (float) (0.5 / couplingStepS);
        byte[] keys = state.keys;
        float[] viability = state.viability;
        float[] exposure = state.exposure;
        float[] exposureCompensation = state.exposureCompensation;
        double exposureWeightS = reactions.exposureWeightS;
        int drugSpecies = reactions.drugSpecies();
        for (int s = 0; s < speciesCount; s++) {
            float[] q = rebalance[s];
            if (q == null) {
                if (s == drugSpecies) {
                    reactions.reaction(s).applyWithExactExposure(reactions.reactionA[s], reactions.reactionB[s],
                            state.current[s], keys, viability, exposure, exposureCompensation, vFrom, vTo);
                } else {
                    reactions.finishRange(s, state.current[s], vFrom, vTo, null);
                }
                continue;
            }
            float[] c = state.current[s];
            float[] before = diffusionInput[s];
            float[] opening = openingIncrement[s];
            float[] d = model.diffusivityUm2PerS(s);
            ReactionTable first = reactions.reactionA[s];
            ReactionTable second = reactions.reactionB[s];
            ReactionUpdate update = reactions.reaction(s);
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
}

package org.stromasim.backend.java;

import org.stromasim.transport.TransportModel;

/**
 * The reaction pass of the large-step schemes (RKL2 and implicit with plain coupling), run between
 * their diffusion steps instead of fused into them: each species' exact reaction sub-steps, with the
 * drug exposure integrated exactly along them ({@link ReactionUpdate#applyWithExactExposure}).
 */
final class LargeStepReactions {

    private final int planeSize;
    private final SlabWorkers workers;
    private final WorkingState state;
    private final ReactionPass reactions;
    private final int speciesCount;
    private final SlabTask task = this::reactSlab;

    LargeStepReactions(TransportModel model, SlabWorkers workers, WorkingState state, ReactionPass reactions) {
        this.speciesCount = model.speciesCount();
        this.planeSize = model.grid().nx() * model.grid().ny();
        this.workers = workers;
        this.state = state;
        this.reactions = reactions;
    }

    /** The pass that opens an advance call: no diffusion step precedes it. */
    void open() {
        workers.run(task);
    }

    /** The pass after a diffusion step. */
    void afterDiffusion() {
        workers.run(task);
    }

    private void reactSlab(int kFrom, int kTo) {
        int vFrom = kFrom * planeSize;
        int vTo = kTo * planeSize;
        byte[] keys = state.keys;
        float[] viability = state.viability;
        float[] exposure = state.exposure;
        float[] exposureCompensation = state.exposureCompensation;
        int drugSpecies = reactions.drugSpecies();
        for (int s = 0; s < speciesCount; s++) {
            if (s == drugSpecies) {
                reactions.reaction(s).applyWithExactExposure(reactions.reactionA[s], reactions.reactionB[s],
                        state.current[s], keys, viability, exposure, exposureCompensation, vFrom, vTo);
            } else {
                reactions.finishRange(s, state.current[s], vFrom, vTo, null);
            }
        }
    }
}

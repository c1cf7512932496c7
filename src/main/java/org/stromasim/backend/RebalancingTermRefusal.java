package org.stromasim.backend;

import java.util.Locale;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/**
 * Refuses a state that carries a rebalancing term: only snapshots written by the rebalanced RKL2
 * coupling hold one, and that coupling is no longer offered (it blows up once a reaction's k·dt
 * exceeds about 0.5; see DiffusionSpec.Coupling). No scheme has such a term, so resuming would
 * silently drop it and run a different scheme: both backends refuse on upload instead.
 */
public final class RebalancingTermRefusal {

    private RebalancingTermRefusal() {
    }

    /** Throws if {@code state} carries a rebalancing term for any species of {@code model}. */
    public static void check(Tissue state, TransportModel model) {
        for (int s = 0; s < model.speciesCount(); s++) {
            if (state.rebalancePerS(s) != null) {
                throw new IllegalArgumentException("the state carries a rebalancing term for species "
                        + model.speciesNames().get(s) + " (written by the rebalanced coupling, which is no longer"
                        + " offered: it blows up once a reaction's k·dt exceeds about 0.5); this model runs"
                        + " run.diffusion: " + model.diffusion().scheme().name().toLowerCase(Locale.ROOT) + ", coupling "
                        + model.diffusion().coupling().name().toLowerCase(Locale.ROOT)
                        + ", which has none; start the run again from its scenario");
            }
        }
    }
}

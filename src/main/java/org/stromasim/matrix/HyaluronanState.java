package org.stromasim.matrix;

import java.util.function.IntToDoubleFunction;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;

/**
 * The per-voxel hyaluronan state of a tissue ({@link Tissue#gagFraction}) as the rest of the model reads it:
 * its baseline (each voxel's cell-type fraction, the steady state of deposition and turnover without treatment),
 * and each voxel's level relative to that baseline (what loads the vessels, {@link VesselCompression}).
 */
public final class HyaluronanState {

    private HyaluronanState() {
    }

    /**
     * Gives {@code tissue} its hyaluronan state at the baseline when the scenario turns hyaluronan over
     * ({@code ecm.hyaluronan}) and the tissue has none yet (a tissue just built); leaves a stored state as it is.
     */
    public static void initialise(Scenario scenario, Tissue tissue) {
        if (scenario.ecm().hyaluronan() == null || tissue.gagFraction() != null) {
            return;
        }
        CompositionLaw law = new CompositionLaw(((DiffusivityLawSpec.FibreMatrix) scenario.ecm().diffusivityLaw())
                .composition());
        baseline(law, tissue.cell(), tissue.gagFractionOrCreate());
    }

    /** Each voxel's cell-type GAG fraction (0 in lumen), into {@code into}. */
    public static void baseline(CompositionLaw law, byte[] cell, float[] into) {
        for (int v = 0; v < cell.length; v++) {
            into[v] = (float) law.baselineGagFraction(cell[v]);
        }
    }

    /** Voxel → hyaluronan relative to its baseline (1 everywhere without a state). */
    public static IntToDoubleFunction levels(Scenario scenario, Tissue tissue) {
        return levels(scenario.ecm().diffusivityLaw() instanceof DiffusivityLawSpec.FibreMatrix f
                ? new CompositionLaw(f.composition()) : null, tissue.cell(), tissue.gagFraction());
    }

    /** The same for cells {@code cell} and state {@code gag} under {@code law} (1 everywhere when either is null). */
    public static IntToDoubleFunction levels(CompositionLaw law, byte[] cell, float[] gag) {
        if (gag == null || law == null) {
            return v -> 1.0;
        }
        return v -> law.gagLevel(cell[v], gag, v);
    }
}

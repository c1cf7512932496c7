package org.stromasim.backend.java;

import org.stromasim.transport.PlasmaCurve;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * The reaction sub-steps of the pass being run and the per-voxel code that applies them, shared by
 * every scheme of the {@link JavaBackend}. A pass is: diffuse (fused explicit passes only), run
 * reaction A, add {@link #exposureWeightS}·C of the drug, run reaction B; an inactive table is skipped.
 * The calling thread tabulates the sub-steps before the workers start a pass (their barrier publishes
 * the tables).
 */
final class ReactionPass {

    private final int speciesCount;
    private final ReactionUpdate[] reactions;
    private final PlasmaCurve[] plasma;
    /** Per species that crosses vessel walls, the curve of each plasma group (index 0: {@link #plasma}). */
    private final PlasmaCurve[][] groupPlasma;
    private final int drugSpecies;
    private final WorkingState state;
    /** The reaction loops run with the Vector API ({@link VectorReactions}); bitwise the same numbers. */
    private final boolean vectorised;

    final ReactionTable[] reactionA;
    final ReactionTable[] reactionB;
    /** Per species that runs both A and B: their composition (see {@link ReactionTable#compose}). */
    final ReactionTable[] reactionAB;
    /** Weight of the state between A and B in the drug exposure's trapezoid sum, s. */
    double exposureWeightS;

    ReactionPass(TransportFields fields, WorkingState state, boolean vectorised) {
        TransportModel model = fields.model();
        this.speciesCount = model.speciesCount();
        this.state = state;
        this.vectorised = vectorised;
        this.reactions = new ReactionUpdate[speciesCount];
        this.plasma = new PlasmaCurve[speciesCount];
        this.groupPlasma = new PlasmaCurve[speciesCount][model.plasmaGroupCount()];
        this.reactionA = new ReactionTable[speciesCount];
        this.reactionB = new ReactionTable[speciesCount];
        this.reactionAB = new ReactionTable[speciesCount];
        for (int s = 0; s < speciesCount; s++) {
            plasma[s] = model.plasma(s);
            for (int g = 0; g < groupPlasma[s].length; g++) {
                groupPlasma[s][g] = model.plasma(s, g);
            }
            reactions[s] = new ReactionUpdate(model.reactions(s), plasma[s] != null, fields.vesselSurfaceToVolumePerUm(),
                    model.plasmaGroupOfVoxel(), model.vesselWallDistanceUm(), fields.diffusivityUm2PerS(s));
            reactions[s].retardWith(fields.retardation(s));
            reactionA[s] = new ReactionTable();
            reactionB[s] = new ReactionTable();
            reactionAB[s] = new ReactionTable();
        }
        this.drugSpecies = model.drugSpeciesIndex().orElse(-1);
    }

    ReactionUpdate reaction(int s) {
        return reactions[s];
    }

    int drugSpecies() {
        return drugSpecies;
    }

    /** Takes the live uptake scales (e.g. MCT1 inhibition), constant within an advance call. */
    void scaleUptake(TransportFields fields) {
        for (int s = 0; s < speciesCount; s++) {
            reactions[s].scaleUptake(fields.uptakeScale(s));
        }
    }

    /** Tabulates every species' reaction sub-step [tS, tS + hS] into {@code tables}. */
    void tabulate(ReactionTable[] tables, double tS, double hS) {
        for (int s = 0; s < speciesCount; s++) {
            double mid = 0.0;
            double end = 0.0;
            if (plasma[s] != null) {
                mid = plasma[s].mean(tS, tS + hS);
                end = plasma[s].at(tS + hS);
            }
            reactions[s].tabulate(tables[s], hS, mid, end);
            tabulateGroups(tables[s], s, tS, hS);
        }
    }

    /** The plasma levels of every group mean over the sub-step and at its end (group 0: the species' own). */
    private void tabulateGroups(ReactionTable table, int s, double tS, double hS) {
        int groups = groupPlasma[s].length;
        if (table.groupMean.length != groups) {
            table.groupMean = new double[groups];
            table.groupEnd = new double[groups];
        }
        for (int g = 0; g < groups; g++) {
            PlasmaCurve curve = groupPlasma[s][g];
            table.groupMean[g] = curve == null ? 0.0 : curve.mean(tS, tS + hS);
            table.groupEnd[g] = curve == null ? 0.0 : curve.at(tS + hS);
        }
    }

    static void deactivate(ReactionTable[] tables) {
        for (ReactionTable t : tables) {
            t.active = false;
            t.present = false;
        }
    }

    /** Composes A and B of every species that runs both, for {@link #finishRange}'s single sweep. */
    void composeActive() {
        for (int s = 0; s < speciesCount; s++) {
            if (reactionA[s].active && reactionB[s].active) {
                ReactionTable.compose(reactionA[s], reactionB[s], reactionAB[s]);
            }
        }
    }

    /**
     * Reaction A, drug exposure, reaction B on voxels vFrom ≤ v < vTo of species s, in place in c, with
     * the vector loops when they run ({@code scratch}: the slab's scratch for them).
     */
    void finishRange(int s, float[] c, int vFrom, int vTo, float[] scratch) {
        ReactionTable a = reactionA[s];
        ReactionTable b = reactionB[s];
        ReactionUpdate r = reactions[s];
        byte[] keys = state.keys;
        float[] viability = state.viability;
        if (s == drugSpecies) {
            float weightS = (float) exposureWeightS;
            if (vectorised) {
                VectorReactions.applyWithExposure(r, a, b, c, keys, viability, state.exposure,
                        state.exposureCompensation, weightS, vFrom, vTo, scratch);
            } else {
                r.applyWithExposure(a, b, c, keys, viability, state.exposure, state.exposureCompensation, weightS,
                        vFrom, vTo);
            }
        } else if (a.active && b.active) {
            // nothing is read between A and B: one sweep of the composed map
            if (vectorised) {
                VectorReactions.applyTwo(r, a, b, reactionAB[s], c, keys, viability, vFrom, vTo, scratch);
            } else {
                r.applyTwo(a, b, reactionAB[s], c, keys, viability, vFrom, vTo);
            }
        } else if (a.active || b.active) {
            ReactionTable only = a.active ? a : b;
            if (vectorised) {
                VectorReactions.apply(r, only, c, keys, viability, vFrom, vTo, scratch);
            } else {
                r.apply(only, c, keys, viability, vFrom, vTo);
            }
        }
    }
}

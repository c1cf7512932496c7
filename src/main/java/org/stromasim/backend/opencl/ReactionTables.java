package org.stromasim.backend.opencl;

import org.stromasim.transport.VoxelKeys;
import org.stromasim.transport.PlasmaCurve;
import org.stromasim.transport.ReactionKeyMap;
import org.stromasim.transport.SpeciesReactions;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * The reaction sub-steps of one pass, tabulated by voxel key (cell code × vessel faces, see
 * {@link VoxelKeys}) for the transport kernel: the maps of {@link ReactionKeyMap}, the tabulation the
 * Java backend's reaction tables come from too, computed in double and handed to the device as floats.
 *
 * <p>Where λ does not depend on C (decay, binding, vessel exchange, secretion without saturation) the
 * exact solution of dC/dt = S − λC over a sub-step is affine in C and viability:
 * C ← factor·C + sourceConst + viability·sourcePerAlive, so the kernel needs no exponential for such
 * voxels. Keys with Michaelis–Menten uptake are integrated per voxel ({@link #PER_VOXEL}); keys with
 * saturating secretion are tabulated at viability 1 and integrated per voxel below it
 * ({@link #AFFINE_IF_FULLY_VIABLE}).
 *
 * <p>The kernel evaluates the map as C ← scale·C + ((change·C + sourceConst) + viability·sourcePerAlive)
 * (kernels/transport.cl {@code tabulated}). Where factor ≥ 1/2 it gets scale = 1 and change =
 * factor − 1 = expm1(−λh), computed in double: rounding e^(−λh) itself to float would leave an error
 * of up to 3e-8 in it, the same every step, i.e. up to ~1 % of the decay per step when λh ≈ 3e-6 (IL-6
 * decay at the explicit dt of a fine grid), while expm1 keeps its relative precision and the
 * increment is rounded once, when it is added to C. Where factor < 1/2 it gets scale = factor and
 * change = 0 (1 + change would cancel: a float factor has its full relative precision there, while
 * 1 + (float) change would be off by up to 7e-4 relative at λh = 10). Composed sub-steps compose factor and
 * change in double (change = c₁ + c₂ + c₁c₂, no cancellation) before this choice is made.
 *
 * <p>Layout per pass: [species][sub-table 0..1][key][{@link #STRIDE}] floats = scale, change,
 * sourceConst, sourcePerAlive, mode. For the drug species sub-table 0 is reaction A and 1 reaction B
 * (the exposure is taken between them); for every other species sub-table 0 is A followed by B
 * composed into one affine map (nothing reads the state between them) and sub-table 1 is unused. A
 * sub-step of length 0 is the identity (scale 1, change 0); a lumen key of a species that crosses
 * vessel walls has scale 0, change 0 and sourceConst the plasma level, so it takes that level exactly.
 */
final class ReactionTables {

    /** Floats per key on the device: scale, change, sourceConst, sourcePerAlive, mode. */
    static final int STRIDE = 5;
    /** Doubles per key in the scratch tables: factor, change, sourceConst, sourcePerAlive, mode. */
    private static final int SCRATCH_STRIDE = 5;
    /**
     * From this factor up the map is written as C + change·C (change = factor − 1 keeps its relative
     * precision); below it as factor·C (1 + change would cancel).
     */
    private static final double INCREMENT_FORM_FROM = 0.5;
    static final float AFFINE = ReactionKeyMap.AFFINE;
    static final float AFFINE_IF_FULLY_VIABLE = ReactionKeyMap.AFFINE_IF_FULLY_VIABLE;
    static final float PER_VOXEL = ReactionKeyMap.PER_VOXEL;

    private final int species;
    private final int drug;
    private final SpeciesReactions[] reactions;
    private final PlasmaCurve[] plasma;
    /** The backend's live uptake scales per species (a fully blocked uptake makes its keys tabulated, not per voxel). */
    private final double[][] uptakeScale;
    /**
     * Whether lumen voxels hold the plasma level of their own group (vessel groups with curves of their
     * own): the kernel then sets them per voxel (react) instead of from one tabulated level.
     */
    private final boolean lumenPerVoxel;
    private final double[] scratchA = new double[VoxelKeys.COUNT * SCRATCH_STRIDE];
    private final double[] scratchB = new double[VoxelKeys.COUNT * SCRATCH_STRIDE];
    private final double[] endA = new double[VoxelKeys.COUNT];
    private final double[] endB = new double[VoxelKeys.COUNT];
    /** Scratch of {@link #tabulate}. */
    private final ReactionKeyMap keyMap = new ReactionKeyMap();

    ReactionTables(TransportFields fields) {
        TransportModel model = fields.model();
        this.species = model.speciesCount();
        this.drug = model.drugSpeciesIndex().orElse(-1);
        this.reactions = new SpeciesReactions[species];
        this.plasma = new PlasmaCurve[species];
        this.lumenPerVoxel = model.plasmaGroupCount() > 1;
        this.uptakeScale = new double[species][];
        for (int s = 0; s < species; s++) {
            reactions[s] = model.reactions(s);
            plasma[s] = model.plasma(s);
            uptakeScale[s] = fields.uptakeScale(s);
        }
    }

    /** Floats per pass. */
    int floatsPerPass() {
        return species * 2 * VoxelKeys.COUNT * STRIDE;
    }

    /** Writes the tables of {@code pass} of {@code schedule} into {@code into} from {@code offset}. */
    void fill(PassSchedule schedule, int pass, float[] into, int offset) {
        for (int s = 0; s < species; s++) {
            int base = tabulateBoth(schedule, pass, s, offset);
            if (s == drug) {
                write(scratchA, into, base);
                write(scratchB, into, base + VoxelKeys.COUNT * STRIDE);
            } else {
                for (int key = 0; key < VoxelKeys.COUNT; key++) {
                    int at = key * SCRATCH_STRIDE;
                    double f1 = scratchA[at];
                    double c1 = scratchA[at + 1];
                    double f2 = scratchB[at];
                    double c2 = scratchB[at + 1];
                    // (1 + c₂)(1 + c₁) − 1 without forming 1 + c: exact to a few double ulps of c
                    writeKey(f2 * f1, c1 + c2 + c1 * c2,
                            f2 * scratchA[at + 2] + scratchB[at + 2],
                            f2 * scratchA[at + 3] + scratchB[at + 3],
                            scratchA[at + 4], into, base + key * STRIDE);
                }
            }
        }
    }

    /** Floats per pass of the exposure end weights written by {@link #fillSeparate}. */
    int endWeightsPerPass() {
        return species * 2 * VoxelKeys.COUNT;
    }

    /**
     * The tables of {@code pass} for the large-step reaction pass (kernels/rkl2.cl): the same layout as
     * {@link #fill}, but sub-tables A and B kept separate for every species (the exposure is integrated
     * exactly along each), and per species, sub-table and key the end weight of the sub-step's exact
     * exposure, into {@code endWeights} from {@code endOffset}.
     */
    void fillSeparate(PassSchedule schedule, int pass, float[] into, int offset, float[] endWeights, int endOffset) {
        for (int s = 0; s < species; s++) {
            int base = tabulateBoth(schedule, pass, s, offset);
            write(scratchA, into, base);
            write(scratchB, into, base + VoxelKeys.COUNT * STRIDE);
            int e = endOffset + s * 2 * VoxelKeys.COUNT;
            copy(endA, endWeights, e);
            copy(endB, endWeights, e + VoxelKeys.COUNT);
        }
    }

    /**
     * Tabulates sub-steps A and B of {@code pass} for species {@code s} into the scratch tables and
     * end weights; returns where the species' tables start in a pass block written from {@code offset}.
     */
    private int tabulateBoth(PassSchedule schedule, int pass, int s, int offset) {
        tabulate(s, schedule.reactionAS(pass), schedule.reactionAStartS(pass), scratchA, endA);
        tabulate(s, schedule.reactionBS(pass), schedule.reactionBStartS(pass), scratchB, endB);
        return offset + s * 2 * VoxelKeys.COUNT * STRIDE;
    }

    /** Writes the device entries of every key of one scratch table from {@code base}. */
    private static void write(double[] scratch, float[] into, int base) {
        for (int key = 0; key < VoxelKeys.COUNT; key++) {
            int at = key * SCRATCH_STRIDE;
            writeKey(scratch[at], scratch[at + 1], scratch[at + 2], scratch[at + 3], scratch[at + 4], into,
                    base + key * STRIDE);
        }
    }

    /**
     * The device entry of one key from its map in double (factor and change = factor − 1 both given,
     * each to its own relative precision): scale, change, sourceConst, sourcePerAlive, mode.
     */
    private static void writeKey(double factor, double change, double sourceConst, double sourcePerAlive,
                                 double mode, float[] into, int at) {
        boolean increment = factor >= INCREMENT_FORM_FROM;
        into[at] = increment ? 1f : (float) factor;
        into[at + 1] = increment ? (float) change : 0f;
        into[at + 2] = (float) sourceConst;
        into[at + 3] = (float) sourcePerAlive;
        into[at + 4] = (float) mode;
    }

    private static void copy(double[] from, float[] into, int base) {
        for (int i = 0; i < from.length; i++) {
            into[base + i] = (float) from[i];
        }
    }

    /**
     * One sub-step of {@code hS} seconds from {@code startS} into scratch table {@code t}, per key
     * factor, change, sourceConst, sourcePerAlive and mode from {@link ReactionKeyMap} (the definition the
     * Java backend tabulates from too), {@code end} its exposure weight. The kernel knows three modes: wall and uptake keys are {@link #PER_VOXEL}; lumen is a tabulated map,
     * or per voxel where voxels hold the level of their own vessel group (the kernel picks it; every
     * sub-step, so a composition, which keeps the first sub-step's mode, stays per voxel).
     */
    private void tabulate(int s, double hS, double startS, double[] t, double[] end) {
        boolean crosses = plasma[s] != null;
        double plasmaEnd = crosses && hS > 0 ? plasma[s].at(startS + hS) : 0.0;
        keyMap.tabulate(reactions[s], uptakeScale[s], crosses, hS, plasmaEnd);
        for (int key = 0; key < VoxelKeys.COUNT; key++) {
            int at = key * SCRATCH_STRIDE;
            byte mode = keyMap.mode[key];
            boolean lumenPerVoxel = mode == ReactionKeyMap.LUMEN && crosses && this.lumenPerVoxel;
            t[at] = lumenPerVoxel ? 1.0 : keyMap.factor[key];
            t[at + 1] = lumenPerVoxel ? 0.0 : keyMap.change[key];
            t[at + 2] = lumenPerVoxel ? 0.0 : keyMap.sourceConst[key];
            t[at + 3] = keyMap.sourcePerAlive[key];
            t[at + 4] = deviceMode(mode, lumenPerVoxel);
            end[key] = keyMap.endWeight[key];
        }
    }

    /** The kernel's mode of a key of {@link ReactionKeyMap} mode {@code mode}. */
    private static float deviceMode(byte mode, boolean lumenPerVoxel) {
        switch (mode) {
            case ReactionKeyMap.AFFINE_IF_FULLY_VIABLE:
                return AFFINE_IF_FULLY_VIABLE;
            case ReactionKeyMap.PER_VOXEL:
            case ReactionKeyMap.WALL:
                return PER_VOXEL;
            case ReactionKeyMap.LUMEN:
                return lumenPerVoxel ? PER_VOXEL : AFFINE;
            default:
                return AFFINE;
        }
    }
}

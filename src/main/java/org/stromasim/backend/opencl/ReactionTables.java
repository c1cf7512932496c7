package org.stromasim.backend.opencl;

import org.stromasim.transport.VoxelKeys;
import org.stromasim.tissue.CellType;
import org.stromasim.transport.PlasmaCurve;
import org.stromasim.transport.SpeciesReactions;
import org.stromasim.transport.TransportModel;

/**
 * The reaction sub-steps of one pass, tabulated by voxel key (cell code × vessel faces, see
 * {@link VoxelKeys}) for the transport kernel: the same scheme as the Java backend's reaction
 * tables, computed here in double and handed to the device as floats.
 *
 * <p>Where λ does not depend on C (decay, binding, vessel exchange, secretion without saturation) the
 * exact solution of dC/dt = S − λC over a sub-step is affine in C and viability:
 * C ← factor·C + sourceConst + viability·sourcePerAlive, so the kernel needs no exponential for such
 * voxels. Keys with Michaelis–Menten uptake are integrated per voxel ({@link #PER_VOXEL}); keys with
 * saturating secretion are tabulated at viability 1 and integrated per voxel below it
 * ({@link #AFFINE_IF_FULLY_VIABLE}).
 *
 * <p>Layout per pass: [species][sub-table 0..1][key][{@link #STRIDE}] floats = factor, sourceConst,
 * sourcePerAlive, mode. For the drug species sub-table 0 is reaction A and 1 reaction B (the exposure
 * is taken between them); for every other species sub-table 0 is A followed by B composed into one
 * affine map (nothing reads the state between them) and sub-table 1 is unused. A sub-step of length 0
 * is the identity.
 */
final class ReactionTables {

    static final int STRIDE = 4;
    static final float AFFINE = 0f;
    static final float AFFINE_IF_FULLY_VIABLE = 1f;
    static final float PER_VOXEL = 2f;
    /** Below this λh the factor (1 − e^(−x))/x is taken from its series (as the Java backend does). */
    private static final double SERIES_BELOW = 1e-5;

    private final int species;
    private final int drug;
    private final double voxelUm;
    private final SpeciesReactions[] reactions;
    private final PlasmaCurve[] plasma;
    /** The model's live uptake scales per species (a blocked uptake is no longer integrated per voxel). */
    private final double[][] uptakeScale;
    private final double[] scratchA = new double[VoxelKeys.COUNT * STRIDE];
    private final double[] scratchB = new double[VoxelKeys.COUNT * STRIDE];
    private final double[] gainA = new double[VoxelKeys.COUNT];
    private final double[] gainB = new double[VoxelKeys.COUNT];

    ReactionTables(TransportModel model) {
        this.species = model.speciesCount();
        this.drug = model.drugSpeciesIndex().orElse(-1);
        this.voxelUm = model.grid().voxelUm();
        this.reactions = new SpeciesReactions[species];
        this.plasma = new PlasmaCurve[species];
        this.uptakeScale = new double[species][];
        for (int s = 0; s < species; s++) {
            reactions[s] = model.reactions(s);
            plasma[s] = model.plasma(s);
            uptakeScale[s] = model.uptakeScale(s);
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
                copy(scratchA, into, base);
                copy(scratchB, into, base + VoxelKeys.COUNT * STRIDE);
            } else {
                for (int key = 0; key < VoxelKeys.COUNT; key++) {
                    int at = key * STRIDE;
                    double f2 = scratchB[at];
                    into[base + at] = (float) (f2 * scratchA[at]);
                    into[base + at + 1] = (float) (f2 * scratchA[at + 1] + scratchB[at + 1]);
                    into[base + at + 2] = (float) (f2 * scratchA[at + 2] + scratchB[at + 2]);
                    into[base + at + 3] = (float) scratchA[at + 3];
                }
            }
        }
    }

    /** Floats per pass of the gains written by {@link #fillSeparate}. */
    int gainsPerPass() {
        return species * 2 * VoxelKeys.COUNT;
    }

    /**
     * The tables of {@code pass} for the large-step reaction pass (kernels/rkl2.cl): the same layout as
     * {@link #fill}, but sub-tables A and B kept separate for every species (the rebalancing term is
     * taken out of each sub-step), and per species, sub-table and key the gain h·(1 − e^(−λh))/(λh),
     * the response of the sub-step to a constant source (0 for lumen keys, keys integrated per voxel
     * and empty sub-steps), into {@code gains} from {@code gainOffset}.
     */
    void fillSeparate(PassSchedule schedule, int pass, float[] into, int offset, float[] gains, int gainOffset) {
        for (int s = 0; s < species; s++) {
            int base = tabulateBoth(schedule, pass, s, offset);
            copy(scratchA, into, base);
            copy(scratchB, into, base + VoxelKeys.COUNT * STRIDE);
            int g = gainOffset + s * 2 * VoxelKeys.COUNT;
            copy(gainA, gains, g);
            copy(gainB, gains, g + VoxelKeys.COUNT);
        }
    }

    /**
     * Tabulates sub-steps A and B of {@code pass} for species {@code s} into the scratch tables and
     * gains; returns where the species' tables start in a pass block written from {@code offset}.
     */
    private int tabulateBoth(PassSchedule schedule, int pass, int s, int offset) {
        tabulate(s, schedule.reactionAS(pass), schedule.reactionAStartS(pass), scratchA, gainA);
        tabulate(s, schedule.reactionBS(pass), schedule.reactionBStartS(pass), scratchB, gainB);
        return offset + s * 2 * VoxelKeys.COUNT * STRIDE;
    }

    private static void copy(double[] from, float[] into, int base) {
        for (int i = 0; i < from.length; i++) {
            into[base + i] = (float) from[i];
        }
    }

    /**
     * One sub-step of {@code hS} seconds from {@code startS}; hS = 0 gives the identity (with the modes
     * kept). {@code gain} receives per key the response to a constant source (see {@link #fillSeparate}).
     */
    private void tabulate(int s, double hS, double startS, double[] t, double[] gain) {
        SpeciesReactions r = reactions[s];
        boolean crosses = plasma[s] != null;
        double permeability = crosses ? r.permeabilityUmPerS() : 0.0;
        double plasmaMid = crosses && hS > 0 ? plasma[s].at(startS + hS / 2) : 0.0;
        double plasmaEnd = crosses && hS > 0 ? plasma[s].at(startS + hS) : 0.0;
        int vessel = CellType.VESSEL.code();
        for (int key = 0; key < VoxelKeys.COUNT; key++) {
            int code = VoxelKeys.cellCode(key);
            int at = key * STRIDE;
            double mode = AFFINE;
            double factor = 1.0;
            double sourceConst = 0.0;
            double sourcePerAlive = 0.0;
            gain[key] = 0.0;
            if (code == vessel) {
                // lumen: held at the plasma level at the sub-step end, or untouched
                if (crosses && hS > 0) {
                    factor = 0.0;
                    sourceConst = (float) plasmaEnd;
                }
            } else if (r.uptakeVmaxPerS()[code] * uptakeScale[s][code] > 0) {
                mode = PER_VOXEL;
            } else {
                double exchange = permeability * VoxelKeys.surfaceToVolumePerUm(VoxelKeys.vesselFaces(key), voxelUm);
                double lambda = r.decayPerS() + r.bindingPerS()[code] + exchange;
                double relax = r.secretionRelaxPerS()[code];
                if (relax > 0) {
                    mode = AFFINE_IF_FULLY_VIABLE; // λ has viability·rate/saturation: tabulated at viability 1
                }
                if (hS > 0) {
                    double x = (lambda + relax) * hS;
                    double e = Math.exp(-x);
                    double integrated = hS * integratedFraction(x, e);
                    factor = e;
                    gain[key] = integrated;
                    if (relax > 0) {
                        sourceConst = (exchange * plasmaMid + r.secretionPerS()[code]) * integrated;
                    } else {
                        sourceConst = exchange * plasmaMid * integrated;
                        sourcePerAlive = r.secretionPerS()[code] * integrated;
                    }
                }
            }
            t[at] = factor;
            t[at + 1] = sourceConst;
            t[at + 2] = sourcePerAlive;
            t[at + 3] = mode;
        }
    }

    /** (1 − e^(−x))/x given e = e^(−x), from its series for small x. */
    private static double integratedFraction(double x, double e) {
        return x > SERIES_BELOW ? (1.0 - e) / x : 1.0 - x / 2 + x * x / 6;
    }
}

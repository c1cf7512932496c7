package org.stromasim.backend.java;

import org.stromasim.transport.ReactionKeyMap;
import org.stromasim.transport.VoxelKeys;

/**
 * The reaction map of one species over one sub-step [t, t + h], tabulated by voxel key
 * ({@link VoxelKeys}). Where λ does not depend on C (decay, binding, vessel exchange, secretion
 * without saturation) the exact solution of dC/dt = S − λC is affine in C and in viability:
 * C ← factor·C + sourceConst + viability·sourcePerAlive, with factor = e^(−λh) computed once per key
 * per sub-step instead of once per voxel. Keys whose λ depends on C (Michaelis–Menten uptake) are
 * integrated per voxel with the sub-step's h and plasma level kept here ({@link #PER_VOXEL}); keys
 * whose λ depends on viability (saturating secretion) are tabulated for viability 1, the value the
 * tissue builder gives every voxel, and integrated per voxel only where viability is below 1
 * ({@link #AFFINE_IF_FULLY_VIABLE}). Filled on the calling thread before a pass, read by all workers.
 *
 * <p>Two forms of the affine map. {@link #affine} holds it in double (factor form), for the
 * large-step scheme's corrected sub-steps and for vessel lumen. {@link #map} holds it in float for the
 * explicit step's fused passes, in float because float lanes vectorise (8 per AVX2 register) where
 * double lookups did not pay: C ← scale·C + ((change·C + sourceConst) + viability·sourcePerAlive),
 * with scale = 1 and change = e^(−λh) − 1 (from {@link Math#expm1}) where the factor is at least ½,
 * and scale = e^(−λh), change = 0 below. A factor near 1 rounded to float would carry an absolute
 * error of 3e-8, i.e. 1 % of the decay per step at λh = 3e-6 (IL-6 at a 7.5 µm voxel); the change
 * keeps float's relative precision and the increment is rounded once when added to C, as the double
 * map was when stored. A small factor is kept as it is (1 + change would cancel: 4e-4 relative error at
 * λh = 10). Either way the float map is as accurate as the double one was after its float store.
  */
final class ReactionTable {

    /** Entries per key in {@link #affine}: factor, constant source, source per unit viability. */
    static final int STRIDE = 3;
    /** Entries per key in {@link #map}: scale, change, constant source, source per unit viability. */
    static final int MAP_STRIDE = 4;
    /** Factors at least this large are kept in the float map as 1 + change (see the class comment). */
    private static final double INCREMENT_FORM_ABOVE = 0.5;

    /**
     * factor, sourceConst, sourcePerAlive of key k at 3k, 3k+1, 3k+2: one array, so a voxel's three
     * coefficients share a cache line and one bounds check.
     */
    final double[] affine = new double[VoxelKeys.COUNT * STRIDE];
    /** Per key: e^(−λh) − 1, the factor minus one without its cancellation (the increment form). */
    final double[] change = new double[VoxelKeys.COUNT];
    /**
     * The float map: scale, change, sourceConst, sourcePerAlive of key k at 4k .. 4k+3, rounded from the
     * double tables by {@link #roundToFloat}; NaN for keys not mapped in float.
     */
    final float[] map = new float[VoxelKeys.COUNT * MAP_STRIDE];
    /**
     * Per key: the float map is exactly the identity at any viability (no term acts: ECM for a drug
     * that does not decay), so the sub-step leaves such voxels untouched instead of computing C + 0.
     */
    final boolean[] identity = new boolean[VoxelKeys.COUNT];
    /**
     * Per key: the weight w1 of the sub-step's end value in its exact exposure (h − w1)·C0 + w1·C1
     * ({@link org.stromasim.transport.ExposureWeights}), for {@link #AFFINE} keys; h/2 for lumen keys
     * (the plasma level at the sub-step ends: its trapezoid); NaN for keys whose λ is found per voxel.
     */
    final double[] endWeight = new double[VoxelKeys.COUNT];
    /** How each key is integrated: {@link #AFFINE}, {@link #AFFINE_IF_FULLY_VIABLE} or {@link #PER_VOXEL}. */
    final byte[] mode = new byte[VoxelKeys.COUNT];

    /** The affine map holds for any viability. */
    static final byte AFFINE = ReactionKeyMap.AFFINE;
    /** The affine map (with sourcePerAlive 0) holds where viability is exactly 1. */
    static final byte AFFINE_IF_FULLY_VIABLE = ReactionKeyMap.AFFINE_IF_FULLY_VIABLE;
    /** λ depends on C: always integrated per voxel. */
    static final byte PER_VOXEL = ReactionKeyMap.PER_VOXEL;
    /**
     * Vessel lumen: held at the plasma level or untouched; the double map (factor 0 or 1) gives the
     * plasma level exactly, so lumen keys never take the float increment form.
     */
    static final byte LUMEN = ReactionKeyMap.LUMEN;
    /**
     * A voxel bounded by a vessel wall: its exchange rate P·(S/V) is its own (the wall geometry is
     * continuous), so it is integrated per voxel with its S/V ({@link ReactionUpdate#integrateWall}).
     */
    static final byte WALL = ReactionKeyMap.WALL;

    /** Whether a voxel of this mode and viability takes the tabulated double affine map. */
    static boolean tabulated(int mode, float viability) {
        return mode == LUMEN || mappedInFloat(mode, viability);
    }

    /** Whether keys of this mode have a float {@link #map} (for voxels of viability 1 at least). */
    static boolean hasFloatMap(int mode) {
        return mode == AFFINE || mode == AFFINE_IF_FULLY_VIABLE;
    }

    /** Whether a voxel of this mode and viability takes the float {@link #map}. */
    static boolean mappedInFloat(int mode, float viability) {
        return mode == AFFINE || (mode == AFFINE_IF_FULLY_VIABLE && viability == 1f);
    }

    /** The float map at key offset {@code at} (= 4·key): scale·C + ((change·C + const) + viability·perAlive). */
    static float mapped(float[] map, int at, float c, float alive) {
        return map[at] * c + ((map[at + 1] * c + map[at + 2]) + alive * map[at + 3]);
    }

    /** Fills {@link #map} from the double tables (after tabulating or composing). */
    void roundToFloat() {
        for (int key = 0; key < VoxelKeys.COUNT; key++) {
            int at = key * STRIDE;
            int to = key * MAP_STRIDE;
            boolean inFloat = hasFloatMap(mode[key]);
            boolean incrementForm = affine[at] >= INCREMENT_FORM_ABOVE;
            map[to] = !inFloat ? Float.NaN : incrementForm ? 1f : (float) affine[at];
            map[to + 1] = !inFloat ? Float.NaN : incrementForm ? (float) change[key] : 0f;
            map[to + 2] = inFloat ? (float) affine[at + 1] : Float.NaN;
            map[to + 3] = inFloat ? (float) affine[at + 2] : Float.NaN;
            identity[key] = mode[key] == AFFINE && map[to] == 1f && map[to + 1] == 0f && map[to + 2] == 0f
                    && map[to + 3] == 0f;
        }
    }
    /** Sub-step length, s. */
    double stepS;
    /** The same in float, for {@link ReactionUpdate#integrate}. */
    float stepF;
    /** Entries per key in {@link #perVoxel}. */
    static final int VOXEL_STRIDE = 6;
    /**
     * Per key, in float, what the per-voxel integration needs ({@link ReactionUpdate#integrate}):
     * λ without the viability terms (decay + binding + exchange, 1/s), Vmax (unit/s), Km (unit),
     * saturating-secretion relaxation (1/s), exchange source P·(S/V)·C_plasma (unit/s), secretion
     * rate (unit/s), at 6k .. 6k+5.
     */
    final float[] perVoxel = new float[VoxelKeys.COUNT * VOXEL_STRIDE];
    /** Mean plasma concentration over the sub-step (the exchange source; exact delivery across a bolus start). */
    double plasmaMean;
    /** Plasma concentration at the sub-step end (what vessel voxels hold afterwards). */
    double plasmaEnd;
    /**
     * Per plasma group (vessel groups with curves of their own; group 0 = {@link #plasmaMean} and
     * {@link #plasmaEnd}), the same two levels; read only where voxels carry a plasma group.
     */
    double[] groupMean = new double[1];
    double[] groupEnd = new double[1];
    /** False when the sub-step is the identity for this species (no pass needed). */
    boolean active;
    /** False when the pass has no such sub-step (its time is not part of the pass: no exposure either). */
    boolean present;

    /**
     * Makes {@code into} the map "first, then second" for the tabulated keys: the composition of two
     * affine maps is affine (factor f₂f₁, constant f₂s₁ + s₂, per-viability part f₂a₁ + a₂), exact
     * in real arithmetic; in floating point it differs from running the two with a float store in
     * between by a few ulps. In increment form the change composes as c₁ + c₂ + c₁c₂ (no
     * cancellation). The modes of the two (the same, as they depend on the cell only) carry over: a
     * voxel that is not tabulated runs both sub-steps.
     */
    static void compose(ReactionTable first, ReactionTable second, ReactionTable into) {
        for (int key = 0; key < VoxelKeys.COUNT; key++) {
            int at = key * STRIDE;
            double f2 = second.affine[at];
            into.affine[at] = f2 * first.affine[at];
            into.affine[at + 1] = f2 * first.affine[at + 1] + second.affine[at + 1];
            into.affine[at + 2] = f2 * first.affine[at + 2] + second.affine[at + 2];
            into.change[key] = first.change[key] + second.change[key] + first.change[key] * second.change[key];
            into.mode[key] = (byte) Math.max(first.mode[key], second.mode[key]);
        }
        into.active = first.active || second.active;
        into.roundToFloat();
    }
}

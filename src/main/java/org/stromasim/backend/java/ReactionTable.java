package org.stromasim.backend.java;

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
 */
final class ReactionTable {

    /** Entries per key in {@link #affine}: factor, constant source, source per unit viability. */
    static final int STRIDE = 3;

    /**
     * factor, sourceConst, sourcePerAlive of key k at 3k, 3k+1, 3k+2: one array, so a voxel's three
     * coefficients share a cache line and one bounds check.
     */
    final double[] affine = new double[VoxelKeys.COUNT * STRIDE];
    /**
     * Per key: h·(1 − e^(−λh))/(λh), the response of the sub-step's result to a constant extra source
     * (what a unit source added over the sub-step leaves at its end); 0 for lumen keys, NaN for keys
     * integrated per voxel. Used by the rebalanced splitting of the large-step scheme.
     */
    final double[] gain = new double[VoxelKeys.COUNT];
    /** How each key is integrated: {@link #AFFINE}, {@link #AFFINE_IF_FULLY_VIABLE} or {@link #PER_VOXEL}. */
    final byte[] mode = new byte[VoxelKeys.COUNT];

    /** The affine map holds for any viability. */
    static final byte AFFINE = 0;
    /** The affine map (with sourcePerAlive 0) holds where viability is exactly 1. */
    static final byte AFFINE_IF_FULLY_VIABLE = 1;
    /** λ depends on C: always integrated per voxel. */
    static final byte PER_VOXEL = 2;

    /** Whether a voxel of this mode and viability takes the tabulated affine map. */
    static boolean tabulated(int mode, float viability) {
        return mode == AFFINE || (mode == AFFINE_IF_FULLY_VIABLE && viability == 1f);
    }
    /** Sub-step length, s. */
    double stepS;
    /** Plasma concentration at the sub-step midpoint (the exchange source). */
    double plasmaMid;
    /** Plasma concentration at the sub-step end (what vessel voxels hold afterwards). */
    double plasmaEnd;
    /** False when the sub-step is the identity for this species (no pass needed). */
    boolean active;

    /**
     * Makes {@code into} the map "first, then second" for the tabulated keys: the composition of two
     * affine maps is affine (factor f₂f₁, constant f₂s₁ + s₂, per-viability part f₂a₁ + a₂), exact
     * in real arithmetic; in floating point it differs from running the two with a float store in
     * between by a few ulps. The modes of the two (the same, as they depend on the cell only) carry
     * over: a voxel that is not tabulated runs both sub-steps.
     */
    static void compose(ReactionTable first, ReactionTable second, ReactionTable into) {
        for (int key = 0; key < VoxelKeys.COUNT; key++) {
            int at = key * STRIDE;
            double f2 = second.affine[at];
            into.affine[at] = f2 * first.affine[at];
            into.affine[at + 1] = f2 * first.affine[at + 1] + second.affine[at + 1];
            into.affine[at + 2] = f2 * first.affine[at + 2] + second.affine[at + 2];
            into.mode[key] = (byte) Math.max(first.mode[key], second.mode[key]);
        }
        into.active = first.active || second.active;
    }
}

package org.stromasim.backend.java;

/**
 * The reaction map of one species over one sub-step [t, t + h], tabulated by voxel key
 * ({@link VoxelKeys}). Where λ does not depend on C (decay, binding, vessel exchange, secretion
 * without saturation) the exact solution of dC/dt = S − λC is affine in C and in viability:
 * C ← factor·C + sourceConst + viability·sourcePerAlive, with factor = e^(−λh) computed once per key
 * per sub-step instead of once per voxel. Keys flagged {@link #perVoxel} (Michaelis–Menten uptake or
 * saturating secretion: λ depends on C or on viability) are integrated per voxel with the sub-step's
 * h and plasma level kept here. Filled on the calling thread before a pass, read by all workers.
 */
final class ReactionTable {

    final double[] factor = new double[VoxelKeys.COUNT];
    final double[] sourceConst = new double[VoxelKeys.COUNT];
    final double[] sourcePerAlive = new double[VoxelKeys.COUNT];
    final boolean[] perVoxel = new boolean[VoxelKeys.COUNT];
    /** Sub-step length, s. */
    double stepS;
    /** Plasma concentration at the sub-step midpoint (the exchange source). */
    double plasmaMid;
    /** Plasma concentration at the sub-step end (what vessel voxels hold afterwards). */
    double plasmaEnd;
    /** False when the sub-step is the identity for this species (no pass needed). */
    boolean active;
}

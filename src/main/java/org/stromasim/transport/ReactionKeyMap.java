package org.stromasim.transport;

import org.stromasim.tissue.CellType;

/**
 * The exact reaction map of one species over one sub-step of h seconds, per voxel key
 * ({@link VoxelKeys}): the one tabulation both backends take their reaction tables from (the Java
 * backend's {@code ReactionTable}, the OpenCL backend's device tables), so the two cannot disagree on
 * which voxels are tabulated or on the coefficients.
 *
 * <p>Every term is dC/dt = S − λ·C. Where λ depends neither on C nor on the voxel's own S/V (decay,
 * binding, secretion), the exact solution over h is affine in C and in viability:
 * C ← factor·C + sourceConst + viability·sourcePerAlive with factor = e^(−λh), so a table per key
 * replaces a per-voxel exponential. The map is kept in double with change = factor − 1 from
 * {@link Math#expm1}, because factor rounded alone would lose the small decays of a short sub-step;
 * each backend chooses its own float form from the two.
 *
 * <p>What each key gets ({@link #mode}):
 * <ul>
 *   <li>{@link #AFFINE}: λ = decay + binding, the map above for any viability;</li>
 *   <li>{@link #AFFINE_IF_FULLY_VIABLE}: saturating secretion puts viability·rate/saturation into λ, so
 *       the map is exact only at viability 1 (the value the tissue builder gives), tabulated there with
 *       sourcePerAlive 0; a voxel below it is integrated per voxel;</li>
 *   <li>{@link #PER_VOXEL}: Michaelis–Menten uptake (λ depends on C) — no map; identity entries;</li>
 *   <li>{@link #WALL}: a voxel next to a vessel wall exchanges through its own S/V — no map; identity
 *       entries;</li>
 *   <li>{@link #LUMEN}: vessel lumen does not react; for a species that crosses vessel walls it takes
 *       the plasma level at the sub-step's end (factor 0, change −1, sourceConst that level rounded to
 *       float, the value a float state can hold), otherwise it is left as it is.</li>
 * </ul>
 * A sub-step of length 0 is the identity for every key (with the modes kept).
 *
 * <p>Besides the map, per key: {@link #endWeight}, the end value's weight w1 in the sub-step's exact
 * exposure ({@link ExposureWeights}; h/2 in lumen, NaN where λ is found per voxel).
 */
public final class ReactionKeyMap {

    /** The affine map holds for any viability. */
    public static final byte AFFINE = 0;
    /** The affine map (with sourcePerAlive 0) holds where viability is exactly 1. */
    public static final byte AFFINE_IF_FULLY_VIABLE = 1;
    /** λ depends on C (Michaelis–Menten uptake): integrated per voxel. */
    public static final byte PER_VOXEL = 2;
    /** Vessel lumen: held at the plasma level, or untouched. */
    public static final byte LUMEN = 3;
    /** Bounded by a vessel wall: exchanges through the voxel's own S/V, integrated per voxel. */
    public static final byte WALL = 4;

    /** Below this λh the factor (1 − e^(−x))/x is taken from its series, which avoids cancellation. */
    public static final double SERIES_BELOW = 1e-5;

    public final byte[] mode = new byte[VoxelKeys.COUNT];
    /** e^(−λh). */
    public final double[] factor = new double[VoxelKeys.COUNT];
    /** e^(−λh) − 1, without the cancellation of factor − 1. */
    public final double[] change = new double[VoxelKeys.COUNT];
    public final double[] sourceConst = new double[VoxelKeys.COUNT];
    public final double[] sourcePerAlive = new double[VoxelKeys.COUNT];
    public final double[] endWeight = new double[VoxelKeys.COUNT];

    /**
     * Fills every key for a sub-step of {@code hS} seconds.
     *
     * @param uptakeScale  per cell code, the factor on the model's Vmax (1 = unchanged, 0 = blocked)
     * @param crosses      whether the species crosses vessel walls (lumen holds the plasma level)
     * @param plasmaEndLevel the plasma level at the sub-step's end (read only when {@code crosses})
     */
    public void tabulate(SpeciesReactions r, double[] uptakeScale, boolean crosses, double hS, double plasmaEndLevel) {
        int vessel = CellType.VESSEL.code();
        for (int key = 0; key < VoxelKeys.COUNT; key++) {
            int code = VoxelKeys.cellCode(key);
            identity(key);
            if (code == vessel) {
                mode[key] = LUMEN;
                endWeight[key] = hS / 2; // the trapezoid of the plasma level at the sub-step ends
                if (crosses && hS > 0) {
                    factor[key] = 0.0;
                    change[key] = -1.0;
                    sourceConst[key] = (float) plasmaEndLevel;
                }
            } else if (VoxelKeys.hasWall(key) || r.uptakeVmaxPerS()[code] * uptakeScale[code] > 0) {
                mode[key] = VoxelKeys.hasWall(key) ? WALL : PER_VOXEL;
                endWeight[key] = Double.NaN; // λ depends on C or S/V: found per voxel
            } else {
                double lambda = r.decayPerS() + r.bindingPerS()[code];
                double relax = r.secretionRelaxPerS()[code];
                mode[key] = relax > 0 ? AFFINE_IF_FULLY_VIABLE : AFFINE;
                endWeight[key] = relax > 0 ? Double.NaN : hS * ExposureWeights.endShare(lambda * hS);
                if (hS > 0) {
                    double x = (lambda + relax) * hS;
                    double e = Math.exp(-x);
                    double integrated = hS * integratedFraction(x, e);
                    factor[key] = e;
                    change[key] = Math.expm1(-x);
                    if (relax > 0) {
                        sourceConst[key] = r.secretionPerS()[code] * integrated;
                    } else {
                        sourcePerAlive[key] = r.secretionPerS()[code] * integrated;
                    }
                }
            }
        }
    }

    private void identity(int key) {
        factor[key] = 1.0;
        change[key] = 0.0;
        sourceConst[key] = 0.0;
        sourcePerAlive[key] = 0.0;
    }

    /** (1 − e^(−x))/x given e = e^(−x), from its series for small x. */
    public static double integratedFraction(double x, double e) {
        return x > SERIES_BELOW ? (1.0 - e) / x : 1.0 - x / 2 + x * x / 6;
    }
}

package org.stromasim.backend.java;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The tabulated reaction maps of {@link ReactionUpdate} on four voxels at a time with the JDK
 * incubator Vector API: the concentration and viability widened to double, the key's three
 * coefficients gathered from {@link ReactionTable#affine} through a per-plane map of key·STRIDE
 * ({@link #keyOffsets}), C ← (float)(factor·C + sourceConst + viability·sourcePerAlive) in double in
 * the scalar order, no fused multiply-add: bitwise the scalar results. A group of four voxels with any
 * voxel that is not tabulated (Michaelis–Menten, saturating secretion below viability 1) and the last
 * voxels of a range run the scalar methods themselves, so per-voxel integration is unchanged.
 *
 * <p>References {@code jdk.incubator.vector}: loaded only when the module is present (see
 * {@link RowKernels}).
 */
final class VectorReactions {

    private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;
    private static final int LANES = 4;

    private VectorReactions() {
    }

    /** offsets[i] = keys[vFrom + i]·STRIDE for i &lt; n: the gather map of a plane, shared by its species. */
    static void keyOffsets(byte[] keys, int vFrom, int n, int[] offsets) {
        for (int i = 0; i < n; i++) {
            offsets[i] = keys[vFrom + i] * ReactionTable.STRIDE;
        }
    }

    private static boolean allTabulated(byte[] mode, byte[] keys, float[] viability, int v) {
        return ReactionTable.tabulated(mode[keys[v]], viability[v])
                & ReactionTable.tabulated(mode[keys[v + 1]], viability[v + 1])
                & ReactionTable.tabulated(mode[keys[v + 2]], viability[v + 2])
                & ReactionTable.tabulated(mode[keys[v + 3]], viability[v + 3]);
    }

    /** factor·C + sourceConst + viability·sourcePerAlive in double, as ReactionUpdate.affineStep associates. */
    private static DoubleVector affine(double[] affine, int[] offsets, int at, DoubleVector c, DoubleVector alive) {
        DoubleVector factor = DoubleVector.fromArray(D4, affine, 0, offsets, at);
        DoubleVector sourceConst = DoubleVector.fromArray(D4, affine, 1, offsets, at);
        DoubleVector perAlive = DoubleVector.fromArray(D4, affine, 2, offsets, at);
        return factor.mul(c).add(sourceConst).add(alive.mul(perAlive));
    }

    private static DoubleVector widen(float[] a, int v) {
        return (DoubleVector) FloatVector.fromArray(F4, a, v).convertShape(VectorOperators.F2D, D4, 0);
    }

    private static FloatVector narrow(DoubleVector d) {
        return (FloatVector) d.convertShape(VectorOperators.D2F, F4, 0);
    }

    /**
     * {@link ReactionUpdate#apply} (map {@code t}) or {@link ReactionUpdate#applyTwo} (maps first, second,
     * composed {@code t}; {@code first == null} for a single map) on vFrom ≤ v &lt; vTo; offsets[at + i]
     * is the key offset of voxel vFrom + i.
     */
    static void apply(ReactionUpdate u, ReactionTable first, ReactionTable second, ReactionTable t, float[] c,
                      byte[] keys, float[] viability, int[] offsets, int at, int vFrom, int vTo) {
        byte[] mode = t.mode;
        double[] table = t.affine;
        int v = vFrom;
        for (; v <= vTo - LANES; v += LANES, at += LANES) {
            if (allTabulated(mode, keys, viability, v)) {
                narrow(affine(table, offsets, at, widen(c, v), widen(viability, v))).intoArray(c, v);
            } else if (first == null) {
                u.apply(t, c, keys, viability, v, v + LANES);
            } else {
                u.applyTwo(first, second, t, c, keys, viability, v, v + LANES);
            }
        }
        if (v < vTo) {
            if (first == null) {
                u.apply(t, c, keys, viability, v, vTo);
            } else {
                u.applyTwo(first, second, t, c, keys, viability, v, vTo);
            }
        }
    }

    /** {@link ReactionUpdate#applyWithExposure} on vFrom ≤ v &lt; vTo, four voxels at a time where all are tabulated. */
    static void applyWithExposure(ReactionUpdate u, ReactionTable first, ReactionTable second, float[] c,
                                  byte[] keys, float[] viability, float[] exposure, float[] compensation,
                                  double weightS, int[] offsets, int at, int vFrom, int vTo) {
        boolean a = first.active;
        boolean b = second.active;
        byte[] mode = a ? first.mode : second.mode;
        int v = vFrom;
        for (; v <= vTo - LANES; v += LANES, at += LANES) {
            if (!allTabulated(mode, keys, viability, v)) {
                u.applyWithExposure(first, second, c, keys, viability, exposure, compensation, weightS, v, v + LANES);
                continue;
            }
            DoubleVector alive = widen(viability, v);
            FloatVector cv = FloatVector.fromArray(F4, c, v);
            if (a) {
                cv = narrow(affine(first.affine, offsets, at, (DoubleVector) cv.convertShape(VectorOperators.F2D, D4, 0),
                        alive));
            }
            // ReactionUpdate.accumulate, lane-wise: y = (float)(weightS·C) − comp; t = sum + y; comp = (t − sum) − y
            DoubleVector wc = ((DoubleVector) cv.convertShape(VectorOperators.F2D, D4, 0)).mul(weightS);
            FloatVector sum = FloatVector.fromArray(F4, exposure, v);
            FloatVector y = narrow(wc).sub(FloatVector.fromArray(F4, compensation, v));
            FloatVector total = sum.add(y);
            total.sub(sum).sub(y).intoArray(compensation, v);
            total.intoArray(exposure, v);
            if (b) {
                cv = narrow(affine(second.affine, offsets, at, (DoubleVector) cv.convertShape(VectorOperators.F2D, D4, 0),
                        alive));
            }
            cv.intoArray(c, v);
        }
        if (v < vTo) {
            u.applyWithExposure(first, second, c, keys, viability, exposure, compensation, weightS, v, vTo);
        }
    }
}

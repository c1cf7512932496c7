package org.stromasim.backend.java;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The reaction loops of {@link ReactionUpdate} ({@code apply}, {@code applyTwo},
 * {@code applyWithExposure}) with 8 float lanes of the JDK incubator Vector API, bitwise equal to the
 * scalar loops.
 *
 * <p><b>Coefficients by key without a gather.</b> Each voxel's map coefficients depend on its key,
 * and C2 in JDK 17 does not turn a gather by key into vector instructions (benchmarks/README.md). Keys
 * come in long runs, though (ECM, stroma and tumour fill most of the grid), so the 8 keys of a chunk
 * are read as one little-endian long and compared byte-wise in general-purpose registers:
 * <ul>
 *   <li>a run of chunks with one key is mapped by a tight loop with that key's coefficients
 *       broadcast once (a Michaelis–Menten key's rate constants too); a run of a key on which no term
 *       acts is skipped;</li>
 *   <li>a chunk of several keys (a scattered fibroblast in ECM) is mapped with its majority key's
 *       coefficients, and its other lanes are then recomputed one by one by the scalar code (blending
 *       the other keys' coefficients in with vector masks was slower on JDK 17: benchmarks/README.md);</li>
 *   <li>lanes whose key is not mapped in float (Michaelis–Menten uptake, vessel lumen), every lane of a
 *       chunk where a map that needs viability 1 meets a viability below 1, and every lane of a
 *       Michaelis–Menten chunk with λh ≥ {@link ReactionUpdate#SMALL_STEP} are recomputed by the scalar
 *       per-voxel code ({@link ReactionUpdate#step}) from their saved old values.</li>
 * </ul>
 * Each lane evaluates {@link ReactionTable#mapped} or {@link ReactionUpdate#integrate} with its own
 * key's floats, with the same operations in the same order (no fused multiply-add), so the results are
 * bitwise those of {@link ReactionUpdate}.
 * The drug's path (map, exposure, map) runs as three sweeps over the range, which is what the scalar
 * loop does voxel by voxel. This class references {@code jdk.incubator.vector}: only loaded when that
 * module is present (see {@link RowKernels}).
 */
final class VectorReactions {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    /** Voxels per chunk: 8 float lanes, 8 key bytes in one long. */
    static final int LANES = 8;
    private static final VarHandle KEY_WORDS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    /**
     * Where in a slab's scratch the old values of the lanes the scalar code recomputes go: after 64
     * bytes of padding, and 64 more follow, so that two slabs' scratch arrays (allocated one after
     * the other) never share a cache line that both threads write.
     */
    private static final int OLD = 16;
    /** Floats of scratch the loops need per slab. */
    static final int SCRATCH_FLOATS = OLD + LANES + 16;
    private static final int STRIDE = ReactionTable.MAP_STRIDE;

    private VectorReactions() {
    }

    /** True when the CPU runs 8 float lanes natively (AVX2 or wider), the chunk width of these loops. */
    static boolean supported() {
        return FloatVector.SPECIES_PREFERRED.length() >= LANES;
    }

    /** Bit 8i+7 set for each byte i of x that is not zero. */
    private static long nonZeroBytes(long x) {
        return (((x & LOW7) + LOW7) | x) & HIGH;
    }

    /** Lanes (as bit 8i+7) whose key is {@code key}. */
    private static long lanesOf(long keyWord, int key) {
        return ~nonZeroBytes(keyWord ^ (key * ONES)) & HIGH;
    }

    /** Lane index of the lowest lane flagged (bit 8i+7). */
    private static int lowestLane(long lanes) {
        return Long.numberOfTrailingZeros(lanes) >>> 3;
    }

    /** {@link ReactionUpdate#apply}: sub-step {@code t} on vFrom ≤ v &lt; vTo; {@code scratch}: the slab's {@link #SCRATCH_FLOATS}. */
    static void apply(ReactionUpdate r, ReactionTable t, float[] c, byte[] keys, float[] viability, int vFrom, int vTo,
                      float[] scratch) {
        map(r, t, null, null, c, keys, viability, vFrom, vTo, scratch);
    }

    /** {@link ReactionUpdate#applyTwo}: {@code first} then {@code second} (composed: {@code both}) on vFrom ≤ v &lt; vTo. */
    static void applyTwo(ReactionUpdate r, ReactionTable first, ReactionTable second, ReactionTable both, float[] c,
                         byte[] keys, float[] viability, int vFrom, int vTo, float[] scratch) {
        map(r, both, first, second, c, keys, viability, vFrom, vTo, scratch);
    }

    /**
     * {@link ReactionUpdate#applyWithExposure}: {@code first} (if active), the Kahan-compensated
     * exposure of the result, {@code second} (if active), on vFrom ≤ v &lt; vTo, as three sweeps.
     */
    static void applyWithExposure(ReactionUpdate r, ReactionTable first, ReactionTable second, float[] c,
                                  byte[] keys, float[] viability, float[] exposure, float[] compensation,
                                  float weightS, int vFrom, int vTo, float[] scratch) {
        if (first.active) {
            map(r, first, null, null, c, keys, viability, vFrom, vTo, scratch);
        }
        accumulate(r, first, second, c, keys, exposure, compensation, weightS, vFrom, vTo);
        if (second.active) {
            map(r, second, null, null, c, keys, viability, vFrom, vTo, scratch);
        }
    }

    /**
     * exposure += {@link ReactionUpdate#exposureIncrement} over vFrom ≤ v &lt; vTo, Kahan-compensated as
     * {@link ReactionUpdate#accumulate}: weightS·c in lanes, lumen chunks voxel by voxel.
     */
    private static void accumulate(ReactionUpdate r, ReactionTable first, ReactionTable second, float[] c,
                                   byte[] keys, float[] exposure, float[] compensation, float weightS, int vFrom,
                                   int vTo) {
        int v = vFrom;
        for (; v + LANES <= vTo; v += LANES) {
            if (r.anyLumenHoldingPlasma(keys, v, LANES)) {
                for (int u = v; u < v + LANES; u++) {
                    ReactionUpdate.accumulate(exposure, compensation, u,
                            r.exposureIncrement(first, second, c[u], keys[u], weightS, u));
                }
                continue;
            }
            FloatVector sum = FloatVector.fromArray(F, exposure, v);
            FloatVector y = FloatVector.fromArray(F, c, v).mul(weightS).sub(FloatVector.fromArray(F, compensation, v));
            FloatVector total = sum.add(y);
            total.sub(sum).sub(y).intoArray(compensation, v);
            total.intoArray(exposure, v);
        }
        for (; v < vTo; v++) {
            ReactionUpdate.accumulate(exposure, compensation, v, r.exposureIncrement(first, second, c[v], keys[v],
                    weightS, v));
        }
    }

    /**
     * The map of {@code t} on vFrom ≤ v &lt; vTo; the lanes it does not map take {@link ReactionUpdate#step}
     * of t, or, when {@code first} is given (t is then their composition), {@link ReactionUpdate#stepTwo}.
     */
    private static void map(ReactionUpdate r, ReactionTable t, ReactionTable first, ReactionTable second,
                            float[] c, byte[] keys, float[] viability, int vFrom, int vTo, float[] scratch) {
        float[] coefficients = t.map;
        byte[] modes = t.mode;
        int v = vFrom;
        while (v + LANES <= vTo) {
            long keyWord = (long) KEY_WORDS.get(keys, v);
            int key = (int) (keyWord & 0xFF);
            int mode = modes[key];
            if (keyWord == key * ONES && ReactionTable.hasFloatMap(mode)) {
                // a run of chunks of one key: broadcast its coefficients once
                int runEnd = runEnd(keys, keyWord, v, vTo);
                if (t.identity[key]) {
                    v = runEnd; // nothing acts here
                    continue;
                }
                int at = key * STRIDE;
                FloatVector scale = FloatVector.broadcast(F, coefficients[at]);
                FloatVector change = FloatVector.broadcast(F, coefficients[at + 1]);
                FloatVector constant = FloatVector.broadcast(F, coefficients[at + 2]);
                FloatVector perAlive = FloatVector.broadcast(F, coefficients[at + 3]);
                boolean needsViable = mode == ReactionTable.AFFINE_IF_FULLY_VIABLE;
                for (; v < runEnd; v += LANES) {
                    FloatVector cv = FloatVector.fromArray(F, c, v);
                    FloatVector alive = FloatVector.fromArray(F, viability, v);
                    FloatVector out = cv.mul(scale).add(cv.mul(change).add(constant).add(alive.mul(perAlive)));
                    if (needsViable && alive.compare(VectorOperators.NE, 1f).anyTrue()) {
                        cv.intoArray(scratch, OLD);
                        out.intoArray(c, v);
                        redo(r, t, first, second, c, keys, viability, v, HIGH, scratch);
                    } else {
                        out.intoArray(c, v);
                    }
                }
                continue;
            }
            if (keyWord == key * ONES && mode == ReactionTable.PER_VOXEL) {
                int runEnd = runEnd(keys, keyWord, v, vTo);
                if (first == null) {
                    integrateRun(r, t, c, keys, viability, v, runEnd, key, scratch);
                } else {
                    integrateRunTwice(r, t, first, second, c, keys, viability, v, runEnd, key, scratch);
                }
                v = runEnd;
                continue;
            }
            mixedChunk(r, t, first, second, c, keys, viability, v, keyWord, scratch);
            v += LANES;
        }
        for (; v < vTo; v++) {
            c[v] = first == null ? r.step(t, c[v], keys[v], viability[v], v)
                    : r.stepTwo(first, second, t, c[v], keys[v], viability[v], v);
        }
    }

    /** End of the run of chunks from v whose 8 keys are all those of {@code keyWord} (at least v + 8). */
    private static int runEnd(byte[] keys, long keyWord, int v, int vTo) {
        int end = v + LANES;
        while (end + LANES <= vTo && (long) KEY_WORDS.get(keys, end) == keyWord) {
            end += LANES;
        }
        return end;
    }

    /**
     * A run of chunks of one key integrated per voxel ({@link ReactionUpdate#integrate}, Michaelis–Menten
     * uptake): every lane in float with the series; a chunk with a lane at λh ≥
     * {@link ReactionUpdate#SMALL_STEP} (large steps) is recomputed by the scalar code, which takes the
     * double path there.
     */
    private static void integrateRun(ReactionUpdate r, ReactionTable t, float[] c, byte[] keys, float[] viability,
                                     int v, int runEnd, int key, float[] scratch) {
        int at = key * ReactionTable.VOXEL_STRIDE;
        float[] p = t.perVoxel;
        FloatVector base = FloatVector.broadcast(F, p[at]);
        FloatVector vmax = FloatVector.broadcast(F, p[at + 1]);
        FloatVector km = FloatVector.broadcast(F, p[at + 2]);
        FloatVector relax = FloatVector.broadcast(F, p[at + 3]);
        FloatVector exchange = FloatVector.broadcast(F, p[at + 4]);
        FloatVector secretion = FloatVector.broadcast(F, p[at + 5]);
        float h = t.stepF;
        for (; v < runEnd; v += LANES) {
            FloatVector cv = FloatVector.fromArray(F, c, v);
            FloatVector alive = FloatVector.fromArray(F, viability, v);
            FloatVector lambda = rate(cv, alive, base, vmax, km, relax);
            FloatVector x = lambda.mul(h);
            if (!x.compare(VectorOperators.LT, ReactionUpdate.SMALL_STEP).allTrue()) {
                cv.intoArray(scratch, OLD);
                redo(r, t, null, null, c, keys, viability, v, HIGH, scratch);
                continue;
            }
            relaxed(cv, exchange.add(alive.mul(secretion)), lambda, x, h).intoArray(c, v);
        }
    }

    /** {@link #integrateRun} of {@code first} and then {@code second} on each chunk ({@link ReactionUpdate#stepTwo}). */
    private static void integrateRunTwice(ReactionUpdate r, ReactionTable both, ReactionTable first,
                                          ReactionTable second, float[] c, byte[] keys, float[] viability, int v,
                                          int runEnd, int key, float[] scratch) {
        int at = key * ReactionTable.VOXEL_STRIDE;
        float[] p = first.perVoxel;
        float[] q = second.perVoxel;
        // the rate constants depend on the cell only; the sources on the sub-step's plasma level
        FloatVector base = FloatVector.broadcast(F, p[at]);
        FloatVector vmax = FloatVector.broadcast(F, p[at + 1]);
        FloatVector km = FloatVector.broadcast(F, p[at + 2]);
        FloatVector relax = FloatVector.broadcast(F, p[at + 3]);
        FloatVector secretion = FloatVector.broadcast(F, p[at + 5]);
        FloatVector exchangeFirst = FloatVector.broadcast(F, p[at + 4]);
        FloatVector exchangeSecond = FloatVector.broadcast(F, q[at + 4]);
        float hFirst = first.stepF;
        float hSecond = second.stepF;
        for (; v < runEnd; v += LANES) {
            FloatVector cv = FloatVector.fromArray(F, c, v);
            FloatVector alive = FloatVector.fromArray(F, viability, v);
            FloatVector lambda = rate(cv, alive, base, vmax, km, relax);
            FloatVector x = lambda.mul(hFirst);
            FloatVector mid = relaxed(cv, exchangeFirst.add(alive.mul(secretion)), lambda, x, hFirst);
            FloatVector lambdaMid = rate(mid, alive, base, vmax, km, relax);
            FloatVector xMid = lambdaMid.mul(hSecond);
            if (!x.max(xMid).compare(VectorOperators.LT, ReactionUpdate.SMALL_STEP).allTrue()) {
                cv.intoArray(scratch, OLD);
                redo(r, both, first, second, c, keys, viability, v, HIGH, scratch);
                continue;
            }
            relaxed(mid, exchangeSecond.add(alive.mul(secretion)), lambdaMid, xMid, hSecond).intoArray(c, v);
        }
    }

    /** λ of {@link ReactionUpdate#integrate} in every lane, its operations in its order: base + viability·(Vmax/(Km + max(C, 0)) + relax). */
    private static FloatVector rate(FloatVector c, FloatVector alive, FloatVector base, FloatVector vmax,
                                    FloatVector km, FloatVector relax) {
        return base.add(alive.mul(vmax.div(km.add(c.max(0f))).add(relax)));
    }

    /** The small-step relaxation of {@link ReactionUpdate#integrate} in every lane: C + (S − λC)·(h·fraction(x)). */
    private static FloatVector relaxed(FloatVector c, FloatVector source, FloatVector lambda, FloatVector x, float h) {
        return c.add(source.sub(lambda.mul(c)).mul(fraction(x).mul(h)));
    }

    /** {@link ReactionUpdate#integratedFraction} in every lane, the same Horner steps. */
    private static FloatVector fraction(FloatVector x) {
        return x.mul(1f / 120).add(-1f / 24).mul(x).add(1f / 6).mul(x).add(-0.5f).mul(x).add(1f);
    }

    /**
     * A chunk that is not one run of a float-mapped key: mapped with the coefficients of its majority
     * key (lane 0's, or lane 7's when more than half differ from lane 0), broadcast; the other lanes
     * (a scattered fibroblast in ECM) are then recomputed one by one by the scalar code. If the
     * reference key is not mapped in float, the whole chunk runs the scalar code. (Vectors merged
     * lane by lane, in a loop or by blends, cost more here than the scalar lanes: C2 in JDK 17 boxes
     * the former and the latter need several extra vector operations.)
     */
    private static void mixedChunk(ReactionUpdate r, ReactionTable t, ReactionTable first, ReactionTable second,
                                   float[] c, byte[] keys, float[] viability, int v, long keyWord, float[] scratch) {
        int key = (int) (keyWord & 0xFF);
        long others = HIGH & ~lanesOf(keyWord, key);
        if (Long.bitCount(others) > LANES / 2) {
            key = (int) (keyWord >>> 56);
            others = HIGH & ~lanesOf(keyWord, key);
        }
        int mode = t.mode[key];
        if (!ReactionTable.hasFloatMap(mode)) {
            for (int lane = 0; lane < LANES; lane++) {
                scratch[OLD + lane] = c[v + lane];
            }
            redo(r, t, first, second, c, keys, viability, v, HIGH, scratch);
            return;
        }
        if (t.identity[key]) {
            redo(r, t, first, second, c, keys, viability, v, others, null); // the other lanes only
            return;
        }
        int at = key * STRIDE;
        float[] coefficients = t.map;
        FloatVector cv = FloatVector.fromArray(F, c, v);
        FloatVector alive = FloatVector.fromArray(F, viability, v);
        if (mode == ReactionTable.AFFINE_IF_FULLY_VIABLE && alive.compare(VectorOperators.NE, 1f).anyTrue()) {
            others = HIGH; // the scalar code decides lane by lane
        }
        cv.intoArray(scratch, OLD);
        cv.mul(coefficients[at]).add(cv.mul(coefficients[at + 1]).add(coefficients[at + 2])
                .add(alive.mul(coefficients[at + 3]))).intoArray(c, v);
        redo(r, t, first, second, c, keys, viability, v, others, scratch);
    }

    /**
     * Recomputes the flagged lanes (bit 8i+7) of the chunk at v with the scalar code, from their old
     * values in {@code scratch}, or in c itself when scratch is null (c not written yet).
     */
    private static void redo(ReactionUpdate r, ReactionTable t, ReactionTable first, ReactionTable second, float[] c,
                             byte[] keys, float[] viability, int v, long lanes, float[] scratch) {
        for (; lanes != 0; lanes &= lanes - 1) {
            int lane = lowestLane(lanes);
            int at = v + lane;
            float old = scratch == null ? c[at] : scratch[OLD + lane];
            c[at] = first == null ? r.step(t, old, keys[at], viability[at], at)
                    : r.stepTwo(first, second, t, old, keys[at], viability[at], at);
        }
    }
}

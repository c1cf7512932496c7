package org.stromasim.solver;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FineLevel}'s row loops with the JDK incubator Vector API: C2 in JDK 17 does not vectorise
 * them (their neighbour offsets are loop-invariant), and scalar float divisions then set the pass's
 * cost. Each lane does exactly the operations of the scalar loop, in the same order and association,
 * with no fused multiply-add, so the results are bitwise those of the scalar path; each method returns
 * the first index it left to the scalar loop (the last {@code n mod lanes} cells).
 *
 * <p>This class references {@code jdk.incubator.vector}: it is only loaded when that module is in the
 * boot layer ({@link FineLevel#VECTOR}).
 */
final class FineLevelVectorRows {

    /**
     * At most 256 bits: the width the Java backend's row loops default to, because 512-bit float
     * vectors measured slower than 256-bit ones on AVX-512 machines (benchmarks/README.md, "Vector lanes").
     */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class,
            VectorShape.forBitSize(Math.min(256, FloatVector.SPECIES_PREFERRED.vectorBitSize())));
    private static final int LANES = F.length();

    private FineLevelVectorRows() {
    }

    private static FloatVector series(FloatVector a, FloatVector b, float noFace) {
        return a.mul(b).div(a.add(b).add(noFace));
    }

    /** fx[i + 1] = series(2·K[v0 + i], 2·K[v0 + i + 1]) for i from 0 while a whole vector fits below n. */
    static int xFaces(float[] kv, int v0, float[] fx, int n, float noFace) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector a = FloatVector.fromArray(F, kv, v0 + i).mul(2f);
            FloatVector b = FloatVector.fromArray(F, kv, v0 + i + 1).mul(2f);
            series(a, b, noFace).intoArray(fx, i + 1);
        }
        return i;
    }

    /** The row's cells of {@link FineLevel}'s row loop (see there for each quantity). */
    static int cells(FineLevel.Buffers r, float[] u, int p0, int px, int pxy, boolean product, int nx, float noFace) {
        float[] kv = r.kv;
        int i = 0;
        for (; i + LANES <= nx; i += LANES) {
            int q = r.q0 + i;
            FloatVector twoK = FloatVector.fromArray(F, kv, r.v0 + i).mul(2f);
            FloatVector yUp = series(twoK, FloatVector.fromArray(F, kv, r.yp + i).mul(2f), noFace).mul(r.yHi);
            FloatVector zUp = series(twoK, FloatVector.fromArray(F, kv, r.zp + i).mul(2f), noFace).mul(r.zHi);
            yUp.intoArray(r.fyHi, i);
            zUp.intoArray(r.fzHi, q);
            FloatVector xLo = FloatVector.fromArray(F, r.fx, i);
            FloatVector xUp = FloatVector.fromArray(F, r.fx, i + 1);
            FloatVector yLo = FloatVector.fromArray(F, r.fyLo, i);
            FloatVector zLo = FloatVector.fromArray(F, r.fzLo, q);
            FloatVector coupledSum = xLo.add(xUp).add(yLo.add(yUp)).add(zLo.add(zUp));
            FloatVector held = FloatVector.fromArray(F, r.heldX, i).add(r.heldYz).mul(twoK);
            FloatVector dg = FloatVector.fromArray(F, r.mass, i).add(coupledSum).add(held);
            dg.intoArray(r.diag, i);
            if (product) {
                int p = p0 + i;
                FloatVector off = xLo.mul(FloatVector.fromArray(F, u, p - 1))
                        .add(xUp.mul(FloatVector.fromArray(F, u, p + 1)))
                        .add(yLo.mul(FloatVector.fromArray(F, u, p - px))
                                .add(yUp.mul(FloatVector.fromArray(F, u, p + px))))
                        .add(zLo.mul(FloatVector.fromArray(F, u, p - pxy))
                                .add(zUp.mul(FloatVector.fromArray(F, u, p + pxy))));
                dg.mul(FloatVector.fromArray(F, u, p)).sub(off).intoArray(r.product, i);
            } else {
                coupledSum.intoArray(r.product, i);
            }
        }
        return i;
    }

    /** out[p0 + i] = (rhs[p0 + i] − product[i]) / diag[i] while a whole vector fits. */
    static int jacobi(float[] rhs, float[] product, float[] diag, float[] out, int p0, int nx) {
        int i = 0;
        for (; i + LANES <= nx; i += LANES) {
            FloatVector.fromArray(F, rhs, p0 + i).sub(FloatVector.fromArray(F, product, i))
                    .div(FloatVector.fromArray(F, diag, i)).intoArray(out, p0 + i);
        }
        return i;
    }
}

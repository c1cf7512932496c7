package org.stromasim.backend.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.stromasim.transport.ConcentrationFloor;

/**
 * The two row loops of {@link InPlaceSweep} written with the JDK incubator Vector API, because C2 in
 * JDK 17 does not auto-vectorise them (benchmarks/README.md, "Java step"). Each lane does exactly the
 * operations of the scalar loop, in the same order and association, with no fused multiply-add
 * (Java float arithmetic is IEEE single precision, lane-wise vector arithmetic too), so the results are
 * bitwise those of the scalar path; the last {@code n mod lanes} elements of a row take the scalar code.
 *
 * <p>This class references {@code jdk.incubator.vector}: it is only loaded when that module is in the
 * boot layer ({@link RowKernels#vectorModulePresent}, JVM option
 * {@code --add-modules jdk.incubator.vector}); otherwise the scalar loops run.
 */
final class VectorRows {

    /** The CPU's widest float vector in bits: 256 with AVX2, 512 with AVX-512. */
    private static final int PREFERRED_BITS = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    /** The requested width ({@link VectorWidth#PROPERTY}), null for the default. */
    private static final String REQUESTED = System.getProperty(VectorWidth.PROPERTY);
    /**
     * The float vectors of the loops, {@link VectorWidth#chooseBits} wide (8 lanes by default even with
     * AVX-512). A static final field, so that C2 sees a constant species and compiles the loops to
     * vector instructions (those of {@link VectorRkl2Rows} too).
     */
    static final VectorSpecies<Float> F = VectorSpecies.of(float.class,
            VectorShape.forBitSize(VectorWidth.chooseBits(PREFERRED_BITS, REQUESTED)));

    private VectorRows() {
    }

    /** Lanes of the float vectors used. */
    static int lanes() {
        return F.length();
    }

    /** Why the loops use that many lanes, e.g. "256-bit, capped; CPU offers 512" (backend description). */
    static String widthReason() {
        return VectorWidth.reason(F.vectorBitSize(), PREFERRED_BITS, REQUESTED);
    }

    /** g[gAt + i] = {@link DiffusionSweep#harmonic}(a[aAt + i], b[bAt + i]) for i &lt; n: 2·a·b / (a + b + MIN_NORMAL). */
    static void harmonicRow(float[] a, int aAt, float[] b, int bAt, float[] g, int gAt, int n) {
        int i = 0;
        int bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            FloatVector va = FloatVector.fromArray(F, a, aAt + i);
            FloatVector vb = FloatVector.fromArray(F, b, bAt + i);
            // ((2·a)·b) / ((a + b) + MIN_NORMAL), as the scalar expression associates
            va.mul(2f).mul(vb).div(va.add(vb).add(Float.MIN_NORMAL)).intoArray(g, gAt + i);
        }
        for (; i < n; i++) {
            g[gAt + i] = DiffusionSweep.harmonic(a[aAt + i], b[bAt + i]);
        }
    }

    /**
     * The six-face update of one row, see {@code InPlaceSweep.update}: c[v0 + i] = cv + coef·Σ, the sum
     * taken left to right over x−, x+, y−, y+, z−, z+, then {@link ConcentrationFloor#apply}. The rows read here never overlap the row written
     * (the plane above is another plane of c, the others are buffers).
     */
    static void update(int nx, float[] padded, float[] gx, float[] gyBelow, float[] yBelow, int yBelowAt,
                       float[] gyAbove, float[] yAbove, int yAboveAt, float[] gzBelow, float[] zBelow, int zBelowAt,
                       float[] gzAbove, float[] zAbove, int zAboveAt, int rowAt, float[] c, int v0, float coef) {
        int i = 0;
        int bound = F.loopBound(nx);
        for (; i < bound; i += F.length()) {
            FloatVector cv = FloatVector.fromArray(F, padded, i + 1);
            FloatVector sum = FloatVector.fromArray(F, gx, i)
                    .mul(FloatVector.fromArray(F, padded, i).sub(cv));
            sum = sum.add(FloatVector.fromArray(F, gx, i + 1)
                    .mul(FloatVector.fromArray(F, padded, i + 2).sub(cv)));
            sum = sum.add(FloatVector.fromArray(F, gyBelow, i)
                    .mul(FloatVector.fromArray(F, yBelow, yBelowAt + i).sub(cv)));
            sum = sum.add(FloatVector.fromArray(F, gyAbove, i)
                    .mul(FloatVector.fromArray(F, yAbove, yAboveAt + i).sub(cv)));
            sum = sum.add(FloatVector.fromArray(F, gzBelow, rowAt + i)
                    .mul(FloatVector.fromArray(F, zBelow, zBelowAt + i).sub(cv)));
            sum = sum.add(FloatVector.fromArray(F, gzAbove, rowAt + i)
                    .mul(FloatVector.fromArray(F, zAbove, zAboveAt + i).sub(cv)));
            FloatVector next = cv.add(sum.mul(coef));
            // ConcentrationFloor.apply in every lane
            next.blend(0f, next.abs().compare(VectorOperators.LT, ConcentrationFloor.BELOW)).intoArray(c, v0 + i);
        }
        InPlaceSweep.updateScalar(i, nx, padded, gx, gyBelow, yBelow, yBelowAt, gyAbove, yAbove, yAboveAt,
                gzBelow, zBelow, zBelowAt, gzAbove, zAbove, zAboveAt, rowAt, c, v0, coef, null);
    }
}

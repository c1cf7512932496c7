package org.stromasim.backend.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two row loops of {@link Rkl2StageSweep} written with the JDK incubator Vector API (C2 in JDK 17
 * does not vectorise them: the output may be one of the input arrays). Each lane does exactly the
 * operations of the scalar loop, in the same order and association, with no fused multiply-add, so
 * the results are bitwise those of the scalar path; the last {@code nx mod lanes} voxels of a row take
 * the scalar code. Lanes as in {@link VectorRows} ({@link VectorWidth}).
 *
 * <p>This class references {@code jdk.incubator.vector}: it is only loaded when that module is in the
 * boot layer ({@link RowKernels#vectorModulePresent}); otherwise the scalar loops run.
 */
final class VectorRkl2Rows {

    private static final VectorSpecies<Float> F = VectorRows.F;

    private VectorRkl2Rows() {
    }

    /**
     * Σ_faces g·(C_nb − C_v) of one vector of voxels of the row in r, from voxel i, summed x−, x+, y−,
     * y+, z−, z+.
     */
    private static FloatVector faceSum(Rkl2StageSweep.Rows r, int i, FloatVector cv) {
        FloatVector sum = FloatVector.fromArray(F, r.facesX, i)
                .mul(FloatVector.fromArray(F, r.padded, i).sub(cv));
        sum = sum.add(FloatVector.fromArray(F, r.facesX, i + 1)
                .mul(FloatVector.fromArray(F, r.padded, i + 2).sub(cv)));
        sum = sum.add(FloatVector.fromArray(F, r.facesYBelow, i)
                .mul(FloatVector.fromArray(F, r.yBelow, r.yBelowAt + i).sub(cv)));
        sum = sum.add(FloatVector.fromArray(F, r.facesYAbove, i)
                .mul(FloatVector.fromArray(F, r.yAbove, r.yAboveAt + i).sub(cv)));
        sum = sum.add(FloatVector.fromArray(F, r.facesZBelow, r.rowAt + i)
                .mul(FloatVector.fromArray(F, r.zBelow, r.zBelowAt + i).sub(cv)));
        return sum.add(FloatVector.fromArray(F, r.facesZAbove, r.rowAt + i)
                .mul(FloatVector.fromArray(F, r.zAbove, r.zAboveAt + i).sub(cv)));
    }

    /** See {@link Rkl2StageSweep#firstStageRow}: l0 = coef·Σ, y1 = y0 + μ̃1·l0. */
    static void firstStage(int nx, Rkl2StageSweep.Rows r, int v0, float coef, float[] y0, float muTilde1,
                           float[] l0, float[] y1) {
        int i = 0;
        int bound = F.loopBound(nx);
        for (; i < bound; i += F.length()) {
            FloatVector cv = FloatVector.fromArray(F, r.padded, i + 1);
            FloatVector increment = faceSum(r, i, cv).mul(coef);
            increment.intoArray(l0, v0 + i);
            FloatVector.fromArray(F, y0, v0 + i).add(increment.mul(muTilde1)).intoArray(y1, v0 + i);
        }
        Rkl2StageSweep.firstStageScalar(i, nx, r, v0, coef, y0, muTilde1, l0, y1, null);
    }

    /** See {@link Rkl2StageSweep#laterStageRow}: yj = coef·Σ + (y0 + μ·(yjm1 − y0) + ν·(yjm2 − y0) + γ̃·l0). */
    static void laterStage(int nx, Rkl2StageSweep.Rows r, int v0, float coef, float[] y0, float[] yjm2,
                           float[] l0, float mu, float nu, float gammaTilde, float[] yj) {
        int i = 0;
        int bound = F.loopBound(nx);
        for (; i < bound; i += F.length()) {
            FloatVector cv = FloatVector.fromArray(F, r.padded, i + 1);
            FloatVector increment = faceSum(r, i, cv).mul(coef);
            FloatVector base = FloatVector.fromArray(F, y0, v0 + i);
            FloatVector combined = base.add(cv.sub(base).mul(mu))
                    .add(FloatVector.fromArray(F, yjm2, v0 + i).sub(base).mul(nu))
                    .add(FloatVector.fromArray(F, l0, v0 + i).mul(gammaTilde));
            increment.add(combined).intoArray(yj, v0 + i);
        }
        Rkl2StageSweep.laterStageScalar(i, nx, r, v0, coef, y0, yjm2, l0, mu, nu, gammaTilde, yj, null);
    }
}

package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.BiologySpec.Activation;
import org.stromasim.tissue.CellType;

class FibroblastActivationTest {

    private static final Activation LAW = new Activation(0.01, 0.05, 2.0, 1e-3);
    private static final int N = 200_000;

    private static byte[] fibroblasts() {
        byte[] cell = new byte[N];
        Arrays.fill(cell, CellType.FIBROBLAST.code());
        return cell;
    }

    private static float[] uniform(float level) {
        float[] t = new float[N];
        Arrays.fill(t, level);
        return t;
    }

    @Test
    void aboveThresholdActivatesAtTheStatedRate() {
        FibroblastActivation a = new FibroblastActivation(LAW);
        double t = 0.05; // = EC50: H = 1/2, rate = 5e-4 /s
        assertEquals(5e-4, a.ratePerS(t), 1e-15);
        byte[] cell = fibroblasts();
        int total = 0;
        for (int step = 1; step <= 10; step++) {
            total += a.step(cell, uniform((float) t), 100.0, 1.0, 42L, step);
        }
        // 10 steps of 100 s: P(CAF) = 1 − exp(−5e-4 · 1000) = 0.3935; binomial sd ~ 0.0011 at N = 2e5
        double expected = -Math.expm1(-5e-4 * 1000);
        assertEquals(expected, total / (double) N, 0.006);
        long cafs = 0;
        for (byte c : cell) {
            cafs += c == CellType.CAF.code() ? 1 : 0;
        }
        assertEquals(total, cafs);
    }

    @Test
    void belowThresholdNoneActivate() {
        FibroblastActivation a = new FibroblastActivation(LAW);
        assertEquals(0.0, a.ratePerS(0.0099), 0.0);
        byte[] cell = fibroblasts();
        assertEquals(0, a.step(cell, uniform(0.0099f), 1e6, 1.0, 42L, 1));
    }

    @Test
    void tgfbInhibitionScalesTheSignalAndActivatesASubsetOfTheSameVoxels() {
        FibroblastActivation a = new FibroblastActivation(LAW);
        byte[] free = fibroblasts();
        byte[] inhibited = fibroblasts();
        int nFree = a.step(free, uniform(0.1f), 1000.0, 1.0, 7L, 3);
        int nInhibited = a.step(inhibited, uniform(0.1f), 1000.0, 0.3, 7L, 3);
        // signal 0.03 nM: H = 0.09/0.34 = 0.2647 against 0.8 without the inhibitor
        assertEquals(-Math.expm1(-1e-3 * 0.8 * 1000), nFree / (double) N, 0.006);
        assertEquals(-Math.expm1(-1e-3 * (0.0009 / 0.0034) * 1000), nInhibited / (double) N, 0.006);
        for (int v = 0; v < N; v++) {
            if (inhibited[v] == CellType.CAF.code()) {
                assertEquals(CellType.CAF.code(), free[v], "counter-based draws: a lower rate activates a subset, voxel " + v);
            }
        }
    }

    @Test
    void drawsArePureFunctionsOfSeedVoxelAndStep() {
        FibroblastActivation a = new FibroblastActivation(LAW);
        byte[] one = fibroblasts();
        byte[] two = fibroblasts();
        a.step(one, uniform(0.05f), 100.0, 1.0, 99L, 5);
        a.step(two, uniform(0.05f), 100.0, 1.0, 99L, 5);
        assertArrayEquals(one, two);
        byte[] other = fibroblasts();
        a.step(other, uniform(0.05f), 100.0, 1.0, 99L, 6);
        assertEquals(false, Arrays.equals(one, other), "another step index draws other numbers");
    }
}

package org.stromasim.solver;

import java.util.Random;

/** Coefficient fields for the solver tests, built here from first principles. */
final class TestFields {

    private TestFields() {
    }

    /**
     * A smooth random field spanning exactly 1:1000: Gaussian noise box-filtered (periodically) over
     * 2w+1 voxels along each axis, then mapped linearly in log10 onto [0, 3].
     */
    static float[] smoothContrast1000(int n, long seed, int w) {
        int cells = n * n * n;
        double[] g = new double[cells];
        Random rnd = new Random(seed);
        for (int v = 0; v < cells; v++) {
            g[v] = rnd.nextGaussian();
        }
        for (int axis = 0; axis < 3; axis++) {
            double[] out = new double[cells];
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        double s = 0;
                        for (int d = -w; d <= w; d++) {
                            int ii = axis == 0 ? Math.floorMod(i + d, n) : i;
                            int jj = axis == 1 ? Math.floorMod(j + d, n) : j;
                            int kk = axis == 2 ? Math.floorMod(k + d, n) : k;
                            s += g[ii + n * (jj + n * kk)];
                        }
                        out[i + n * (j + n * k)] = s;
                    }
                }
            }
            g = out;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : g) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        float[] k = new float[cells];
        for (int v = 0; v < cells; v++) {
            k[v] = (float) Math.pow(1000, (g[v] - min) / (max - min));
        }
        return k;
    }

    /** Independent voxel-wise log-uniform values in [1, 1000] (the roughest 1:1000 field). */
    static float[] voxelwiseContrast1000(int n, long seed) {
        Random rnd = new Random(seed);
        float[] k = new float[n * n * n];
        for (int v = 0; v < k.length; v++) {
            k[v] = (float) Math.pow(1000, rnd.nextDouble());
        }
        return k;
    }

    /**
     * K = 1 with a network of straight 2×2-voxel vessels (K = 0) along random axes, n/4 of them, so
     * the holes cut the domain at every scale and coarse blocks straddle them.
     */
    static float[] vesselNetwork(int n, long seed) {
        Random rnd = new Random(seed);
        float[] k = new float[n * n * n];
        java.util.Arrays.fill(k, 1f);
        for (int t = 0; t < n / 4; t++) {
            int axis = rnd.nextInt(3);
            int c1 = rnd.nextInt(n - 1);
            int c2 = rnd.nextInt(n - 1);
            for (int s = 0; s < n; s++) {
                for (int d1 = 0; d1 < 2; d1++) {
                    for (int d2 = 0; d2 < 2; d2++) {
                        int a = c1 + d1;
                        int b = c2 + d2;
                        int i = axis == 0 ? s : a;
                        int j = axis == 0 ? a : axis == 1 ? s : b;
                        int kk = axis == 2 ? s : b;
                        if (axis == 1) {
                            i = a;
                        }
                        k[i + n * (j + n * kk)] = 0f;
                    }
                }
            }
        }
        return k;
    }
}

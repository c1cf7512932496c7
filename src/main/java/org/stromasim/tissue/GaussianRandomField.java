package org.stromasim.tissue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.stromasim.grid.Grid3D;

/**
 * A smooth, stationary Gaussian random field g on the grid with zero mean and unit variance, made
 * deterministically from one random stream:
 * <ol>
 *   <li>white noise N(0, 1) on a grid padded on every side, so the field is stationary up to the domain
 *       edges (no boundary rule shows through);</li>
 *   <li>separable Gaussian filtering along x, y, z with s.d. s = ℓ/2. Filtered white noise has correlation
 *       exp(−r²/(4s²)), so the correlation at distance ℓ ({@code correlationUm}) is 1/e;</li>
 *   <li>when a fibre axis u and an elongation e &gt; 1 are given, a further 1-D Gaussian filter along u of
 *       s.d. s·√(e² − 1), sampled with trilinear interpolation at unit-voxel steps. Gaussian filters
 *       compose by adding variances, so the correlation length is e·ℓ along u and ℓ across it (we filter
 *       along the axis rather than rotate the grid, which would need a grid up to 5× larger);</li>
 *   <li>the domain part is shifted and scaled to exactly zero sample mean and unit sample variance.</li>
 * </ol>
 * Memory: one float per padded voxel plus one per domain voxel. The padding is 3 filter s.d. per axis.
 * For the anisotropic filter the correlation length should be at least two voxels; below that the
 * field is close to white noise and interpolation would add grid artefacts.
 */
public final class GaussianRandomField {

    private GaussianRandomField() {
    }

    /**
     * @param correlationUm   ℓ, the correlation length across fibres, µm (&gt; 0)
     * @param fibreAxis       unit vector or {@code null} for an isotropic field
     * @param elongation      correlation length along the axis ÷ across it (≥ 1)
     * @return g per voxel, indexed as {@link Grid3D#index}
     */
    public static float[] generate(Grid3D grid, double correlationUm, double[] fibreAxis, double elongation,
                                   SplittableRandom random) {
        if (!(correlationUm > 0) || !Double.isFinite(correlationUm)) {
            throw new IllegalArgumentException("ecm.noise.correlation_um must be a positive finite µm, got " + correlationUm);
        }
        if (!(elongation >= 1) || !Double.isFinite(elongation)) {
            throw new IllegalArgumentException("ecm.noise.fibre_elongation must be >= 1, got " + elongation);
        }
        double sIso = correlationUm / (2 * grid.voxelUm());
        boolean anisotropic = fibreAxis != null && elongation > 1;
        double sLine = anisotropic ? sIso * Math.sqrt(elongation * elongation - 1) : 0;
        int rIso = (int) Math.ceil(3 * sIso);
        int[] n = {grid.nx(), grid.ny(), grid.nz()};
        int[] pad = new int[3];
        int[] m = new int[3];
        for (int a = 0; a < 3; a++) {
            int linePad = anisotropic ? (int) Math.ceil(3 * sLine * Math.abs(fibreAxis[a])) + 2 : 0;
            pad[a] = rIso + linePad;
            m[a] = n[a] + 2 * pad[a];
        }
        long padded = (long) m[0] * m[1] * m[2];
        if (padded > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("stiffness texture with correlation_um=" + correlationUm
                    + " needs a padded grid of " + m[0] + "x" + m[1] + "x" + m[2] + " voxels, more than an array holds");
        }
        float[] field = new float[(int) padded];
        for (int v = 0; v < field.length; v++) {
            field[v] = (float) random.nextGaussian();
        }
        float[] kernel = gaussianKernel(sIso, rIso);
        filterAxis(field, m, 0, kernel);
        filterAxis(field, m, 1, kernel);
        filterAxis(field, m, 2, kernel);

        float[] g = anisotropic
                ? filterAlongAxis(field, m, pad, n, fibreAxis, sLine)
                : crop(field, m, pad, n);
        standardise(g);
        return g;
    }

    /** Weights exp(−t²/2s²), t = −r..r, normalised to sum 1. */
    static float[] gaussianKernel(double s, int r) {
        float[] w = new float[2 * r + 1];
        double sum = 0;
        for (int t = -r; t <= r; t++) {
            double x = s > 0 ? Math.exp(-t * t / (2 * s * s)) : (t == 0 ? 1 : 0);
            w[t + r] = (float) x;
            sum += x;
        }
        for (int t = 0; t < w.length; t++) {
            w[t] /= (float) sum;
        }
        return w;
    }

    /** In-place convolution of every line along {@code axis}; taps outside the array are dropped. */
    private static void filterAxis(float[] f, int[] m, int axis, float[] w) {
        int r = w.length / 2;
        int len = m[axis];
        int stride = axis == 0 ? 1 : axis == 1 ? m[0] : m[0] * m[1];
        int lines = f.length / len;
        IntStream.range(0, lines).parallel().forEach(line -> {
            int start;
            if (axis == 0) {
                start = line * m[0];
            } else if (axis == 1) {
                start = (line % m[0]) + m[0] * m[1] * (line / m[0]);
            } else {
                start = line;
            }
            float[] in = new float[len];
            for (int p = 0; p < len; p++) {
                in[p] = f[start + p * stride];
            }
            for (int p = 0; p < len; p++) {
                int lo = Math.max(-r, -p);
                int hi = Math.min(r, len - 1 - p);
                float acc = 0;
                for (int t = lo; t <= hi; t++) {
                    acc += w[t + r] * in[p + t];
                }
                f[start + p * stride] = acc;
            }
        });
    }

    private static float[] crop(float[] f, int[] m, int[] pad, int[] n) {
        float[] out = new float[n[0] * n[1] * n[2]];
        for (int k = 0; k < n[2]; k++) {
            for (int j = 0; j < n[1]; j++) {
                int src = pad[0] + m[0] * ((j + pad[1]) + m[1] * (k + pad[2]));
                System.arraycopy(f, src, out, n[0] * (j + n[1] * k), n[0]);
            }
        }
        return out;
    }

    /** The domain part of a 1-D Gaussian filter of s.d. {@code s} voxels along unit vector u, unit steps. */
    private static float[] filterAlongAxis(float[] f, int[] m, int[] pad, int[] n, double[] u, double s) {
        int taps = (int) Math.ceil(3 * s);
        float[] w = gaussianKernel(s, taps);
        float[] out = new float[n[0] * n[1] * n[2]];
        IntStream.range(0, n[1] * n[2]).parallel().forEach(line -> {
            int j = line % n[1];
            int k = line / n[1];
            for (int i = 0; i < n[0]; i++) {
                double acc = 0;
                for (int t = -taps; t <= taps; t++) {
                    acc += w[t + taps] * trilinear(f, m, i + pad[0] + t * u[0], j + pad[1] + t * u[1],
                            k + pad[2] + t * u[2]);
                }
                out[i + n[0] * (j + n[1] * k)] = (float) acc;
            }
        });
        return out;
    }

    private static double trilinear(float[] f, int[] m, double x, double y, double z) {
        int i = (int) Math.floor(x);
        int j = (int) Math.floor(y);
        int k = (int) Math.floor(z);
        double fx = x - i;
        double fy = y - j;
        double fz = z - k;
        int i1 = Math.min(i + 1, m[0] - 1);
        int j1 = Math.min(j + 1, m[1] - 1);
        int k1 = Math.min(k + 1, m[2] - 1);
        int sy = m[0];
        int sz = m[0] * m[1];
        double c00 = f[i + sy * j + sz * k] * (1 - fx) + f[i1 + sy * j + sz * k] * fx;
        double c10 = f[i + sy * j1 + sz * k] * (1 - fx) + f[i1 + sy * j1 + sz * k] * fx;
        double c01 = f[i + sy * j + sz * k1] * (1 - fx) + f[i1 + sy * j + sz * k1] * fx;
        double c11 = f[i + sy * j1 + sz * k1] * (1 - fx) + f[i1 + sy * j1 + sz * k1] * fx;
        double c0 = c00 * (1 - fy) + c10 * fy;
        double c1 = c01 * (1 - fy) + c11 * fy;
        return c0 * (1 - fz) + c1 * fz;
    }

    /** Shifts and scales to zero mean and unit variance (sequential sums: bitwise reproducible). */
    private static void standardise(float[] g) {
        double sum = 0;
        for (float x : g) {
            sum += x;
        }
        double mean = sum / g.length;
        double ss = 0;
        for (float x : g) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / g.length);
        double scale = sd > 0 ? 1 / sd : 0;
        for (int v = 0; v < g.length; v++) {
            g[v] = (float) ((g[v] - mean) * scale);
        }
    }
}

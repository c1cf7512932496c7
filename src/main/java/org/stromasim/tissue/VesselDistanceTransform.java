package org.stromasim.tissue;

import java.util.stream.IntStream;
import org.stromasim.grid.Grid3D;

/**
 * Exact Euclidean distance from every voxel centre to the nearest marked voxel centre, in linear time:
 * the separable squared-distance transform of Felzenszwalb and Huttenlocher (2012), applied along x,
 * then y, then z. Each 1-D pass computes min_q (f(q) + (p − q)²) as the lower envelope of parabolas.
 *
 * <p>Squared distances are kept in voxel units in a float array; they are integers, exact in float up to
 * 2²⁴, i.e. for any grid whose diagonal is below 4096 voxels (checked). Lines are independent, so each
 * pass runs in parallel with a deterministic result.
 */
public final class VesselDistanceTransform {

    private static final float INF = Float.POSITIVE_INFINITY;

    private VesselDistanceTransform() {
    }

    /**
     * Writes the distance in µm to {@code distanceUm} (length = voxel count); +∞ everywhere when no
     * voxel is marked.
     */
    public static void compute(Grid3D grid, boolean[] marked, float[] distanceUm) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        if (marked.length != grid.voxelCount() || distanceUm.length != grid.voxelCount()) {
            throw new IllegalArgumentException("mask and output must have " + grid.voxelCount() + " voxels");
        }
        if ((double) nx * nx + (double) ny * ny + (double) nz * nz >= (1 << 24)) {
            throw new IllegalArgumentException("grid " + nx + "x" + ny + "x" + nz
                    + " is too large for exact float squared distances (diagonal must be < 4096 voxels)");
        }
        float[] d = distanceUm;
        for (int v = 0; v < d.length; v++) {
            d[v] = marked[v] ? 0f : INF;
        }
        // Pass along x: lines indexed by (j, k).
        IntStream.range(0, ny * nz).parallel().forEach(line -> {
            Envelope e = new Envelope(nx);
            transformLine(d, line * nx, 1, nx, e);
        });
        // Along y: lines indexed by (i, k).
        IntStream.range(0, nx * nz).parallel().forEach(line -> {
            Envelope e = new Envelope(ny);
            int i = line % nx;
            int k = line / nx;
            transformLine(d, i + nx * ny * k, nx, ny, e);
        });
        // Along z: lines indexed by (i, j).
        IntStream.range(0, nx * ny).parallel().forEach(line -> {
            Envelope e = new Envelope(nz);
            transformLine(d, line, nx * ny, nz, e);
        });
        double dx = grid.voxelUm();
        IntStream.range(0, d.length).parallel().forEach(v -> d[v] = (float) (Math.sqrt(d[v]) * dx));
    }

    /** Scratch arrays for one line: input copy f, parabola apexes v, boundaries z. */
    private static final class Envelope {
        final double[] f;
        final int[] v;
        final double[] z;

        Envelope(int n) {
            f = new double[n];
            v = new int[n];
            z = new double[n + 1];
        }
    }

    /** In place: d[start + p·stride] ← min_q (d[start + q·stride] + (p − q)²) for p in [0, n). */
    static void transformLine(float[] d, int start, int stride, int n, Envelope e) {
        double[] f = e.f;
        int[] v = e.v;
        double[] z = e.z;
        int k = -1;
        for (int q = 0; q < n; q++) {
            f[q] = d[start + q * stride];
            if (f[q] == Double.POSITIVE_INFINITY) {
                continue; // an infinite parabola is never part of the envelope
            }
            if (k < 0) {
                k = 0;
                v[0] = q;
                z[0] = Double.NEGATIVE_INFINITY;
                z[1] = Double.POSITIVE_INFINITY;
                continue;
            }
            double s = intersection(f, q, v[k]);
            while (s <= z[k]) {
                k--;
                if (k < 0) {
                    break;
                }
                s = intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        if (k < 0) {
            return; // no finite site on this line: stays +∞
        }
        int j = 0;
        for (int p = 0; p < n; p++) {
            while (z[j + 1] < p) {
                j++;
            }
            double diff = p - v[j];
            d[start + p * stride] = (float) (diff * diff + f[v[j]]);
        }
    }

    /** Abscissa where the parabolas with apexes q and r (q > r) intersect. */
    private static double intersection(double[] f, int q, int r) {
        return ((f[q] + (double) q * q) - (f[r] + (double) r * r)) / (2.0 * q - 2.0 * r);
    }
}

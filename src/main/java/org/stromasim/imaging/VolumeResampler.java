package org.stromasim.imaging;

import org.stromasim.grid.Grid3D;

/**
 * Samples a {@link ScalarVolume} at the centres of the simulation grid's voxels.
 * <ul>
 *   <li>A grid voxel is <b>covered</b> when its centre lies in the image's extent, the box from half a
 *       spacing before the first sample centre to half a spacing after the last on every axis; uncovered
 *       voxels get NaN (the caller keeps what was there).</li>
 *   <li><b>Trilinear</b> (continuous fields: stiffness, concentrations): the tensor-product linear
 *       interpolation between the 8 sample centres around the point; between the outermost centre and
 *       the extent's edge the edge sample's value holds (no extrapolation beyond measured values). It is
 *       exact for fields linear in x, y and z, and for a smooth field its error is at most
 *       (h_x²·max|f_xx| + h_y²·max|f_yy| + h_z²·max|f_zz|)/8 with h the image spacing.</li>
 *   <li><b>Nearest</b> (labels): the value of the sample whose centre is nearest on each axis; a point
 *       exactly halfway takes the higher index. Labels are never averaged.</li>
 * </ul>
 */
public final class VolumeResampler {

    private VolumeResampler() {
    }

    public static float[] trilinear(ScalarVolume image, Grid3D grid) {
        return sample(image, grid, false);
    }

    public static float[] nearest(ScalarVolume image, Grid3D grid) {
        return sample(image, grid, true);
    }

    private static float[] sample(ScalarVolume image, Grid3D grid, boolean nearest) {
        float[] out = new float[grid.voxelCount()];
        // Per axis, the continuous sample coordinate u = (x − origin)/spacing of each grid centre, NaN outside.
        double[] ux = coordinates(image, 0, grid.nx(), grid);
        double[] uy = coordinates(image, 1, grid.ny(), grid);
        double[] uz = coordinates(image, 2, grid.nz(), grid);
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    int v = grid.index(i, j, k);
                    if (Double.isNaN(ux[i]) || Double.isNaN(uy[j]) || Double.isNaN(uz[k])) {
                        out[v] = Float.NaN;
                    } else if (nearest) {
                        out[v] = (float) image.value(round(ux[i], image.nx()), round(uy[j], image.ny()),
                                round(uz[k], image.nz()));
                    } else {
                        out[v] = (float) interpolate(image, ux[i], uy[j], uz[k]);
                    }
                }
            }
        }
        return out;
    }

    private static double[] coordinates(ScalarVolume image, int axis, int n, Grid3D grid) {
        double[] u = new double[n];
        double spacing = image.spacingUm()[axis];
        double origin = image.originUm()[axis];
        int size = image.size(axis);
        for (int c = 0; c < n; c++) {
            double centre = axis == 0 ? grid.centreX(c) : axis == 1 ? grid.centreY(c) : grid.centreZ(c);
            double ui = (centre - origin) / spacing;
            u[c] = ui < -0.5 || ui > size - 0.5 ? Double.NaN : ui;
        }
        return u;
    }

    private static int round(double u, int size) {
        int i = (int) Math.floor(u + 0.5);
        return Math.max(0, Math.min(size - 1, i));
    }

    private static double interpolate(ScalarVolume image, double ux, double uy, double uz) {
        int i0 = lower(ux, image.nx());
        int j0 = lower(uy, image.ny());
        int k0 = lower(uz, image.nz());
        double tx = weight(ux, i0, image.nx());
        double ty = weight(uy, j0, image.ny());
        double tz = weight(uz, k0, image.nz());
        int i1 = Math.min(i0 + 1, image.nx() - 1);
        int j1 = Math.min(j0 + 1, image.ny() - 1);
        int k1 = Math.min(k0 + 1, image.nz() - 1);
        double c00 = lerp(image.value(i0, j0, k0), image.value(i1, j0, k0), tx);
        double c10 = lerp(image.value(i0, j1, k0), image.value(i1, j1, k0), tx);
        double c01 = lerp(image.value(i0, j0, k1), image.value(i1, j0, k1), tx);
        double c11 = lerp(image.value(i0, j1, k1), image.value(i1, j1, k1), tx);
        return lerp(lerp(c00, c10, ty), lerp(c01, c11, ty), tz);
    }

    /** The lower of the two samples around u, clamped so that the pair stays inside the image. */
    private static int lower(double u, int size) {
        return Math.max(0, Math.min(size - 2, (int) Math.floor(u)));
    }

    /** The weight of the upper sample; 0 and 1 beyond the outermost centres (the edge value holds). */
    private static double weight(double u, int lower, int size) {
        if (size == 1) {
            return 0;
        }
        return Math.max(0, Math.min(1, u - lower));
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}

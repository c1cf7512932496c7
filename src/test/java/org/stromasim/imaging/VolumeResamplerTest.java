package org.stromasim.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;

/**
 * Resampling an image onto the grid against values computed by hand (trilinear weights written out),
 * the exactness of trilinear interpolation for a linear field, its second-order error bound for a smooth
 * field, the edge and coverage rules, and nearest-label sampling.
 */
class VolumeResamplerTest {

    /**
     * 3 × 2 × 2 samples, spacing (10, 20, 40) µm, first centre at (5, 10, 20) µm: extent x [0, 30],
     * y [0, 40], z [0, 80]. Values are arbitrary (not linear), so each weight matters.
     */
    private static ScalarVolume smallImage() {
        float[] v = {
            0, 10, 40, // k = 0, j = 0
            2, 6, 20, //  k = 0, j = 1
            100, 50, 0, // k = 1, j = 0
            8, 8, 16}; //  k = 1, j = 1
        return new ScalarVolume(3, 2, 2, new double[]{10, 20, 40}, new double[]{5, 10, 20}, v);
    }

    private static final Grid3D GRID = new Grid3D(8, 8, 18, 5.0); // 40 × 40 × 90 µm, centres at 2.5 + 5·i

    @Test
    void interiorPointMatchesTheHandComputedTrilinearValue() {
        float[] out = VolumeResampler.trilinear(smallImage(), GRID);
        // Voxel (2, 3, 7): centre (12.5, 17.5, 37.5) µm → u = (0.75, 0.375, 0.4375).
        // Along x: (j0,k0) 0 + 0.75·10 = 7.5; (j1,k0) 2 + 0.75·4 = 5; (j0,k1) 100 − 0.75·50 = 62.5; (j1,k1) 8.
        // Along y (0.375): k0 7.5 − 0.375·2.5 = 6.5625; k1 62.5 − 0.375·54.5 = 42.0625.
        // Along z (0.4375): 6.5625 + 0.4375·35.5 = 22.09375.
        assertEquals(22.09375, out[GRID.index(2, 3, 7)], 1e-5);
        // Voxel (1, 1, 4): centre (7.5, 7.5, 22.5) → u = (0.25, −0.125, 0.0625): y below the first centre
        // holds the j = 0 row. x: k0 2.5, k1 87.5; z: 2.5 + 0.0625·85 = 7.8125.
        assertEquals(7.8125, out[GRID.index(1, 1, 4)], 1e-5);
    }

    @Test
    void betweenTheLastCentreAndTheEdgeTheEdgeValueHolds() {
        float[] out = VolumeResampler.trilinear(smallImage(), GRID);
        // Voxel (5, 6, 2): centre (27.5, 32.5, 12.5) → u = (2.25, 1.125, −0.1875), all beyond the outer
        // centres but inside the extent: the corner sample (2, 1, 0) = 20.
        assertEquals(20f, out[GRID.index(5, 6, 2)]);
    }

    @Test
    void voxelsOutsideTheExtentAreNotCovered() {
        float[] out = VolumeResampler.trilinear(smallImage(), GRID);
        assertTrue(Float.isNaN(out[GRID.index(6, 3, 7)]), "x centre 32.5 > 30");
        assertTrue(Float.isNaN(out[GRID.index(2, 3, 16)]), "z centre 82.5 > 80");
        assertTrue(!Float.isNaN(out[GRID.index(5, 7, 15)]), "x 27.5, y 37.5, z 77.5 are all inside");
        // An image starting at x = 12: voxel i = 2 (centre 12.5) is covered, i = 1 (7.5) is not.
        ScalarVolume shifted = new ScalarVolume(3, 2, 2, new double[]{10, 20, 40}, new double[]{17, 10, 20},
                smallImage().values());
        float[] s = VolumeResampler.trilinear(shifted, GRID);
        assertTrue(Float.isNaN(s[GRID.index(1, 3, 7)]));
        assertTrue(!Float.isNaN(s[GRID.index(2, 3, 7)]));
    }

    /** Trilinear interpolation reproduces any field linear in x, y, z exactly, whatever the spacing and origin. */
    @Test
    void linearFieldIsReproducedExactly() {
        int nx = 7;
        int ny = 5;
        int nz = 6;
        double[] h = {7, 11, 13};
        double[] o = {3, -4, 9};
        float[] v = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    v[i + nx * (j + ny * k)] = (float) linear(o[0] + i * h[0], o[1] + j * h[1], o[2] + k * h[2]);
                }
            }
        }
        ScalarVolume image = new ScalarVolume(nx, ny, nz, h, o, v);
        Grid3D grid = new Grid3D(14, 14, 22, 3.7);
        float[] out = VolumeResampler.trilinear(image, grid);
        int checked = 0;
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    double x = grid.centreX(i);
                    double y = grid.centreY(j);
                    double z = grid.centreZ(k);
                    if (x < o[0] || x > o[0] + (nx - 1) * h[0] || y < o[1] || y > o[1] + (ny - 1) * h[1]
                            || z < o[2] || z > o[2] + (nz - 1) * h[2]) {
                        continue; // the edge zone holds the edge value, not the linear extrapolation
                    }
                    assertEquals(linear(x, y, z), out[grid.index(i, j, k)], 1e-4 * (1 + Math.abs(linear(x, y, z))),
                            "voxel " + i + "," + j + "," + k);
                    checked++;
                }
            }
        }
        assertTrue(checked > 1000, "checked " + checked);
    }

    private static double linear(double x, double y, double z) {
        return 1 + 2 * x - 0.5 * y + 0.25 * z;
    }

    /**
     * For f = sin(x/L)·cos(y/L)·(1 + z/M) the trilinear error is at most Σ h_a²·max|∂²f/∂a²|/8 =
     * h²/(8L²)·2 (the z term vanishes); halving the image spacing must cut the largest error about 4-fold.
     */
    @Test
    void smoothFieldErrorIsSecondOrderWithinTheBound() {
        double lengthUm = 15;
        double e10 = maxError(10, lengthUm);
        double e5 = maxError(5, lengthUm);
        double bound10 = 10 * 10 / (8 * lengthUm * lengthUm) * 2;
        assertTrue(e10 <= bound10 * 1.0001, e10 + " > bound " + bound10);
        assertTrue(e5 <= bound10 / 4 * 1.0001, e5 + " > bound " + bound10 / 4);
        assertTrue(e10 / e5 > 3.5 && e10 / e5 < 4.5, "order: ratio " + e10 / e5);
    }

    private static double maxError(double h, double lengthUm) {
        // Sample centres at 0.5 + h/2 + m·h in x and y, so that the cell midpoints, where the error peaks, fall on
        // grid centres; in z the grid's one layer (centre 0.5) sits on the middle of three sample layers.
        int n = (int) Math.round(200 / h) - 1;
        double c0 = 0.5 + h / 2;
        float[] v = new float[n * n * 3];
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    v[i + n * (j + n * k)] = (float) smooth(c0 + i * h, c0 + j * h, 0.5 + (k - 1) * h, lengthUm);
                }
            }
        }
        ScalarVolume image = new ScalarVolume(n, n, 3, new double[]{h, h, h}, new double[]{c0, c0, 0.5 - h}, v);
        Grid3D grid = new Grid3D(200, 200, 1, 1.0);
        float[] out = VolumeResampler.trilinear(image, grid);
        double worst = 0;
        for (int j = 0; j < 200; j++) {
            for (int i = 0; i < 200; i++) {
                double x = grid.centreX(i);
                double y = grid.centreY(j);
                double last = c0 + (n - 1) * h;
                if (x < c0 || x > last || y < c0 || y > last) {
                    continue;
                }
                worst = Math.max(worst, Math.abs(out[grid.index(i, j, 0)] - smooth(x, y, 0.5, lengthUm)));
            }
        }
        return worst;
    }

    private static double smooth(double x, double y, double z, double lengthUm) {
        return Math.sin(x / lengthUm) * Math.cos(y / lengthUm) * (1 + z / 300);
    }

    @Test
    void labelsTakeTheNearestSampleAndAreNeverAveraged() {
        float[] out = VolumeResampler.nearest(smallImage(), GRID);
        // Voxel (2, 3, 7): u = (0.75, 0.375, 0.4375) → sample (1, 0, 0) = 10.
        assertEquals(10f, out[GRID.index(2, 3, 7)]);
        // Voxel (3, 5, 9): centre (17.5, 27.5, 47.5) → u = (1.25, 0.875, 0.6875) → (1, 1, 1) = 8.
        assertEquals(8f, out[GRID.index(3, 5, 9)]);
        // Halfway between two centres the higher index wins: centres at 0 and 5 µm, grid centre 2.5.
        ScalarVolume pair = new ScalarVolume(2, 1, 1, new double[]{5, 5, 5}, new double[]{0, 2.5, 2.5},
                new float[]{1, 2});
        float[] p = VolumeResampler.nearest(pair, new Grid3D(1, 1, 1, 5.0));
        assertEquals(2f, p[0]);
    }
}

package org.stromasim.tissue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The wall built from the true geometry against the Robin/Krogh cylinder (see {@link KroghFixture}):
 * the perivascular tissue level of the discrete steady state, on the product's lumen and wall area,
 * against the analytic solution at R/dx = 1, 2, 4, 8 (λ = 2R ≥ 2·dx).
 */
class KroghCylinderTest {

    /** Abramowitz & Stegun table 9.8 (K0, K1 at x = 0.5 and 1). */
    @Test
    void besselKOfTheFixtureMatchesTables() {
        assertEquals(0.9244190712, KroghFixture.besselK(0, 0.5), 1e-9);
        assertEquals(1.6564411200, KroghFixture.besselK(1, 0.5), 1e-9);
        assertEquals(0.4210244382, KroghFixture.besselK(0, 1.0), 1e-9);
        assertEquals(0.6019072302, KroghFixture.besselK(1, 1.0), 1e-9);
    }

    /**
     * Relative error of the mean level over the tissue voxels whose centres lie within λ of the wall
     * (R &lt; r ≤ R + λ): the band that the wall area controls. {@code faceCount}: the wall of the voxel
     * mask instead (faces shared with lumen voxels / dx, every centre counted as on the wall: P·S/V),
     * the model this replaces.
     */
    static double perivascularError(double perRadius, boolean faceCount) {
        return perivascularError(perRadius, faceCount, KroghFixture.P_UM_PER_S, KroghFixture.P_UM_PER_S);
    }

    /** The same with wall permeability {@code p} in the model and {@code pExact} in the analytic solution. */
    static double perivascularError(double perRadius, boolean faceCount, double p, double pExact) {
        KroghFixture.Case c = KroghFixture.quarter(perRadius);
        float[] sv = faceCount ? faceCountWall(c) : c.wall().areaPerVolumePerUm();
        float[] distance = faceCount ? null : c.wall().wallDistanceUm();
        double[] numeric = KroghFixture.steadyState(c.grid(), c.lumen(), sv, distance, p);
        double sumNumeric = 0;
        double sumExact = 0;
        for (int v = 0; v < numeric.length; v++) {
            double r = c.radiusOf(v);
            if (!c.lumen()[v] && r > KroghFixture.RADIUS_UM && r <= KroghFixture.RADIUS_UM + KroghFixture.LAMBDA_UM) {
                sumNumeric += numeric[v];
                sumExact += KroghFixture.analytic(r, pExact);
            }
        }
        return Math.abs(sumNumeric / sumExact - 1);
    }

    /** Faces shared with lumen voxels / dx, in the plane (the z faces see the same voxel type). */
    private static float[] faceCountWall(KroghFixture.Case c) {
        int nx = c.grid().nx();
        int ny = c.grid().ny();
        boolean[] lumen = c.lumen();
        float[] sv = new float[lumen.length];
        for (int v = 0; v < lumen.length; v++) {
            int i = v % nx;
            int j = v / nx;
            if (lumen[v]) {
                continue;
            }
            int faces = (i > 0 && lumen[v - 1] ? 1 : 0) + (i < nx - 1 && lumen[v + 1] ? 1 : 0)
                    + (j > 0 && lumen[v - nx] ? 1 : 0) + (j < ny - 1 && lumen[v + nx] ? 1 : 0);
            sv[v] = (float) (faces / c.grid().voxelUm());
        }
        return sv;
    }

    /**
     * Within 5 % from R/dx = 2 on (and at 1: measured 0.0119, 0.0185, 0.0060, 0.0054, 0.0003 at R/dx =
     * 1, 2, 4, 8, 16), and the error falls with refinement: at R/dx = 16 it is below half of what it is
     * at every coarser grid (before the series resistance: 0.153, 0.023, 0.021, 0.021, 0.007). The wall's area is exact to
     * the patch resolution and the tissue between the wall and each voxel centre is a resistance in
     * series with the wall's; what remains is the lumen staircase (which makes single halvings irregular)
     * and the discrete diffusion (see docs/vessel-geometry.md). The voxel-face wall misses by far more,
     * so the test tells the two apart.
     */
    @Test
    void perivascularLevelConvergesToTheRobinKroghSolution() {
        double[] perRadius = {1, 2, 4, 8, 16};
        double[] errors = new double[perRadius.length];
        for (int n = 0; n < perRadius.length; n++) {
            errors[n] = perivascularError(perRadius[n], false);
            System.out.printf("R/dx = %.0f: perivascular level error %.4f%n", perRadius[n], errors[n]);
        }
        for (int n = 1; n < perRadius.length; n++) {
            assertTrue(errors[n] < 0.05, "R/dx = " + perRadius[n] + ": error " + errors[n] + " >= 5 %");
        }
        assertTrue(errors[0] < 0.05, "R/dx = 1: error " + errors[0]);
        for (int n = 0; n < 4; n++) {
            assertTrue(errors[4] < 0.5 * errors[n], "the error falls with refinement: " + java.util.Arrays.toString(errors));
        }
    }

    /**
     * The held wall (C = C_p at r = R; here P = 10⁵ µm/s, P·λ/D = 2·10⁴, whose Robin solution is within
     * 5e-5 of the held one) against C_p·K0(r/λ)/K0(R/λ) at R/dx = 1, 2, 4, 8: the error at least halves
     * with every halving of dx (first order), and at every resolution it is below the voxel-face wall's
     * (which pins every voxel next to the lumen at C_p; first order, 0.605 … 0.073). Without the series
     * resistance of the tissue between the wall and the voxel centre the true wall would pin more voxels
     * and miss by more than the face wall (0.859, 0.283, 0.158, 0.0996). Measured: 0.105, 0.0199, 0.0074,
     * 0.0003.
     */
    @Test
    void heldWallConvergesAtFirstOrderBelowTheVoxelFaceWall() {
        double p = 1e5;
        double[] perRadius = {1, 2, 4, 8};
        double[] errors = new double[perRadius.length];
        for (int n = 0; n < perRadius.length; n++) {
            errors[n] = perivascularError(perRadius[n], false, p, Double.POSITIVE_INFINITY);
            double faces = perivascularError(perRadius[n], true, p, Double.POSITIVE_INFINITY);
            System.out.printf("held wall R/dx = %.0f: error %.4f (voxel faces %.4f)%n", perRadius[n], errors[n], faces);
            assertTrue(errors[n] < faces, "R/dx = " + perRadius[n] + ": " + errors[n] + " not below the voxel-face wall's "
                    + faces);
        }
        for (int n = 1; n < perRadius.length; n++) {
            assertTrue(errors[n] <= 0.5 * errors[n - 1], "first order: " + java.util.Arrays.toString(errors));
        }
    }

    /**
     * The distance the exchange uses is the voxel centre's from the wall: for the straight cylinder
     * r − R at every voxel with wall area (the centre lies outside the vessel), to float rounding.
     */
    @Test
    void wallDistanceIsTheCentresDistanceFromTheCylinder() {
        for (double perRadius : new double[]{0.5, 1, 4}) {
            KroghFixture.Case c = KroghFixture.quarter(perRadius);
            float[] area = c.wall().areaPerVolumePerUm();
            float[] distance = c.wall().wallDistanceUm();
            int walls = 0;
            for (int v = 0; v < area.length; v++) {
                if (area[v] > 0) {
                    double expected = c.radiusOf(v) - KroghFixture.RADIUS_UM;
                    assertTrue(expected >= 0, "a wall voxel's centre inside the vessel: " + v);
                    assertEquals(expected, distance[v], 1e-5 * KroghFixture.RADIUS_UM, "voxel " + v);
                    walls++;
                } else {
                    assertEquals(0f, distance[v], "voxel " + v + " without wall");
                }
            }
            assertTrue(walls > 0, "R/dx = " + perRadius);
        }
    }

    @Test
    void theVoxelFaceWallMissesTheSameTarget() {
        for (double perRadius : new double[]{4, 8}) {
            double error = perivascularError(perRadius, true);
            System.out.printf("R/dx = %.0f: voxel-face wall error %.4f%n", perRadius, error);
            assertTrue(error > 0.15, "R/dx = " + perRadius + ": voxel-face error " + error);
        }
    }
}

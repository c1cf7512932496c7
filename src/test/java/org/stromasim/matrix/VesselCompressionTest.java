package org.stromasim.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.scenario.MatrixCompositionSpec;
import org.stromasim.scenario.VesselCompressionSpec;
import org.stromasim.tissue.CellType;

/**
 * The compression law against Shapiro's (1977) tube law, p_tm/K_p = α^10 − α^−3/2, evaluated forward here
 * (the product inverts it), and the Poiseuille flow of a compressed tube.
 */
class VesselCompressionTest {

    static final double K_P = 1.3;

    static VesselCompression law(double hyaluronanShare) {
        return new VesselCompression(new VesselCompressionSpec(
                new MatrixCompositionSpec.PerCellType(0.0, 0.2, 0.05, 0.3, 0.0), hyaluronanShare, K_P));
    }

    /** Shapiro's tube law forward: the compressive load that leaves the area ratio α. */
    static double loadForArea(double alpha) {
        return K_P * (Math.pow(alpha, -1.5) - Math.pow(alpha, 10));
    }

    /**
     * Rows of the tube law: for area ratios from barely touched to nearly shut, the load the law gives for α
     * returns α (bisection to double precision; 1e-12 relative).
     */
    @Test
    void areaRatioInvertsTheTubeLawRows() {
        VesselCompression law = law(0.5);
        for (double alpha : new double[] {0.999, 0.95, 0.8, 0.5, 0.3, 0.1, 0.02}) {
            assertEquals(alpha, law.areaRatio(loadForArea(alpha)), 1e-12 * alpha, "alpha " + alpha);
        }
        assertEquals(1.0, law.areaRatio(0.0));
        assertEquals(1.0, law.areaRatio(-3.0), "a tensile load does not distend the vessel here");
    }

    /**
     * Hand-worked row: at α = 1/2, load/K_p = 2^1.5 − 2^−10 = 2.828427 − 0.000977 = 2.827450; the flow at
     * the same pressure drop is (A/A₀)² = 1/4 (Poiseuille Q ∝ R⁴ = (A/π)²).
     */
    @Test
    void halfTheAreaCarriesAQuarterOfTheFlow() {
        VesselCompression law = law(0.5);
        assertEquals(0.25, law.perfusedFraction(2.827450 * K_P), 2e-6);
    }

    /** Strictly falling with stress from 1 at no load, never below 0, over six decades of load. */
    @Test
    void perfusedFractionFallsMonotonicallyWithStress() {
        VesselCompression law = law(0.5);
        double previous = law.perfusedFraction(0.0);
        assertEquals(1.0, previous);
        for (double s = 1e-3; s <= 1e3; s *= 1.25) {
            double f = law.perfusedFraction(s);
            assertTrue(f < previous && f > 0, "f(" + s + ") = " + f + " after " + previous);
            previous = f;
        }
    }

    /**
     * σ = ε(cell)·E·(1 − w + w·g), worked by hand: a CAF voxel (ε 0.3) at 20 kPa with half the stress in
     * hyaluronan and the GAG level at 0.4 bears 0.3·20·(0.5 + 0.2) = 4.2 kPa; cancer (ε 0.2) at g = 1 bears
     * 0.2·10 = 2 kPa; lumen bears none.
     */
    @Test
    void solidStressFollowsStiffnessStrainAndHyaluronan() {
        VesselCompression law = law(0.5);
        assertEquals(4.2, law.solidStressKpa(20, CellType.CAF.code(), 0.4), 1e-12);
        assertEquals(2.0, law.solidStressKpa(10, CellType.CANCER.code(), 1.0), 1e-12);
        assertEquals(0.0, law.solidStressKpa(10, CellType.VESSEL.code(), 1.0));
        assertEquals(0.0, law.solidStressKpa(10, CellType.ECM.code(), 1.0));
        assertEquals(4.2 / 0.7 * 0.4, law(1.0).solidStressKpa(20, CellType.CAF.code(), 0.4), 1e-12,
                "all of the stress in hyaluronan: proportional to g");
    }

    /** Voxels without a wall keep 1; a wall voxel gets the tube law's α² at its own stress. */
    @Test
    void perVoxelFractionsOnlyWhereThereIsAWall() {
        VesselCompression law = law(0.0);
        float[] stiffness = {10f, 10f, 10f};
        byte[] cell = {CellType.CANCER.code(), CellType.CANCER.code(), CellType.VESSEL.code()};
        float[] wall = {0.05f, 0f, 0f};
        float[] f = law.perfusedFractions(stiffness, cell, wall, v -> 1.0);
        double alpha = law.areaRatio(2.0);
        assertEquals(Math.pow(alpha, -1.5) - Math.pow(alpha, 10), 2.0 / K_P, 1e-12);
        assertEquals(alpha * alpha, f[0], 1e-7);
        assertEquals(1f, f[1]);
        assertEquals(1f, f[2]);
    }
}

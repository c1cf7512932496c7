package org.stromasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * The depth profile below the tumour boundary against analytic exposure profiles A·exp(−x/λ), x the depth
 * below the boundary surface: the half-depth beyond the rim shell is λ·ln 2 (docs/parameters.md §7, "1D
 * first-order uptake": half-distance = λ ln 2).
 */
class TumourDepthProfileTest {

    private static final double DX = 10.0;

    @Test
    void slabNestWithExponentialExposureHasHalfDepthLambdaLn2() {
        // x < 5: stroma; x ≥ 5: tumour to the far face. Depth of voxel i is (i − 4)·dx to the nearest stroma
        // centre, i.e. (i − 4.5)·dx below the boundary surface.
        Grid3D grid = new Grid3D(60, 3, 3, DX);
        double lambda = 55.0;
        Tissue t = tissue(grid, (i, j, k) -> i >= 5);
        fillExposure(t, v -> {
            int i = v % grid.nx();
            return i >= 5 ? 200.0 * Math.exp(-(i - 4.5) * DX / lambda) : 0.0;
        });
        PenetrationProfile p = exposureProfile(t);
        assertEquals(55, p.shellCount(), "one shell per voxel layer of the slab");
        assertEquals(200.0 * Math.exp(-0.5 * DX / lambda), p.firstShellMean(), 1e-4, "rim = first voxel layer");
        // Linear interpolation of an exponential between shell centres 10 µm apart: error ≪ a voxel.
        assertEquals(lambda * Math.log(2), p.halfDepthUm(), 0.05 * DX);
        assertTrue(Double.isNaN(p.notReachedBeyondUm()));
    }

    @Test
    void sphericalNestWithExponentialExposureHasHalfDepthWithinAVoxel() {
        Grid3D grid = new Grid3D(48, 48, 48, DX);
        double radius = 21.0; // voxels
        double c = 23.5;
        double lambda = 40.0;
        Tissue t = tissue(grid, (i, j, k) -> r(i, j, k, c) <= radius);
        fillExposure(t, v -> {
            int i = v % 48;
            int j = (v / 48) % 48;
            int k = v / (48 * 48);
            double depthUm = (radius - r(i, j, k, c)) * DX;
            return depthUm >= 0 ? 1e3 * Math.exp(-depthUm / lambda) : 0.0;
        });
        PenetrationProfile p = exposureProfile(t);
        assertEquals(lambda * Math.log(2), p.halfDepthUm(), DX, "within a voxel of λ ln 2");
    }

    @Test
    void aProfileThatNeverHalvesIsReportedAsBeyondItsExtent() {
        Grid3D grid = new Grid3D(30, 3, 3, DX);
        Tissue t = tissue(grid, (i, j, k) -> i >= 10);
        fillExposure(t, v -> v % 30 >= 10 ? 100.0 - (v % 30) : 0.0); // 90 → 71: never half
        PenetrationProfile p = exposureProfile(t);
        assertTrue(Double.isNaN(p.halfDepthUm()));
        assertEquals(19 * DX, p.notReachedBeyondUm(), 1e-9, "20 shells, the last 19 dx beyond the rim");
        assertEquals("> 190 µm (not reached)", PenetrationProfile.describeHalfDepth(p.halfDepthUm(), p.notReachedBeyondUm()));
        assertEquals("41.2 µm", PenetrationProfile.describeHalfDepth(41.21, Double.NaN));
        assertEquals("n/a", PenetrationProfile.describeHalfDepth(Double.NaN, Double.NaN));
    }

    @Test
    void aPlanKnowsWhenTheCellsChanged() {
        Grid3D grid = new Grid3D(20, 3, 3, DX);
        Tissue t = tissue(grid, (i, j, k) -> i >= 5);
        ReductionPlan plan = ReductionPlan.of(t, 0, 1.0);
        assertTrue(plan.builtFrom(t));
        assertEquals(15 * 9, plan.cancerVoxels());
        t.cell()[grid.index(10, 1, 1)] = CellType.DEAD.code();
        assertFalse(plan.builtFrom(t));
        ReductionPlan rebuilt = ReductionPlan.of(t, 0, 1.0);
        assertEquals(15 * 9 - 1, rebuilt.cancerVoxels());
        long depthVoxels = 0;
        for (int s = 0; s < rebuilt.depthShellCount(); s++) {
            depthVoxels += rebuilt.depthShellVoxels(s);
        }
        assertEquals(15 * 9, depthVoxels, "a dead voxel stays in the nest: the depth shells do not change");
    }

    private interface VoxelTest {
        boolean at(int i, int j, int k);
    }

    private static double r(int i, int j, int k, double c) {
        return Math.sqrt((i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c));
    }

    private static Tissue tissue(Grid3D grid, VoxelTest tumour) {
        Tissue t = new Tissue(grid, List.of("drug"));
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    t.cell()[grid.index(i, j, k)] = tumour.at(i, j, k) ? CellType.CANCER.code() : CellType.ECM.code();
                }
            }
        }
        java.util.Arrays.fill(t.vesselDistanceUm(), Float.POSITIVE_INFINITY);
        return t;
    }

    private static void fillExposure(Tissue t, ToDoubleFunction<Integer> exposure) {
        float[] e = t.drugExposure();
        for (int v = 0; v < e.length; v++) {
            e[v] = (float) exposure.applyAsDouble(v);
        }
    }

    private static PenetrationProfile exposureProfile(Tissue t) {
        ReductionPlan plan = ReductionPlan.of(t, 0, 1.0);
        StateReductions r = plan.onHost(t);
        long[] count = new long[plan.depthShellCount()];
        for (int s = 0; s < count.length; s++) {
            count[s] = plan.depthShellVoxels(s);
        }
        return PenetrationProfile.fromShellSums(plan.voxelUm(), r.depthExposureSum(), count);
    }
}

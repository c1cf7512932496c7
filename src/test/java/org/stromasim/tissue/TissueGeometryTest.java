package org.stromasim.tissue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.tissue.TestScenarios.sphere;
import static org.stromasim.tissue.TestScenarios.v;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.GridSpec;
import org.stromasim.scenario.TissueSpec;
import org.stromasim.scenario.Vec3;

/** Voxel counts of nests, shells and vessels against their analytic volumes. */
class TissueGeometryTest {

    private static final TissueSpec.Fibroblasts NONE = new TissueSpec.Fibroblasts(0, 0, 0, 0);

    private static BuiltTissue build(GridSpec grid, TissueSpec tissue) {
        return TissueBuilder.buildWithRegions(TestScenarios.scenario(grid, 1L, null, tissue));
    }

    private static long countCells(Tissue t, CellType type) {
        long n = 0;
        for (byte b : t.cell()) {
            if (b == type.code()) {
                n++;
            }
        }
        return n;
    }

    /** Sphere of radius 20 voxels: voxel count within 1 % of 4/3·π·r³ (lattice-point error ~0.1 %). */
    @Test
    void sphereNestVolume() {
        BuiltTissue b = build(new GridSpec(64, 64, 64, 10), TestScenarios.tissue(
                List.of(sphere(320, 320, 320, 200)), 0, NONE, List.of()));
        double expected = 4.0 / 3 * Math.PI * Math.pow(20, 3);
        long cancer = countCells(b.tissue(), CellType.CANCER);
        assertEquals(expected, cancer, 0.01 * expected);
        assertEquals(cancer, b.regions().count(TissueRegion.TUMOUR));
        assertEquals(0, b.regions().count(TissueRegion.STROMA));
    }

    /** Shell of 5 voxels around that sphere: within 1.5 % of 4/3·π·((r + t)³ − r³). */
    @Test
    void stromaShellVolume() {
        BuiltTissue b = build(new GridSpec(64, 64, 64, 10), TestScenarios.tissue(
                List.of(sphere(320, 320, 320, 200)), 50, NONE, List.of()));
        double expected = 4.0 / 3 * Math.PI * (Math.pow(25, 3) - Math.pow(20, 3));
        assertEquals(expected, b.regions().count(TissueRegion.STROMA), 0.015 * expected);
        // Stroma voxels are matrix: no cancer cells there.
        byte[] regions = b.regions().codes();
        for (int v = 0; v < regions.length; v++) {
            if (regions[v] == TissueRegion.STROMA.code()) {
                assertEquals(CellType.ECM.code(), b.tissue().cell()[v], "voxel " + v);
            }
        }
    }

    /** Ellipsoid with radii 200, 120, 80 µm: within 1.5 % of 4/3·π·abc. */
    @Test
    void ellipsoidNestVolume() {
        BuiltTissue b = build(new GridSpec(50, 40, 30, 10), TestScenarios.tissue(
                List.of(new TissueSpec.Nest(v(250, 200, 150), v(200, 120, 80))), 0, NONE, List.of()));
        double expected = 4.0 / 3 * Math.PI * 20 * 12 * 8;
        assertEquals(expected, countCells(b.tissue(), CellType.CANCER), 0.015 * expected);
    }

    /**
     * An oblique capped segment inside the domain: every voxel centre within r of the axis; the count
     * within 3 % of πr²L + 4/3·πr³ (capsule volume).
     */
    @Test
    void straightVesselIsCapsuleOfGivenRadius() {
        Grid3D g = new Grid3D(40, 40, 60, 10);
        double[] a = {50, 80, 30};
        double[] c = {350, 300, 500};
        double r = 30;
        BuiltTissue b = build(new GridSpec(40, 40, 60, 10), TestScenarios.tissue(List.of(), 0, NONE,
                List.of(new TissueSpec.StraightVessel(v(a[0], a[1], a[2]), v(c[0], c[1], c[2]), r))));
        double len = Math.sqrt(300 * 300 + 220 * 220 + 470 * 470);
        double expected = (Math.PI * r * r * len + 4.0 / 3 * Math.PI * r * r * r) / g.voxelVolumeUm3();
        long count = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (b.tissue().cell()[g.index(i, j, k)] == CellType.VESSEL.code()) {
                        count++;
                        double d = distanceToSegment(g.centreX(i), g.centreY(j), g.centreZ(k), a, c);
                        assertTrue(d <= r + 1e-9, "vessel voxel (" + i + "," + j + "," + k + ") is " + d + " µm from the axis");
                    }
                }
            }
        }
        assertEquals(expected, count, 0.03 * expected);
        assertEquals(count, b.regions().count(TissueRegion.VESSEL));
    }

    /**
     * A vessel entering through face x = 0 and leaving through x = 300 µm is clipped there: between two
     * parallel planes a cylinder has volume πr²·(axis length between them); count within 3 % of that.
     */
    @Test
    void vesselCrossingTheDomainIsClipped() {
        BuiltTissue b = build(new GridSpec(30, 30, 40, 10), TestScenarios.tissue(List.of(), 0, NONE,
                List.of(new TissueSpec.StraightVessel(v(-100, 120, 50), v(400, 170, 350), 25))));
        // The axis is inside x ∈ [0, 300] for t ∈ [0.2, 0.8]; there y and z stay ≥ r away from other faces.
        double inside = Math.sqrt(500 * 500 + 50 * 50 + 300 * 300) * 0.6;
        double expected = Math.PI * 25 * 25 * inside / 1000;
        assertEquals(expected, b.regions().count(TissueRegion.VESSEL), 0.03 * expected);
    }

    /** A capillary thinner than a voxel still appears as a 26-connected line. */
    @Test
    void thinVesselIsNotLost() {
        Grid3D g = new Grid3D(30, 30, 30, 20);
        BuiltTissue b = build(new GridSpec(30, 30, 30, 20), TestScenarios.tissue(List.of(), 0, NONE,
                List.of(new TissueSpec.StraightVessel(v(33, 47, 51), v(555, 380, 471), 4))));
        boolean[] lumen = lumen(b.tissue());
        assertTrue(b.regions().count(TissueRegion.VESSEL) >= 26, "at least one voxel per voxel length along the longest axis");
        assertEquals(1, Connectivity.components(g, lumen, true).size());
    }

    /** Vessels overwrite cancer; cancer overwrites stroma and fibroblasts. */
    @Test
    void overwriteOrder() {
        Grid3D g = new Grid3D(40, 40, 40, 10);
        BuiltTissue b = build(new GridSpec(40, 40, 40, 10), TestScenarios.tissue(
                List.of(sphere(200, 200, 200, 100)), 40, new TissueSpec.Fibroblasts(1, 1, 0, 0),
                List.of(new TissueSpec.StraightVessel(v(200, 200, -10), v(200, 200, 410), 20))));
        byte[] cell = b.tissue().cell();
        assertEquals(CellType.VESSEL.code(), cell[g.index(20, 20, 20)]); // nest centre, on the vessel axis
        assertEquals(CellType.CANCER.code(), cell[g.index(25, 20, 20)]); // inside the nest, off the vessel
        assertEquals(CellType.FIBROBLAST.code(), cell[g.index(31, 20, 20)]); // shell, fraction 1
        assertEquals(CellType.FIBROBLAST.code(), cell[g.index(0, 0, 0)]); // normal, fraction 1
        assertEquals(TissueRegion.STROMA, b.regions().regionAt(g.index(31, 20, 20)));
        assertEquals(TissueRegion.VESSEL, b.regions().regionAt(g.index(20, 20, 0)));
    }

    static boolean[] lumen(Tissue t) {
        boolean[] m = new boolean[t.cell().length];
        for (int v = 0; v < m.length; v++) {
            m[v] = t.cell()[v] == CellType.VESSEL.code();
        }
        return m;
    }

    private static double distanceToSegment(double x, double y, double z, double[] a, double[] b) {
        Vec3 p = v(x - a[0], y - a[1], z - a[2]);
        Vec3 e = v(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
        double t = Math.max(0, Math.min(1, p.dot(e) / e.dot(e)));
        return p.minus(e.times(t)).norm();
    }
}

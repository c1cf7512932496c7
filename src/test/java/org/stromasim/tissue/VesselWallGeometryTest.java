package org.stromasim.tissue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.TissueSpec.RandomWalkVessel;
import org.stromasim.scenario.Vec3;

/**
 * Totals of the wall built from segments against the geometry's own analytic area and volume: a
 * cylinder of radius R and length L has side 2πRL and volume πR²L, a free end adds a hemisphere
 * (2πR², 2πR³/3), and two perpendicular cylinders of one radius share the Steinmetz solid (their
 * union loses 16R² of side and 16R³/3 of volume). Tolerance 2 % (the claim) at R/dx ≥ 1.
 */
class VesselWallGeometryTest {

    private static final double R = 10;

    private record Totals(double areaUm2, double volumeUm3, double unplacedUm2, float maxFraction) {
    }

    private static Totals totals(Grid3D grid, List<VesselSegment> segments) {
        boolean[] lumen = VesselPainter.lumenMask(grid, segments);
        VesselWallGeometry.Built built = VesselWallGeometry.build(grid, segments, lumen);
        double volume = grid.voxelVolumeUm3();
        double area = 0;
        double inside = 0;
        float max = 0;
        for (int v = 0; v < lumen.length; v++) {
            float sv = built.wall().areaPerVolumePerUm()[v];
            assertTrue(!lumen[v] || sv == 0f, "lumen voxel " + v + " holds wall area");
            area += sv * volume;
            inside += built.wall().volumeFraction()[v] * volume;
            max = Math.max(max, built.wall().volumeFraction()[v]);
        }
        return new Totals(area, inside, built.unplacedAreaUm2(), max);
    }

    private static void assertWithin2Percent(double expected, double actual, String what) {
        assertEquals(expected, actual, 0.02 * expected, what);
    }

    @Test
    void straightVesselAcrossTheGridAtOneAndTwoVoxelsPerRadius() {
        for (double perRadius : new double[]{1, 2}) {
            double dx = R / perRadius;
            Grid3D grid = new Grid3D((int) (200 / dx), (int) (60 / dx), (int) (60 / dx), dx);
            double lx = grid.sizeXUm();
            // off the voxel lattice, ends (and caps) outside the grid
            List<VesselSegment> v = List.of(new VesselSegment(new double[]{-3 * R, 29.3, 31.7},
                    new double[]{lx + 3 * R, 29.3, 31.7}, R));
            Totals t = totals(grid, v);
            assertWithin2Percent(2 * Math.PI * R * lx, t.areaUm2(), "wall area at R/dx = " + perRadius);
            assertWithin2Percent(Math.PI * R * R * lx, t.volumeUm3(), "volume at R/dx = " + perRadius);
            assertEquals(0.0, t.unplacedUm2());
        }
    }

    @Test
    void obliqueVesselAlong123WithTwoFreeEnds() {
        for (double perRadius : new double[]{1, 2}) {
            double dx = R / perRadius;
            Grid3D grid = new Grid3D((int) (120 / dx), (int) (180 / dx), (int) (240 / dx), dx);
            double[] a = {31.1, 29.7, 30.3};
            double s = 50;
            double[] b = {a[0] + s, a[1] + 2 * s, a[2] + 3 * s};
            double length = s * Math.sqrt(14);
            Totals t = totals(grid, List.of(new VesselSegment(a, b, R)));
            assertWithin2Percent(2 * Math.PI * R * length + 4 * Math.PI * R * R, t.areaUm2(), "wall area");
            assertWithin2Percent(Math.PI * R * R * length + 4.0 / 3 * Math.PI * R * R * R, t.volumeUm3(), "volume");
            assertEquals(0.0, t.unplacedUm2());
        }
    }

    @Test
    void randomWalkVesselIsATubeOfItsLength() {
        double dx = R;
        Grid3D grid = new Grid3D(80, 80, 80, dx);
        double length = 600;
        RandomWalkVessel walk = new RandomWalkVessel(new Vec3(400, 400, 100), new Vec3(0.2, 0.1, 1), length, 20, 15, R);
        List<VesselSegment> segments = VesselPainter.segments(List.of(walk), 42L);
        assertTrue(segments.size() == 30, "30 steps of 20 µm");
        Totals t = totals(grid, segments);
        // a tube along a polyline: 2πRL up to second order in the turn angles (15° s.d.)
        assertWithin2Percent(2 * Math.PI * R * length + 4 * Math.PI * R * R, t.areaUm2(), "wall area");
        assertWithin2Percent(Math.PI * R * R * length + 4.0 / 3 * Math.PI * R * R * R, t.volumeUm3(), "volume");
        assertEquals(0.0, t.unplacedUm2());
    }

    @Test
    void crossingVesselsShareTheirSteinmetzSolid() {
        double dx = R / 2;
        Grid3D grid = new Grid3D(40, 40, 12, dx);
        double l = grid.sizeXUm();
        double z = 30.2;
        List<VesselSegment> cross = List.of(
                new VesselSegment(new double[]{-3 * R, 100.3, z}, new double[]{l + 3 * R, 100.3, z}, R),
                new VesselSegment(new double[]{99.6, -3 * R, z}, new double[]{99.6, l + 3 * R, z}, R));
        Totals t = totals(grid, cross);
        assertWithin2Percent(2 * 2 * Math.PI * R * l - 16 * R * R, t.areaUm2(), "wall area of the union");
        assertWithin2Percent(2 * Math.PI * R * R * l - 16.0 / 3 * R * R * R, t.volumeUm3(), "volume of the union");
    }

    @Test
    void capillaryThinnerThanAVoxelHasWallAreaAndAPartialFraction() {
        double dx = 20;
        double r = 4;
        Grid3D grid = new Grid3D(20, 8, 8, dx);
        double lx = grid.sizeXUm();
        List<VesselSegment> v = List.of(new VesselSegment(new double[]{-10, 77.7, 81.3}, new double[]{lx + 10, 77.7, 81.3}, r));
        Totals t = totals(grid, v);
        assertWithin2Percent(2 * Math.PI * r * lx, t.areaUm2(), "wall area");
        assertWithin2Percent(Math.PI * r * r * lx, t.volumeUm3(), "volume");
        assertTrue(t.maxFraction() < 0.5f, "no voxel is mostly vessel: " + t.maxFraction());
        assertEquals(0.0, t.unplacedUm2());
    }
}

package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.transport.ScenarioFixture.SpeciesFixture;

/**
 * The face sums both backends take their explicit limit and RKL2 stage counts from, against sums
 * written out by hand: D = 4, 1, 4 µm²/s along one axis (three voxels) and uniform across the other two
 * (two voxels each, so the axes cannot be mixed up). The harmonic mean of 4 and 1 is 2·4·1/5 = 1.6, of
 * equal D is D, a held face adds 2·D_v. An end voxel (D = 4) has 1.6 along the axis and 4 + 4 across:
 * 9.6; the middle one 1.6 + 1.6 + 1 + 1 = 5.2.
 */
class FaceSumsTest {

    private static final float[] LINE = {4f, 1f, 4f};

    private static double sum(int axis, float[] line, UnaryOperator<SpeciesFixture> faces) {
        int[] size = {2, 2, 2};
        size[axis] = 3;
        Grid3D grid = new Grid3D(size[0], size[1], size[2], 10.0);
        float[] d = new float[grid.voxelCount()];
        for (int k = 0; k < size[2]; k++) {
            for (int j = 0; j < size[1]; j++) {
                for (int i = 0; i < size[0]; i++) {
                    d[grid.index(i, j, k)] = line[new int[] {i, j, k}[axis]];
                }
            }
        }
        SpeciesBoundaries bc = SpeciesBoundaries.of(faces.apply(species("s").d0(1)).build());
        return FaceSums.maxFaceSum(grid, d, bc);
    }

    @Test
    void zeroFluxFacesAddNothing() {
        for (int axis = 0; axis < 3; axis++) {
            assertEquals(9.6, sum(axis, LINE, s -> s), 1e-12, "axis " + axis);
        }
    }

    @Test
    void aHeldFaceAddsTwiceTheVoxelsOwnDiffusivity() {
        assertEquals(9.6 + 2 * 4, sum(0, LINE, s -> s.fixed(Face.X_MIN, 1.0)), 1e-12);
        assertEquals(9.6 + 2 * 4, sum(1, LINE, s -> s.fixed(Face.Y_MAX, 1.0)), 1e-12);
        assertEquals(9.6 + 2 * 4, sum(2, LINE, s -> s.fixed(Face.Z_MIN, 0.0)), 1e-12);
    }

    @Test
    void aPeriodicFaceCouplesToTheVoxelOnTheOtherSide() {
        for (int axis = 0; axis < 3; axis++) {
            final int a = axis;
            assertEquals(9.6 + 4, sum(axis, LINE, s -> s.periodic(a)), 1e-12, "axis " + axis);
            // D = 4, 1, 2: the low end couples to D = 2 across the periodic face (2·4·2/6), not to its neighbour
            assertEquals(1.6 + 16.0 / 6 + 8, sum(axis, new float[] {4f, 1f, 2f}, s -> s.periodic(a)), 1e-12,
                    "axis " + axis);
        }
    }

    @Test
    void aBlockedVoxelBlocksItsFacesAndIsPassedOver() {
        Grid3D grid = new Grid3D(3, 1, 1, 10.0);
        SpeciesBoundaries bc = SpeciesBoundaries.of(species("s").d0(1).fixed(Face.X_MIN, 1.0).build());
        assertEquals(2 * 4 + 0, FaceSums.maxFaceSum(grid, new float[] {4f, 0f, 4f}, bc), 1e-12);
        assertEquals(0.0, FaceSums.maxFaceSum(grid, new float[] {0f, 0f, 0f}, bc));
    }

    @Test
    void planeRangesTileTheWholeGrid() {
        Grid3D grid = new Grid3D(1, 1, 3, 10.0);
        SpeciesBoundaries bc = SpeciesBoundaries.of(species("s").d0(1).build());
        assertEquals(1.6, FaceSums.maxFaceSum(grid, LINE.clone(), bc, 0, 1), 1e-12);
        assertEquals(3.2, FaceSums.maxFaceSum(grid, LINE.clone(), bc, 1, 2), 1e-12);
        assertEquals(1.6, FaceSums.maxFaceSum(grid, LINE.clone(), bc, 2, 3), 1e-12);
    }
}

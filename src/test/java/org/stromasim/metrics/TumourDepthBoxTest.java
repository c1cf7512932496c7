package org.stromasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.VesselDistanceTransform;

/** The depth map computed over the tumour's grown bounding box equals the transform over the whole grid. */
class TumourDepthBoxTest {

    /** Two blobs of cancer and dead voxels, one touching three domain faces, in matrix. */
    private static byte[] nests(Grid3D g, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] cell = new byte[g.voxelCount()];
        java.util.Arrays.fill(cell, CellType.ECM.code());
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double a = Math.hypot(Math.hypot(i - 9, j - 8), k - 7);
                    double b = Math.hypot(Math.hypot(i - 1, j - 20), k - 1);
                    if (a < 5.5 + random.nextDouble() || b < 4 + random.nextDouble()) {
                        cell[g.index(i, j, k)] = random.nextDouble() < 0.2 ? CellType.DEAD.code() : CellType.CANCER.code();
                    }
                }
            }
        }
        return cell;
    }

    @Test
    void boxTransformEqualsWholeGridTransform() {
        Grid3D g = new Grid3D(26, 23, 17, 20);
        byte[] cell = nests(g, 5);
        boolean[] outside = new boolean[cell.length];
        for (int v = 0; v < cell.length; v++) {
            outside[v] = !TumourDepth.isTumour(cell[v]);
        }
        float[] whole = new float[cell.length];
        VesselDistanceTransform.compute(g, outside, whole);

        TumourDepth box = TumourDepth.of(g, cell);
        assertTrue(box.depthUm().length < cell.length, "the box is smaller than the grid here");
        float[] fromBox = new float[cell.length];
        int[] visited = {0};
        box.forEachTumourVoxel((v, d) -> {
            fromBox[v] = d;
            visited[0]++;
        });
        int tumour = 0;
        for (int v = 0; v < cell.length; v++) {
            if (!outside[v]) {
                tumour++;
            }
            assertEquals(whole[v], fromBox[v], 0f, "voxel " + v);
        }
        assertEquals(tumour, visited[0], "every tumour voxel is visited once");
    }

    @Test
    void noTumourGivesAnEmptyMap() {
        Grid3D g = new Grid3D(4, 4, 4, 10);
        byte[] cell = new byte[g.voxelCount()];
        java.util.Arrays.fill(cell, CellType.ECM.code());
        TumourDepth none = TumourDepth.of(g, cell);
        assertEquals(0, none.depthUm().length);
        assertEquals(0, none.maxFiniteDepthUm());
    }
}

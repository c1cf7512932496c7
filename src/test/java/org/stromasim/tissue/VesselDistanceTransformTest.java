package org.stromasim.tissue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;

class VesselDistanceTransformTest {

    /** Brute force: min over marked voxels of the Euclidean distance between centres. */
    private static float[] bruteForce(Grid3D g, boolean[] marked) {
        float[] out = new float[g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double best = Double.POSITIVE_INFINITY;
                    for (int c = 0; c < g.nz(); c++) {
                        for (int b = 0; b < g.ny(); b++) {
                            for (int a = 0; a < g.nx(); a++) {
                                if (marked[g.index(a, b, c)]) {
                                    double d2 = (a - i) * (a - i) + (b - j) * (b - j) + (c - k) * (c - k);
                                    best = Math.min(best, d2);
                                }
                            }
                        }
                    }
                    out[g.index(i, j, k)] = (float) (Math.sqrt(best) * g.voxelUm());
                }
            }
        }
        return out;
    }

    @Test
    void equalsBruteForceOnRandomGrids() {
        SplittableRandom rnd = new SplittableRandom(12345);
        for (int trial = 0; trial < 40; trial++) {
            Grid3D g = new Grid3D(1 + rnd.nextInt(9), 1 + rnd.nextInt(9), 1 + rnd.nextInt(9), 0.5 + 20 * rnd.nextDouble());
            double density = trial % 4 == 0 ? 0.005 : 0.02 + 0.3 * rnd.nextDouble();
            boolean[] marked = new boolean[g.voxelCount()];
            for (int v = 0; v < marked.length; v++) {
                marked[v] = rnd.nextDouble() < density;
            }
            float[] edt = new float[g.voxelCount()];
            VesselDistanceTransform.compute(g, marked, edt);
            float[] expected = bruteForce(g, marked);
            for (int v = 0; v < edt.length; v++) {
                // Both are sqrt(integer)·dx rounded to float once: identical.
                assertEquals(expected[v], edt[v], 0f, "trial " + trial + " grid " + g + " voxel " + v);
            }
        }
    }

    @Test
    void noMarkedVoxelGivesInfinityEverywhere() {
        Grid3D g = new Grid3D(5, 4, 3, 10);
        float[] edt = new float[g.voxelCount()];
        VesselDistanceTransform.compute(g, new boolean[g.voxelCount()], edt);
        for (float d : edt) {
            assertEquals(Float.POSITIVE_INFINITY, d);
        }
    }

    @Test
    void singleVoxelGivesEuclideanDistanceInMicrometres() {
        Grid3D g = new Grid3D(10, 8, 6, 20);
        boolean[] marked = new boolean[g.voxelCount()];
        marked[g.index(0, 0, 0)] = true;
        float[] edt = new float[g.voxelCount()];
        VesselDistanceTransform.compute(g, marked, edt);
        assertEquals(0f, edt[g.index(0, 0, 0)]);
        assertEquals((float) (20 * Math.sqrt(9 * 9 + 7 * 7 + 5 * 5)), edt[g.index(9, 7, 5)], 1e-4f);
        assertEquals(60f, edt[g.index(3, 0, 0)], 0f);
    }

    @Test
    void rejectsMismatchedArrays() {
        Grid3D g = new Grid3D(2, 2, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VesselDistanceTransform.compute(g, new boolean[7], new float[8]));
        assertEquals("mask and output must have 8 voxels", e.getMessage());
    }
}

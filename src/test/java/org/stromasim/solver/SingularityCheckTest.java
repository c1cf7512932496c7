package org.stromasim.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Face;

/**
 * The solver's refusal of singular problems on its computed fine level, against a union-find written
 * here: voxels with K &gt; 0 on both sides of a face (across the wrap on a periodic axis) are joined,
 * and a region is anchored by a voxel with a &gt; 0 or a voxel with K &gt; 0 on a held domain face; a
 * K = 0 voxel is its own region. The solver must refuse exactly when some region is not anchored,
 * naming the first such voxel in x-fastest order. Random grids with holes, sparse absorption and
 * random periodic, held and zero-flux faces.
 */
class SingularityCheckTest {

    /**
     * The operator-dependent hierarchy keeps a stored fine level; its refusal is the same check: a half
     * walled off by a K = 0 plane with a = 0 and no held face of its own is refused, and accepted once
     * its far face is held.
     */
    @Test
    void aStoredFineLevelRefusesAWalledOffHalfAndAcceptsItWhenHeld() {
        int n = 16;
        float[] k = new float[n * n * n];
        for (int v = 0; v < k.length; v++) {
            k[v] = v % n == n / 2 ? 0f : 1f;
        }
        double[] a = new double[k.length];
        for (int v = 0; v < k.length; v++) {
            a[v] = k[v] == 0 ? 1.0 : 0.0;
        }
        Map<Face, FaceCondition> oneSide = new EnumMap<>(Face.class);
        oneSide.put(Face.X_MIN, FaceCondition.fixed(1));
        MultigridSolver refused = MultigridSolver.create(n, n, n, 1.0, k, oneSide, Coarsening.OPERATOR_DEPENDENT);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> refused.setAbsorption(a));
        assertTrue(e.getMessage().contains("singular") && e.getMessage().contains("(" + (n / 2 + 1) + ", 0, 0)"),
                e.getMessage());
        Map<Face, FaceCondition> bothSides = new EnumMap<>(oneSide);
        bothSides.put(Face.X_MAX, FaceCondition.fixed(0));
        MultigridSolver.create(n, n, n, 1.0, k, bothSides, Coarsening.OPERATOR_DEPENDENT).setAbsorption(a);
    }

    @Test
    void refusesExactlyTheUnanchoredRegionsOfRandomProblems() {
        Random random = new Random(3);
        int refused = 0;
        int accepted = 0;
        for (int trial = 0; trial < 400; trial++) {
            // up to 8³: grids of at most 64 cells are one stored level, larger ones the computed fine level
            int nx = 1 + random.nextInt(8);
            int ny = 1 + random.nextInt(8);
            int nz = 1 + random.nextInt(8);
            int n = nx * ny * nz;
            float[] k = new float[n];
            double[] a = new double[n];
            double holes = random.nextDouble() * 0.15;
            double absorbing = random.nextDouble() * 0.6;
            for (int v = 0; v < n; v++) {
                k[v] = random.nextDouble() < holes ? 0f : (float) (0.1 + random.nextDouble());
                a[v] = random.nextDouble() < absorbing ? 1.0 : 0.0;
            }
            Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
            boolean[] periodic = new boolean[3];
            boolean[] held = new boolean[6];
            for (int axis = 0; axis < 3; axis++) {
                int kind = random.nextInt(4);
                if (kind == 0) {
                    periodic[axis] = true;
                    faces.put(Face.values()[2 * axis], FaceCondition.PERIODIC);
                    faces.put(Face.values()[2 * axis + 1], FaceCondition.PERIODIC);
                } else {
                    for (int side = 0; side < 2; side++) {
                        if (random.nextInt(kind + 1) == 0) {
                            held[2 * axis + side] = true;
                            faces.put(Face.values()[2 * axis + side], FaceCondition.fixed(1));
                        }
                    }
                }
            }
            int expected = firstUnanchored(nx, ny, nz, k, a, periodic, held);
            MultigridSolver solver = MultigridSolver.create(nx, ny, nz, 1.0, k, faces);
            String what = "trial " + trial + " (" + nx + "×" + ny + "×" + nz + ")";
            try {
                solver.setAbsorption(a);
                assertEquals(-1, expected, what + ": accepted, but voxel " + expected + " is in an unanchored region");
                accepted++;
            } catch (IllegalArgumentException e) {
                assertTrue(expected >= 0, what + ": refused a well-posed problem: " + e.getMessage());
                String voxel = "(" + expected % nx + ", " + expected / nx % ny + ", " + expected / (nx * ny) + ")";
                assertTrue(e.getMessage().contains(voxel), what + ": expected " + voxel + " in " + e.getMessage());
                refused++;
            }
        }
        System.out.printf("singularity check: %d refused, %d accepted%n", refused, accepted);
        assertTrue(refused > 50 && accepted > 50, "refused " + refused + ", accepted " + accepted + ": both kinds must occur");
    }

    /**
     * An 8×4×4 block (more than {@link MultigridSolver#COARSEST_CELLS}, so the computed fine level) cut
     * at x = 4 by a K = 0 wall (a = 1 in the wall), a = 1 only at x = 7: the part x &lt; 4 reaches an
     * absorbing voxel only across the periodic x wrap (x = 0 next to x = 7), so it is accepted with
     * periodic x faces and refused at (0, 0, 0) with zero-flux ones.
     */
    @Test
    void regionAnchoredOnlyAcrossThePeriodicWrapIsAccepted() {
        int nx = 8;
        int ny = 4;
        int nz = 4;
        float[] k = new float[nx * ny * nz];
        double[] a = new double[k.length];
        for (int v = 0; v < k.length; v++) {
            int i = v % nx;
            k[v] = i == 4 ? 0f : 1f;
            a[v] = i == 4 || i == 7 ? 1.0 : 0.0;
        }
        Map<Face, FaceCondition> periodicX = new EnumMap<>(Face.class);
        periodicX.put(Face.X_MIN, FaceCondition.PERIODIC);
        periodicX.put(Face.X_MAX, FaceCondition.PERIODIC);
        MultigridSolver.create(nx, ny, nz, 1.0, k, periodicX).setAbsorption(a);
        MultigridSolver closed = MultigridSolver.create(nx, ny, nz, 1.0, k, Map.of());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> closed.setAbsorption(a));
        assertTrue(e.getMessage().contains("(0, 0, 0)"), e.getMessage());
    }

    /** The first voxel (x fastest) of a region without a > 0 or a held face with K > 0, or −1. */
    private static int firstUnanchored(int nx, int ny, int nz, float[] k, double[] a, boolean[] periodic, boolean[] held) {
        int n = nx * ny * nz;
        int[] parent = new int[n];
        for (int v = 0; v < n; v++) {
            parent[v] = v;
        }
        int[] size = {nx, ny, nz};
        int[] stride = {1, nx, nx * ny};
        for (int v = 0; v < n; v++) {
            for (int axis = 0; axis < 3; axis++) {
                int pos = v / stride[axis] % size[axis];
                int nb = pos < size[axis] - 1 ? v + stride[axis] : periodic[axis] ? v - pos * stride[axis] : -1;
                if (nb >= 0 && k[v] > 0 && k[nb] > 0) {
                    parent[find(parent, v)] = find(parent, nb);
                }
            }
        }
        boolean[] anchored = new boolean[n];
        for (int v = 0; v < n; v++) {
            boolean onHeld = false;
            for (int axis = 0; axis < 3; axis++) {
                int pos = v / stride[axis] % size[axis];
                onHeld |= pos == 0 && held[2 * axis] || pos == size[axis] - 1 && held[2 * axis + 1];
            }
            if (a[v] > 0 || k[v] > 0 && onHeld) {
                anchored[find(parent, v)] = true;
            }
        }
        for (int v = 0; v < n; v++) {
            if (!anchored[find(parent, v)]) {
                return v;
            }
        }
        return -1;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }
}

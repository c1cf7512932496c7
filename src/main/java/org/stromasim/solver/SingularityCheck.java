package org.stromasim.solver;

/**
 * Refuses a singular problem: every cell must reach, through faces of non-zero conductance, a cell
 * with a &gt; 0 or a fixed-value domain face; otherwise its region's solution is defined only up to a
 * constant (pure zero-flux/periodic Neumann problem with a = 0) or, for an isolated hole with a = 0,
 * not at all.
 */
final class SingularityCheck {

    private SingularityCheck() {
    }

    /**
     * The check from the conductivity itself (the same for a fine level that computes its coefficients
     * per pass, {@link FineLevel}, and a stored one): a face couples two voxels exactly when both have K &gt; 0 (the
     * harmonic mean 2·K·K'/(K + K') is then at least min(K, K') &gt; 0, so its float is too), and a voxel is
     * anchored by a &gt; 0 ({@code massPositive}, as the level rounds a·h²) or by a held domain face with K &gt; 0.
     * Needs a flag and a queue entry per voxel (5 bytes), not a stored level (45).
     */
    static void refuseSingular(int nx, int ny, int nz, boolean[] periodic, boolean[] fixedFace, float[] k,
                               java.util.function.IntPredicate massPositive) {
        int cells = nx * ny * nz;
        boolean allAnchored = true;
        for (int v = 0; v < cells; v++) {
            if (!massPositive.test(v)) {
                allAnchored = false;
                break;
            }
        }
        if (allAnchored) {
            return;
        }
        int[] size = {nx, ny, nz};
        int[] stride = {1, nx, nx * ny};
        boolean[] reached = new boolean[cells];
        int[] queue = new int[cells];
        int tail = 0;
        for (int v = 0; v < cells; v++) {
            if (massPositive.test(v) || k[v] > 0 && onHeldFace(v, size, stride, fixedFace)) {
                reached[v] = true;
                queue[tail++] = v;
            }
        }
        for (int head = 0; head < tail; head++) {
            int v = queue[head];
            if (!(k[v] > 0)) {
                continue; // a hole: no face
            }
            for (int axis = 0; axis < 3; axis++) {
                int n = size[axis];
                int pos = v / stride[axis] % n;
                int s = stride[axis];
                if (pos < n - 1 || periodic[axis] && n > 1) {
                    int nb = pos < n - 1 ? v + s : v - (n - 1) * s;
                    tail = visitCoupled(reached, queue, tail, k, nb);
                }
                if (pos > 0 || periodic[axis] && n > 1) {
                    int nb = pos > 0 ? v - s : v + (n - 1) * s;
                    tail = visitCoupled(reached, queue, tail, k, nb);
                }
            }
        }
        for (int v = 0; v < cells; v++) {
            if (!reached[v]) {
                throw singular(v % nx, v / nx % ny, v / (nx * ny));
            }
        }
    }

    private static boolean onHeldFace(int v, int[] size, int[] stride, boolean[] fixedFace) {
        for (int axis = 0; axis < 3; axis++) {
            int pos = v / stride[axis] % size[axis];
            if (pos == 0 && fixedFace[2 * axis] || pos == size[axis] - 1 && fixedFace[2 * axis + 1]) {
                return true;
            }
        }
        return false;
    }

    private static int visitCoupled(boolean[] reached, int[] queue, int tail, float[] k, int v) {
        if (k[v] > 0 && !reached[v]) {
            reached[v] = true;
            queue[tail++] = v;
        }
        return tail;
    }

    private static IllegalArgumentException singular(int i, int j, int k) {
        return new IllegalArgumentException("the problem is singular: voxel (" + i + ", " + j + ", " + k
                + ") lies in a region with absorption a = 0 that no fixed-value face reaches through"
                + " conductivity > 0, so its solution is not unique; give that region a > 0 or a fixed face");
    }
}

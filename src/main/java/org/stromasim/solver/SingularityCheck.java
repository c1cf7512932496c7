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

    static void refuseSingular(MultigridLevel level, float[] boundaryConductance) {
        boolean allAnchored = true;
        for (int k = 0; k < level.nz && allAnchored; k++) {
            for (int j = 0; j < level.ny && allAnchored; j++) {
                for (int i = 0; i < level.nx; i++) {
                    if (!(level.mass[level.index(i, j, k)] > 0)) {
                        allAnchored = false;
                        break;
                    }
                }
            }
        }
        if (allAnchored) {
            return;
        }
        boolean[] reached = new boolean[level.size];
        int[] queue = new int[level.cells()];
        int head = 0;
        int tail = 0;
        for (int k = 0; k < level.nz; k++) {
            for (int j = 0; j < level.ny; j++) {
                for (int i = 0; i < level.nx; i++) {
                    int p = level.index(i, j, k);
                    if (level.mass[p] > 0 || boundaryConductance[p] > 0) {
                        reached[p] = true;
                        queue[tail++] = p;
                    }
                }
            }
        }
        while (head < tail) {
            int p = queue[head++];
            int[] ijk = coordinates(level, p);
            for (int axis = 0; axis < 3; axis++) {
                float[] faces = axis == 0 ? level.fx : axis == 1 ? level.fy : level.fz;
                int stride = axis == 0 ? 1 : axis == 1 ? level.px : level.pxy;
                int n = axis == 0 ? level.nx : axis == 1 ? level.ny : level.nz;
                int pos = ijk[axis];
                // + neighbour (wrapped on a periodic axis; its face is stored at p either way)
                if (faces[p] > 0) {
                    tail = visit(reached, queue, tail, pos < n - 1 ? p + stride : p - (n - 1) * stride);
                }
                if (faces[p - stride] > 0) {
                    tail = visit(reached, queue, tail, pos > 0 ? p - stride : p + (n - 1) * stride);
                }
            }
        }
        for (int k = 0; k < level.nz; k++) {
            for (int j = 0; j < level.ny; j++) {
                for (int i = 0; i < level.nx; i++) {
                    if (!reached[level.index(i, j, k)]) {
                        throw new IllegalArgumentException("the problem is singular: voxel (" + i + ", " + j + ", " + k
                                + ") lies in a region with absorption a = 0 that no fixed-value face reaches through"
                                + " conductivity > 0, so its solution is not unique; give that region a > 0 or a fixed face");
                    }
                }
            }
        }
    }

    private static int visit(boolean[] reached, int[] queue, int tail, int p) {
        if (!reached[p]) {
            reached[p] = true;
            queue[tail++] = p;
        }
        return tail;
    }

    private static int[] coordinates(MultigridLevel level, int p) {
        int k = p / level.pxy - 1;
        int rest = p % level.pxy;
        int j = rest / level.px - 1;
        int i = rest % level.px - 1;
        return new int[] {i, j, k};
    }
}

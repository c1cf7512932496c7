package org.stromasim.solver;

/**
 * Dendy's black-box prolongation (Dendy, J. Comput. Phys. 48, 1982; Alcouffe, Brandt, Dendy &amp;
 * Painter, SIAM J. Sci. Stat. Comput. 2, 1981) from a fine {@link Stencil} to the coarse level made of
 * every second cell along each axis (fine cell 2I is coarse cell I).
 *
 * <p>A fine cell even along every axis is a coarse cell and takes its value. A fine cell odd along m
 * axes (m = 1 edge, 2 face, 3 interior of a coarse box) takes the value its own equation gives with
 * zero right-hand side after the stencil is collapsed (summed) along its even axes: u = −Σ_e Ā_e·u(g+e)
 * / Ā_0 over the offsets e along the odd axes, where each neighbour g+e is odd along fewer axes and has
 * its weights already. So a weight is the share of the flux through that side: across a 1:1000 jump
 * the correction follows the high-K cluster instead of being spread evenly, and a hole (no coupling)
 * gets no correction at all. Collapsing keeps the row sums: with a = 0 and no held face the weights of
 * a cell sum to 1 (constants are interpolated exactly).
 *
 * <p>Storage: 8 weights per fine cell, to the coarse cells floor(g/2) + δ, δ ∈ {0, 1}³ (numbered
 * δx + 2δy + 4δz); along an even axis only δ = 0 is used.
 */
final class BlackBoxInterpolation {

    final int nx;
    final int ny;
    final int nz;
    final boolean[] periodic;
    final int cnx;
    final int cny;
    final int cnz;
    /** weights[8·c + δ], c = i + nx·(j + ny·k). */
    final float[] weights;
    /** Per axis and δ, the coarse padded coordinate (+1 for the ghost layer) of floor(i/2) + δ, wrapped on a periodic axis. */
    private final int[][][] coarseCoordinate = new int[3][2][];

    BlackBoxInterpolation(int nx, int ny, int nz, boolean[] periodic) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.periodic = periodic.clone();
        this.cnx = coarseSize(nx, periodic[0]);
        this.cny = coarseSize(ny, periodic[1]);
        this.cnz = coarseSize(nz, periodic[2]);
        this.weights = new float[8 * nx * ny * nz];
        int[] fine = {nx, ny, nz};
        int[] coarse = {cnx, cny, cnz};
        for (int axis = 0; axis < 3; axis++) {
            for (int delta = 0; delta < 2; delta++) {
                int[] c = new int[fine[axis]];
                for (int i = 0; i < fine[axis]; i++) {
                    int ci = (i >> 1) + delta;
                    if (periodic[axis]) {
                        ci = Math.floorMod(ci, coarse[axis]);
                    }
                    // a non-periodic ci = coarse size lands in the ghost layer with weight 0
                    c[i] = ci + 1;
                }
                coarseCoordinate[axis][delta] = c;
            }
        }
    }

    /** Coarse cells along an axis of n fine cells: 0, 2, 4, … (a periodic axis must have an even n, or 1). */
    static int coarseSize(int n, boolean periodic) {
        if (n == 1) {
            return 1;
        }
        if (periodic && n % 2 != 0) {
            throw new IllegalArgumentException("a periodic axis of " + n + " cells cannot be coarsened by 2");
        }
        return periodic ? n / 2 : (n + 1) / 2;
    }

    /** Computes the weights from the fine operator (cells odd along 0, then 1, 2, 3 axes). */
    void build(Stencil fine) {
        java.util.Arrays.fill(weights, 0f);
        int[] n = {nx, ny, nz};
        for (int oddAxes = 0; oddAxes <= 3; oddAxes++) {
            int pass = oddAxes;
            // a cell reads only the weights of cells odd along fewer axes (earlier passes), so the
            // planes of one pass are independent and the result does not depend on the split
            java.util.stream.IntStream planes = java.util.stream.IntStream.range(0, nz);
            if ((long) nx * ny * nz >= MultigridLevel.PARALLEL_CELLS) {
                planes = planes.parallel();
            }
            planes.forEach(k -> {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        int odd = (i & 1) + (j & 1) + (k & 1);
                        if (odd != pass) {
                            continue;
                        }
                        int c = i + nx * (j + ny * k);
                        if (odd == 0) {
                            weights[8 * c] = 1f;
                        } else {
                            interpolate(fine, i, j, k, n);
                        }
                    }
                }
            });
        }
    }

    /** The weights of a cell odd along some axis, from its collapsed equation and its neighbours' weights. */
    private void interpolate(Stencil fine, int i, int j, int k, int[] n) {
        int[] g = {i, j, k};
        boolean[] odd = {(i & 1) == 1, (j & 1) == 1, (k & 1) == 1};
        double[] collapsed = new double[27];
        for (int s : fine.offsets()) {
            int ex = odd[0] ? Stencil.component(s, 0) : 0;
            int ey = odd[1] ? Stencil.component(s, 1) : 0;
            int ez = odd[2] ? Stencil.component(s, 2) : 0;
            collapsed[Stencil.number(ex, ey, ez)] += fine.entry(i, j, k, s);
        }
        // A Galerkin level can couple a cell to a neighbour with a positive entry (the overlap of two
        // coarse basis functions across a 1:1000 jump); collapsed onto the interpolation direction such
        // an entry would give a negative weight, and with enough of them a centre ≤ 0 (measured on the
        // first Galerkin level of a voxel-wise 1:1000 field: no weights at all there). It is lumped into
        // the centre instead, as algebraic multigrid treats positive off-diagonals (Stüben 2001):
        // with a zero row sum the weights still sum to 1.
        double centre = collapsed[Stencil.CENTRE];
        boolean pulled = false;
        for (int s = 0; s < 27; s++) {
            if (s != Stencil.CENTRE && collapsed[s] > 0) {
                centre += collapsed[s];
                collapsed[s] = 0;
            }
            pulled |= s != Stencil.CENTRE && collapsed[s] < 0;
        }
        if (!pulled) {
            evenShares(fine, i, j, k, odd, n);
            return;
        }
        if (!(centre > 0)) {
            return; // an empty row (a refused or unreachable cell) gets no correction
        }
        double[] w = new double[8];
        int[] nb = new int[3];
        for (int s = 0; s < 27; s++) {
            if (s == Stencil.CENTRE || collapsed[s] == 0) {
                continue;
            }
            boolean inside = true;
            for (int axis = 0; axis < 3; axis++) {
                int e = Stencil.component(s, axis);
                nb[axis] = g[axis] + e;
                if (nb[axis] < 0 || nb[axis] >= n[axis]) {
                    if (!periodic[axis]) {
                        inside = false;
                    }
                    nb[axis] = Math.floorMod(nb[axis], n[axis]);
                }
            }
            if (!inside) {
                continue;
            }
            int cn = nb[0] + nx * (nb[1] + ny * nb[2]);
            double scale = -collapsed[s] / centre;
            for (int deltaNb = 0; deltaNb < 8; deltaNb++) {
                float wn = weights[8 * cn + deltaNb];
                if (wn == 0) {
                    continue;
                }
                int delta = 0;
                for (int axis = 0; axis < 3; axis++) {
                    int e = Stencil.component(s, axis);
                    int bit = e != 0 ? (e + 1) / 2 : (deltaNb >> axis) & 1;
                    delta |= bit << axis;
                }
                w[delta] += scale * wn;
            }
        }
        int c = i + nx * (j + ny * k);
        for (int delta = 0; delta < 8; delta++) {
            weights[8 * c + delta] = (float) w[delta];
        }
    }

    /**
     * A cell coupled to other cells, but not along its odd axes by any negative collapsed entry (on a
     * Galerkin level, a boundary cell whose one coarse neighbour it couples to positively: measured on a
     * voxel-wise 1:1000 field), would get no correction while its neighbours do. It takes equal shares
     * of its in-domain coarse corners, scaled by −Σ off-diagonal/diagonal of its full row (1 for a zero
     * row sum, so constants stay exact; less with absorption or a held face). A hole (no coupling) keeps 0.
     */
    private void evenShares(Stencil fine, int i, int j, int k, boolean[] odd, int[] n) {
        double diagonal = fine.entry(i, j, k, Stencil.CENTRE);
        double offSum = 0;
        for (int s : fine.offsets()) {
            offSum += s == Stencil.CENTRE ? 0 : fine.entry(i, j, k, s);
        }
        if (offSum == 0 || !(diagonal > 0)) {
            return;
        }
        double scale = Math.max(0, Math.min(1, -offSum / diagonal));
        int[] g = {i, j, k};
        int count = 0;
        boolean[] usable = new boolean[8];
        for (int delta = 0; delta < 8; delta++) {
            boolean ok = true;
            for (int axis = 0; axis < 3; axis++) {
                int bit = (delta >> axis) & 1;
                if (!odd[axis]) {
                    ok &= bit == 0;
                } else if (bit == 1 && g[axis] + 1 >= n[axis]) {
                    ok &= periodic[axis];
                }
            }
            usable[delta] = ok;
            count += ok ? 1 : 0;
        }
        int c = i + nx * (j + ny * k);
        for (int delta = 0; delta < 8; delta++) {
            weights[8 * c + delta] = usable[delta] ? (float) (scale / count) : 0f;
        }
    }

    /** coarseOut += Pᵀ·fineIn (both padded, of this map's fine and coarse levels). */
    void restrictAdd(float[] fineIn, float[] coarseOut) {
        int fpx = nx + 2;
        int fpy = ny + 2;
        int cpx = cnx + 2;
        int cpy = cny + 2;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int pf = 1 + fpx * ((j + 1) + fpy * (k + 1));
                int c0 = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    float value = fineIn[pf + i];
                    int c = 8 * (c0 + i);
                    for (int delta = 0; delta < 8; delta++) {
                        float w = weights[c + delta];
                        if (w != 0) {
                            coarseOut[coarseIndex(i, j, k, delta, cpx, cpy)] += w * value;
                        }
                    }
                }
            }
        }
    }

    /** fineInOut += P·coarseIn (both padded). */
    void prolongAdd(float[] coarseIn, float[] fineInOut) {
        int fpx = nx + 2;
        int fpy = ny + 2;
        int cpx = cnx + 2;
        int cpy = cny + 2;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int pf = 1 + fpx * ((j + 1) + fpy * (k + 1));
                int c0 = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    int c = 8 * (c0 + i);
                    float sum = 0;
                    for (int delta = 0; delta < 8; delta++) {
                        float w = weights[c + delta];
                        if (w != 0) {
                            sum += w * coarseIn[coarseIndex(i, j, k, delta, cpx, cpy)];
                        }
                    }
                    fineInOut[pf + i] += sum;
                }
            }
        }
    }

    private int coarseIndex(int i, int j, int k, int delta, int cpx, int cpy) {
        return coarseCoordinate[0][delta & 1][i] + cpx * (coarseCoordinate[1][(delta >> 1) & 1][j]
                + cpy * coarseCoordinate[2][(delta >> 2) & 1][k]);
    }

    /** A copy of the padded coarse coordinate of floor(g/2) + delta for each fine g along {@code axis}. */
    int[] coarseCoordinates(int axis, int delta) {
        return coarseCoordinate[axis][delta].clone();
    }

    /** The weight of fine cell (i, j, k) toward the coarse cell floor(g/2) + δ. */
    float weight(int i, int j, int k, int delta) {
        return weights[8 * (i + nx * (j + ny * k)) + delta];
    }
}

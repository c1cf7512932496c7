package org.stromasim.solver;

/**
 * The coarsest level's operator as a dense matrix, LU-factorised with partial pivoting once per
 * change of a, then solved exactly in every V-cycle (≤ {@link MultigridSolver#COARSEST_CELLS}² work).
 * A cell with a zero diagonal (no mass, no face: its equation is 0 = 0) is given the equation x = 0.
 */
final class DenseLu {

    private final int n;
    private final double[] lu;
    private final int[] pivot;
    private final int[] cellIndex;

    private DenseLu(int n, double[] lu, int[] pivot, int[] cellIndex) {
        this.n = n;
        this.lu = lu;
        this.pivot = pivot;
        this.cellIndex = cellIndex;
    }

    /** A level's padded index of interior cell (i, j, k). */
    private interface PaddedIndex {
        int of(int i, int j, int k);
    }

    /** The padded index of each interior cell, x fastest: the dense matrix's row and column order. */
    private static int[] interiorCells(int nx, int ny, int nz, PaddedIndex index) {
        int[] cell = new int[nx * ny * nz];
        int c = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    cell[c++] = index.of(i, j, k);
                }
            }
        }
        return cell;
    }

    static DenseLu of(MultigridLevel level) {
        int n = level.cells();
        int[] cell = interiorCells(level.nx, level.ny, level.nz, level::index);
        double[] a = new double[n * n];
        float[] unit = new float[level.size];
        float[] column = new float[level.size];
        for (int col = 0; col < n; col++) {
            java.util.Arrays.fill(unit, 0f);
            unit[cell[col]] = 1f;
            level.apply(unit, column);
            for (int row = 0; row < n; row++) {
                a[row * n + col] = column[cell[row]];
            }
        }
        for (int row = 0; row < n; row++) {
            if (level.mass[cell[row]] + level.faceSum[cell[row]] == 0) {
                a[row * n + row] = 1.0;
            }
        }
        return factor(n, a, cell);
    }

    /**
     * A coarsest {@link StencilLevel}: its 27-point rows summed into the dense matrix (a periodic axis of
     * one or two cells makes several offsets meet the same cell); an empty row gets the equation x = 0.
     */
    static DenseLu of(StencilLevel level) {
        int n = level.cells();
        int[] cell = interiorCells(level.nx, level.ny, level.nz, level::index);
        int[] dims = {level.nx, level.ny, level.nz};
        double[] a = new double[n * n];
        int row = 0;
        for (int k = 0; k < level.nz; k++) {
            for (int j = 0; j < level.ny; j++) {
                for (int i = 0; i < level.nx; i++) {
                    int p = level.index(i, j, k);
                    for (int s = 0; s < 27; s++) {
                        float entry = level.coef[s][p];
                        if (entry == 0) {
                            continue;
                        }
                        int[] at = {i + Stencil.component(s, 0), j + Stencil.component(s, 1), k + Stencil.component(s, 2)};
                        boolean inside = true;
                        for (int axis = 0; axis < 3; axis++) {
                            if (at[axis] < 0 || at[axis] >= dims[axis]) {
                                inside &= level.periodic[axis];
                                at[axis] = Math.floorMod(at[axis], dims[axis]);
                            }
                        }
                        if (inside) {
                            a[row * n + at[0] + level.nx * (at[1] + level.ny * at[2])] += entry;
                        }
                    }
                    if (!(level.coef[Stencil.CENTRE][p] > 0)) {
                        a[row * n + row] = 1.0;
                    }
                    row++;
                }
            }
        }
        return factor(n, a, cell);
    }

    private static DenseLu factor(int n, double[] a, int[] cell) {
        int[] pivot = new int[n];
        for (int col = 0; col < n; col++) {
            int best = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row * n + col]) > Math.abs(a[best * n + col])) {
                    best = row;
                }
            }
            pivot[col] = best;
            if (best != col) {
                for (int m = 0; m < n; m++) {
                    double t = a[col * n + m];
                    a[col * n + m] = a[best * n + m];
                    a[best * n + m] = t;
                }
            }
            double diag = a[col * n + col];
            if (diag == 0) {
                throw new IllegalStateException("coarsest multigrid level is singular (column " + col + ")");
            }
            for (int row = col + 1; row < n; row++) {
                double factor = a[row * n + col] / diag;
                a[row * n + col] = factor;
                for (int m = col + 1; m < n; m++) {
                    a[row * n + m] -= factor * a[col * n + m];
                }
            }
        }
        return new DenseLu(n, a, pivot, cell);
    }

    /** x = A⁻¹·b on a stencil level's cells (an empty row's x is 0). */
    void solve(StencilLevel level, float[] b, float[] x) {
        double[] y = new double[n];
        for (int row = 0; row < n; row++) {
            int p = cellIndex[row];
            y[row] = level.coef[Stencil.CENTRE][p] > 0 ? b[p] : 0;
        }
        substitute(y);
        for (int row = 0; row < n; row++) {
            x[cellIndex[row]] = (float) y[row];
        }
    }

    /** x = A⁻¹·b on the level's cells. */
    void solve(MultigridLevel level, float[] b, float[] x) {
        double[] y = new double[n];
        for (int row = 0; row < n; row++) {
            int p = cellIndex[row];
            y[row] = level.mass[p] + level.faceSum[p] == 0 ? 0 : b[p];
        }
        substitute(y);
        for (int row = 0; row < n; row++) {
            x[cellIndex[row]] = (float) y[row];
        }
    }

    /** y ← A⁻¹·y with the stored factors (row pivoting, then the two triangular solves). */
    private void substitute(double[] y) {
        for (int col = 0; col < n; col++) {
            int p = pivot[col];
            if (p != col) {
                double t = y[col];
                y[col] = y[p];
                y[p] = t;
            }
        }
        for (int row = 0; row < n; row++) {
            double s = y[row];
            for (int m = 0; m < row; m++) {
                s -= lu[row * n + m] * y[m];
            }
            y[row] = s;
        }
        for (int row = n - 1; row >= 0; row--) {
            double s = y[row];
            for (int m = row + 1; m < n; m++) {
                s -= lu[row * n + m] * y[m];
            }
            y[row] = s / lu[row * n + row];
        }
    }
}

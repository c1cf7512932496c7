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

    static DenseLu of(MultigridLevel level) {
        int n = level.cells();
        int[] cell = new int[n];
        int c = 0;
        for (int k = 0; k < level.nz; k++) {
            for (int j = 0; j < level.ny; j++) {
                for (int i = 0; i < level.nx; i++) {
                    cell[c++] = level.index(i, j, k);
                }
            }
        }
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

    /** x = A⁻¹·b on the level's cells. */
    void solve(MultigridLevel level, float[] b, float[] x) {
        double[] y = new double[n];
        for (int row = 0; row < n; row++) {
            int p = cellIndex[row];
            y[row] = level.mass[p] + level.faceSum[p] == 0 ? 0 : b[p];
        }
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
        for (int row = 0; row < n; row++) {
            x[cellIndex[row]] = (float) y[row];
        }
    }
}

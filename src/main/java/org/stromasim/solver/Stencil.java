package org.stromasim.solver;

/**
 * A level's operator read as a 27-point stencil: the matrix entry coupling interior cell (i, j, k) to
 * the cell at offset e ∈ {−1, 0, 1}³, numbered s = (e_x+1) + 3·(e_y+1) + 9·(e_z+1) (13 is the cell
 * itself). An offset across a periodic axis couples to the wrapped cell; across a non-periodic domain
 * face the entry is 0. What {@link BlackBoxInterpolation} and {@link GalerkinProduct} read.
 */
interface Stencil {

    /** The centre entry's number. */
    int CENTRE = 13;

    int nx();

    int ny();

    int nz();

    boolean periodic(int axis);

    /** Matrix entry from cell (i, j, k) to its neighbour at offset number s (off-diagonal entries ≤ 0 on the fine level). */
    double entry(int i, int j, int k, int s);

    /** The offset numbers whose entries may be non-zero. */
    int[] offsets();

    /** Offset component along axis (0 x, 1 y, 2 z) of offset number s. */
    static int component(int s, int axis) {
        return (axis == 0 ? s % 3 : axis == 1 ? (s / 3) % 3 : s / 9) - 1;
    }

    /** The offset number of (ex, ey, ez). */
    static int number(int ex, int ey, int ez) {
        return (ex + 1) + 3 * (ey + 1) + 9 * (ez + 1);
    }

    /** The 7-point operator of a {@link MultigridLevel}: centre mass + faceSum, the faces −T. */
    static Stencil of(MultigridLevel level) {
        int[] sevenPoint = {number(0, 0, -1), number(0, -1, 0), number(-1, 0, 0), CENTRE,
            number(1, 0, 0), number(0, 1, 0), number(0, 0, 1)};
        return new Stencil() {
            @Override
            public int nx() {
                return level.nx;
            }

            @Override
            public int ny() {
                return level.ny;
            }

            @Override
            public int nz() {
                return level.nz;
            }

            @Override
            public boolean periodic(int axis) {
                return level.periodic[axis];
            }

            @Override
            public double entry(int i, int j, int k, int s) {
                int p = level.index(i, j, k);
                return switch (s) {
                    case 13 -> (double) level.mass[p] + level.faceSum[p];
                    case 12 -> -level.fx[p - 1];
                    case 14 -> -level.fx[p];
                    case 10 -> -level.fy[p - level.px];
                    case 16 -> -level.fy[p];
                    case 4 -> -level.fz[p - level.pxy];
                    case 22 -> -level.fz[p];
                    default -> 0.0;
                };
            }

            @Override
            public int[] offsets() {
                return sevenPoint.clone();
            }
        };
    }
}

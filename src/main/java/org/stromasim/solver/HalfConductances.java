package org.stromasim.solver;

/**
 * The conductance of each half of each cell along each axis: from the cell centre to its − face
 * ({@link #lo}) and to its + face ({@link #hi}), in the solver's units (equation scaled by h², so
 * a fine half cell of conductivity K has 2·K). The face between two cells is the series sum of the two
 * halves that meet there, which at the fine level is the harmonic mean 2·K_a·K_b/(K_a + K_b) of the
 * explicit diffusion operator. Coarsening works on halves rather than on faces so that a blocked cell
 * (K = 0) cuts exactly the fine paths that run through it and no others.
 */
interface HalfConductances {

    /** Cell v's conductance from its centre to its − face along {@code axis} (0 x, 1 y, 2 z); v unpadded. */
    double lo(int axis, int v);

    /** Cell v's conductance from its centre to its + face along {@code axis}. */
    double hi(int axis, int v);

    /** The fine level: isotropic cells, every half 2·K_v. */
    static HalfConductances ofConductivity(float[] k) {
        return new HalfConductances() {
            @Override
            public double lo(int axis, int v) {
                return 2.0 * k[v];
            }

            @Override
            public double hi(int axis, int v) {
                return 2.0 * k[v];
            }
        };
    }

    /** Stored halves of a coarse level, [axis][v]. */
    static HalfConductances stored(float[][] lo, float[][] hi) {
        return new HalfConductances() {
            @Override
            public double lo(int axis, int v) {
                return lo[axis][v];
            }

            @Override
            public double hi(int axis, int v) {
                return hi[axis][v];
            }
        };
    }

    /** Series sum of two conductances, 0 when either is 0. */
    static double series(double a, double b) {
        double sum = a + b;
        return sum > 0 ? a * b / sum : 0.0;
    }
}

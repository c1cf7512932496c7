package org.stromasim.backend.java;

import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.transport.SpeciesBoundaries;

/**
 * One explicit-Euler diffusion step of one species in finite-volume flux form, one grid row at a time:
 * C'_v = C_v + dt/dx²·Σ_faces D_face·(C_nb − C_v), D_face = 2·D_v·D_nb/(D_v + D_nb) computed on the
 * fly from the voxel diffusivities (so a zero-D voxel blocks its faces). The face flux is the same
 * number, with opposite sign, seen from both voxels (the harmonic mean is symmetric bit for bit), so
 * zero-flux domains conserve mass to float round-off.
 *
 * <p>Arithmetic is in float: the inputs and the result are float, and float lets C2 put eight voxels
 * in one AVX2 register (the double version did not vectorise and spent most of the step on six scalar
 * divisions per voxel). The harmonic mean adds {@link Float#MIN_NORMAL} to its denominator instead of
 * testing for a zero diffusivity: for D_v + D_nb ≥ 1e-30 µm²/s the sum is unchanged (the addend is far
 * below half an ulp), and for D_v = D_nb = 0 the face gives 0 instead of 0/0, so the interior loop has
 * no branch and a zero-D voxel keeps its value exactly (all six faces are 0).
 *
 * <p>Boundary faces: zero-flux adds nothing; FIXED adds 2·D_v·(C_b − C_v) (the held value sits on the
 * face, half a voxel from the centre); PERIODIC couples to the voxel on the opposite side. Interior
 * voxels take the branch-free path; only the outer shell goes through {@link #boundaryVoxel}.
 */
final class DiffusionSweep {

    private final int nx;
    private final int ny;
    private final int nz;
    private final int planeStride;
    private final int[] bcType;
    private final float[] bcValue;

    DiffusionSweep(Grid3D grid, SpeciesBoundaries boundaries) {
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.nz = grid.nz();
        this.planeStride = nx * ny;
        this.bcType = boundaries.typeCodes();
        double[] values = boundaries.fixedValues();
        this.bcValue = new float[values.length];
        for (int f = 0; f < values.length; f++) {
            bcValue[f] = (float) values[f];
        }
    }

    /** Writes row (j, k) of dst from src; {@code dtOverDx2} = dt/dx², s/µm². */
    void sweepRow(float[] src, float[] dst, float[] d, float dtOverDx2, int j, int k) {
        int rowStart = nx * (j + ny * k);
        if (k == 0 || k == nz - 1 || j == 0 || j == ny - 1 || nx < 3) {
            for (int i = 0; i < nx; i++) {
                boundaryVoxel(src, dst, d, dtOverDx2, i, j, k, rowStart + i);
            }
            return;
        }
        boundaryVoxel(src, dst, d, dtOverDx2, 0, j, k, rowStart);
        interiorRow(src, dst, d, dtOverDx2, rowStart + 1, rowStart + nx - 1, nx, planeStride);
        boundaryVoxel(src, dst, d, dtOverDx2, nx - 1, j, k, rowStart + nx - 1);
    }

    /**
     * Voxels vFrom ≤ v < vTo, all with six in-domain neighbours. Static, with the strides as
     * arguments and every face written out, so that C2 sees a plain counted loop it can vectorise.
     */
    private static void interiorRow(float[] c, float[] out, float[] d, float coef, int vFrom, int vTo,
                                    int sy, int sz) {
        final float tiny = Float.MIN_NORMAL;
        for (int v = vFrom; v < vTo; v++) {
            float dv = d[v];
            float cv = c[v];
            float dw = d[v - 1];
            float de = d[v + 1];
            float ds = d[v - sy];
            float dn = d[v + sy];
            float db = d[v - sz];
            float dt = d[v + sz];
            float sum = 2 * dv * dw / (dv + dw + tiny) * (c[v - 1] - cv)
                    + 2 * dv * de / (dv + de + tiny) * (c[v + 1] - cv)
                    + 2 * dv * ds / (dv + ds + tiny) * (c[v - sy] - cv)
                    + 2 * dv * dn / (dv + dn + tiny) * (c[v + sy] - cv)
                    + 2 * dv * db / (dv + db + tiny) * (c[v - sz] - cv)
                    + 2 * dv * dt / (dv + dt + tiny) * (c[v + sz] - cv);
            out[v] = cv + coef * sum;
        }
    }

    /** D_face·(C_nb − C_v) with the harmonic-mean face diffusivity, exactly as {@link #interiorRow} has it. */
    private static float face(float dv, float cv, float dn, float cn) {
        return 2 * dv * dn / (dv + dn + Float.MIN_NORMAL) * (cn - cv);
    }

    private void boundaryVoxel(float[] c, float[] out, float[] d, float coef, int i, int j, int k, int v) {
        float dv = d[v];
        float cv = c[v];
        int sy = nx;
        int sz = planeStride;
        float sum = (i > 0 ? face(dv, cv, d[v - 1], c[v - 1]) : outside(Face.X_MIN, c, d, dv, cv, v + (nx - 1)))
                + (i < nx - 1 ? face(dv, cv, d[v + 1], c[v + 1]) : outside(Face.X_MAX, c, d, dv, cv, v - (nx - 1)))
                + (j > 0 ? face(dv, cv, d[v - sy], c[v - sy]) : outside(Face.Y_MIN, c, d, dv, cv, v + (ny - 1) * sy))
                + (j < ny - 1 ? face(dv, cv, d[v + sy], c[v + sy]) : outside(Face.Y_MAX, c, d, dv, cv, v - (ny - 1) * sy))
                + (k > 0 ? face(dv, cv, d[v - sz], c[v - sz]) : outside(Face.Z_MIN, c, d, dv, cv, v + (nz - 1) * sz))
                + (k < nz - 1 ? face(dv, cv, d[v + sz], c[v + sz]) : outside(Face.Z_MAX, c, d, dv, cv, v - (nz - 1) * sz));
        out[v] = cv + coef * sum;
    }

    /** Contribution of a domain face; {@code wrapped} is the voxel across it when the face is periodic. */
    private float outside(Face face, float[] c, float[] d, float dv, float cv, int wrapped) {
        int f = face.ordinal();
        int type = bcType[f];
        if (type == SpeciesBoundaries.FIXED) {
            return 2 * dv * (bcValue[f] - cv);
        }
        if (type == SpeciesBoundaries.PERIODIC) {
            return face(dv, cv, d[wrapped], c[wrapped]);
        }
        return 0f;
    }
}

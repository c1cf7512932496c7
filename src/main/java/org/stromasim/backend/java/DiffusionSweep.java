package org.stromasim.backend.java;

import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.transport.SpeciesBoundaries;

/**
 * The diffusion operator of one species in finite-volume flux form with stored face conductances, one
 * grid row at a time, for the large-step scheme ({@link Rkl2Diffusion}; the explicit step runs in
 * place in {@link InPlaceSweep}, with the same faces and arithmetic):
 * τ/dx²·Σ_faces D_face·(C_nb − C_v), D_face = 2·D_v·D_nb/(D_v + D_nb) from the voxel diffusivities
 * (so a zero-D voxel blocks its faces). The face flux is the same
 * number, with opposite sign, seen from both voxels (the harmonic mean is symmetric bit for bit), so
 * zero-flux domains conserve mass to float round-off.
 *
 * <p>Arithmetic is in float (inputs and result are float). The interior loop reads face conductances
 * stored per species by {@link #conductances} (refreshed from the live diffusivities at the start of
 * every advance call), so each face costs one multiply-add instead of a division, computed once
 * per face instead of once per side; a zero-D voxel has six zero faces and keeps its value exactly.
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
    /** Zero-flux on all four x and y domain faces: rows then need no boundary code at all (see sweepRow). */
    private final boolean closedInXy;

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
        boolean closed = true;
        for (Face f : new Face[] {Face.X_MIN, Face.X_MAX, Face.Y_MIN, Face.Y_MAX}) {
            closed &= bcType[f.ordinal()] == SpeciesBoundaries.ZERO_FLUX;
        }
        this.closedInXy = closed;
    }

    /**
     * Fills the face conductances of planes kFrom ≤ k < kTo from the voxel diffusivities:
     * gx[v] = D_face between v and v+1, gy[v] between v and v+nx, gz[v] between v and v+nx·ny, for the
     * faces inside the domain. The x "face" after the last voxel of a row and the y "face" after the
     * last row of a plane lead out of the domain: they get conductance 0, which is what a zero-flux
     * face contributes, so {@link #incrementRow} can run whole rows through the interior loop when the x
     * and y faces are zero-flux. gz of the last plane is never read.
     */
    void conductances(float[] d, float[] gx, float[] gy, float[] gz, int kFrom, int kTo) {
        for (int k = kFrom; k < kTo; k++) {
            for (int j = 0; j < ny; j++) {
                int rowStart = nx * (j + ny * k);
                for (int v = rowStart; v < rowStart + nx - 1; v++) {
                    gx[v] = harmonic(d[v], d[v + 1]);
                }
                gx[rowStart + nx - 1] = 0f;
                if (j < ny - 1) {
                    for (int v = rowStart; v < rowStart + nx; v++) {
                        gy[v] = harmonic(d[v], d[v + nx]);
                    }
                } else {
                    java.util.Arrays.fill(gy, rowStart, rowStart + nx, 0f);
                }
                if (k < nz - 1) {
                    for (int v = rowStart; v < rowStart + nx; v++) {
                        gz[v] = harmonic(d[v], d[v + planeStride]);
                    }
                }
            }
        }
    }

    /**
     * Writes row (j, k) of dst = coef·Σ_faces D_face·(C_nb − C_v) from src (the increment alone, without
     * C_v; coef = τ/dx² gives τ·L(C)). Interior voxels read the face conductances filled by
     * {@link #conductances}; the outer shell treats its domain faces by type. When the x and y domain
     * faces are zero-flux, every row of an inner plane goes through the interior loop: its
     * out-of-domain faces have conductance 0 and add exactly what a zero-flux face adds (the neighbour
     * it multiplies is a real voxel of the grid, so the product is 0). The choice of loop is made once
     * per row, never per voxel.
     */
    void incrementRow(float[] src, float[] dst, float[] d, float[] gx, float[] gy, float[] gz, float coef,
                      int j, int k) {
        int rowStart = nx * (j + ny * k);
        if (closedInXy && k > 0 && k < nz - 1) {
            interiorIncrementRow(src, dst, gx, gy, gz, coef, rowStart, rowStart + nx, nx, planeStride);
            return;
        }
        if (k == 0 || k == nz - 1 || j == 0 || j == ny - 1 || nx < 3) {
            for (int i = 0; i < nx; i++) {
                boundaryVoxel(src, dst, d, gx, gy, gz, coef, i, j, k, rowStart + i);
            }
            return;
        }
        boundaryVoxel(src, dst, d, gx, gy, gz, coef, 0, j, k, rowStart);
        interiorIncrementRow(src, dst, gx, gy, gz, coef, rowStart + 1, rowStart + nx - 1, nx, planeStride);
        boundaryVoxel(src, dst, d, gx, gy, gz, coef, nx - 1, j, k, rowStart + nx - 1);
    }

    /**
     * Voxels vFrom ≤ v < vTo, all with six in-domain neighbours: no division and no branch, six
     * multiply-adds on stored conductances.
     */
    private static void interiorIncrementRow(float[] c, float[] out, float[] gx, float[] gy, float[] gz, float coef,
                                             int vFrom, int vTo, int sy, int sz) {
        for (int v = vFrom; v < vTo; v++) {
            float cv = c[v];
            float sum = gx[v - 1] * (c[v - 1] - cv)
                    + gx[v] * (c[v + 1] - cv)
                    + gy[v - sy] * (c[v - sy] - cv)
                    + gy[v] * (c[v + sy] - cv)
                    + gz[v - sz] * (c[v - sz] - cv)
                    + gz[v] * (c[v + sz] - cv);
            out[v] = coef * sum;
        }
    }

    /**
     * Harmonic-mean face diffusivity 2·D_a·D_b/(D_a + D_b), symmetric bit for bit in its arguments.
     * {@link Float#MIN_NORMAL} in the denominator leaves it unchanged for D_a + D_b ≥ 1e-30 µm²/s (far
     * below half an ulp) and turns 0/0 into 0 when both voxels are blocked.
     */
    static float harmonic(float a, float b) {
        return 2 * a * b / (a + b + Float.MIN_NORMAL);
    }

    /** D_face·(C_nb − C_v) across a periodic domain face (conductance computed as the stored ones are). */
    private static float face(float dv, float cv, float dn, float cn) {
        return harmonic(dv, dn) * (cn - cv);
    }

    /** A voxel of the outer shell: in-domain faces from the stored conductances, domain faces by type; writes coef·Σ. */
    private void boundaryVoxel(float[] c, float[] out, float[] d, float[] gx, float[] gy, float[] gz, float coef,
                               int i, int j, int k, int v) {
        float dv = d[v];
        float cv = c[v];
        int sy = nx;
        int sz = planeStride;
        float sum = (i > 0 ? gx[v - 1] * (c[v - 1] - cv) : outside(Face.X_MIN, c, d, dv, cv, v + (nx - 1)))
                + (i < nx - 1 ? gx[v] * (c[v + 1] - cv) : outside(Face.X_MAX, c, d, dv, cv, v - (nx - 1)))
                + (j > 0 ? gy[v - sy] * (c[v - sy] - cv) : outside(Face.Y_MIN, c, d, dv, cv, v + (ny - 1) * sy))
                + (j < ny - 1 ? gy[v] * (c[v + sy] - cv) : outside(Face.Y_MAX, c, d, dv, cv, v - (ny - 1) * sy))
                + (k > 0 ? gz[v - sz] * (c[v - sz] - cv) : outside(Face.Z_MIN, c, d, dv, cv, v + (nz - 1) * sz))
                + (k < nz - 1 ? gz[v] * (c[v + sz] - cv) : outside(Face.Z_MAX, c, d, dv, cv, v - (nz - 1) * sz));
        out[v] = coef * sum;
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

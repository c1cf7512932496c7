package org.stromasim.backend.java;

import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.transport.SpeciesBoundaries;

/**
 * One explicit-Euler diffusion step of one species in finite-volume flux form:
 * C'_v = C_v + dt/dx²·Σ_faces D_face·(C_nb − C_v), D_face = 2·D_v·D_nb/(D_v + D_nb) computed on the
 * fly from the voxel diffusivities (so a zero-D voxel blocks its faces). The face flux is the same
 * double-precision number, with opposite sign, seen from both voxels (the harmonic mean is symmetric
 * bit for bit), so zero-flux domains conserve mass to float round-off.
 *
 * <p>Boundary faces: zero-flux adds nothing; FIXED adds 2·D_v·(C_b − C_v) (the held value sits on the
 * face, half a voxel from the centre); PERIODIC couples to the voxel on the opposite side. Interior
 * voxels take a fast path without any boundary tests; only the outer shell goes through
 * {@link #boundaryVoxel}.
 */
final class DiffusionSweep {

    private final int nx;
    private final int ny;
    private final int nz;
    private final int planeStride;
    private final int[] bcType;
    private final double[] bcValue;

    DiffusionSweep(Grid3D grid, SpeciesBoundaries boundaries) {
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.nz = grid.nz();
        this.planeStride = nx * ny;
        this.bcType = boundaries.typeCodes();
        this.bcValue = boundaries.fixedValues();
    }

    /** Writes dst from src on the planes kFrom ≤ k < kTo; {@code dtOverDx2} = dt/dx², s/µm². */
    void sweep(float[] src, float[] dst, float[] d, double dtOverDx2, int kFrom, int kTo) {
        for (int k = kFrom; k < kTo; k++) {
            boolean edgePlane = k == 0 || k == nz - 1;
            for (int j = 0; j < ny; j++) {
                int rowStart = nx * (j + ny * k);
                if (edgePlane || j == 0 || j == ny - 1) {
                    for (int i = 0; i < nx; i++) {
                        boundaryVoxel(src, dst, d, dtOverDx2, i, j, k, rowStart + i);
                    }
                    continue;
                }
                boundaryVoxel(src, dst, d, dtOverDx2, 0, j, k, rowStart);
                interiorRow(src, dst, d, dtOverDx2, rowStart + 1, rowStart + nx - 1);
                if (nx > 1) {
                    boundaryVoxel(src, dst, d, dtOverDx2, nx - 1, j, k, rowStart + nx - 1);
                }
            }
        }
    }

    /** Voxels vFrom ≤ v < vTo, all with six in-domain neighbours. */
    private void interiorRow(float[] c, float[] out, float[] d, double coef, int vFrom, int vTo) {
        int sy = nx;
        int sz = planeStride;
        for (int v = vFrom; v < vTo; v++) {
            double dv = d[v];
            double cv = c[v];
            if (dv == 0) {
                out[v] = c[v];
                continue;
            }
            double sum = face(dv, cv, d[v - 1], c[v - 1])
                    + face(dv, cv, d[v + 1], c[v + 1])
                    + face(dv, cv, d[v - sy], c[v - sy])
                    + face(dv, cv, d[v + sy], c[v + sy])
                    + face(dv, cv, d[v - sz], c[v - sz])
                    + face(dv, cv, d[v + sz], c[v + sz]);
            out[v] = (float) (cv + coef * sum);
        }
    }

    /** D_face·(C_nb − C_v) with the harmonic-mean face diffusivity; dv > 0 so the denominator is > 0. */
    private static double face(double dv, double cv, double dn, double cn) {
        return 2 * dv * dn / (dv + dn) * (cn - cv);
    }

    private void boundaryVoxel(float[] c, float[] out, float[] d, double coef, int i, int j, int k, int v) {
        double dv = d[v];
        double cv = c[v];
        if (dv == 0) {
            out[v] = c[v];
            return;
        }
        int sy = nx;
        int sz = planeStride;
        double sum = (i > 0 ? face(dv, cv, d[v - 1], c[v - 1]) : outside(Face.X_MIN, c, d, dv, cv, v + (nx - 1)))
                + (i < nx - 1 ? face(dv, cv, d[v + 1], c[v + 1]) : outside(Face.X_MAX, c, d, dv, cv, v - (nx - 1)))
                + (j > 0 ? face(dv, cv, d[v - sy], c[v - sy]) : outside(Face.Y_MIN, c, d, dv, cv, v + (ny - 1) * sy))
                + (j < ny - 1 ? face(dv, cv, d[v + sy], c[v + sy]) : outside(Face.Y_MAX, c, d, dv, cv, v - (ny - 1) * sy))
                + (k > 0 ? face(dv, cv, d[v - sz], c[v - sz]) : outside(Face.Z_MIN, c, d, dv, cv, v + (nz - 1) * sz))
                + (k < nz - 1 ? face(dv, cv, d[v + sz], c[v + sz]) : outside(Face.Z_MAX, c, d, dv, cv, v - (nz - 1) * sz));
        out[v] = (float) (cv + coef * sum);
    }

    /** Contribution of a domain face; {@code wrapped} is the voxel across it when the face is periodic. */
    private double outside(Face face, float[] c, float[] d, double dv, double cv, int wrapped) {
        int f = face.ordinal();
        int type = bcType[f];
        if (type == SpeciesBoundaries.FIXED) {
            return 2 * dv * (bcValue[f] - cv);
        }
        if (type == SpeciesBoundaries.PERIODIC) {
            return face(dv, cv, d[wrapped], c[wrapped]);
        }
        return 0.0;
    }
}

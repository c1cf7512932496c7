package org.stromasim.transport;

import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;

/**
 * The largest Σ_faces D_face over the voxels of a species, µm²/s: dx² over it is the explicit
 * scheme's stability limit, and the RKL2 stage counts of both backends follow from it. The one
 * definition of that sum, in double from the float voxel diffusivities, with the faces of the transport
 * operator: harmonic-mean faces 2·D_v·D_nb/(D_v + D_nb) (a zero-D neighbour blocks its face), FIXED
 * domain faces 2·D_v (the held value sits on the face, half a voxel from the centre), periodic faces the
 * harmonic mean with the wrapped voxel, zero-flux faces 0. Voxels with D ≤ 0 do not diffuse and are
 * passed over.
 */
public final class FaceSums {

    private FaceSums() {
    }

    /** The largest sum over all voxels. */
    public static double maxFaceSum(Grid3D g, float[] d, SpeciesBoundaries bc) {
        return maxFaceSum(g, d, bc, 0, g.nz());
    }

    /** The largest sum over the voxels of planes kFrom ≤ k &lt; kTo (so callers may split the grid by planes). */
    public static double maxFaceSum(Grid3D g, float[] d, SpeciesBoundaries bc, int kFrom, int kTo) {
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int sy = nx;
        int sz = nx * ny;
        int[] type = bc.typeCodes();
        double worst = 0.0;
        for (int k = kFrom; k < kTo; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    double dv = d[v];
                    if (dv <= 0) {
                        continue;
                    }
                    // faces in Face order; a face that contributes nothing adds +0.0, which leaves the sum as it is
                    double sum = 0.0;
                    sum += i > 0 ? face(dv, d[v - 1]) : domainFace(type[Face.X_MIN.ordinal()], dv, d[v + (nx - 1)]);
                    sum += i < nx - 1 ? face(dv, d[v + 1]) : domainFace(type[Face.X_MAX.ordinal()], dv, d[v - (nx - 1)]);
                    sum += j > 0 ? face(dv, d[v - sy]) : domainFace(type[Face.Y_MIN.ordinal()], dv, d[v + (ny - 1) * sy]);
                    sum += j < ny - 1 ? face(dv, d[v + sy]) : domainFace(type[Face.Y_MAX.ordinal()], dv, d[v - (ny - 1) * sy]);
                    sum += k > 0 ? face(dv, d[v - sz]) : domainFace(type[Face.Z_MIN.ordinal()], dv, d[v + (nz - 1) * sz]);
                    sum += k < nz - 1 ? face(dv, d[v + sz]) : domainFace(type[Face.Z_MAX.ordinal()], dv, d[v - (nz - 1) * sz]);
                    worst = Math.max(worst, sum);
                }
            }
        }
        return worst;
    }

    /** The face diffusivity to a neighbour of diffusivity dn: {@link #harmonic}, 0 when the neighbour is blocked. */
    private static double face(double dv, double dn) {
        return dn > 0 ? harmonic(dv, dn) : 0.0;
    }

    /** The harmonic mean 2·a·b/(a + b) of two voxel diffusivities, µm²/s, in double (a + b &gt; 0). */
    public static double harmonic(double a, double b) {
        return 2 * a * b / (a + b);
    }

    /** A domain face of type {@code type}; {@code wrapped}: the diffusivity across it if it is periodic. */
    private static double domainFace(int type, double dv, double wrapped) {
        if (type == SpeciesBoundaries.FIXED) {
            return 2 * dv;
        }
        return type == SpeciesBoundaries.PERIODIC ? face(dv, wrapped) : 0.0;
    }
}

package org.stromasim.solver;

import java.util.Map;
import org.stromasim.grid.Face;

/**
 * The problem's discrete equations written out plainly, voxel by voxel with explicit neighbour
 * look-ups (no ghosts, no stored faces): r_v = f_v − a_v·u_v − Σ_faces K_face·(u_nb − u_v)/h², with the
 * harmonic-mean face, 2·K_v at a held face against its value, the wrapped voxel across a periodic face.
 */
public final class ReferenceOperator {

    private ReferenceOperator() {
    }

    public static double residualNorm(int nx, int ny, int nz, double h, float[] k, double[] a, Map<Face, FaceCondition> faces,
                               double[] u, double[] f) {
        double sum = 0;
        int[] n = {nx, ny, nz};
        for (int kk = 0; kk < nz; kk++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * kk);
                    double flux = 0;
                    for (Face face : Face.values()) {
                        int[] c = {i, j, kk};
                        c[face.axis()] += face.side();
                        FaceCondition cond = faces.getOrDefault(face, FaceCondition.ZERO_FLUX);
                        boolean outside = c[face.axis()] < 0 || c[face.axis()] >= n[face.axis()];
                        if (outside) {
                            if (cond.kind() == FaceCondition.Kind.FIXED) {
                                flux += 2.0 * k[v] * (cond.value() - u[v]);
                                continue;
                            }
                            if (cond.kind() == FaceCondition.Kind.ZERO_FLUX) {
                                continue;
                            }
                            c[face.axis()] = Math.floorMod(c[face.axis()], n[face.axis()]);
                        }
                        int nb = c[0] + nx * (c[1] + ny * c[2]);
                        double kf = k[v] + k[nb] > 0 ? 2.0 * k[v] * k[nb] / ((double) k[v] + k[nb]) : 0;
                        flux += kf * (u[nb] - u[v]);
                    }
                    // scaled by h² as the solver's right-hand side is
                    double r = (f[v] - a[v] * u[v]) * h * h + flux;
                    sum += r * r;
                }
            }
        }
        return Math.sqrt(sum);
    }
}

package org.stromasim.flow;

import java.util.Map;
import org.stromasim.grid.Face;
import org.stromasim.solver.FaceCondition;

/**
 * Steady interstitial fluid pressure p (mmHg) on the voxel grid:
 * <pre>  −∇·(K∇p) = c_v·(p_e − p) − c_l·(p − p_l)</pre>
 * with K the hydraulic conductivity (µm²/(mmHg·s)), c_v = Lp·S/V the transvascular filtration
 * coefficient of perfused vessel voxels (1/(mmHg·s)), p_e = p_v − σ(π_v − π_i) the effective
 * vascular pressure (Starling; mmHg), c_l and p_l the lymphatic drainage coefficient and pressure
 * where lymphatics exist (Baxter &amp; Jain 1989, 1990). Arrays are per voxel, x fastest.
 *
 * @param nx            voxels along x
 * @param ny            voxels along y
 * @param nz            voxels along z
 * @param voxelUm         voxel edge h, µm
 * @param conductivity    K per voxel, µm²/(mmHg·s) (0 = impermeable hole)
 * @param filtration      c_v per voxel, 1/(mmHg·s)
 * @param effectivePressureMmHg p_e per voxel, mmHg
 * @param lymphatic       c_l per voxel, 1/(mmHg·s)
 * @param lymphPressureMmHg p_l per voxel, mmHg
 * @param faces           pressure condition per domain face (left out: zero flux); fixed values in mmHg
 */
public record DarcyStarlingProblem(int nx, int ny, int nz, double voxelUm, float[] conductivity, double[] filtration,
                                   double[] effectivePressureMmHg, double[] lymphatic, double[] lymphPressureMmHg,
                                   Map<Face, FaceCondition> faces) {

    public DarcyStarlingProblem {
        int n = nx * ny * nz;
        for (Object[] a : new Object[][] {{"conductivity", conductivity.length}, {"filtration", filtration.length},
                {"effective pressure", effectivePressureMmHg.length}, {"lymphatic", lymphatic.length},
                {"lymph pressure", lymphPressureMmHg.length}}) {
            if ((int) a[1] != n) {
                throw new IllegalArgumentException(a[0] + " has " + a[1] + " values for " + n + " voxels");
            }
        }
        for (int v = 0; v < n; v++) {
            if (!(filtration[v] >= 0) || !(lymphatic[v] >= 0) || !Double.isFinite(effectivePressureMmHg[v])
                    || !Double.isFinite(lymphPressureMmHg[v]) || !Double.isFinite(filtration[v])
                    || !Double.isFinite(lymphatic[v])) {
                throw new IllegalArgumentException("voxel " + v + ": filtration and lymphatic coefficients must be finite"
                        + " and >= 0, pressures finite; got c_v=" + filtration[v] + ", p_e=" + effectivePressureMmHg[v]
                        + ", c_l=" + lymphatic[v] + ", p_l=" + lymphPressureMmHg[v]);
            }
        }
    }

    public int voxelCount() {
        return nx * ny * nz;
    }
}

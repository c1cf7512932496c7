package org.stromasim.biology;

import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.BiologySpec.Remodelling;
import org.stromasim.tissue.CellType;

/**
 * Stiffness change by CAFs (LOX cross-linking and deposition) and by a matrix-degrading enzyme:
 * dE/dt = a·(E_ceiling − E) − b·(E − E_floor), with
 * a = (k_caf·[voxel is a CAF] + k_spread·m/6)·(1 − LOX inhibition), m the number of face neighbours
 * that are CAFs (inside the grid), and b = k_enzyme·(enzyme strength). With a and b constant over the
 * slow step the solution is exact: E ← E∞ + (E − E∞)·e^(−(a+b)Δt), E∞ = (a·E_ceiling + b·E_floor)/(a + b),
 * so a CAF voxel approaches the ceiling as E_ceiling − (E_ceiling − E₀)·e^(−k_caf·t), never passes it,
 * and no step size can overshoot. Vessel voxels (lumen) are not remodelled.
 */
public final class MatrixRemodelling {

    private final Remodelling law;

    public MatrixRemodelling(Remodelling law) {
        this.law = law;
    }

    public void step(Grid3D grid, byte[] cell, float[] stiffnessKpa, double dtS, double loxBlock, double enzyme) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        byte vessel = CellType.VESSEL.code();
        double building = 1.0 - loxBlock;
        double b = law.enzymeSofteningPerS() * enzyme;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    if (cell[v] == vessel) {
                        continue;
                    }
                    double a = stiffeningPerS(law, cell, i, j, k, nx, ny, nz) * building;
                    double total = a + b;
                    if (total <= 0) {
                        continue;
                    }
                    double target = (a * law.ceilingKpa() + b * law.floorKpa()) / total;
                    stiffnessKpa[v] = (float) (target + (stiffnessKpa[v] - target) * Math.exp(-total * dtS));
                }
            }
        }
    }

    /**
     * The LOX stiffening rate of voxel (i, j, k) before any blockade, 1/s: its own CAF rate plus the
     * spread from each CAF face neighbour (a sixth of the spread rate each). The slow clock bounds its
     * step with the same rate ({@link AdaptiveSlowInterval}).
     */
    static double stiffeningPerS(Remodelling law, byte[] cell, int i, int j, int k, int nx, int ny, int nz) {
        byte caf = CellType.CAF.code();
        int v = i + nx * (j + ny * k);
        int m = 0;
        if (law.spreadPerS() > 0) {
            m = isCaf(cell, i > 0 ? v - 1 : -1, caf) + isCaf(cell, i < nx - 1 ? v + 1 : -1, caf)
                    + isCaf(cell, j > 0 ? v - nx : -1, caf) + isCaf(cell, j < ny - 1 ? v + nx : -1, caf)
                    + isCaf(cell, k > 0 ? v - nx * ny : -1, caf)
                    + isCaf(cell, k < nz - 1 ? v + nx * ny : -1, caf);
        }
        return (cell[v] == caf ? law.cafStiffeningPerS() : 0.0) + law.spreadPerS() * m / 6.0;
    }

    private static int isCaf(byte[] cell, int v, byte caf) {
        return v >= 0 && cell[v] == caf ? 1 : 0;
    }
}

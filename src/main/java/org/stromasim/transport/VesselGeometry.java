package org.stromasim.transport;

import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * Vessel wall area per tissue volume seen by each voxel: S/V = (number of faces shared with vessel
 * voxels)/dx, in 1/µm, so the exchange rate of a species with wall permeability P is P·S/V (1/s).
 * Vessel voxels themselves get 0 (they hold the plasma). Only faces inside the domain count: the
 * wall geometry does not wrap around periodic faces (periodicity is per species; the geometry is not).
 */
final class VesselGeometry {

    private VesselGeometry() {
    }

    static float[] surfaceToVolumePerUm(Tissue tissue) {
        Grid3D g = tissue.grid();
        byte[] cell = tissue.cell();
        byte vessel = CellType.VESSEL.code();
        float[] sv = new float[g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int v = g.index(i, j, k);
                    if (cell[v] == vessel) {
                        continue;
                    }
                    int faces = 0;
                    for (Face face : Face.values()) {
                        int nb = GridNeighbours.neighbour(g, i, j, k, face);
                        if (nb >= 0 && cell[nb] == vessel) {
                            faces++;
                        }
                    }
                    sv[v] = (float) (faces / g.voxelUm());
                }
            }
        }
        return sv;
    }
}

package org.stromasim.transport;

import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.VesselWall;

/**
 * Vessel wall area per tissue volume S/V seen by each voxel, 1/µm, so the exchange rate of a species
 * with wall permeability P is P·S/V (1/s). Vessel voxels themselves get 0 (they hold the plasma).
 * <ul>
 *   <li>a tissue built from vessel segments carries its true wall ({@link VesselWall}, built by
 *       {@code tissue.VesselWallGeometry}): that S/V is used as it is;</li>
 *   <li>a tissue given only as a voxel mask (cell codes and nothing else) has no other wall than its
 *       voxels' faces: S/V = (faces shared with vessel voxels)/dx. Only faces inside the domain count:
 *       the wall does not wrap around periodic faces (periodicity is per species; the geometry is not).</li>
 * </ul>
 */
final class VesselGeometry {

    private VesselGeometry() {
    }

    static float[] surfaceToVolumePerUm(Tissue tissue) {
        VesselWall wall = tissue.vesselWall();
        return wall != null ? checked(tissue, wall.areaPerVolumePerUm().clone()) : voxelFaces(tissue);
    }

    /**
     * Per voxel, its centre's distance from the vessel wall it holds, µm ({@link VesselWall#wallDistanceUm});
     * zeros for a tissue without one (a voxel-face wall, or a wall stored without distances).
     */
    static float[] wallDistanceUm(Tissue tissue) {
        VesselWall wall = tissue.vesselWall();
        if (wall == null || wall.wallDistanceUm() == null) {
            return new float[tissue.grid().voxelCount()];
        }
        float[] d = wall.wallDistanceUm().clone();
        for (int v = 0; v < d.length; v++) {
            if (!(d[v] >= 0) || !Float.isFinite(d[v])) {
                throw new IllegalArgumentException("vessel wall distance at voxel " + v + " is " + d[v]
                        + " µm; it must be finite and >= 0");
            }
        }
        return d;
    }

    private static float[] checked(Tissue tissue, float[] sv) {
        byte[] cell = tissue.cell();
        byte vessel = CellType.VESSEL.code();
        for (int v = 0; v < sv.length; v++) {
            if (!(sv[v] >= 0) || !Float.isFinite(sv[v])) {
                throw new IllegalArgumentException("vessel wall area per volume at voxel " + v + " is " + sv[v]
                        + " /µm; it must be finite and >= 0");
            }
            if (cell[v] == vessel) {
                sv[v] = 0f; // lumen holds the plasma; its wall was credited to the tissue outside it
            }
        }
        return sv;
    }

    private static float[] voxelFaces(Tissue tissue) {
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

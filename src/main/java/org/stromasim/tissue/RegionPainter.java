package org.stromasim.tissue;

import java.util.Arrays;
import java.util.List;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.RegionSpec;

/**
 * Paints the scenario's {@code tissue.regions} in order: a voxel whose centre lies in a region's shape
 * takes its cell type (cancer marks the voxel tumour, any other type normal interstitium), its
 * anatomical region when the region names one (over what the cell type implies) and its baseline
 * stiffness. Stiffness overrides go into a per-voxel array (NaN = the region map's baseline) that
 * {@link StiffnessPainter} applies before the texture.
 */
final class RegionPainter {

    private RegionPainter() {
    }

    /** @return the baseline stiffness set by regions per voxel, kPa (NaN where none), or null with no region setting one */
    static float[] paint(Grid3D grid, List<RegionSpec> regionSpecs, byte[] regions, byte[] cell) {
        float[] stiffness = null;
        for (RegionSpec spec : regionSpecs) {
            if (spec.stiffnessKpa() != null && stiffness == null) {
                stiffness = new float[grid.voxelCount()];
                Arrays.fill(stiffness, Float.NaN);
            }
            for (int k = 0; k < grid.nz(); k++) {
                double z = grid.centreZ(k);
                for (int j = 0; j < grid.ny(); j++) {
                    double y = grid.centreY(j);
                    for (int i = 0; i < grid.nx(); i++) {
                        if (!RegionShape.contains(spec.shape(), grid.centreX(i), y, z)) {
                            continue;
                        }
                        int v = grid.index(i, j, k);
                        if (spec.cell() != null) {
                            cell[v] = spec.cell().code();
                            regions[v] = spec.cell() == CellType.CANCER ? TissueRegion.TUMOUR.code()
                                    : TissueRegion.NORMAL.code();
                        }
                        if (spec.region() != null) {
                            regions[v] = spec.region().code();
                        }
                        if (spec.stiffnessKpa() != null) {
                            stiffness[v] = spec.stiffnessKpa().floatValue();
                        }
                    }
                }
            }
        }
        return stiffness;
    }
}

package org.stromasim.scenario;

import org.stromasim.grid.Grid3D;

/** Grid size in voxels and the voxel edge in µm (YAML keys nx, ny, nz, voxel_um). */
public record GridSpec(int nx, int ny, int nz, double voxelUm) {

    public Grid3D toGrid() {
        return new Grid3D(nx, ny, nz, voxelUm);
    }
}

package org.stromasim.tissue;

import org.stromasim.grid.Grid3D;

/**
 * Which {@link TissueRegion} each voxel belongs to (one byte per voxel, flat like every field). Kept
 * apart from {@link Tissue}: it is fixed at build time and only metrics and reports read it.
 */
public final class TissueRegions {

    private final Grid3D grid;
    private final byte[] codes;

    public TissueRegions(Grid3D grid, byte[] codes) {
        if (codes.length != grid.voxelCount()) {
            throw new IllegalArgumentException("region map has " + codes.length + " voxels, grid has "
                    + grid.voxelCount());
        }
        this.grid = grid;
        this.codes = codes;
    }

    public Grid3D grid() {
        return grid;
    }

    /** The raw codes ({@link TissueRegion#code()}), indexed as {@link Grid3D#index}. */
    public byte[] codes() {
        return codes;
    }

    public TissueRegion regionAt(int index) {
        return TissueRegion.fromCode(codes[index]);
    }

    public long count(TissueRegion region) {
        byte c = region.code();
        long n = 0;
        for (byte b : codes) {
            if (b == c) {
                n++;
            }
        }
        return n;
    }

    /** Mean of a field over the voxels of one region; NaN when the region is empty. */
    public double mean(float[] field, TissueRegion region) {
        if (field.length != codes.length) {
            throw new IllegalArgumentException("field has " + field.length + " voxels, region map has " + codes.length);
        }
        byte c = region.code();
        double sum = 0;
        long n = 0;
        for (int v = 0; v < codes.length; v++) {
            if (codes[v] == c) {
                sum += field[v];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}

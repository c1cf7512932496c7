package org.stromasim.grid;

/**
 * A regular voxel grid: nx × ny × nz cubic voxels of edge {@code voxelUm} micrometres.
 * Fields are flat arrays indexed {@code i + nx*(j + ny*k)} (x fastest), which is also the
 * C-order layout of an HDF5 dataset of shape [nz][ny][nx].
 */
public record Grid3D(int nx, int ny, int nz, double voxelUm) {

    public Grid3D {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("grid dimensions must be >= 1, got " + nx + "x" + ny + "x" + nz);
        }
        if (!(voxelUm > 0) || !Double.isFinite(voxelUm)) {
            throw new IllegalArgumentException("voxel size must be a positive number of µm, got " + voxelUm);
        }
        if ((long) nx * ny * nz > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("grid " + nx + "x" + ny + "x" + nz + " has more voxels than a Java array can hold");
        }
    }

    public int voxelCount() {
        return nx * ny * nz;
    }

    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    /** Centre of voxel (i, j, k) in µm, with the domain's corner at the origin. */
    public double centreX(int i) {
        return (i + 0.5) * voxelUm;
    }

    public double centreY(int j) {
        return (j + 0.5) * voxelUm;
    }

    public double centreZ(int k) {
        return (k + 0.5) * voxelUm;
    }

    public double voxelVolumeUm3() {
        return voxelUm * voxelUm * voxelUm;
    }

    public double sizeXUm() {
        return nx * voxelUm;
    }

    public double sizeYUm() {
        return ny * voxelUm;
    }

    public double sizeZUm() {
        return nz * voxelUm;
    }
}

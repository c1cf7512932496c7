package org.stromasim.viewer.data;

/**
 * One scalar field on a box of voxels, as the viewer holds it: values x-fastest (index
 * {@code i + nx*(j + ny*k)}, the layout of a snapshot dataset and of an OpenGL 3D texture), the box's
 * physical size, and what the values are.
 *
 * @param name    field name (a snapshot dataset, or a derived name such as "drug (A − B)")
 * @param unit    unit symbol of the values ("µM", "kPa", "1")
 * @param timeS   simulated time of the snapshot, s
 * @param nx      voxels along x
 * @param ny      voxels along y
 * @param nz      voxels along z
 * @param sizeXUm box length along x, µm (kept when downsampling, so the box does not shrink)
 * @param sizeYUm box length along y, µm
 * @param sizeZUm box length along z, µm
 * @param values  nx·ny·nz values
 */
public record VolumeField(String name, String unit, double timeS, int nx, int ny, int nz,
                          double sizeXUm, double sizeYUm, double sizeZUm, float[] values) {

    public VolumeField {
        if (nx < 1 || ny < 1 || nz < 1 || (long) nx * ny * nz != values.length) {
            throw new IllegalArgumentException("field " + name + ": " + values.length + " values do not fill "
                    + nx + "×" + ny + "×" + nz + " voxels");
        }
    }

    public int voxelCount() {
        return values.length;
    }

    public float at(int i, int j, int k) {
        return values[i + nx * (j + ny * k)];
    }

    /** The same box and time with other values (a derived field). */
    public VolumeField withValues(String newName, String newUnit, float[] newValues) {
        return new VolumeField(newName, newUnit, timeS, nx, ny, nz, sizeXUm, sizeYUm, sizeZUm, newValues);
    }

    /** True when {@code other} covers the same voxels, so the two can be compared voxel by voxel. */
    public boolean sameGrid(VolumeField other) {
        return nx == other.nx && ny == other.ny && nz == other.nz;
    }

    /** "48×48×40". */
    public String dimensions() {
        return nx + "×" + ny + "×" + nz;
    }
}

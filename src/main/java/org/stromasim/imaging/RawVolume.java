package org.stromasim.imaging;

/**
 * A 3D scalar image as read from a file, before it is placed in space: {@code nx × ny × nz} samples,
 * x fastest ({@code values[i + nx·(j + ny·k)]}, float: integer samples are exact up to 2^24), and the voxel spacing and origin the file states, in
 * the file's length unit, or null where the file states none (a TIFF stack has no voxel depth).
 *
 * @param spacing    sample spacing along x, y, z in {@code unitUm} units, or null
 * @param origin     centre of sample (0, 0, 0) in {@code unitUm} units, or null
 * @param unitUm     µm per length unit of spacing and origin as the file declares it, or NaN where the
 *                   file names no unit (the scenario's {@code length_unit_um} then applies)
 * @param sampleType the stored sample type, for messages (e.g. {@code uint16}, {@code float32})
 */
public record RawVolume(int nx, int ny, int nz, float[] values, double[] spacing, double[] origin, double unitUm,
                        String sampleType) {

    public RawVolume {
        if ((long) nx * ny * nz != values.length) {
            throw new IllegalArgumentException(nx + " × " + ny + " × " + nz + " samples but " + values.length + " values");
        }
    }

    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }
}

package org.stromasim.viewer.data;

/**
 * Shrinks a field that the GPU cannot hold: larger than {@code GL_MAX_3D_TEXTURE_SIZE} along an axis,
 * or more bytes than the texture budget. Each axis is reduced by an integer factor and each new voxel is
 * the mean of the block it replaces (partial blocks at the far edge average what they cover), so means
 * and totals survive and no value outside the original range appears.
 */
public final class Downsampler {

    /** The result, and the line to show the user when anything was reduced. */
    public record Result(VolumeField field, int factorX, int factorY, int factorZ, String message) {
        public boolean reduced() {
            return factorX * factorY * factorZ > 1;
        }
    }

    private Downsampler() {
    }

    /**
     * @param maxAxisVoxels    largest texture edge the GPU accepts (GL_MAX_3D_TEXTURE_SIZE)
     * @param maxTextureBytes  budget for this texture, bytes (4 per voxel: float32)
     */
    public static Result fit(VolumeField field, int maxAxisVoxels, long maxTextureBytes) {
        if (maxAxisVoxels < 1 || maxTextureBytes < 4) {
            throw new IllegalArgumentException("texture limits must be >= 1 voxel and >= 4 bytes, got "
                    + maxAxisVoxels + " and " + maxTextureBytes);
        }
        int fx = ceilDiv(field.nx(), maxAxisVoxels);
        int fy = ceilDiv(field.ny(), maxAxisVoxels);
        int fz = ceilDiv(field.nz(), maxAxisVoxels);
        while (bytes(field, fx, fy, fz) > maxTextureBytes) {
            // Grow the factor of the axis that currently keeps the most voxels, so the box stays evenly sampled.
            int keptX = ceilDiv(field.nx(), fx);
            int keptY = ceilDiv(field.ny(), fy);
            int keptZ = ceilDiv(field.nz(), fz);
            if (keptX >= keptY && keptX >= keptZ) {
                fx++;
            } else if (keptY >= keptZ) {
                fy++;
            } else {
                fz++;
            }
        }
        if (fx * fy * fz == 1) {
            return new Result(field, 1, 1, 1, "");
        }
        VolumeField reduced = average(field, fx, fy, fz);
        String message = "field " + field.name() + " (" + field.dimensions() + " voxels, "
                + mib(4L * field.voxelCount()) + ") exceeds the GPU's 3D texture limits (" + maxAxisVoxels
                + " voxels per axis, " + mib(maxTextureBytes) + "): showing it downsampled by " + fx + "×" + fy + "×" + fz
                + " to " + reduced.dimensions() + " (block means)";
        return new Result(reduced, fx, fy, fz, message);
    }

    private static long bytes(VolumeField field, int fx, int fy, int fz) {
        return 4L * ceilDiv(field.nx(), fx) * ceilDiv(field.ny(), fy) * ceilDiv(field.nz(), fz);
    }

    private static VolumeField average(VolumeField field, int fx, int fy, int fz) {
        int nx = ceilDiv(field.nx(), fx);
        int ny = ceilDiv(field.ny(), fy);
        int nz = ceilDiv(field.nz(), fz);
        float[] out = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double sum = 0;
                    int count = 0;
                    for (int kk = k * fz; kk < Math.min((k + 1) * fz, field.nz()); kk++) {
                        for (int jj = j * fy; jj < Math.min((j + 1) * fy, field.ny()); jj++) {
                            for (int ii = i * fx; ii < Math.min((i + 1) * fx, field.nx()); ii++) {
                                sum += field.at(ii, jj, kk);
                                count++;
                            }
                        }
                    }
                    out[i + nx * (j + ny * k)] = (float) (sum / count);
                }
            }
        }
        return new VolumeField(field.name(), field.unit(), field.timeS(), nx, ny, nz,
                field.sizeXUm(), field.sizeYUm(), field.sizeZUm(), out);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static String mib(long bytes) {
        return Units.compact(bytes / (1024.0 * 1024.0)) + " MiB";
    }
}

package org.stromasim.viewer.gl;

import static org.lwjgl.opengl.GL33C.*;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.lwjgl.system.MemoryUtil;

/**
 * The GPU side of one panel: the normalised field as a single-channel float 3D texture and the overlay
 * masks (vessel, tumour) as a two-channel 8-bit 3D texture of the same size, both linearly filtered so
 * rays sample smooth values and smooth mask boundaries.
 */
public final class VolumeTextures implements AutoCloseable {

    private final int fieldTexture;
    private final int maskTexture;
    private final int nx;
    private final int ny;
    private final int nz;
    private final double[] sizeUm;

    /**
     * @param normalized nx·ny·nz values in [0, 1], x fastest
     * @param vessel     vessel mask (0..1) or null for none
     * @param tumour     tumour mask (0..1) or null for none
     * @param sizeUm     physical box size {x, y, z}, µm (sets the box's proportions)
     * @throws GpuMemoryException when the driver reports GL_OUT_OF_MEMORY for these textures
     */
    public VolumeTextures(float[] normalized, float[] vessel, float[] tumour, int nx, int ny, int nz, double[] sizeUm) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.sizeUm = sizeUm.clone();
        glGetError(); // clear stale errors so the checks below see only ours
        fieldTexture = glGenTextures();
        FloatBuffer values = MemoryUtil.memAllocFloat(normalized.length);
        try {
            values.put(normalized).flip();
            bind3d(fieldTexture);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
            glTexImage3D(GL_TEXTURE_3D, 0, GL_R32F, nx, ny, nz, 0, GL_RED, GL_FLOAT, values);
        } finally {
            MemoryUtil.memFree(values);
        }
        maskTexture = glGenTextures();
        ByteBuffer masks = MemoryUtil.memAlloc(2 * normalized.length);
        try {
            for (int v = 0; v < normalized.length; v++) {
                masks.put(toByte(vessel == null ? 0 : vessel[v])).put(toByte(tumour == null ? 0 : tumour[v]));
            }
            masks.flip();
            bind3d(maskTexture);
            glTexImage3D(GL_TEXTURE_3D, 0, GL_RG8, nx, ny, nz, 0, GL_RG, GL_UNSIGNED_BYTE, masks);
        } finally {
            MemoryUtil.memFree(masks);
        }
        int error = glGetError();
        if (error != GL_NO_ERROR) {
            close();
            if (error == GL_OUT_OF_MEMORY) {
                throw new GpuMemoryException(nx + "×" + ny + "×" + nz + " voxels do not fit in GPU memory");
            }
            throw new IllegalStateException("uploading the " + nx + "×" + ny + "×" + nz + " volume failed with GL error 0x"
                    + Integer.toHexString(error));
        }
    }

    private static byte toByte(float fraction) {
        return (byte) Math.round(Math.max(0, Math.min(1, fraction)) * 255);
    }

    private static void bind3d(int texture) {
        glBindTexture(GL_TEXTURE_3D, texture);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_WRAP_R, GL_CLAMP_TO_EDGE);
    }

    int fieldTexture() {
        return fieldTexture;
    }

    int maskTexture() {
        return maskTexture;
    }

    /** Half-extents of the box in world units: the longest edge is 1. */
    double[] boxHalf() {
        double longest = Math.max(sizeUm[0], Math.max(sizeUm[1], sizeUm[2]));
        return new double[] {sizeUm[0] / longest / 2, sizeUm[1] / longest / 2, sizeUm[2] / longest / 2};
    }

    int[] dimensions() {
        return new int[] {nx, ny, nz};
    }

    @Override
    public void close() {
        glDeleteTextures(fieldTexture);
        glDeleteTextures(maskTexture);
    }

    /** The driver could not allocate the textures; the caller downsamples and retries. */
    public static final class GpuMemoryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GpuMemoryException(String message) {
            super(message);
        }
    }
}

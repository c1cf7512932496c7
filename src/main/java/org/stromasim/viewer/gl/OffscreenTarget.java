package org.stromasim.viewer.gl;

import static org.lwjgl.opengl.GL33C.*;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import org.lwjgl.system.MemoryUtil;

/** A framebuffer object with an 8-bit RGBA colour buffer: where headless frames are drawn and read back. */
public final class OffscreenTarget implements AutoCloseable {

    private final int framebuffer;
    private final int colorBuffer;
    private final int width;
    private final int height;

    public OffscreenTarget(int width, int height) {
        this.width = width;
        this.height = height;
        framebuffer = glGenFramebuffers();
        colorBuffer = glGenRenderbuffers();
        glBindRenderbuffer(GL_RENDERBUFFER, colorBuffer);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
        glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colorBuffer);
        int status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
        if (status != GL_FRAMEBUFFER_COMPLETE) {
            close();
            throw new IllegalStateException("offscreen framebuffer " + width + "×" + height + " is incomplete (status 0x"
                    + Integer.toHexString(status) + ")");
        }
    }

    /** The pixels drawn so far, top row first (OpenGL stores the bottom row first). */
    public BufferedImage read() {
        glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
        glFinish();
        ByteBuffer pixels = MemoryUtil.memAlloc(4 * width * height);
        try {
            glPixelStorei(GL_PACK_ALIGNMENT, 1);
            glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int row = 0; row < height; row++) {
                for (int col = 0; col < width; col++) {
                    int offset = 4 * (col + width * row);
                    int rgb = (pixels.get(offset) & 0xFF) << 16 | (pixels.get(offset + 1) & 0xFF) << 8
                            | (pixels.get(offset + 2) & 0xFF);
                    image.setRGB(col, height - 1 - row, rgb);
                }
            }
            return image;
        } finally {
            MemoryUtil.memFree(pixels);
        }
    }

    public void bind() {
        glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
    }

    @Override
    public void close() {
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glDeleteFramebuffers(framebuffer);
        glDeleteRenderbuffers(colorBuffer);
    }
}

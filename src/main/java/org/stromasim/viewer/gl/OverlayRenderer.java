package org.stromasim.viewer.gl;

import static org.lwjgl.opengl.GL33C.*;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import org.lwjgl.system.MemoryUtil;

/** Blends a CPU-painted ARGB image (labels, colour bar, slider) over the whole framebuffer. */
public final class OverlayRenderer implements AutoCloseable {

    private final ShaderProgram program = new ShaderProgram("fullscreen.vert", "overlay.frag");
    private final int vertexArray = glGenVertexArrays();
    private final int texture = glGenTextures();

    public void draw(BufferedImage overlay, int width, int height) {
        ByteBuffer rgba = MemoryUtil.memAlloc(4 * overlay.getWidth() * overlay.getHeight());
        try {
            for (int row = 0; row < overlay.getHeight(); row++) {
                for (int col = 0; col < overlay.getWidth(); col++) {
                    int argb = overlay.getRGB(col, row);
                    rgba.put((byte) (argb >> 16)).put((byte) (argb >> 8)).put((byte) argb).put((byte) (argb >>> 24));
                }
            }
            rgba.flip();
            glActiveTexture(GL_TEXTURE0);
            glBindTexture(GL_TEXTURE_2D, texture);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, overlay.getWidth(), overlay.getHeight(), 0, GL_RGBA,
                    GL_UNSIGNED_BYTE, rgba);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        } finally {
            MemoryUtil.memFree(rgba);
        }
        glViewport(0, 0, width, height);
        glEnable(GL_BLEND);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        program.use();
        glUniform1i(program.uniform("overlay"), 0);
        glBindVertexArray(vertexArray);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        glBindVertexArray(0);
        glDisable(GL_BLEND);
    }

    @Override
    public void close() {
        program.close();
        glDeleteVertexArrays(vertexArray);
        glDeleteTextures(texture);
    }
}

package org.stromasim.viewer.gl;

import static org.lwjgl.opengl.GL33C.*;

import java.nio.ByteBuffer;
import org.lwjgl.system.MemoryUtil;
import org.stromasim.viewer.ClipBox;
import org.stromasim.viewer.RenderSettings;
import org.stromasim.viewer.camera.OrbitCamera;
import org.stromasim.viewer.data.TransferFunction;
import org.stromasim.viewer.color.ColorMap;

/**
 * Draws a {@link VolumeTextures} into a viewport by ray marching in {@code volume.frag}: one full-viewport
 * triangle, one ray per pixel.
 */
public final class VolumeRenderer implements AutoCloseable {

    /** Samples per voxel along a ray: two, so no voxel is skipped (Nyquist for the linear interpolant). */
    private static final double SAMPLES_PER_VOXEL = 2;

    private final ShaderProgram program = new ShaderProgram("fullscreen.vert", "volume.frag");
    private final int vertexArray = glGenVertexArrays();
    private final int colorMapTexture = glGenTextures();
    private ColorMap loadedMap;

    private void loadColorMap(ColorMap map) {
        if (map == loadedMap) {
            return;
        }
        int[] table = map.table();
        ByteBuffer rgb = MemoryUtil.memAlloc(3 * table.length);
        try {
            for (int color : table) {
                rgb.put((byte) (color >> 16)).put((byte) (color >> 8)).put((byte) color);
            }
            rgb.flip();
            glBindTexture(GL_TEXTURE_2D, colorMapTexture);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, table.length, 1, 0, GL_RGB, GL_UNSIGNED_BYTE, rgb);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        } finally {
            MemoryUtil.memFree(rgb);
        }
        loadedMap = map;
    }

    /**
     * Renders {@code volume} into the viewport (x, y, width, height), pixels from the bottom left.
     *
     * @param scale         the value scale the texture was normalised with (iso level, log opacity)
     * @param divergingRamp opacity grows away from the middle of the colour bar (for differences)
     * @param background    background colour {r, g, b} in [0, 1]
     */
    public void render(VolumeTextures volume, OrbitCamera camera, RenderSettings settings, TransferFunction scale,
                       boolean divergingRamp, float[] background, int x, int y, int width, int height) {
        loadColorMap(settings.colorMap());
        glViewport(x, y, width, height);
        glDisable(GL_DEPTH_TEST);
        glDisable(GL_BLEND);
        program.use();
        double[] half = volume.boxHalf();
        int[] n = volume.dimensions();
        double voxelWorld = Math.min(2 * half[0] / n[0], Math.min(2 * half[1] / n[1], 2 * half[2] / n[2]));
        glUniformMatrix4fv(program.uniform("inverseViewProjection"), false,
                camera.viewProjection((double) width / height).inverse().toFloats());
        glUniform3f(program.uniform("boxHalf"), (float) half[0], (float) half[1], (float) half[2]);
        ClipBox clip = settings.clip();
        glUniform3f(program.uniform("clipLow"), (float) clip.xMin(), (float) clip.yMin(), (float) clip.zMin());
        glUniform3f(program.uniform("clipHigh"), (float) clip.xMax(), (float) clip.yMax(), (float) clip.zMax());
        glUniform1i(program.uniform("mode"), settings.mode().shaderCode());
        glUniform1f(program.uniform("extinction"), (float) settings.opacity());
        glUniform1f(program.uniform("isoLevel"), (float) settings.isoFractionOn(scale));
        glUniform1f(program.uniform("logDecades"), (float) scale.logDecades());
        glUniform1i(program.uniform("divergingRamp"), divergingRamp ? 1 : 0);
        glUniform1i(program.uniform("showVessels"), settings.showVessels() ? 1 : 0);
        // vessels in red, except on the diverging map, whose red end means "first run higher"
        float[] vessel = settings.colorMap().diverging() ? new float[] {0.10f, 0.70f, 0.25f} : new float[] {0.90f, 0.20f, 0.15f};
        glUniform4f(program.uniform("vesselColor"), vessel[0], vessel[1], vessel[2], 0.85f);
        glUniform1i(program.uniform("showTumour"), settings.showTumour() ? 1 : 0);
        glUniform1i(program.uniform("sliceAxis"), settings.slice().axis());
        glUniform1f(program.uniform("slicePosition"), (float) settings.slice().position());
        glUniform3f(program.uniform("background"), background[0], background[1], background[2]);
        glUniform1f(program.uniform("stepLength"), (float) (voxelWorld / SAMPLES_PER_VOXEL));
        glUniform3f(program.uniform("gradientStep"), 1f / n[0], 1f / n[1], 1f / n[2]);
        bindTexture(0, GL_TEXTURE_3D, volume.fieldTexture(), "field");
        bindTexture(1, GL_TEXTURE_3D, volume.maskTexture(), "masks");
        bindTexture(2, GL_TEXTURE_2D, colorMapTexture, "colorMap");
        glBindVertexArray(vertexArray);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        glBindVertexArray(0);
    }

    private void bindTexture(int unit, int target, int texture, String sampler) {
        glActiveTexture(GL_TEXTURE0 + unit);
        glBindTexture(target, texture);
        glUniform1i(program.uniform(sampler), unit);
    }

    @Override
    public void close() {
        program.close();
        glDeleteVertexArrays(vertexArray);
        glDeleteTextures(colorMapTexture);
    }
}

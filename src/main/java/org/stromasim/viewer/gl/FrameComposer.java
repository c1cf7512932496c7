package org.stromasim.viewer.gl;

import static org.lwjgl.opengl.GL33C.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stromasim.viewer.Panel;
import org.stromasim.viewer.RenderSettings;
import org.stromasim.viewer.Scene;
import org.stromasim.viewer.camera.OrbitCamera;
import org.stromasim.viewer.data.Downsampler;
import org.stromasim.viewer.data.VolumeField;
import org.stromasim.viewer.hud.HudPainter;

/**
 * Turns a {@link Scene} into a frame on the current framebuffer: uploads each panel (downsampled first
 * when the GPU's 3D-texture limits or memory require it), draws the panels side by side with one camera,
 * and blends the overlay on top. Used by both the headless screenshot and the interactive window.
 */
public final class FrameComposer implements AutoCloseable {

    /** Background: black, so dark colour-map ends and empty space read as "nothing here". */
    public static final float[] BACKGROUND = {0f, 0f, 0f};

    private final VolumeRenderer volumeRenderer = new VolumeRenderer();
    private final OverlayRenderer overlayRenderer = new OverlayRenderer();
    private final int maxTextureEdge;
    private final long textureBudgetBytes;
    private final List<VolumeTextures> uploaded = new ArrayList<>();
    private Scene scene;

    /**
     * @param maxTextureEdge     GL_MAX_3D_TEXTURE_SIZE of the context (or a smaller limit)
     * @param textureBudgetBytes largest field texture to upload, bytes
     */
    public FrameComposer(int maxTextureEdge, long textureBudgetBytes) {
        this.maxTextureEdge = maxTextureEdge;
        this.textureBudgetBytes = textureBudgetBytes;
    }

    /** Replaces the shown scene; messages about downsampling go to {@code notes}. */
    public void upload(Scene newScene, Consumer<String> notes) {
        releaseTextures();
        for (Panel panel : newScene.panels()) {
            uploaded.add(uploadPanel(panel, newScene, notes, textureBudgetBytes));
        }
        scene = newScene;
    }

    private VolumeTextures uploadPanel(Panel panel, Scene newScene, Consumer<String> notes, long budget) {
        Downsampler.Result field = Downsampler.fit(panel.field(), maxTextureEdge, budget);
        if (field.reduced()) {
            notes.accept(field.message());
        }
        VolumeField shown = field.field();
        float[] vessel = null;
        float[] tumour = null;
        if (panel.masks() != null) {
            vessel = Downsampler.fit(panel.masks().vessel(), maxTextureEdge, budget).field().values();
            tumour = Downsampler.fit(panel.masks().tumour(), maxTextureEdge, budget).field().values();
        }
        try {
            return new VolumeTextures(newScene.scale().normalize(shown), vessel, tumour, shown.nx(), shown.ny(), shown.nz(),
                    new double[] {shown.sizeXUm(), shown.sizeYUm(), shown.sizeZUm()});
        } catch (VolumeTextures.GpuMemoryException outOfMemory) {
            long smaller = 4L * shown.voxelCount() / 8;
            if (smaller < 4L * 8 * 8 * 8) {
                throw new IllegalStateException("the GPU cannot hold even an 8×8×8 volume: " + outOfMemory.getMessage());
            }
            notes.accept("GPU out of memory for " + shown.dimensions() + " voxels: retrying at half resolution");
            return uploadPanel(panel, newScene, notes, smaller);
        }
    }

    /** Draws the current scene into a width×height framebuffer (already bound). */
    public void draw(OrbitCamera camera, RenderSettings settings, int width, int height, HudPainter.Content hud) {
        glViewport(0, 0, width, height);
        glClearColor(BACKGROUND[0], BACKGROUND[1], BACKGROUND[2], 1f);
        glClear(GL_COLOR_BUFFER_BIT);
        if (scene == null) {
            return;
        }
        RenderSettings effective = settings.withColorMap(scene.colorMap());
        int volumeWidth = hud == null ? width : Math.max(1, width - HudPainter.COLOR_BAR_STRIP_PX);
        int bottom = hud != null && hud.timeIndex() >= 0 ? HudPainter.SLIDER_BAND_PX : 0;
        int panelWidth = volumeWidth / uploaded.size();
        for (int p = 0; p < uploaded.size(); p++) {
            volumeRenderer.render(uploaded.get(p), camera, effective, scene.scale(), scene.diverging(), BACKGROUND,
                    p * panelWidth, bottom, panelWidth, height - bottom);
        }
        if (hud != null) {
            overlayRenderer.draw(HudPainter.paint(width, height, hud), width, height);
        }
    }

    private void releaseTextures() {
        for (VolumeTextures textures : uploaded) {
            textures.close();
        }
        uploaded.clear();
    }

    @Override
    public void close() {
        releaseTextures();
        volumeRenderer.close();
        overlayRenderer.close();
    }
}

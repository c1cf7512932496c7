package org.stromasim.viewer;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stromasim.viewer.gl.FrameComposer;
import org.stromasim.viewer.gl.GlContext;
import org.stromasim.viewer.gl.OffscreenTarget;

/**
 * Renders one frame without a visible window (headless OpenGL context, offscreen framebuffer) and
 * returns it as an image: the path scripts, reports and CI use.
 */
public final class HeadlessScreenshot {

    /**
     * Limits for the GPU copy of a field.
     *
     * @param maxTextureEdge     cap on the texture edge in voxels (the GPU's own limit applies too)
     * @param textureBudgetBytes cap on one field texture, bytes
     */
    public record TextureLimits(int maxTextureEdge, long textureBudgetBytes) {
        /** No cap beyond the GPU's own edge limit; 1 GiB per field texture (a display choice: fits mid-range GPUs). */
        public static final TextureLimits DEFAULT = new TextureLimits(Integer.MAX_VALUE, 1L << 30);
    }

    private HeadlessScreenshot() {
    }

    /**
     * @param withHud draw caption, colour bar and notes
     * @param notes   receives every note (scene notes and downsampling messages)
     */
    public static BufferedImage render(Scene scene, ViewState state, int width, int height, boolean withHud,
                                       TextureLimits limits, Consumer<String> notes) {
        List<String> allNotes = new ArrayList<>(scene.notes());
        try (GlContext context = GlContext.headless();
             FrameComposer composer = new FrameComposer(Math.min(context.max3dTextureSize(), limits.maxTextureEdge()),
                     limits.textureBudgetBytes());
             OffscreenTarget target = new OffscreenTarget(width, height)) {
            composer.upload(scene, allNotes::add);
            target.bind();
            composer.draw(state.camera(), state.settings(), width, height,
                    withHud ? HudContents.of(scene, state, allNotes, -1, 0) : null);
            BufferedImage image = target.read();
            allNotes.forEach(notes);
            return image;
        }
    }
}

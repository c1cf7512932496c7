package org.stromasim.viewer;

import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.opengl.GL33C.glBindFramebuffer;
import static org.lwjgl.opengl.GL33C.GL_FRAMEBUFFER;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.stromasim.viewer.gl.FrameComposer;
import org.stromasim.viewer.gl.GlContext;
import org.stromasim.viewer.gl.OffscreenTarget;
import org.stromasim.viewer.hud.HudPainter;

/**
 * The window: GLFW input drives a {@link ViewState} through {@link ViewerControls}; scenes load on a
 * background thread ({@link AsyncSceneLoader}) while the last one stays on screen; frames are drawn by
 * the same {@link FrameComposer} as headless screenshots.
 */
public final class InteractiveViewer {

    /** Seconds per snapshot when playing: slow enough to read the time caption. */
    private static final double PLAY_INTERVAL_S = 0.5;
    /** Orbit degrees per pixel of mouse drag. */
    private static final double ORBIT_DEG_PER_PX = 0.4;
    /** Zoom factor per wheel notch. */
    private static final double ZOOM_PER_NOTCH = 0.9;

    private final SceneLoader loader;
    private final ViewerControls controls;
    private final int initialWidth;
    private final int initialHeight;
    private final boolean withHud;
    private final HeadlessScreenshot.TextureLimits limits;
    private final Path statePath;
    private final PrintWriter out;

    private ViewState state;
    private Scene scene;
    private final List<String> sceneNotes = new ArrayList<>();
    private String status = "";
    private boolean dirty = true;
    private boolean playing;
    private boolean pendingScreenshot;
    private double lastAdvanceS;
    private double lastX;
    private double lastY;
    private int dragButton = -1;

    public InteractiveViewer(SceneLoader loader, ViewState state, int width, int height, boolean withHud,
                             HeadlessScreenshot.TextureLimits limits, Path statePath, PrintWriter out) {
        this.loader = loader;
        this.state = state;
        this.controls = new ViewerControls(loader.primary().fieldNames(), loader.primary().size());
        this.initialWidth = width;
        this.initialHeight = height;
        this.withHud = withHud;
        this.limits = limits;
        this.statePath = statePath;
        this.out = out;
    }

    /** Opens the window and returns when it is closed. */
    public void run() {
        // Fail on bad input (unknown field, unreadable snapshot) before a window appears.
        Scene first = loader.load(state.field(), state.timeIndex(), state);
        try (GlContext context = GlContext.window(initialWidth, initialHeight, "stromasim view — " + loader.primary().source());
             FrameComposer composer = new FrameComposer(Math.min(context.max3dTextureSize(), limits.maxTextureEdge()),
                     limits.textureBudgetBytes());
             AsyncSceneLoader async = new AsyncSceneLoader(loader)) {
            out.println("OpenGL: " + context.description());
            out.flush();
            show(first, composer);
            installCallbacks(context.window(), async);
            glfwSwapInterval(1);
            while (!glfwWindowShouldClose(context.window())) {
                glfwWaitEventsTimeout(playing || async.loading() ? 0.02 : 0.25);
                async.poll().ifPresent(outcome -> {
                    if (outcome.failure() != null) {
                        status = outcome.failure().getMessage();
                        dirty = true;
                    } else {
                        show(outcome.scene(), composer);
                    }
                });
                if (playing && !async.loading() && glfwGetTime() - lastAdvanceS >= PLAY_INTERVAL_S) {
                    lastAdvanceS = glfwGetTime();
                    state = state.withTimeIndex(controls.nextPlayIndex(state.timeIndex()));
                    async.request(state);
                }
                if (dirty) {
                    int[] size = framebufferSize(context.window());
                    glBindFramebuffer(GL_FRAMEBUFFER, 0);
                    composer.draw(state.camera(), state.settings(), size[0], size[1], hud());
                    glfwSwapBuffers(context.window());
                    dirty = false;
                }
                if (pendingScreenshot) {
                    pendingScreenshot = false;
                    writeScreenshot(composer, framebufferSize(context.window()));
                }
            }
        }
    }

    private void show(Scene newScene, FrameComposer composer) {
        scene = newScene;
        sceneNotes.clear();
        sceneNotes.addAll(newScene.notes());
        composer.upload(newScene, sceneNotes::add);
        dirty = true;
    }

    private HudPainter.Content hud() {
        if (!withHud || scene == null) {
            return null;
        }
        List<String> notes = new ArrayList<>(sceneNotes);
        if (!status.isEmpty()) {
            notes.add(status);
        }
        if (playing) {
            notes.add("playing (Space to stop)");
        }
        return HudContents.of(scene, state, notes, state.timeIndex(), loader.primary().size());
    }

    private void installCallbacks(long window, AsyncSceneLoader async) {
        glfwSetKeyCallback(window, (w, key, scancode, action, mods) -> {
            if (action == GLFW_RELEASE) {
                return;
            }
            ViewerControls.Result result = controls.onKey(key, state);
            state = result.state();
            switch (result.effect()) {
                case RELOAD -> async.request(state);
                case TOGGLE_PLAY -> {
                    playing = !playing;
                    lastAdvanceS = glfwGetTime();
                }
                case SAVE_STATE -> saveState();
                case LOAD_STATE -> loadState(async);
                case SCREENSHOT -> pendingScreenshot = true;
                case QUIT -> glfwSetWindowShouldClose(w, true);
                default -> {
                }
            }
            dirty = true;
        });
        glfwSetMouseButtonCallback(window, (w, button, action, mods) -> {
            dragButton = action == GLFW_PRESS ? button : -1;
            if (action == GLFW_PRESS && button == GLFW_MOUSE_BUTTON_LEFT && withHud) {
                jumpIfOnSlider(w, async);
            }
        });
        glfwSetCursorPosCallback(window, (w, x, y) -> {
            double dx = x - lastX;
            double dy = y - lastY;
            lastX = x;
            lastY = y;
            if (dragButton == GLFW_MOUSE_BUTTON_LEFT) {
                state = state.withCamera(state.camera().orbit(-dx * ORBIT_DEG_PER_PX, dy * ORBIT_DEG_PER_PX));
                dirty = true;
            } else if (dragButton == GLFW_MOUSE_BUTTON_RIGHT || dragButton == GLFW_MOUSE_BUTTON_MIDDLE) {
                int[] size = windowSize(w);
                double scale = state.camera().distance() / size[1];
                state = state.withCamera(state.camera().pan(-dx * scale, dy * scale));
                dirty = true;
            }
        });
        glfwSetScrollCallback(window, (w, xOffset, yOffset) -> {
            state = state.withCamera(state.camera().zoom(Math.pow(ZOOM_PER_NOTCH, yOffset)));
            dirty = true;
        });
        glfwSetFramebufferSizeCallback(window, (w, width, height) -> dirty = true);
        glfwSetWindowRefreshCallback(window, w -> dirty = true);
    }

    private void jumpIfOnSlider(long window, AsyncSceneLoader async) {
        int[] size = windowSize(window);
        if (lastY < size[1] - HudPainter.SLIDER_BAND_PX) {
            return;
        }
        int[] track = HudPainter.sliderTrack(size[0], size[1]);
        state = state.withTimeIndex(controls.timeIndexAt((lastX - track[0]) / track[2]));
        async.request(state);
        dragButton = -1; // a slider click is not an orbit
        dirty = true;
    }

    private void saveState() {
        try {
            ViewStateFile.save(state, statePath);
            status = "saved view state to " + statePath.toAbsolutePath();
        } catch (IOException failed) {
            status = "cannot save view state to " + statePath + ": " + failed.getMessage();
        }
        out.println(status);
        out.flush();
    }

    private void loadState(AsyncSceneLoader async) {
        try {
            ViewState loaded = ViewStateFile.load(statePath);
            if (loaded.timeIndex() >= loader.primary().size()) {
                throw new IllegalArgumentException("view state time index " + loaded.timeIndex() + " is beyond this run's "
                        + loader.primary().size() + " snapshots");
            }
            state = loaded;
            async.request(state);
            status = "loaded view state from " + statePath.toAbsolutePath();
        } catch (IllegalArgumentException invalid) {
            status = invalid.getMessage();
        }
        out.println(status);
        out.flush();
    }

    private void writeScreenshot(FrameComposer composer, int[] size) {
        Path file = Path.of("stromasim-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".png");
        try (OffscreenTarget target = new OffscreenTarget(size[0], size[1])) {
            target.bind();
            composer.draw(state.camera(), state.settings(), size[0], size[1], hud());
            BufferedImage image = target.read();
            ImageIO.write(image, "png", file.toFile());
            status = "wrote " + file.toAbsolutePath();
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write screenshot " + file, failed);
        }
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        out.println(status);
        out.flush();
        dirty = true;
    }

    private static int[] framebufferSize(long window) {
        int[] width = new int[1];
        int[] height = new int[1];
        glfwGetFramebufferSize(window, width, height);
        return new int[] {Math.max(1, width[0]), Math.max(1, height[0])};
    }

    private static int[] windowSize(long window) {
        int[] width = new int[1];
        int[] height = new int[1];
        glfwGetWindowSize(window, width, height);
        return new int[] {Math.max(1, width[0]), Math.max(1, height[0])};
    }
}

package org.stromasim.viewer.gl;

import static org.lwjgl.glfw.GLFW.*;

import java.util.ArrayList;
import java.util.List;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GL33C;
import org.lwjgl.system.MemoryUtil;

/**
 * An OpenGL 3.3 core context owned by one GLFW window, current on the creating thread.
 *
 * <p>Headless contexts (screenshots, CI) use GLFW's null platform with an EGL context: no X server and
 * no visible window, only Mesa's EGL and a software or GPU driver. When that fails and a display is
 * set, an invisible X11 window is tried instead (e.g. under Xvfb). The interactive viewer uses a
 * visible window on the desktop's platform.
 */
public final class GlContext implements AutoCloseable {

    /** What to install when no context can be made, for the error message. */
    static final String INSTALL_HINT = "install Mesa's EGL and drivers (Debian/Ubuntu: apt-get install libgl1 libegl1"
            + " libegl-mesa0 libgl1-mesa-dri), or run under Xvfb with DISPLAY set";

    private final long window;
    private final GLFWErrorCallback errorCallback;
    private final String description;

    private GlContext(long window, GLFWErrorCallback errorCallback) {
        this.window = window;
        this.errorCallback = errorCallback;
        glfwMakeContextCurrent(window);
        GL.createCapabilities();
        this.description = GL33C.glGetString(GL33C.GL_RENDERER) + ", OpenGL " + GL33C.glGetString(GL33C.GL_VERSION);
    }

    /** A context without a visible window, for rendering into an offscreen framebuffer. */
    public static GlContext headless() {
        List<String> failures = new ArrayList<>();
        GlContext context = tryCreate(GLFW_PLATFORM_NULL, GLFW_EGL_CONTEXT_API, false, 16, 16, "", failures,
                "GLFW null platform with EGL");
        if (context == null && System.getenv("DISPLAY") != null) {
            context = tryCreate(GLFW_PLATFORM_X11, GLFW_NATIVE_CONTEXT_API, false, 16, 16, "", failures,
                    "invisible X11 window on DISPLAY=" + System.getenv("DISPLAY"));
        }
        if (context == null) {
            throw new GlUnavailableException("cannot create a headless OpenGL 3.3 core context (" + String.join("; ", failures)
                    + "); " + INSTALL_HINT);
        }
        return context;
    }

    /** A visible, resizable window on the desktop's platform (X11 or Wayland). */
    public static GlContext window(int width, int height, String title) {
        List<String> failures = new ArrayList<>();
        GlContext context = tryCreate(GLFW_ANY_PLATFORM, GLFW_NATIVE_CONTEXT_API, true, width, height, title, failures,
                "window on the desktop");
        if (context == null) {
            throw new GlUnavailableException("cannot open an OpenGL 3.3 core window (" + String.join("; ", failures)
                    + "); a desktop session (DISPLAY or WAYLAND_DISPLAY) is needed; for images without a window use"
                    + " --screenshot");
        }
        return context;
    }

    private static GlContext tryCreate(int platform, int contextApi, boolean visible, int width, int height, String title,
                                       List<String> failures, String attempt) {
        StringBuilder lastError = new StringBuilder();
        GLFWErrorCallback callback = GLFWErrorCallback.create((code, description) -> {
            lastError.setLength(0);
            lastError.append(MemoryUtil.memUTF8(description));
        });
        GLFWErrorCallback previous = glfwSetErrorCallback(callback);
        if (previous != null) {
            previous.free();
        }
        glfwInitHint(GLFW_PLATFORM, platform);
        if (!glfwInit()) {
            failures.add(attempt + ": " + (lastError.length() > 0 ? lastError : "GLFW did not initialise"));
            glfwSetErrorCallback(null);
            callback.free();
            return null;
        }
        glfwDefaultWindowHints();
        glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
        glfwWindowHint(GLFW_CONTEXT_CREATION_API, contextApi);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
        long window = glfwCreateWindow(width, height, title, MemoryUtil.NULL, MemoryUtil.NULL);
        if (window == MemoryUtil.NULL) {
            failures.add(attempt + ": " + (lastError.length() > 0 ? lastError : "no window"));
            glfwTerminate();
            glfwSetErrorCallback(null);
            callback.free();
            return null;
        }
        return new GlContext(window, callback);
    }

    /** The GLFW window (for input callbacks and buffer swaps). */
    public long window() {
        return window;
    }

    /** Renderer and version, e.g. "llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5 (Core Profile) Mesa 22.3.6". */
    public String description() {
        return description;
    }

    /** GL_MAX_3D_TEXTURE_SIZE: the longest edge of a 3D texture this context accepts. */
    public int max3dTextureSize() {
        return GL33C.glGetInteger(GL33C.GL_MAX_3D_TEXTURE_SIZE);
    }

    @Override
    public void close() {
        GL.setCapabilities(null);
        glfwMakeContextCurrent(MemoryUtil.NULL);
        org.lwjgl.glfw.Callbacks.glfwFreeCallbacks(window);
        glfwDestroyWindow(window);
        glfwTerminate();
        glfwSetErrorCallback(null);
        errorCallback.free();
    }
}

package org.stromasim.viewer.gl;

import static org.lwjgl.opengl.GL33C.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A linked GLSL program built from shader resource files under {@code org/stromasim/viewer/shaders/}
 * (on the classpath, so it works from the jar). A compile or link failure throws with the file name and
 * the driver's log.
 */
final class ShaderProgram implements AutoCloseable {

    private static final String SHADER_DIR = "/org/stromasim/viewer/shaders/";

    private final int program;

    ShaderProgram(String vertexFile, String fragmentFile) {
        int vertex = compile(GL_VERTEX_SHADER, vertexFile);
        int fragment = compile(GL_FRAGMENT_SHADER, fragmentFile);
        program = glCreateProgram();
        glAttachShader(program, vertex);
        glAttachShader(program, fragment);
        glLinkProgram(program);
        glDeleteShader(vertex);
        glDeleteShader(fragment);
        if (glGetProgrami(program, GL_LINK_STATUS) != GL_TRUE) {
            String log = glGetProgramInfoLog(program);
            glDeleteProgram(program);
            throw new IllegalStateException("linking shaders " + vertexFile + " + " + fragmentFile + " failed:\n" + log);
        }
    }

    private static int compile(int type, String file) {
        int shader = glCreateShader(type);
        glShaderSource(shader, source(file));
        glCompileShader(shader);
        if (glGetShaderi(shader, GL_COMPILE_STATUS) != GL_TRUE) {
            String log = glGetShaderInfoLog(shader);
            glDeleteShader(shader);
            throw new IllegalStateException("compiling shader " + SHADER_DIR + file + " failed:\n" + log);
        }
        return shader;
    }

    static String source(String file) {
        try (InputStream in = ShaderProgram.class.getResourceAsStream(SHADER_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("shader resource " + SHADER_DIR + file + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new IllegalStateException("cannot read shader resource " + SHADER_DIR + file, unreadable);
        }
    }

    void use() {
        glUseProgram(program);
    }

    int uniform(String name) {
        return glGetUniformLocation(program, name);
    }

    @Override
    public void close() {
        glDeleteProgram(program);
    }
}

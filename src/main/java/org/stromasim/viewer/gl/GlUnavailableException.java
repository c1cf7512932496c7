package org.stromasim.viewer.gl;

/** No OpenGL 3.3 core context could be created; the message says what was tried and what to install. */
public final class GlUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GlUnavailableException(String message) {
        super(message);
    }
}

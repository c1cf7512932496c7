package org.stromasim.backend.opencl;

/**
 * OpenCL cannot be used on this machine at all: no ICD loader, or a loader without any driver. The
 * message is one line naming the cause and the fix, printed as is when {@code auto} falls back to
 * the Java backend and as the error when the user asked for OpenCL.
 */
public final class OpenClUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OpenClUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

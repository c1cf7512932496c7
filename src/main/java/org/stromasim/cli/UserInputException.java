package org.stromasim.cli;

/**
 * A problem with what the user asked for (a path, an option value, a run directory) rather than a
 * bug: printed as one line, exit code 2, no stack trace.
 */
public final class UserInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

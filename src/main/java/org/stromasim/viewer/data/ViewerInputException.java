package org.stromasim.viewer.data;

/**
 * Something the user asked the viewer for does not exist or cannot be shown: a missing path, a run
 * without snapshots, an unknown field, a time outside the run. An {@link IllegalArgumentException}, so
 * the command line reports it as bad input (one line, exit code 2) without the viewer depending on the
 * command-line package.
 */
public final class ViewerInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ViewerInputException(String message) {
        super(message);
    }

    public ViewerInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

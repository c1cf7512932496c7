package org.stromasim.batch;

/**
 * A sweep file that cannot be used, reported before anything runs: one message saying where
 * ({@code file:line:col}), which key, the value and what is allowed, e.g.
 * {@code sweep.yaml:6:7: axes[0].linspace.count = 1: must be an integer >= 2}.
 * An {@link IllegalArgumentException}, so the command line exits with status 2.
 */
public final class SweepFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SweepFileException(String message) {
        super(message);
    }

    public SweepFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

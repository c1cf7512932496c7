package org.stromasim.report;

/**
 * A run directory that cannot be reported (missing, without metrics.csv or snapshots, or not comparable
 * with another): one line for the user, exit code 2 (an {@link IllegalArgumentException}, which the
 * command line maps to bad input).
 */
public final class ReportInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ReportInputException(String message) {
        super(message);
    }

    public ReportInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

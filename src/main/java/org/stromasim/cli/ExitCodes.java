package org.stromasim.cli;

/** Process exit codes, documented in the README. */
public final class ExitCodes {

    /** The command did what it was asked. */
    public static final int OK = 0;
    /** An internal error (a bug or an I/O failure): the message, and the stack trace with -v. */
    public static final int INTERNAL_ERROR = 1;
    /** Bad input: scenario, option, path or a refused time step. One message saying what and where. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}

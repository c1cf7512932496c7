package org.stromasim.cli;

/** Process exit codes, documented in the README. */
public final class ExitCodes {

    /** The command did what it was asked. */
    public static final int OK = 0;
    /** An internal error (a bug or an I/O failure): the message, and the stack trace with -v. */
    public static final int INTERNAL_ERROR = 1;
    /** Bad input: scenario, option, path or a refused time step. One message saying what and where. */
    public static final int BAD_INPUT = 2;
    /**
     * Stopped early on request (SIGINT from Ctrl-C, or SIGTERM from kill or Slurm) after writing a final
     * snapshot and printing "stopped on request … continue with: stromasim resume RUN_DIR"; {@code resume}
     * continues it. A signal ends the JVM with this code too ({@code GracefulShutdown} waits for the
     * command's code). Only when the run cannot reach a chunk boundary within the grace period (30 s)
     * does the JVM end with the signal's own status, 130 (SIGINT) or 143 (SIGTERM), without a final
     * snapshot: the newest complete snapshot is then the resume point.
     */
    public static final int STOPPED = 3;
    /** A sweep finished but some of its runs failed; {@code sweep collect} lists them with their errors. */
    public static final int RUNS_FAILED = 4;
    /**
     * The run stopped because its state went NaN or ±∞ (overflow): nothing of that state was written;
     * the message names species, time, voxel and likely cause, and the last good snapshot is marked in
     * {@code last-good-snapshot.txt}. Resuming would repeat it: change the scenario and run again.
     */
    public static final int NON_FINITE = 5;

    private ExitCodes() {
    }
}

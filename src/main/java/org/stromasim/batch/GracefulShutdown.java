package org.stromasim.batch;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import org.stromasim.sim.StopRequest;

/**
 * Turns SIGTERM and SIGINT into a clean stop. A JVM shutdown hook (the JVM runs hooks on both signals)
 * raises the stop request that every running time loop polls at its chunk boundaries, then waits until
 * each run has written its final snapshot and closed its files before the JVM exits. Slurm sends SIGTERM
 * at a job's time limit and SIGKILL {@code KillWait} seconds later (30 s by default), so the wait is
 * bounded by {@link #GRACE_SECONDS}.
 *
 * <p>Exit status: once the runs are done, the hook also waits (within the same grace period) until the
 * command has printed everything it prints and reported its exit code ({@link #commandFinished}, called
 * by {@code Main}), then ends the JVM with that code. So a run stopped by SIGINT or SIGTERM exits with
 * the command's own code (3, stopped on request) and its "stopped on request … continue with" line is
 * never cut off by the JVM exiting first. Only when the grace period runs out does the JVM end with the
 * signal's status (130 for SIGINT, 143 for SIGTERM), and then the newest complete snapshot is the
 * resume point.
 *
 * <p>Use: {@code try (GracefulShutdown shutdown = GracefulShutdown.install(err)) { try (var running =
 * shutdown.enter()) { simulation.stopWhen(shutdown).run(...); } }}. Closing removes the hook.
 */
public final class GracefulShutdown implements StopRequest, AutoCloseable {

    /** Longest wait for runs to finish their final snapshot once a signal arrived, s (Slurm's default KillWait). */
    static final long GRACE_SECONDS = 30;

    private static final Object FINISH = new Object();
    /** The exit code the command reported, or null while it is still running. */
    private static Integer finishedExitCode;

    private final PrintWriter err;
    private final Thread hook;
    private volatile boolean requested;
    private int active;

    private GracefulShutdown(PrintWriter err) {
        this.err = err;
        this.hook = new Thread(this::onSignal, "stromasim-shutdown");
    }

    /** Installs the shutdown hook; messages about the stop go to {@code err}. */
    public static GracefulShutdown install(PrintWriter err) {
        GracefulShutdown shutdown = new GracefulShutdown(err);
        Runtime.getRuntime().addShutdownHook(shutdown.hook);
        return shutdown;
    }

    /** A stop request without a hook, for callers that stop runs themselves (tests, embedding). */
    public static GracefulShutdown manual() {
        return new GracefulShutdown(null);
    }

    @Override
    public boolean isRequested() {
        return requested;
    }

    /** Asks every running loop to stop at its next chunk boundary. */
    public void request() {
        requested = true;
    }

    /** Marks a run as in progress until the returned handle is closed; the hook waits for it. */
    public Running enter() {
        synchronized (this) {
            active++;
        }
        return this::leave;
    }

    private synchronized void leave() {
        active--;
        notifyAll();
    }

    private void onSignal() {
        request();
        if (err != null) {
            err.println();
            err.println("stromasim: stop requested (SIGTERM/SIGINT): writing a final snapshot; resume with "
                    + "'stromasim resume RUN_DIR'");
            err.flush();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        synchronized (this) {
            while (active > 0) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0) {
                    return; // the JVM exits anyway; the previous complete snapshot stays the resume point
                }
                try {
                    wait(leftMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        Integer code = awaitCommandFinished(deadline);
        if (code != null) {
            // System.exit from the command's thread would block while this hook runs; end with its code here
            Runtime.getRuntime().halt(code);
        }
    }

    /**
     * Reports that the command has printed everything and will exit with {@code exitCode}; a shutdown
     * hook waiting after a signal then ends the JVM with that code (see the class comment).
     */
    public static void commandFinished(int exitCode) {
        synchronized (FINISH) {
            finishedExitCode = exitCode;
            FINISH.notifyAll();
        }
    }

    private static Integer awaitCommandFinished(long deadline) {
        synchronized (FINISH) {
            while (finishedExitCode == null) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0) {
                    return null;
                }
                try {
                    FINISH.wait(leftMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return finishedExitCode;
        }
    }

    /** Removes the hook; a no-op once the JVM is already shutting down (the hook is then running). */
    @Override
    public void close() {
        if (err == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running and waits for our runs; nothing to remove.
        }
    }

    /** A run in progress; closing it tells the hook that its files are complete. */
    @FunctionalInterface
    public interface Running extends AutoCloseable {
        @Override
        void close();
    }
}

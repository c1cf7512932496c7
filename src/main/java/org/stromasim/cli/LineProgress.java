package org.stromasim.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;
import org.stromasim.sim.ProgressListener;

/**
 * Progress for output that is not a terminal (a log file, a Slurm task's output, a pipe): one plain line
 * every few wall seconds instead of an animated bar, whose carriage-return frames would pile up into one
 * line of many kilobytes there.
 */
final class LineProgress implements ProgressListener {

    static final long DEFAULT_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final double startTimeS;
    private final double endTimeS;
    private final LongSupplier clock;
    private final long intervalNanos;
    private final long wallStart;
    private long nextLine;

    LineProgress(PrintWriter err, double startTimeS, double endTimeS) {
        this(err, startTimeS, endTimeS, System::nanoTime, DEFAULT_INTERVAL_NANOS);
    }

    LineProgress(PrintWriter err, double startTimeS, double endTimeS, LongSupplier clock, long intervalNanos) {
        this.err = err;
        this.startTimeS = startTimeS;
        this.endTimeS = endTimeS;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.wallStart = clock.getAsLong();
        this.nextLine = wallStart + intervalNanos;
    }

    @Override
    public void advanced(double timeS, long steps) {
        long now = clock.getAsLong();
        if (now - nextLine < 0) {
            return;
        }
        nextLine = now + intervalNanos;
        double wallS = (now - wallStart) * 1e-9;
        double done = (timeS - startTimeS) / Math.max(endTimeS - startTimeS, 1e-300);
        StringBuilder line = new StringBuilder(String.format("progress: t = %s of %s (%.0f %%), %.0f steps/s",
                Units.formatDuration(timeS), Units.formatDuration(endTimeS), 100 * Math.min(done, 1.0),
                steps / Math.max(wallS, 1e-9)));
        if (done > 0 && done < 1) {
            line.append(", about ").append(Units.formatDuration(wallS * (1 - done) / done)).append(" left");
        }
        err.println(line);
        err.flush();
    }

    @Override
    public void close() {
        // nothing held; the run summary follows
    }
}

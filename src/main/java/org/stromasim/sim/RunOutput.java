package org.stromasim.sim;

import org.stromasim.metrics.MetricsRow;
import org.stromasim.tissue.Tissue;

/** Where a simulation's results go. The time loop knows nothing about file formats. */
public interface RunOutput extends AutoCloseable {

    /** Stores the full state (a snapshot is also a checkpoint). */
    void snapshot(Tissue state, long step, double timeS);

    /** Appends one row of interval metrics. */
    void metrics(MetricsRow row);

    /** Records a line in the run log. */
    void log(String line);

    /**
     * Records that the run stopped because its state went non-finite ({@code line} says why) and marks
     * the last snapshot written as the last good one. Returns that snapshot's name, or null if none.
     */
    default String stoppedOnBadState(String line) {
        log(line);
        return null;
    }

    @Override
    void close();
}

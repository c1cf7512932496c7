package org.stromasim.sim;

import java.util.ArrayList;
import java.util.List;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.tissue.Tissue;

/** A run output for tests: keeps every metrics row and log line, and with snapshots a copy of every snapshot. */
public class RecordingOutput implements RunOutput {

    public final List<MetricsRow> rows = new ArrayList<>();
    public final List<String> log = new ArrayList<>();
    /** Copies of the snapshot states (empty unless made {@link #withSnapshots}). */
    public final List<Tissue> snapshots = new ArrayList<>();
    public final List<Long> snapshotSteps = new ArrayList<>();
    private final boolean keepSnapshots;

    protected RecordingOutput(boolean keepSnapshots) {
        this.keepSnapshots = keepSnapshots;
    }

    /** Rows and log lines only (a snapshot is a full copy of the state). */
    public static RecordingOutput rowsAndLog() {
        return new RecordingOutput(false);
    }

    /** Rows, log lines and a copy of every snapshot with its step. */
    public static RecordingOutput withSnapshots() {
        return new RecordingOutput(true);
    }

    @Override
    public void snapshot(Tissue state, long step, double timeS) {
        if (keepSnapshots) {
            snapshots.add(state.copy());
            snapshotSteps.add(step);
        }
    }

    @Override
    public void metrics(MetricsRow row) {
        rows.add(row);
    }

    @Override
    public void log(String line) {
        log.add(line);
    }

    @Override
    public void close() {
    }
}

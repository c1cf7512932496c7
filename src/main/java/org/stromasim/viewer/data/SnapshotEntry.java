package org.stromasim.viewer.data;

import java.nio.file.Path;

/**
 * One snapshot of a series: its file, its position in the run and its simulated time.
 *
 * @param file    the snapshot file
 * @param ordinal snapshot number within the run (0 = initial state)
 * @param timeS   simulated time, s
 */
public record SnapshotEntry(Path file, int ordinal, double timeS) {
}

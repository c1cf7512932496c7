package org.stromasim.io;

import org.stromasim.tissue.Tissue;

/**
 * A snapshot read back from disk: the full voxel state and what was recorded with it.
 *
 * @param tissue the state, with the grid and species order of the file
 * @param header grid, field list and run information
 */
public record Snapshot(Tissue tissue, SnapshotHeader header) {

    public SnapshotInfo info() {
        return header.info();
    }
}

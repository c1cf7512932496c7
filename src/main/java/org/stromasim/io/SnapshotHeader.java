package org.stromasim.io;

import java.nio.file.Path;
import java.util.List;
import org.stromasim.grid.Grid3D;

/**
 * Everything about a snapshot except the voxel values: enough to index it (XDMF), to list a run, or to
 * size the state before reading it.
 *
 * @param file          the snapshot file
 * @param formatVersion layout version the file was written with
 * @param grid          voxel grid
 * @param speciesNames  species in field order
 * @param fieldNames    every dataset under {@code /fields}, in file order
 * @param info          run position and provenance
 */
public record SnapshotHeader(
        Path file,
        int formatVersion,
        Grid3D grid,
        List<String> speciesNames,
        List<String> fieldNames,
        SnapshotInfo info) {

    public SnapshotHeader {
        speciesNames = List.copyOf(speciesNames);
        fieldNames = List.copyOf(fieldNames);
    }
}

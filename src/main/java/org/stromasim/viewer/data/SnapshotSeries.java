package org.stromasim.viewer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.SnapshotHeader;
import org.stromasim.io.SnapshotReader;

/**
 * The snapshots the viewer can step through: every complete snapshot of a run directory, or a single
 * snapshot file. Only headers are read here (times and field names), never voxel values.
 */
public final class SnapshotSeries {

    private final Path source;
    private final List<SnapshotEntry> entries;
    private final List<String> fieldNames;

    private SnapshotSeries(Path source, List<SnapshotEntry> entries, List<String> fieldNames) {
        this.source = source;
        this.entries = List.copyOf(entries);
        this.fieldNames = List.copyOf(fieldNames);
    }

    /** Opens a run directory or a snapshot file; every problem is a {@link ViewerInputException}. */
    public static SnapshotSeries open(Path path) {
        if (!Files.exists(path)) {
            throw new ViewerInputException("no such run directory or snapshot file: " + path.toAbsolutePath());
        }
        List<Path> files = Files.isDirectory(path) ? runSnapshots(path) : List.of(path);
        List<SnapshotEntry> entries = new ArrayList<>();
        List<String> fieldNames = List.of();
        for (Path file : files) {
            SnapshotHeader header = header(file);
            entries.add(new SnapshotEntry(file, header.info().ordinal(), header.info().timeS()));
            fieldNames = header.fieldNames();
        }
        return new SnapshotSeries(path, entries, fieldNames);
    }

    private static List<Path> runSnapshots(Path dir) {
        List<Path> snapshots;
        try {
            snapshots = RunDirectory.open(dir).listSnapshots();
        } catch (IOException notARun) {
            throw new ViewerInputException("cannot open run directory " + dir + ": " + notARun.getMessage(), notARun);
        }
        if (snapshots.isEmpty()) {
            throw new ViewerInputException("run directory " + dir.toAbsolutePath() + " has no snapshots (expected "
                    + RunDirectory.SNAPSHOTS_DIR + "/snap_NNNNNN.h5; has the run written its first snapshot?)");
        }
        return snapshots;
    }

    static SnapshotHeader header(Path file) {
        try {
            return SnapshotReader.readHeader(file);
        } catch (org.stromasim.io.SnapshotFormatException damaged) {
            throw new ViewerInputException("cannot use snapshot " + damaged.getMessage(), damaged); // names the file
        } catch (IOException unreadable) {
            throw new ViewerInputException("cannot read snapshot " + file + ": " + unreadable.getMessage(), unreadable);
        }
    }

    /** The run directory or file this series was opened from. */
    public Path source() {
        return source;
    }

    /** Snapshots in time order (at least one). */
    public List<SnapshotEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public SnapshotEntry get(int index) {
        return entries.get(index);
    }

    /** Field names of the newest snapshot, in file order. */
    public List<String> fieldNames() {
        return fieldNames;
    }

    /** The entry whose time is nearest to {@code timeS} (the first of two equally near). */
    public int nearestIndex(double timeS) {
        int best = 0;
        for (int i = 1; i < entries.size(); i++) {
            if (Math.abs(entries.get(i).timeS() - timeS) < Math.abs(entries.get(best).timeS() - timeS)) {
                best = i;
            }
        }
        return best;
    }

    /** "0 s … 600 s (7 snapshots)", for messages. */
    public String describeTimes() {
        return Units.seconds(entries.get(0).timeS()) + " … " + Units.seconds(entries.get(entries.size() - 1).timeS())
                + " (" + entries.size() + " snapshot" + (entries.size() == 1 ? "" : "s") + ")";
    }
}

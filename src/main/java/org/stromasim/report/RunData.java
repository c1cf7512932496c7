package org.stromasim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.stromasim.grid.Grid3D;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.Snapshot;
import org.stromasim.io.SnapshotFormatException;
import org.stromasim.io.SnapshotReader;
import org.stromasim.metrics.DrugProfiles;

/**
 * What a report reads from one run directory: its metrics table, its newest complete snapshot and the
 * drug profiles of that snapshot. The drug species is the one whose columns metrics.csv carries
 * ({@code <drug>_penetration_depth_um}).
 */
public record RunData(Path root, String name, MetricsTable metrics, Snapshot lastSnapshot, String drug,
                      DrugProfiles profiles) {

    public static RunData load(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new ReportInputException(root + ": no such run directory");
        }
        MetricsTable metrics = MetricsTable.read(root.resolve(RunDirectory.METRICS_FILE));
        RunDirectory run;
        try {
            run = RunDirectory.open(root);
        } catch (NoSuchFileException e) {
            throw new ReportInputException(root + ": no such run directory", e);
        } catch (org.stromasim.io.NotARunDirectoryException e) {
            throw new ReportInputException(e.getMessage(), e);
        }
        Optional<Path> newest = run.latestSnapshot();
        if (newest.isEmpty()) {
            throw new ReportInputException(root + ": no snapshot in " + run.snapshotsDir());
        }
        Snapshot snapshot;
        try {
            snapshot = SnapshotReader.read(newest.get());
        } catch (SnapshotFormatException e) {
            throw new ReportInputException(e.getMessage(), e);
        }
        String depthColumn = metrics.find("", "_penetration_depth_um");
        String drug = depthColumn == null ? null : depthColumn.substring(0, depthColumn.length() - "_penetration_depth_um".length());
        int drugIndex = drug == null ? -1 : snapshot.tissue().speciesNames().indexOf(drug);
        DrugProfiles profiles = drugIndex < 0 ? null : DrugProfiles.of(snapshot.tissue(), drugIndex);
        String name = snapshot.header().info().scenarioName();
        return new RunData(root, name, metrics, snapshot, drug, profiles);
    }

    /**
     * A field written beside the state in the newest snapshot (the ER read-outs, the interstitial
     * pressure), or null when that snapshot has none.
     */
    public float[] derivedField(String name) throws IOException {
        try {
            return SnapshotReader.readDerivedField(lastSnapshot.header().file(), name);
        } catch (SnapshotFormatException e) {
            throw new ReportInputException(e.getMessage(), e);
        }
    }

    /** The run directory's name, as legends and comparisons call the run. */
    public String directoryName() {
        return String.valueOf(root.toAbsolutePath().normalize().getFileName());
    }

    public Grid3D grid() {
        return lastSnapshot.header().grid();
    }

    /** "48×48×40 voxels of 20 µm". */
    public String gridText() {
        Grid3D g = grid();
        return String.format("%d×%d×%d voxels of %s µm", g.nx(), g.ny(), g.nz(), Headline.number(g.voxelUm()));
    }

    /** Refuses to compare runs on different grids (profiles and fractions would not be comparable). */
    public void requireSameGrid(RunData other) {
        if (!grid().equals(other.grid())) {
            throw new ReportInputException("cannot compare " + root + " (" + gridText() + ") with " + other.root
                    + " (" + other.gridText() + "): the grids differ");
        }
    }
}

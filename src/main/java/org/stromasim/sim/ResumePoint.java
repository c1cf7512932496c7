package org.stromasim.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.Snapshot;
import org.stromasim.io.SnapshotFormatException;
import org.stromasim.io.SnapshotLayout;
import org.stromasim.io.SnapshotReader;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.VesselWall;

/**
 * Where a run continues from: its resolved scenario and the full state of its newest complete
 * snapshot (every field, the simulated time and the step count). The tissue is the run's only random
 * element and the snapshot stores the built tissue, so no random-generator state is needed to resume.
 *
 * @param scenario the run's resolved scenario (scenario.yaml)
 * @param state    the state stored in {@code snapshot}
 * @param step     transport steps taken when the snapshot was written
 * @param timeS    simulated time of the snapshot, s
 * @param snapshot the snapshot file
 * @param setAside damaged newer snapshots that were renamed aside (one line each: file and why), so the
 *                 run continues from the newest intact one; empty when the newest was intact
 */
public record ResumePoint(Scenario scenario, Tissue state, long step, double timeS, Path snapshot,
                          List<String> setAside) {

    /** Suffix a damaged snapshot is renamed with: listing ignores it, and nothing is deleted. */
    public static final String DAMAGED_SUFFIX = ".damaged";

    /**
     * The newest intact snapshot of {@code run}, or empty when the run has written none yet. A newer
     * snapshot that fails the integrity checks ({@link org.stromasim.io.SnapshotIntegrity}: truncated, a
     * checksum that does not match, unreadable HDF5) is renamed to {@code NAME.damaged} and the one
     * before it is tried, so the run continues from intact data and says so ({@link #setAside}); when
     * none is intact the run is refused, listing why for each.
     */
    public static Optional<ResumePoint> latest(RunDirectory run) throws IOException {
        List<Path> snapshots = run.listSnapshots();
        if (snapshots.isEmpty()) {
            return Optional.empty();
        }
        Scenario scenario = ScenarioLoader.parse(run.readScenarioYaml(), run.scenarioFile().toString(), List.of());
        List<SnapshotFormatException> damaged = new ArrayList<>();
        for (int i = snapshots.size() - 1; i >= 0; i--) {
            Path file = snapshots.get(i);
            Snapshot snapshot;
            try {
                snapshot = SnapshotReader.read(file);
            } catch (SnapshotFormatException e) {
                damaged.add(e);
                continue;
            }
            Scenario stored = ScenarioLoader.parse(snapshot.info().scenarioYaml(), file.toString(), List.of());
            if (!stored.equals(scenario)) {
                throw new IOException(run.scenarioFile() + " no longer matches the scenario stored in " + file
                        + "; a run continues with the scenario it started with (restore scenario.yaml, or start a new run)");
            }
            VesselWall wall = snapshot.tissue().vesselWall();
            if (wall != null && wall.wallDistanceUm() == null && hasWallArea(wall)) {
                // Continuing would exchange as P·S/V, without the tissue between the wall and each voxel
                // centre that the model puts in series: a different model, so the run is refused.
                throw new IOException(file + " was written before snapshots stored each voxel's distance from its"
                        + " vessel wall (" + SnapshotLayout.vesselWallPath(SnapshotLayout.WALL_DISTANCE) + "), which"
                        + " the vessel exchange needs; it cannot be continued: start the run again with 'stromasim run'");
            }
            if (scenario.ecm().hyaluronan() != null && snapshot.tissue().gagFraction() == null) {
                // the hyaluronan of a treated run is a state that cannot be recomputed from the other fields
                throw new IOException(file + " has no " + SnapshotLayout.fieldPath(SnapshotLayout.FIELD_HYALURONAN)
                        + " field, which ecm.hyaluronan makes a state of the run (snapshots written before hyaluronan was"
                        + " stored per voxel); it cannot be continued: start the run again with 'stromasim run'");
            }
            List<String> setAside = new ArrayList<>();
            for (int d = 0; d < damaged.size(); d++) {
                Path bad = snapshots.get(snapshots.size() - 1 - d);
                Path aside = asideName(bad);
                Files.move(bad, aside);
                setAside.add(damaged.get(d).getMessage() + " (renamed to " + aside.getFileName() + ")");
            }
            return Optional.of(new ResumePoint(scenario, snapshot.tissue(), snapshot.info().step(),
                    snapshot.info().timeS(), file, List.copyOf(setAside)));
        }
        StringBuilder why = new StringBuilder();
        for (SnapshotFormatException e : damaged) {
            why.append(why.length() == 0 ? "" : "; ").append(e.getMessage());
        }
        throw new SnapshotFormatException(run.snapshotsDir(), "no intact snapshot to resume from (" + why
                + "); start the run again with 'stromasim run'");
    }

    private static Path asideName(Path snapshot) {
        Path aside = snapshot.resolveSibling(snapshot.getFileName() + DAMAGED_SUFFIX);
        for (int n = 2; Files.exists(aside); n++) {
            aside = snapshot.resolveSibling(snapshot.getFileName() + DAMAGED_SUFFIX + "." + n);
        }
        return aside;
    }

    private static boolean hasWallArea(VesselWall wall) {
        for (float a : wall.areaPerVolumePerUm()) {
            if (a > 0) {
                return true;
            }
        }
        return false;
    }
}

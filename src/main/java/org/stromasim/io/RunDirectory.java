package org.stromasim.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory one run writes into:
 * <pre>
 *   scenario.yaml          resolved scenario text
 *   snapshots/snap_NNNNNN.h5
 *   run.xmf                XDMF time series over the snapshots
 *   metrics.csv            plain CSV, one header row
 *   run.json               what wrote the run, its requested end time, the metrics units ({@link RunInfo})
 *   run.log
 * </pre>
 * A new run refuses a non-empty directory unless told to overwrite, so a typo cannot destroy a
 * previous run; overwriting removes only the files a run writes. Listing snapshots ignores the
 * temporary files a killed run may leave behind.
 */
public final class RunDirectory {

    public static final String SCENARIO_FILE = "scenario.yaml";
    public static final String SNAPSHOTS_DIR = "snapshots";
    public static final String XDMF_FILE = "run.xmf";
    public static final String METRICS_FILE = "metrics.csv";
    public static final String LOG_FILE = "run.log";
    /**
     * Written when a run stopped because its state went non-finite: first line the last good snapshot's
     * name (or "none"), then why the run ended. Removed when the run is resumed.
     */
    public static final String LAST_GOOD_FILE = "last-good-snapshot.txt";

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Prepares {@code root} for a new run and writes the resolved scenario into it.
     *
     * @param overwrite when false, an existing non-empty directory is refused; when true, the files of a
     *                  previous run there are deleted first (other files are left alone)
     */
    public static RunDirectory create(Path root, String resolvedScenarioYaml, boolean overwrite) throws IOException {
        RunDirectory run = new RunDirectory(root);
        if (!requireUsable(root, overwrite)) {
            run.deleteRunFiles();
        }
        Files.createDirectories(run.snapshotsDir());
        AtomicFiles.writeString(run.scenarioFile(), resolvedScenarioYaml);
        return run;
    }

    /**
     * Checks, without creating or changing anything, that a new run may use {@code root}: it is absent or
     * an empty directory, or a non-empty one with {@code overwrite}. Returns whether it is absent or empty.
     */
    public static boolean requireUsable(Path root, boolean overwrite) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new NotDirectoryException(root + " (run directory path names an existing file)");
        }
        if (!Files.isDirectory(root)) {
            return true;
        }
        List<String> entries = entryNames(root);
        if (!entries.isEmpty() && !overwrite) {
            throw new IOException("run directory " + root.toAbsolutePath().normalize() + " is not empty ("
                    + entries.size() + " entries, e.g. " + entries.subList(0, Math.min(3, entries.size()))
                    + "); choose a new directory or ask to overwrite it");
        }
        return entries.isEmpty();
    }

    /** Opens the directory of an existing run (resume, viewer, report). */
    public static RunDirectory open(Path root) throws IOException {
        RunDirectory run = new RunDirectory(root);
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(run.root.toString(), null, "no run directory here");
        }
        if (!Files.isDirectory(run.snapshotsDir()) || !Files.isRegularFile(run.scenarioFile())) {
            throw new NotARunDirectoryException(run.root + " is not a stromasim run directory (it needs " + SCENARIO_FILE + " and "
                    + SNAPSHOTS_DIR + "/)");
        }
        return run;
    }

    public Path root() {
        return root;
    }

    public Path scenarioFile() {
        return root.resolve(SCENARIO_FILE);
    }

    public Path snapshotsDir() {
        return root.resolve(SNAPSHOTS_DIR);
    }

    public Path xdmfFile() {
        return root.resolve(XDMF_FILE);
    }

    public Path metricsFile() {
        return root.resolve(METRICS_FILE);
    }

    public Path logFile() {
        return root.resolve(LOG_FILE);
    }

    public Path lastGoodFile() {
        return root.resolve(LAST_GOOD_FILE);
    }

    /** Where snapshot {@code ordinal} is (or will be) stored. */
    public Path snapshotFile(int ordinal) {
        return snapshotsDir().resolve(SnapshotLayout.snapshotFileName(ordinal));
    }

    public String readScenarioYaml() throws IOException {
        return Files.readString(scenarioFile(), StandardCharsets.UTF_8);
    }

    /**
     * Complete snapshot files in ordinal order. A snapshot exists under its final name only once fully
     * written (atomic rename), so temporary files and anything not named {@code snap_NNNNNN.h5} are
     * skipped.
     */
    public List<Path> listSnapshots() throws IOException {
        List<Path> snapshots = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(snapshotsDir())) {
            for (Path entry : entries) {
                if (SnapshotLayout.snapshotOrdinal(entry.getFileName().toString()) >= 0 && Files.isRegularFile(entry)) {
                    snapshots.add(entry);
                }
            }
        }
        snapshots.sort(Comparator.comparingInt(p -> SnapshotLayout.snapshotOrdinal(p.getFileName().toString())));
        return snapshots;
    }

    /** The newest complete snapshot, the one a resume starts from. */
    public Optional<Path> latestSnapshot() throws IOException {
        List<Path> snapshots = listSnapshots();
        return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.get(snapshots.size() - 1));
    }

    /** The ordinal the next snapshot gets: one past the newest complete one. */
    public int nextSnapshotOrdinal() throws IOException {
        Optional<Path> latest = latestSnapshot();
        return latest.map(p -> SnapshotLayout.snapshotOrdinal(p.getFileName().toString()) + 1).orElse(0);
    }

    /** Deletes temporary files a killed run left in the run and snapshot directories; returns how many. */
    public int removeStaleTempFiles() throws IOException {
        int removed = 0;
        for (Path dir : List.of(root, snapshotsDir())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (SnapshotLayout.isTempFileName(entry.getFileName().toString()) && Files.isRegularFile(entry)) {
                        Files.delete(entry);
                        removed++;
                    }
                }
            }
        }
        return removed;
    }

    /** The files a run writes, so overwrite removes a previous run and nothing else. */
    private void deleteRunFiles() throws IOException {
        for (Path file : List.of(scenarioFile(), xdmfFile(), metricsFile(), logFile(), root.resolve(RunInfo.FILE),
                lastGoodFile())) {
            Files.deleteIfExists(file);
        }
        removeStaleTempFiles();
        if (Files.isDirectory(snapshotsDir())) {
            for (Path snapshot : listSnapshots()) {
                Files.delete(snapshot);
            }
        }
    }

    private static List<String> entryNames(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            // the lock is taken before a new run's files are written (or a previous run's removed)
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(RunDirectoryLock.LOCK_FILE))
                    .sorted().toList();
        }
    }
}

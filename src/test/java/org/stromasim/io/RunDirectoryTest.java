package org.stromasim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run directory creation, the refusal to clobber a previous run, and snapshot listing. */
class RunDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void createLaysOutTheDirectoryAndStoresTheScenario() throws Exception {
        RunDirectory run = RunDirectory.create(dir.resolve("a/b/run1"), "name: x\n", false);
        assertTrue(Files.isDirectory(run.snapshotsDir()));
        assertEquals("name: x\n", Files.readString(run.scenarioFile()));
        assertEquals(run.root().resolve("run.xmf"), run.xdmfFile());
        assertEquals(run.root().resolve("metrics.csv"), run.metricsFile());
        assertEquals(run.root().resolve("run.log"), run.logFile());
        assertEquals(run.root().resolve("snapshots/snap_000012.h5"), run.snapshotFile(12));
        assertEquals(List.of(), run.listSnapshots());
        assertEquals(0, run.nextSnapshotOrdinal());
    }

    @Test
    void nonEmptyDirectoryIsRefusedUnlessOverwriteIsAsked() throws Exception {
        Path root = dir.resolve("run");
        RunDirectory first = RunDirectory.create(root, "name: first\n", false);
        Files.writeString(first.metricsFile(), "old rows");
        Files.writeString(first.snapshotFile(0), "old snapshot");
        Files.writeString(root.resolve("notes.txt"), "the user's own notes");

        IOException refused = assertThrows(IOException.class, () -> RunDirectory.create(root, "name: second\n", false));
        assertEquals("run directory " + first.root() + " is not empty (4 entries, e.g. [metrics.csv, notes.txt,"
                + " scenario.yaml]); choose a new directory or ask to overwrite it", refused.getMessage());
        assertEquals("name: first\n", Files.readString(first.scenarioFile()), "refusal changes nothing");

        RunDirectory second = RunDirectory.create(root, "name: second\n", true);
        assertEquals("name: second\n", Files.readString(second.scenarioFile()));
        assertTrue(Files.notExists(second.metricsFile()));
        assertEquals(List.of(), second.listSnapshots());
        assertEquals("the user's own notes", Files.readString(root.resolve("notes.txt")), "foreign files are kept");
    }

    @Test
    void listingIsInOrdinalOrderAndSkipsTemporaryAndForeignFiles() throws Exception {
        RunDirectory run = RunDirectory.create(dir.resolve("run"), "name: x\n", false);
        for (String name : List.of("snap_000010.h5", "snap_000002.h5", "snap_1000000.h5", ".snap_000011.h5.tmp",
                "snap_000003.h5.tmp", "snap_12.h5", "readme.txt")) {
            Files.writeString(run.snapshotsDir().resolve(name), "x");
        }
        Files.writeString(run.root().resolve(".run.xmf.tmp"), "torn");
        assertEquals(List.of(run.snapshotFile(2), run.snapshotFile(10), run.snapshotFile(1_000_000)),
                run.listSnapshots());
        assertEquals(1_000_001, run.nextSnapshotOrdinal());

        assertEquals(2, run.removeStaleTempFiles());
        assertTrue(Files.notExists(run.snapshotsDir().resolve(".snap_000011.h5.tmp")));
        assertTrue(Files.exists(run.snapshotsDir().resolve("snap_000003.h5.tmp")), "not our temp naming: left alone");
    }

    @Test
    void openRequiresARunDirectory() throws Exception {
        IOException missing = assertThrows(IOException.class, () -> RunDirectory.open(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("no run directory here"), missing.getMessage());
        IOException notRun = assertThrows(IOException.class, () -> RunDirectory.open(dir));
        assertTrue(notRun.getMessage().endsWith("is not a stromasim run directory (it needs scenario.yaml and"
                + " snapshots/)"), notRun.getMessage());

        RunDirectory created = RunDirectory.create(dir.resolve("run"), "name: x\n", false);
        assertEquals("name: x\n", RunDirectory.open(created.root()).readScenarioYaml());
    }

    @Test
    void aFileInTheWayIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("run"), "x");
        IOException e = assertThrows(IOException.class, () -> RunDirectory.create(file, "", false));
        assertTrue(e.getMessage().contains("names an existing file"), e.getMessage());
    }
}

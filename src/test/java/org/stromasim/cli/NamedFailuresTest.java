package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.Snapshot;
import org.stromasim.io.SnapshotReader;
import org.stromasim.io.SnapshotWriter;
import org.stromasim.io.WriteFailure;

/**
 * Failures that name what failed, in one line with exit code 2 (or 1 for a full disk): an existing file
 * given as report --out, a screenshot whose directory is a file, a scenario that is not UTF-8 (with its
 * line and column), a snapshot with a cell code that does not exist (view refuses it as report does), and
 * a full file system while writing a snapshot (how much was needed and free; earlier snapshots intact).
 */
class NamedFailuresTest {

    @TempDir
    Path temp;

    private Path tinyRun() {
        Path out = temp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(), "--out",
                out.toString(), "--no-progress", "--backend", "java", "--until", "5");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    private static void assertOneLine(CliHarness.Result r, String expected) {
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void reportOutIsAnExistingFile() throws IOException {
        Path run = tinyRun();
        Path file = Files.writeString(temp.resolve("notes.txt"), "mine");
        assertOneLine(CliHarness.run("report", run.toString(), "--out", file.toString()),
                file + " is an existing file, not a directory");
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void aScreenshotWhoseDirectoryIsAFileIsRefusedBeforeRendering() throws IOException {
        Path run = tinyRun();
        Path file = Files.writeString(temp.resolve("plain"), "x");
        assertOneLine(CliHarness.run("view", run.toString(), "--screenshot", file.resolve("shot.png").toString()),
                "--screenshot " + file.resolve("shot.png") + ": its directory");
    }

    @Test
    void aScenarioThatIsNotUtf8IsRefusedAtItsLineAndColumn() throws IOException {
        Path latin = temp.resolve("latin.yaml");
        Files.write(latin, "name: x\n# dose in \u00b5M\n".getBytes(StandardCharsets.ISO_8859_1));
        // "# dose in " is 10 characters, so the Latin-1 µ (0xB5) is column 11 of line 2, byte 19 of the file
        assertOneLine(CliHarness.run("validate", latin.toString()), latin + ":2:11: byte 0xB5 (byte 19 of the file) is not UTF-8");
    }

    @Test
    void viewRefusesACellCodeThatDoesNotExist() throws IOException {
        Path run = tinyRun();
        Snapshot snapshot = SnapshotReader.read(RunDirectory.open(run).snapshotFile(0));
        snapshot.tissue().cell()[21] = 9; // written with a valid checksum: only the code is wrong
        Path bad = Files.createDirectories(temp.resolve("bad"));
        Path file = SnapshotWriter.write(bad, snapshot.tissue(), snapshot.info()).file();
        int nx = snapshot.header().grid().nx();
        assertOneLine(CliHarness.run("view", file.toString(), "--field", "drug", "--screenshot",
                temp.resolve("v.png").toString()), "has value 9.0 at voxel (i=" + (21 % nx) + ", j=" + (21 / nx)
                + ", k=0), which is no cell code");
        assertFalse(Files.exists(temp.resolve("v.png")));
    }

    @Test
    void theFullDiskIsFoundInsideTheHdfLibrarysException() {
        Throwable jhdfStyle = new RuntimeException("Exception writing", new IOException("No space left on device"));
        String message = WriteFailure.describe(jhdfStyle, temp.resolve("snap_000001.h5"), 3L << 20);
        assertTrue(message.startsWith("no space left on device writing " + temp.resolve("snap_000001.h5")
                + ": it needs about 3.0 MiB, "), message);
    }

    /** On a real full file system (a 600 KiB tmpfs; needs the right to mount, e.g. root in a container). */
    @Test
    void aRunOnAFullFileSystemSaysSoAndKeepsItsEarlierSnapshots() throws Exception {
        Path mount = Files.createDirectories(temp.resolve("small"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(m.waitFor(10, TimeUnit.SECONDS) && m.exitValue() == 0, "cannot mount a tmpfs here");
        try {
            Path out = mount.resolve("run");
            // 16×16×12 voxels, 2 species: a snapshot is about 0.1 MiB, so a few fit and then one does not
            CliHarness.Result r = CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(), "--out",
                    out.toString(), "--no-progress", "--backend", "java", "--set", "run.snapshot_interval_s=1");
            assertEquals(ExitCodes.INTERNAL_ERROR, r.exitCode(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("no space left on device writing " + out.toAbsolutePath()), r.err());
            assertTrue(r.err().contains("earlier snapshots are intact"), r.err());
            for (Path snapshot : RunDirectory.open(out).listSnapshots()) {
                SnapshotReader.read(snapshot); // intact: length and checksums verified
            }
        } finally {
            // lazy: jhdf may still hold the descriptor of the temporary file its failed close left behind
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

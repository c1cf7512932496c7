package org.stromasim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.grid.Grid3D;

/** A file is seen complete or not at all: no temporary file survives, and a torn one is never listed. */
class AtomicWriteTest {

    private static final Grid3D GRID = new Grid3D(4, 3, 2, 5.0);

    @TempDir
    Path dir;

    @Test
    void snapshotWriteLeavesOnlyTheFinalFile() throws Exception {
        RunDirectory run = RunDirectory.create(dir.resolve("run"), TestStates.SCENARIO_YAML, false);
        SnapshotWriter.write(run.snapshotsDir(), TestStates.filledTissue(GRID, 1), TestStates.info(0, 0, 0));
        assertEquals(List.of("snap_000000.h5"), names(run.snapshotsDir()));
    }

    @Test
    void tornTempFileFromAKilledRunIsIgnoredThenReplaced() throws Exception {
        RunDirectory run = RunDirectory.create(dir.resolve("run"), TestStates.SCENARIO_YAML, false);
        SnapshotWriter.write(run.snapshotsDir(), TestStates.filledTissue(GRID, 1), TestStates.info(0, 0, 0));
        // What a run killed while writing snapshot 1 leaves behind: half an HDF5 header under the temp name.
        Path torn = run.snapshotsDir().resolve(".snap_000001.h5.tmp");
        Files.write(torn, new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n'});

        assertEquals(List.of(run.snapshotFile(0)), run.listSnapshots());
        assertEquals(run.snapshotFile(0), run.latestSnapshot().orElseThrow());
        assertEquals(1, run.nextSnapshotOrdinal());

        SnapshotWriter.write(run.snapshotsDir(), TestStates.filledTissue(GRID, 2), TestStates.info(1, 10, 100));
        assertEquals(List.of("snap_000000.h5", "snap_000001.h5"), names(run.snapshotsDir()));
        assertEquals(10.0, SnapshotReader.read(run.snapshotFile(1)).info().timeS());
    }

    @Test
    void failedWriteKeepsThePreviousFileAndRemovesItsTempFile() throws Exception {
        Path target = Files.writeString(dir.resolve("run.xmf"), "previous complete content");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, path -> {
            Files.writeString(path, "half of the new con");
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertEquals("previous complete content", Files.readString(target));
        assertEquals(List.of("run.xmf"), names(dir));
    }

    @Test
    void rewritingAFileReplacesItWhole() throws Exception {
        Path target = dir.resolve("run.xmf");
        AtomicFiles.writeString(target, "a much longer first version of the file");
        AtomicFiles.writeString(target, "short");
        assertEquals("short", Files.readString(target));
        assertFalse(Files.exists(dir.resolve(".run.xmf.tmp")));
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

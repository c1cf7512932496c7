package org.stromasim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.Tissue;

/** Each way a file can fail to be a readable snapshot gives one message naming the file and the problem. */
class SnapshotReaderErrorsTest {

    private static final List<String> ALL_FIELDS = List.of("cell", "stiffness_kpa", "viability", "vessel_distance_um",
            "drug", "drug_exposure");

    @TempDir
    Path dir;

    @Test
    void missingFileIsReportedAsSuch() {
        Path file = dir.resolve("snap_000009.h5");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> SnapshotReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("no snapshot file"),
                e.getMessage());
    }

    @Test
    void nonHdf5FileIsRejected() throws Exception {
        Path file = Files.writeString(dir.resolve("snap_000000.h5"), "time,drug\n0,1\n");
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not an HDF5 file"), e.getMessage());
    }

    @Test
    void hdf5FileWithoutFormatVersionIsNotASnapshot() throws Exception {
        Path file = dir.resolve("other.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putDataset("x", new float[] {1, 2});
        }
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(file));
        assertTrue(e.getMessage().contains("not a stromasim snapshot (no root attribute format_version)"),
                e.getMessage());
    }

    @Test
    void newerFormatVersionIsRefusedWithBothVersions() throws Exception {
        Path file = handMadeSnapshot(SnapshotLayout.FORMAT_VERSION + 1, ALL_FIELDS, 0f);
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.readHeader(file));
        assertTrue(e.getMessage().contains("snapshot format version 3 is newer than this stromasim reads (up to 2)"),
                e.getMessage());
    }

    @Test
    void missingSpeciesFieldIsNamed() throws Exception {
        Path file = handMadeSnapshot(1, List.of("cell", "stiffness_kpa", "viability", "vessel_distance_um",
                "drug_exposure"), 0f);
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(file));
        assertTrue(e.getMessage().endsWith("missing field dataset /fields/drug"), e.getMessage());
    }

    @Test
    void invalidCellCodeIsReportedWithItsVoxel() throws Exception {
        Path file = handMadeSnapshot(1, ALL_FIELDS, 7f);
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(file));
        assertTrue(e.getMessage().contains("value 7.0 at voxel (i=0, j=0, k=0), which is no cell code"),
                e.getMessage());
    }

    @Test
    void handMadeValidFileReads() throws Exception {
        // The fixture itself is a valid snapshot, so each failure above comes from the one thing changed.
        Snapshot snapshot = SnapshotReader.read(handMadeSnapshot(1, ALL_FIELDS, 2f));
        assertEquals(2, snapshot.tissue().cell()[0]);
        assertEquals("µM", snapshot.info().unitOf("drug"));
    }

    @Test
    void writerRefusesUnitsThatDoNotMatchTheSpecies() {
        Tissue tissue = new Tissue(new Grid3D(2, 2, 2, 1.0), List.of("drug", "il6"));
        SnapshotInfo onlyDrug = new SnapshotInfo(0, 0, 0, "java", "v", "", "s", Map.of("drug", "µM"), "µM·s");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnapshotWriter.write(dir, tissue, onlyDrug));
        assertEquals("snapshot info gives units for species [drug] but the tissue has species [drug, il6]",
                e.getMessage());
        assertEquals(0, dir.toFile().list().length, "nothing written");
    }

    @Test
    void writerRefusesASpeciesNamedLikeAFixedField() {
        Tissue tissue = new Tissue(new Grid3D(2, 2, 2, 1.0), List.of("viability"));
        SnapshotInfo info = new SnapshotInfo(0, 0, 0, "java", "v", "", "s", Map.of("viability", "µM"), "µM·s");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnapshotWriter.write(dir, tissue, info));
        assertTrue(e.getMessage().startsWith("species name 'viability' cannot name a snapshot dataset"), e.getMessage());
    }

    /** A 2×2×2 snapshot with one species (drug) written by hand, with the given version, fields and cell code. */
    private Path handMadeSnapshot(int formatVersion, List<String> fields, float cellCode) {
        Path file = dir.resolve("hand.h5");
        float[][][] values = new float[2][2][2];
        float[][][] cells = {{{cellCode, 0}, {0, 0}}, {{0, 0}, {0, 0}}};
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putAttribute("format_version", formatVersion);
            hdf.putAttribute("software_version", "test");
            hdf.putAttribute("grid_dims", new int[] {2, 2, 2});
            hdf.putAttribute("voxel_um", 1.0);
            hdf.putAttribute("time_s", 0.0);
            hdf.putAttribute("step", 0L);
            hdf.putAttribute("snapshot_index", 0);
            hdf.putAttribute("backend", "hand");
            hdf.putAttribute("scenario", "name: hand\n");
            hdf.putAttribute("scenario_name", "hand");
            hdf.putAttribute("species", new String[] {"drug"});
            WritableGroup group = hdf.putGroup("fields");
            for (String field : fields) {
                group.putDataset(field, field.equals("cell") ? cells : values)
                        .putAttribute("units", field.equals("drug") ? "µM" : "1");
            }
        }
        return file;
    }
}

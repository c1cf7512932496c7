package org.stromasim.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.Tissue;

/** What SnapshotWriter writes is exactly what an HDF5 reader (jhdf) and SnapshotReader read back. */
class SnapshotRoundTripTest {

    /** Non-cubic so a swapped axis shows; more voxels than one streaming buffer so chunk joins are covered. */
    private static final Grid3D GRID = new Grid3D(53, 41, 37, 12.5);

    @TempDir
    Path dir;

    @Test
    void everyFieldAndAttributeReadsBackExactlyWithJhdf() throws Exception {
        Tissue tissue = TestStates.filledTissue(GRID, 7);
        SnapshotInfo info = TestStates.info(3, 1234.5, 98765L);
        SnapshotHeader header = SnapshotWriter.write(dir, tissue, info);

        assertEquals(dir.resolve("snap_000003.h5"), header.file());
        try (HdfFile hdf = new HdfFile(header.file())) {
            assertEquals(2, hdf.getAttribute("format_version").getData());
            assertEquals("0.1.0-test", hdf.getAttribute("software_version").getData());
            assertArrayEquals(new int[] {53, 41, 37}, (int[]) hdf.getAttribute("grid_dims").getData());
            assertEquals(12.5, hdf.getAttribute("voxel_um").getData());
            assertEquals(1234.5, hdf.getAttribute("time_s").getData());
            assertEquals(98765L, hdf.getAttribute("step").getData());
            assertEquals(3, hdf.getAttribute("snapshot_index").getData());
            assertEquals("java (2 threads)", hdf.getAttribute("backend").getData());
            assertEquals(TestStates.SCENARIO_YAML, hdf.getAttribute("scenario").getData());
            assertEquals("io-test", hdf.getAttribute("scenario_name").getData());
            assertArrayEquals(new String[] {"drug", "il6"}, (String[]) hdf.getAttribute("species").getData());

            float[] cellAsFloat = new float[GRID.voxelCount()];
            for (int v = 0; v < cellAsFloat.length; v++) {
                cellAsFloat[v] = tissue.cell()[v];
            }
            Map<String, float[]> expected = Map.of(
                    "cell", cellAsFloat,
                    "stiffness_kpa", tissue.stiffnessKpa(),
                    "viability", tissue.viability(),
                    "vessel_distance_um", tissue.vesselDistanceUm(),
                    "drug", tissue.concentration("drug"),
                    "il6", tissue.concentration("il6"),
                    "drug_exposure", tissue.drugExposure());
            Map<String, String> units = Map.of("cell", "1", "stiffness_kpa", "kPa", "viability", "1",
                    "vessel_distance_um", "µm", "drug", "µM", "il6", "nM", "drug_exposure", "µM·s");
            for (String field : expected.keySet()) {
                Dataset dataset = hdf.getDatasetByPath("/fields/" + field);
                assertArrayEquals(new int[] {37, 41, 53}, dataset.getDimensions(), field);
                assertEquals(units.get(field), dataset.getAttribute("units").getData(), field);
                assertSameVoxels(field, expected.get(field), (float[][][]) dataset.getData());
            }
        }
    }

    @Test
    void snapshotReaderRestoresTheTissueAndItsInfo() throws Exception {
        Tissue tissue = TestStates.filledTissue(GRID, 11);
        SnapshotInfo info = TestStates.info(0, 0.0, 0L);
        SnapshotHeader written = SnapshotWriter.write(dir, tissue, info);

        Snapshot snapshot = SnapshotReader.read(written.file());
        Tissue back = snapshot.tissue();
        assertEquals(GRID, back.grid());
        assertEquals(List.of("drug", "il6"), back.speciesNames());
        assertArrayEquals(tissue.cell(), back.cell());
        assertBitwiseEqual("stiffness_kpa", tissue.stiffnessKpa(), back.stiffnessKpa());
        assertBitwiseEqual("viability", tissue.viability(), back.viability());
        assertBitwiseEqual("vessel_distance_um", tissue.vesselDistanceUm(), back.vesselDistanceUm());
        assertBitwiseEqual("drug", tissue.concentration(0), back.concentration(0));
        assertBitwiseEqual("il6", tissue.concentration(1), back.concentration(1));
        assertBitwiseEqual("drug_exposure", tissue.drugExposure(), back.drugExposure());
        assertEquals(info, snapshot.info());
        assertEquals(written, snapshot.header());
        assertEquals(List.of("cell", "stiffness_kpa", "viability", "vessel_distance_um", "drug", "il6", "drug_exposure"),
                snapshot.header().fieldNames());
    }

    /**
     * The vessel wall (geometry fixed for the run) goes to /vessel_wall and comes back bit for bit, so
     * a resumed run exchanges through the same wall; a state without one reads back without one.
     */
    @Test
    void vesselWallReadsBackBitForBit() throws Exception {
        Tissue tissue = TestStates.filledTissue(GRID, 13);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        float[] sv = new float[GRID.voxelCount()];
        float[] fraction = new float[GRID.voxelCount()];
        for (int v = 0; v < sv.length; v++) {
            sv[v] = (float) (random.nextDouble() * 0.3);
            fraction[v] = (float) random.nextDouble();
        }
        tissue.setVesselWall(new org.stromasim.tissue.VesselWall(sv, fraction));
        SnapshotHeader written = SnapshotWriter.write(dir, tissue, TestStates.info(1, 2.0, 3L));
        try (HdfFile hdf = new HdfFile(written.file())) {
            assertEquals("1/µm", hdf.getDatasetByPath("/vessel_wall/vessel_wall_area_per_volume_per_um")
                    .getAttribute("units").getData());
        }
        Tissue back = SnapshotReader.read(written.file()).tissue();
        assertBitwiseEqual("wall area per volume", sv, back.vesselWall().areaPerVolumePerUm());
        assertBitwiseEqual("volume fraction", fraction, back.vesselWall().volumeFraction());

        assertNull(back.vesselWall().plasmaGroup(), "no plasma groups written, none read");

        // with plasma groups: the per-voxel group (0..3 here) reads back as written, as float32 on disk
        byte[] groups = new byte[GRID.voxelCount()];
        for (int v = 0; v < groups.length; v++) {
            groups[v] = (byte) random.nextInt(4);
        }
        tissue.setVesselWall(new org.stromasim.tissue.VesselWall(sv, fraction, groups));
        SnapshotHeader grouped = SnapshotWriter.write(dir, tissue, TestStates.info(3, 4.0, 5L));
        try (HdfFile hdf = new HdfFile(grouped.file())) {
            float[] onDisk = (float[]) hdf.getDatasetByPath("/vessel_wall/vessel_plasma_group").getDataFlat();
            assertEquals(groups[7], onDisk[7]);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(groups,
                SnapshotReader.read(grouped.file()).tissue().vesselWall().plasmaGroup());

        Tissue without = TestStates.filledTissue(GRID, 14);
        SnapshotHeader plain = SnapshotWriter.write(dir, without, TestStates.info(2, 3.0, 4L));
        assertNull(SnapshotReader.read(plain.file()).tissue().vesselWall());
    }

    @Test
    void scenarioTooLongForAnAttributeIsStoredAsADatasetAndReadBack() throws Exception {
        String longYaml = "# µ padding line\n".repeat(5000); // about 90 KB, beyond the 64 KiB header limit
        Tissue tissue = TestStates.filledTissue(new Grid3D(3, 2, 2, 1.0), 3);
        SnapshotHeader written = SnapshotWriter.write(dir, tissue, TestStates.info(1, 2.0, 4L, longYaml));

        try (HdfFile hdf = new HdfFile(written.file())) {
            assertNull(hdf.getAttribute("scenario"));
        }
        assertEquals(longYaml, SnapshotReader.read(written.file()).info().scenarioYaml());
    }

    @Test
    void stateWithoutSpeciesRoundTrips() throws Exception {
        Tissue tissue = new Tissue(new Grid3D(2, 3, 4, 5.0), List.of());
        tissue.stiffnessKpa()[5] = 4.5f;
        SnapshotInfo info = new SnapshotInfo(1, 0.5, 0, "java", "v", "", "empty", Map.of(), "µM·s");
        Snapshot back = SnapshotReader.read(SnapshotWriter.write(dir, tissue, info).file());
        assertEquals(List.of(), back.tissue().speciesNames());
        assertEquals(4.5f, back.tissue().stiffnessKpa()[5]);
        assertEquals(info, back.info());
    }

    /** dataset[k][j][i] must be the flat value at i + nx*(j + ny*k), bit for bit. */
    private static void assertSameVoxels(String field, float[] flat, float[][][] data) {
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    float want = flat[GRID.index(i, j, k)];
                    float got = data[k][j][i];
                    if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(got)) {
                        fail(field + " voxel (i=" + i + ", j=" + j + ", k=" + k + "): wrote " + want + ", read " + got);
                    }
                }
            }
        }
    }

    static void assertBitwiseEqual(String field, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, field + " length");
        for (int v = 0; v < expected.length; v++) {
            if (Float.floatToRawIntBits(expected[v]) != Float.floatToRawIntBits(actual[v])) {
                fail(field + " voxel " + v + ": expected " + expected[v] + ", got " + actual[v]);
            }
        }
    }
}

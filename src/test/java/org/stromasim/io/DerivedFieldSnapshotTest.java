package org.stromasim.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.Tissue;

/** Derived fields (the matrix composition) are written after the state's own, listed by the reader, and resume ignores them. */
class DerivedFieldSnapshotTest {

    private static final Grid3D GRID = new Grid3D(53, 41, 37, 12.5);

    @TempDir
    Path dir;

    @Test
    void derivedFieldsReadBackAndTheStateReadsAsBefore() throws Exception {
        Tissue tissue = TestStates.filledTissue(GRID, 11);
        float[] collagen = new float[GRID.voxelCount()];
        for (int v = 0; v < collagen.length; v++) {
            collagen[v] = 0.01f + 1e-6f * v;
        }
        SnapshotHeader header = SnapshotWriter.write(dir, tissue, TestStates.info(0, 0.0, 0L),
                List.of(new DerivedField("collagen_fraction", "1", "collagen fibre volume fraction", collagen)));
        try (HdfFile hdf = new HdfFile(header.file())) {
            Dataset d = hdf.getDatasetByPath("/fields/collagen_fraction");
            float[][][] values = (float[][][]) d.getData();
            assertEquals(collagen[5 + 53 * (7 + 41 * 3)], values[3][7][5], 0f);
            assertEquals("1", d.getAttribute("units").getData());
        }
        assertTrue(SnapshotReader.readHeader(header.file()).fieldNames().contains("collagen_fraction"));
        Snapshot back = SnapshotReader.read(header.file());
        assertArrayEquals(tissue.stiffnessKpa(), back.tissue().stiffnessKpa());
    }

    @Test
    void aDerivedFieldCannotShadowAStateField() {
        Tissue tissue = TestStates.filledTissue(GRID, 11);
        assertThrows(IllegalArgumentException.class, () -> SnapshotWriter.write(dir, tissue, TestStates.info(0, 0.0, 0L),
                List.of(new DerivedField("stiffness_kpa", "kPa", null, new float[GRID.voxelCount()]))));
    }
}

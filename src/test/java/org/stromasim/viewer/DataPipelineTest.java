package org.stromasim.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.viewer.color.ColorMap;
import org.stromasim.viewer.data.Downsampler;
import org.stromasim.viewer.data.FieldDifference;
import org.stromasim.viewer.data.FieldLoader;
import org.stromasim.viewer.data.SnapshotSeries;
import org.stromasim.viewer.data.TimeSelection;
import org.stromasim.viewer.data.TransferFunction;
import org.stromasim.viewer.data.ViewerInputException;
import org.stromasim.viewer.data.VolumeField;

/** CPU side of the viewer: loading, time selection, value scales, downsampling, differences. */
class DataPipelineTest {

    @TempDir
    Path dir;

    private static VolumeField ramp(int nx, int ny, int nz) {
        float[] values = new float[nx * ny * nz];
        for (int v = 0; v < values.length; v++) {
            values[v] = v % nx; // x index
        }
        return new VolumeField("ramp", "µM", 0, nx, ny, nz, nx * 10.0, ny * 10.0, nz * 10.0, values);
    }

    @Test
    void loadsExactlyTheStoredValuesOfOneField() throws IOException {
        Path run = SyntheticRuns.blobRun(dir.resolve("run"));
        SnapshotSeries series = SnapshotSeries.open(run);
        assertEquals(2, series.size());
        assertEquals(600, series.get(1).timeS());
        VolumeField drug = FieldLoader.load(series.get(1), "drug");
        float[] expected = SyntheticRuns.tissue(SyntheticRuns.BLOB_CENTRES_UM[1]).concentration("drug");
        assertEquals(expected.length, drug.voxelCount());
        for (int v = 0; v < expected.length; v++) {
            assertEquals(expected[v], drug.values()[v], 0f, "voxel " + v);
        }
        assertEquals("µM", drug.unit());
        assertEquals(400, drug.sizeXUm());
    }

    @Test
    void timeSelectionByIndexSecondsAndLast() throws IOException {
        SnapshotSeries series = SnapshotSeries.open(SyntheticRuns.blobRun(dir.resolve("run")));
        assertEquals(1, TimeSelection.parse("last").resolve(series));
        assertEquals(0, TimeSelection.parse("first").resolve(series));
        assertEquals(1, TimeSelection.parse("1").resolve(series));
        assertEquals(1, TimeSelection.parse("400s").resolve(series)); // nearer to 600 s than to 0 s
        assertEquals(0, TimeSelection.parse("299.0").resolve(series));
        assertThrows(ViewerInputException.class, () -> TimeSelection.parse("-1").resolve(series));
        assertThrows(ViewerInputException.class, () -> TimeSelection.parse("901s").resolve(series));
    }

    @Test
    void linearAndLogScales() {
        TransferFunction linear = new TransferFunction(2, 6, false);
        assertEquals(0.25, linear.normalize(3), 1e-12);
        assertEquals(0, linear.normalize(-5), 0);
        assertEquals(1, linear.normalize(60), 0);
        assertEquals(5, linear.valueAt(0.75), 1e-12);
        TransferFunction log = new TransferFunction(0.01, 100, true);
        assertEquals(0.5, log.normalize(1), 1e-12);
        assertEquals(0.75, log.normalize(10), 1e-12);
        assertEquals(0, log.normalize(0), 0);
        assertEquals(10, log.valueAt(0.75), 1e-9);
    }

    @Test
    void autoScalesCoverTheFieldAndCentreDifferencesOnZero() {
        VolumeField field = ramp(8, 2, 2).withValues("f", "µM", new float[] {0, 0, 1, 2, 3, 4, 5, 1000, 0, 0, 1, 2, 3,
                4, 5, 6, 0, 0, 1, 2, 3, 4, 5, 6, 0, 0, 1, 2, 3, 4, 5, -8});
        TransferFunction linear = TransferFunction.auto(field, false, ColorMap.VIRIDIS);
        assertEquals(-8, linear.low());
        assertEquals(1000, linear.high());
        TransferFunction log = TransferFunction.auto(field, true, ColorMap.VIRIDIS);
        assertEquals(1000, log.high());
        assertEquals(1, log.low(), "smallest positive value, above high/10^4");
        TransferFunction diverging = TransferFunction.auto(field, false, ColorMap.DIVERGING);
        assertEquals(-1000, diverging.low());
        assertEquals(0.5, diverging.normalize(0), 1e-12);
    }

    @Test
    void aDivergingMapOnANonNegativeFieldShowsNoNegativeRange() {
        VolumeField field = ramp(8, 2, 2).withValues("f", "µM", new float[] {0, 0, 1, 2, 3, 4, 5, 10, 0, 0, 1, 2, 3,
                4, 5, 6, 0, 0, 1, 2, 3, 4, 5, 6, 0, 0, 1, 2, 3, 4, 5, 6});
        TransferFunction diverging = TransferFunction.auto(field, false, ColorMap.DIVERGING);
        assertEquals(0, diverging.low());
        assertEquals(10, diverging.high());
    }

    @Test
    void downsamplingKeepsTheMeanAndSaysWhy() {
        VolumeField field = ramp(50, 20, 10);
        Downsampler.Result unchanged = Downsampler.fit(field, 64, 1L << 30);
        assertFalse(unchanged.reduced());
        assertTrue(unchanged.field() == field);

        Downsampler.Result byEdge = Downsampler.fit(field, 16, 1L << 30);
        assertEquals(4, byEdge.factorX());
        assertEquals(2, byEdge.factorY());
        assertEquals(1, byEdge.factorZ());
        assertEquals(13, byEdge.field().nx()); // ceil(50 / 4): the last block holds two columns
        assertEquals(500, byEdge.field().sizeXUm(), "the box keeps its size");
        assertEquals(1.5f, byEdge.field().at(0, 0, 0), 0f); // mean of x = 0..3
        assertEquals(48.5f, byEdge.field().at(12, 0, 0), 0f); // mean of x = 48, 49
        assertTrue(byEdge.message().contains("downsampled by 4×2×1 to 13×10×10"), byEdge.message());

        Downsampler.Result byBytes = Downsampler.fit(field, 4096, 4L * 2000);
        assertTrue(4L * byBytes.field().voxelCount() <= 4L * 2000);
        assertTrue(byBytes.message().contains("exceeds"), byBytes.message());
    }

    @Test
    void differenceIsVoxelwiseAndNeedsTheSameGrid() {
        VolumeField a = ramp(4, 3, 2);
        VolumeField b = a.withValues("ramp", "µM", new float[24]);
        VolumeField difference = FieldDifference.of(a, b, "A", "B");
        assertEquals(3f, difference.at(3, 2, 1));
        assertEquals("ramp (A − B)", difference.name());
        ViewerInputException e = assertThrows(ViewerInputException.class,
                () -> FieldDifference.of(a, ramp(5, 3, 2), "A", "B"));
        assertTrue(e.getMessage().contains("grids differ"), e.getMessage());
    }
}

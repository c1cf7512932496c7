package org.stromasim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.Tissue;

/**
 * Snapshots are read by the reference HDF5 library (through h5dump) and, where installed, by h5py, and
 * the values must be those written. jhdf reading its own output back could hide a symmetric mistake;
 * these readers cannot.
 */
class IndependentReaderTest {

    private static final Grid3D GRID = new Grid3D(6, 5, 4, 2.5);

    @TempDir
    Path dir;

    @Test
    @EnabledIfH5DumpOrCi
    void h5dumpReadsTheDatasetBytesAndAttributesThatWereWritten() throws Exception {
        assertTrue(ExternalTools.h5dumpAvailable(),
                "CI=true but h5dump is not on the PATH; install it with apt-get install -y hdf5-tools");
        Tissue tissue = TestStates.filledTissue(GRID, 5);
        Path file = SnapshotWriter.write(dir, tissue, TestStates.info(2, 3600.125, 4242L)).file();

        // The whole structure must parse with libhdf5 (header only: every group, dataset and attribute).
        ExternalTools.Result header = ExternalTools.run(List.of("h5dump", "-H", file.toString()));
        assertEquals(0, header.exitCode(), header.output());
        for (String field : List.of("cell", "stiffness_kpa", "viability", "vessel_distance_um", "drug", "il6",
                "drug_exposure")) {
            assertTrue(header.output().contains("DATASET \"" + field + "\""), "h5dump lists no dataset " + field);
        }
        assertTrue(header.output().contains("DATASPACE  SIMPLE { ( 4, 5, 6 ) / ( 4, 5, 6 ) }"), header.output());

        // One dataset as raw little-endian bytes: must equal the flat array bit for bit.
        Path raw = dir.resolve("drug.bin");
        ExternalTools.Result dump = ExternalTools.run(List.of("h5dump", "-d", "/fields/drug", "-b", "LE", "-o",
                raw.toString(), file.toString()));
        assertEquals(0, dump.exitCode(), dump.output());
        assertTrue(dump.output().contains("H5T_IEEE_F32LE"), dump.output());
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[GRID.voxelCount()];
        bytes.asFloatBuffer().get(values);
        assertEquals(GRID.voxelCount() * Float.BYTES, bytes.capacity());
        SnapshotRoundTripTest.assertBitwiseEqual("drug via h5dump", tissue.concentration("drug"), values);

        // One attribute, printed with enough digits to identify the double exactly.
        ExternalTools.Result time = ExternalTools.run(List.of("h5dump", "-m", "%.17g", "-a", "/time_s",
                file.toString()));
        assertEquals(0, time.exitCode(), time.output());
        assertTrue(time.output().contains("H5T_IEEE_F64LE"), time.output());
        assertEquals(3600.125, Double.parseDouble(firstValue(time.output())));

        ExternalTools.Result step = ExternalTools.run(List.of("h5dump", "-a", "/step", file.toString()));
        assertEquals(0, step.exitCode(), step.output());
        assertEquals(4242L, Long.parseLong(firstValue(step.output())));
    }

    @Test
    @EnabledIfH5pyAvailable
    void h5pyReadsTheSameValuesAndAttributes() throws Exception {
        Tissue tissue = TestStates.filledTissue(GRID, 9);
        Path file = SnapshotWriter.write(dir, tissue, TestStates.info(0, 0.25, 1L)).file();
        Path raw = dir.resolve("stiffness.bin");
        String script = String.join("\n",
                "import sys, h5py, numpy",
                "f = h5py.File(sys.argv[1], 'r')",
                "d = f['fields/stiffness_kpa']",
                "assert d.dtype == numpy.dtype('<f4'), d.dtype",
                "open(sys.argv[2], 'wb').write(d[()].astype('<f4').tobytes())",
                "print(repr(float(f.attrs['time_s'])), list(d.shape), [int(n) for n in f.attrs['grid_dims']],",
                "      d.attrs['units'] if isinstance(d.attrs['units'], str) else d.attrs['units'].decode())");
        ExternalTools.Result result = ExternalTools.run(List.of("python3", "-c", script, file.toString(),
                raw.toString()));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("0.25 [4, 5, 6] [6, 5, 4] kPa", result.output().trim());
        float[] values = new float[GRID.voxelCount()];
        ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        SnapshotRoundTripTest.assertBitwiseEqual("stiffness_kpa via h5py", tissue.stiffnessKpa(), values);
    }

    /** The value after "(0): " in h5dump's DATA block. */
    private static String firstValue(String h5dumpOutput) {
        Matcher m = Pattern.compile("\\(0\\): (\\S+)").matcher(h5dumpOutput);
        assertTrue(m.find(), "no (0): value in h5dump output:\n" + h5dumpOutput);
        return m.group(1);
    }
}

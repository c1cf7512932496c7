package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.imaging.Hdf5VolumeReader;
import org.stromasim.imaging.NrrdReader;
import org.stromasim.imaging.RawVolume;
import org.stromasim.imaging.TiffStackReader;

/**
 * The shipped example's inputs read back as what configs/examples/tissue-from-files/make_inputs.py
 * computes: the script's own collagen, label and IL-6 arrays (its functions, called in the order its
 * main calls them, so the seeded noise is the same) printed by Python, against the NRRD, TIFF and HDF5
 * readers sample by sample (exact: uint8 samples, and float32 values printed with 9 significant digits);
 * and the network file the script writes now is byte for byte the shipped one. Needs python3 with numpy
 * (h5py, which only the script's writer uses, is stubbed); skipped without them, never under CI=true.
 */
class ExampleInputsRoundTripTest {

    private static final Path EXAMPLE = Path.of("configs/examples/tissue-from-files");

    @TempDir
    Path temp;

    @Test
    void readersReturnWhatTheScriptComputed() throws Exception {
        assumeTrue(python("import numpy").exitCode == 0 || "true".equalsIgnoreCase(System.getenv("CI")),
                "python3 with numpy");
        String script = String.join("\n",
                "import sys, types",
                "sys.modules.setdefault('h5py', types.ModuleType('h5py'))",
                "sys.path.insert(0, '" + EXAMPLE.toAbsolutePath() + "')",
                "import make_inputs as m",
                "shg, h = m.collagen()",
                "lab = m.labels()",
                "il6, h6 = m.il6()",
                "for name, a in (('shg', shg), ('lab', lab), ('il6', il6)):",
                "    print(name, *a.shape, ' '.join('%.9g' % v for v in a.ravel()))",
                "m.write_vessels(__import__('pathlib').Path('" + temp.resolve("vessels.csv") + "'))");
        Result r = python(script);
        assertEquals(0, r.exitCode, r.output);
        List<String> lines = r.output.lines().toList();
        assertSame(lines.get(0), "shg", NrrdReader.read(EXAMPLE.resolve("collagen_shg.nrrd")));
        assertSame(lines.get(1), "lab", TiffStackReader.read(EXAMPLE.resolve("cell_labels.tif")));
        assertSame(lines.get(2), "il6", Hdf5VolumeReader.read(EXAMPLE.resolve("il6_initial.h5"), "/il6"));
        assertEquals(Files.readString(EXAMPLE.resolve("vessels.csv")), Files.readString(temp.resolve("vessels.csv")));
    }

    /** "name nz ny nx v v v ..." (numpy order, x fastest when flattened) against the volume read. */
    private static void assertSame(String line, String name, RawVolume read) {
        String[] t = line.split(" ");
        assertEquals(name, t[0]);
        assertEquals(List.of(read.nz(), read.ny(), read.nx()),
                List.of(Integer.parseInt(t[1]), Integer.parseInt(t[2]), Integer.parseInt(t[3])), name + " shape");
        assertEquals(read.values().length, t.length - 4, name + " sample count");
        for (int v = 0; v < read.values().length; v++) {
            assertEquals(Float.parseFloat(t[4 + v]), read.values()[v], name + " sample " + v);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result python(String code) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
        } catch (IOException noPython) {
            return new Result(127, noPython.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("python3 timed out");
        }
        return new Result(p.exitValue(), out);
    }
}

package org.stromasim.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests to {@code view}: one clear line on stderr and exit code 2, before any OpenGL is needed. */
class ViewCommandErrorsTest {

    @TempDir
    Path dir;

    private ViewCli.Result refuse(String... args) {
        ViewCli.Result result = ViewCli.run(args);
        assertEquals(2, result.exitCode(), "exit code; stderr: " + result.err());
        assertEquals(1, result.err().strip().lines().count(), "one line expected: " + result.err());
        return result;
    }

    @Test
    void missingPathIsNamed() {
        Path missing = dir.resolve("no-such-run");
        ViewCli.Result result = refuse(missing.toString(), "--screenshot", dir.resolve("x.png").toString());
        assertTrue(result.err().contains("no such run directory or snapshot file") && result.err().contains("no-such-run"),
                result.err());
    }

    @Test
    void fieldMissingFromSnapshotListsTheFieldsThere() throws IOException {
        Path run = SyntheticRuns.blobRun(dir.resolve("run"));
        ViewCli.Result result = refuse(run.resolve("snapshots/snap_000001.h5").toString(), "--field", "il6",
                "--screenshot", dir.resolve("x.png").toString());
        assertTrue(result.err().contains("has no field 'il6'") && result.err().contains("drug, lactate"), result.err());
    }

    @Test
    void runWithoutSnapshotsSaysSo() throws IOException {
        Path run = SyntheticRuns.emptyRun(dir.resolve("empty"));
        ViewCli.Result result = refuse(run.toString(), "--screenshot", dir.resolve("x.png").toString());
        assertTrue(result.err().contains("has no snapshots"), result.err());
    }

    @Test
    void fileThatIsNotASnapshotIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.h5"), "not hdf5");
        ViewCli.Result result = refuse(text.toString(), "--screenshot", dir.resolve("x.png").toString());
        assertTrue(result.err().contains("notes.h5"), result.err());
    }

    @Test
    void timeOutsideTheRunNamesTheRange() throws IOException {
        Path run = SyntheticRuns.blobRun(dir.resolve("run"));
        ViewCli.Result index = refuse(run.toString(), "--time", "5", "--screenshot", dir.resolve("x.png").toString());
        assertTrue(index.err().contains("allowed: 0..1"), index.err());
        ViewCli.Result seconds = refuse(run.toString(), "--time", "5000s", "--screenshot", dir.resolve("x.png").toString());
        assertTrue(seconds.err().contains("0 s … 600 s"), seconds.err());
        ViewCli.Result garbage = refuse(run.toString(), "--time", "soon", "--screenshot", dir.resolve("x.png").toString());
        assertTrue(garbage.err().contains("not a time"), garbage.err());
    }

    @Test
    void malformedOptionsNameTheAllowedForm() throws IOException {
        Path run = SyntheticRuns.blobRun(dir.resolve("run"));
        String png = dir.resolve("x.png").toString();
        assertTrue(refuse(run.toString(), "--size", "big", "--screenshot", png).err().contains("WIDTHxHEIGHT"));
        assertTrue(refuse(run.toString(), "--camera", "1,2", "--screenshot", png).err().contains("azimuth,elevation,distance"));
        assertTrue(refuse(run.toString(), "--colormap", "jet", "--screenshot", png).err().contains("viridis"));
        assertTrue(refuse(run.toString(), "--mode", "xray", "--screenshot", png).err().contains("composite"));
        assertTrue(refuse(run.toString(), "--log", "--range", "0,1", "--screenshot", png).err().contains("log scale"));
        assertTrue(refuse(run.toString(), "--camera", "0,95,2", "--screenshot", png).err().contains("elevation"));
    }

    @Test
    void isoLevelAsValueAndAsFractionTogetherIsRefused() throws IOException {
        Path run = SyntheticRuns.blobRun(dir.resolve("run"));
        ViewCli.Result both = refuse(run.toString(), "--mode", "iso", "--iso-level", "0.3", "--iso-fraction", "0.5",
                "--screenshot", dir.resolve("x.png").toString());
        assertTrue(both.err().contains("either as a value in the field's unit or as a colour-bar fraction"), both.err());
        ViewCli.Result fraction = refuse(run.toString(), "--mode", "iso", "--iso-fraction", "1.5",
                "--screenshot", dir.resolve("x.png").toString());
        assertTrue(fraction.err().contains("strictly between 0 and 1"), fraction.err());
    }
}

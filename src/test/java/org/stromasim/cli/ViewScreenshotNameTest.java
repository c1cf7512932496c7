package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A screenshot is PNG, so a name promising another format is refused before anything is rendered or written. */
class ViewScreenshotNameTest {

    @TempDir
    Path temp;

    @Test
    void aJpegNameIsRefusedWithExitTwo() {
        Path jpg = temp.resolve("x.jpg");
        CliHarness.Result r = CliHarness.run("view", temp.resolve("no-run").toString(), "--screenshot", jpg.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("screenshots are written as PNG; give a file name ending in .png"), r.err());
        assertFalse(Files.exists(jpg));
    }
}

package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory that cannot be made is refused in words: the JDK's AccessDeniedException carries only
 * the path as its message, so "cannot create run directory o: /data/o" alone would not say why. (A real
 * permission refusal cannot be provoked in a test run as root, who may write anywhere, so the exception
 * the file system would throw is built here.)
 */
class RunDirectoriesTest {

    @TempDir
    Path temp;

    @Test
    void permissionDeniedIsSaidInWords() {
        String text = RunDirectories.describe(new AccessDeniedException("/data/runs/o"));
        assertEquals("/data/runs/o: permission denied (choose a directory you can write to)", text);
    }

    @Test
    void aRunDirectoryUnderARegularFileIsRefusedNamingThePath() throws Exception {
        Path file = Files.writeString(temp.resolve("f"), "x");
        UserInputException e = assertThrows(UserInputException.class,
                () -> RunDirectories.lockNew(file.resolve("o"), "run", new java.io.PrintWriter(System.err)));
        assertTrue(e.getMessage().startsWith("cannot create run directory " + file.resolve("o") + ": "), e.getMessage());
        assertFalse(Files.exists(file.resolve("o")));
    }
}

package org.stromasim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks where a command will write before it does the work, so a path that cannot be written is one
 * line naming the path and why (exit code 2), not an exception from deep inside an image writer.
 */
final class OutputTargets {

    private OutputTargets() {
    }

    /** {@code file} can be created or replaced: not a directory, its directory exists (or can be made) and is writable. */
    static void requireWritableFile(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new UserInputException(option + " " + file + ": is a directory; give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        requireWritableDirectory(parent, option + " " + file + ": its directory");
    }

    /**
     * {@code dir} is a writable directory, or can be made as one: its nearest existing ancestor is a
     * writable directory. Creates nothing (a refused command leaves nothing behind); {@code what} names
     * it in messages.
     */
    static void requireWritableDirectory(Path dir, String what) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return; // nothing exists up to the root: let the write say why
        }
        if (!Files.isDirectory(existing)) {
            throw new UserInputException(what + " " + dir + ": " + existing + " is an existing file, not a directory;"
                    + " give a directory (or remove the file)");
        }
        if (!Files.isWritable(existing)) {
            throw new UserInputException(what + " " + dir + ": " + existing + " is not writable (read-only directory or"
                    + " file system); choose another place");
        }
    }

    /** A write that failed despite the checks (e.g. the file system became read-only or full). */
    static UserInputException failedWrite(Path file, IOException e) {
        return new UserInputException(org.stromasim.io.WriteFailure.describe(e, file, 0), e);
    }
}

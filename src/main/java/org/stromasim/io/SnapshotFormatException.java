package org.stromasim.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file exists but is not a snapshot this version can read; the message says which file and why. */
public final class SnapshotFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public SnapshotFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public SnapshotFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}

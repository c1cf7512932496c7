package org.stromasim.io;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One sentence for a failed write: which file, and for a full file system how much was needed and how
 * much is free, so the user can act on it. Libraries wrap the operating system's error in their own
 * exceptions (jhdf: HdfWritingException around an IOException), so the cause chain is searched.
 */
public final class WriteFailure {

    /** The Linux/macOS text of ENOSPC, as the JDK reports it. */
    private static final String NO_SPACE = "No space left on device";

    private WriteFailure() {
    }

    /** Whether {@code failure} (or one of its causes) is a full file system. */
    public static boolean isNoSpace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(NO_SPACE)) {
                return true;
            }
        }
        return false;
    }

    /** "no space left on device writing FILE: it needs about N MiB, M MiB are free on ..." or the root cause. */
    public static String describe(Throwable failure, Path file, long neededBytes) {
        if (isNoSpace(failure)) {
            // the size is unknown (0) for writes whose size is not planned ahead, e.g. report PNGs
            String needs = neededBytes > 0 ? "it needs about " + mib(neededBytes) + ", " : "";
            return String.format("no space left on device writing %s: %s%s", file, needs, freeSpace(file));
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "cannot write " + file + ": " + (root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getMessage());
    }

    private static String freeSpace(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            FileStore store = Files.getFileStore(dir);
            return mib(store.getUsableSpace()) + " are free on " + store;
        } catch (IOException e) {
            return "the free space of " + dir + " is unknown";
        }
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (double) (1L << 20));
    }
}

package org.stromasim.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Publishes files so that a reader (or a killed run) sees either the previous complete file or the
 * new complete file, never a torn one: the content goes to a temporary name in the target's own
 * directory (same file system, so the rename can be atomic), is forced to disk, and is then renamed
 * over the target.
 */
public final class AtomicFiles {

    /** Writes the content of a file that does not exist yet at {@code path}. */
    @FunctionalInterface
    public interface FileContentWriter {
        void writeTo(Path path) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically. The temporary file is {@link SnapshotLayout#tempFileName} of
     * the target; a stale one left by a killed run is replaced. On failure the temporary file is
     * removed and the target is untouched.
     */
    public static void write(Path target, FileContentWriter content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temp = directory.resolve(SnapshotLayout.tempFileName(target.getFileName().toString()));
        Files.deleteIfExists(temp);
        boolean published = false;
        try {
            content.writeTo(temp);
            forceToDisk(temp);
            moveIntoPlace(temp, target);
            published = true;
        } finally {
            if (!published) {
                Files.deleteIfExists(temp);
            }
        }
        forceDirectoryToDisk(directory);
    }

    /** Writes a UTF-8 text file atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, path -> Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE));
    }

    /**
     * Renames {@code source} onto {@code target} atomically. Only a file system that cannot do an atomic
     * move at all (not merely "target exists") gets the plain replacing move.
     */
    static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException unsupported) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void forceToDisk(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Makes the rename itself durable across a power loss. POSIX systems allow fsync on a directory;
     * others (Windows) refuse to open a directory as a channel, and there the rename is as durable as
     * the platform makes it, so that refusal is not an error.
     */
    private static void forceDirectoryToDisk(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException directoryNotOpenable) {
            // Platform cannot fsync a directory; the file content itself was already forced.
        }
    }
}

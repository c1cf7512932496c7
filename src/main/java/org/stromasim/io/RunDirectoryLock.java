package org.stromasim.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Exclusive use of a run directory by one process ({@code run}, {@code resume}, a sweep worker), so two
 * processes never append to the same metrics.csv or write the same snapshot. The lock is an operating
 * system lock ({@link FileChannel#tryLock}) on {@link #LOCK_FILE}: the system releases it when the
 * process ends in any way, kill -9 included, so a lock file left behind by a process that is gone is
 * stale by construction — it is not locked, and the next process takes it over and says whose it
 * was. The file holds the owner's pid, host and start time, for the message a second process gets.
 * Works on local file systems and on NFS with lock support; where locking is unsupported the run goes
 * ahead unprotected and {@link #note} says so.
 */
public final class RunDirectoryLock implements AutoCloseable {

    /** In the run directory; a dot file, so it is no run output. */
    public static final String LOCK_FILE = ".stromasim.lock";

    private final FileChannel channel;
    private final FileLock lock;
    private final String note;

    private RunDirectoryLock(FileChannel channel, FileLock lock, String note) {
        this.channel = channel;
        this.lock = lock;
        this.note = note;
    }

    /** Takes the lock of {@code runRoot} for {@code command}, or refuses when another process holds it. */
    public static RunDirectoryLock acquire(Path runRoot, String command) throws IOException {
        Path file = runRoot.resolve(LOCK_FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        String previous;
        FileLock lock;
        try {
            previous = read(channel);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            } catch (IOException unsupported) {
                return new RunDirectoryLock(channel, null, "cannot lock " + file + " (" + unsupported.getMessage()
                        + "): this file system has no locks, so nothing stops a second process from writing here");
            }
            if (lock == null) {
                channel.close();
                throw new RunDirectoryInUseException(runRoot, previous.isBlank() ? "another process" : previous.strip());
            }
            String owner = "pid " + ProcessHandle.current().pid() + " on " + host() + ", " + command + " since "
                    + Instant.now();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((owner + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            String note = previous.isBlank() ? null
                    : "took over a stale lock of " + runRoot + " (" + previous.strip() + ", a process that has ended)";
            return new RunDirectoryLock(channel, lock, note);
        } catch (IOException | RuntimeException e) {
            if (channel.isOpen()) {
                channel.close();
            }
            throw e;
        }
    }

    /** What to tell the user about the lock (a stale one taken over, no locking here), or null. */
    public String note() {
        return note;
    }

    /** Releases the lock and empties the lock file (an empty file is no owner). */
    @Override
    public void close() throws IOException {
        try (FileChannel c = channel) {
            if (lock != null && lock.isValid()) {
                c.truncate(0);
                lock.release();
            }
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    /** Another live process holds the directory. */
    public static final class RunDirectoryInUseException extends IOException {
        public RunDirectoryInUseException(Path runRoot, String owner) {
            super("run directory " + runRoot + " is in use by " + owner + "; wait for that process to finish or stop"
                    + " it (Ctrl-C or kill -TERM keeps its last snapshot) before running here");
        }
    }
}

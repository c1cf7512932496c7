package org.stromasim.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.RunDirectoryLock;

/** Opens run directories for commands, turning file-system refusals into user-facing messages. */
final class RunDirectories {

    private RunDirectories() {
    }

    /**
     * Takes the run directory's lock for {@code command} (refused, exit code 2, while another process
     * holds it); a note about a stale lock taken over goes to {@code err}.
     */
    static RunDirectoryLock lock(RunDirectory run, String command, java.io.PrintWriter err) {
        return lock(run.root(), command, err);
    }

    private static RunDirectoryLock lock(Path root, String command, java.io.PrintWriter err) {
        try {
            RunDirectoryLock lock = RunDirectoryLock.acquire(root, command);
            if (lock.note() != null) {
                err.println("stromasim: " + lock.note());
                err.flush();
            }
            return lock;
        } catch (RunDirectoryLock.RunDirectoryInUseException inUse) {
            throw new UserInputException(inUse.getMessage(), inUse);
        } catch (IOException e) {
            throw new UserInputException("cannot lock run directory " + root + ": " + describe(e), e);
        }
    }

    /**
     * Makes {@code root} (if absent) and takes its lock for a new run, before {@link #create} writes or
     * removes anything there.
     */
    static RunDirectoryLock lockNew(Path root, String command, java.io.PrintWriter err) {
        try {
            java.nio.file.Files.createDirectories(root);
        } catch (IOException e) {
            throw new UserInputException("cannot create run directory " + root + ": " + describe(e), e);
        }
        return lock(root.toAbsolutePath().normalize(), command, err);
    }

    /** Refuses an unusable run directory before anything is prepared or written. */
    static void requireUsable(Path root, boolean overwrite) {
        try {
            RunDirectory.requireUsable(root, overwrite);
        } catch (IOException e) {
            throw new UserInputException("cannot create run directory " + root + ": " + describe(e), e);
        }
    }

    static RunDirectory create(Path root, String resolvedScenarioYaml, boolean overwrite) {
        try {
            return RunDirectory.create(root, resolvedScenarioYaml, overwrite);
        } catch (IOException e) {
            throw new UserInputException("cannot create run directory " + root + ": " + describe(e), e);
        }
    }

    /**
     * The cause in words: Java's AccessDeniedException and NoSuchFileException carry only the path as
     * their message, which alone does not say what went wrong.
     */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return denied.getFile() + ": permission denied (choose a directory you can write to)";
        }
        if (e instanceof java.nio.file.NoSuchFileException missing && missing.getReason() == null) {
            return missing.getFile() + ": no such file or directory";
        }
        return e.getMessage();
    }
}

package org.stromasim.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.stromasim.io.RunDirectory;

/** Opens run directories for commands, turning file-system refusals into user-facing messages. */
final class RunDirectories {

    private RunDirectories() {
    }

    /** Refuses an unusable run directory before anything is prepared or written. */
    static void requireUsable(Path root, boolean overwrite) {
        try {
            RunDirectory.requireUsable(root, overwrite);
        } catch (IOException e) {
            throw new UserInputException("cannot create run directory " + root + ": " + e.getMessage(), e);
        }
    }

    static RunDirectory create(Path root, String resolvedScenarioYaml, boolean overwrite) {
        try {
            return RunDirectory.create(root, resolvedScenarioYaml, overwrite);
        } catch (IOException e) {
            throw new UserInputException("cannot create run directory " + root + ": " + e.getMessage(), e);
        }
    }
}

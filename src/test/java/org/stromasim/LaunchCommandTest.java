package org.stromasim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The hints' command: the launcher's own name when it started the JVM, quoted for the shell when needed. */
class LaunchCommandTest {

    @Test
    void theLauncherNameIsUsedAsGivenAndQuotedWhenItHasSpaces() {
        String before = System.getProperty(LaunchCommand.LAUNCHER_PROPERTY);
        try {
            System.setProperty(LaunchCommand.LAUNCHER_PROPERTY, "stromasim");
            assertEquals("stromasim", LaunchCommand.get());
            System.setProperty(LaunchCommand.LAUNCHER_PROPERTY, "/opt/my tools/stromasim");
            assertEquals("'/opt/my tools/stromasim'", LaunchCommand.get());
        } finally {
            if (before == null) {
                System.clearProperty(LaunchCommand.LAUNCHER_PROPERTY);
            } else {
                System.setProperty(LaunchCommand.LAUNCHER_PROPERTY, before);
            }
        }
    }

    @Test
    void shellWordsSurviveTheShell() {
        assertEquals("runs/tour", LaunchCommand.shellWord("runs/tour"));
        assertEquals("'it'\\''s here'", LaunchCommand.shellWord("it's here"));
    }
}

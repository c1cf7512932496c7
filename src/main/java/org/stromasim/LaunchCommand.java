package org.stromasim;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shell command that starts this program, for the hints it prints ("continue with: stromasim resume
 * ..."), so that each hint can be pasted as it is: the launcher's name when the {@code stromasim} script
 * started the JVM (it passes {@code -Dstromasim.launcher}), else the {@code java ... -jar} line of the jar
 * this class was loaded from.
 */
public final class LaunchCommand {

    /** System property the launcher script sets to the name it was started by. */
    public static final String LAUNCHER_PROPERTY = "stromasim.launcher";

    private LaunchCommand() {
    }

    /** E.g. {@code stromasim}, {@code target/stromasim} or {@code java --add-modules jdk.incubator.vector -jar /x/stromasim.jar}. */
    public static String get() {
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        if (launcher != null && !launcher.isBlank()) {
            return shellWord(launcher);
        }
        Path jar = ownJar();
        if (jar != null) {
            return "java --add-modules jdk.incubator.vector -jar " + shellWord(jar.toString());
        }
        return "stromasim";
    }

    /** The jar holding this class, or null when running from classes (tests, an IDE). */
    private static Path ownJar() {
        try {
            var source = LaunchCommand.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? path : null;
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The text as one shell word: unchanged when it is plain, else single-quoted. */
    public static String shellWord(String text) {
        if (text.matches("[A-Za-z0-9_./:=@%+-]+")) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}

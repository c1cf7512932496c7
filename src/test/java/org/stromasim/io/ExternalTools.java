package org.stromasim.io;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds and runs the independent HDF5 readers the io tests compare against (h5dump, python3 + h5py). */
final class ExternalTools {

    /** Output and exit status of a finished command. */
    record Result(int exitCode, String output) {
    }

    private ExternalTools() {
    }

    static boolean runningInCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static boolean h5dumpAvailable() {
        return onPath("h5dump");
    }

    static boolean h5pyAvailable() {
        if (!onPath("python3")) {
            return false;
        }
        try {
            return run(List.of("python3", "-c", "import h5py")).exitCode() == 0;
        } catch (IOException notRunnable) {
            return false;
        }
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command to completion (60 s at most) with stderr merged into the output. */
    static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, interrupted);
        }
    }
}

package org.stromasim.cli;

import java.io.PrintWriter;
import org.stromasim.backend.BackendChoice;
import org.stromasim.batch.RunDriver;
import picocli.CommandLine.Option;

/** The options of the commands that run one simulation here ({@code run}, {@code resume}): where and how it runs. */
final class RunnerOptions {

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "Where the numerics run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    BackendChoice backend;

    @Option(names = "--device", paramLabel = "INDEX|NAME",
            description = "OpenCL device: an index from `stromasim devices` or part of its name (default: the best one).")
    String device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Worker threads of the Java backend (default: one per processor).")
    int threads;

    @Option(names = "--no-progress", description = "Do not show the progress bar.")
    boolean noProgress;

    /** The run settings for these options, simulating to {@code untilS} (null: the scenario's end time). */
    RunDriver.Settings settings(Double untilS) {
        return new RunDriver.Settings(backend, threads, untilS, device);
    }

    /**
     * Progress on {@code err}: an animated bar on a terminal, a plain line every few seconds otherwise
     * (redirected to a file or pipe), none with {@code --no-progress}.
     */
    RunDriver.ProgressFactory progress(PrintWriter err) {
        if (noProgress) {
            return RunDriver.ProgressFactory.NONE;
        }
        // System.console() is null when the standard streams are not a terminal.
        return System.console() != null
                ? (startS, endS) -> new ConsoleProgress(err, startS, endS)
                : (startS, endS) -> new LineProgress(err, startS, endS);
    }
}

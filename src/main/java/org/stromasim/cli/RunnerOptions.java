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

    /** A progress bar on {@code err}, or none with {@code --no-progress}. */
    RunDriver.ProgressFactory progress(PrintWriter err) {
        return noProgress ? RunDriver.ProgressFactory.NONE
                : (startS, endS) -> new ConsoleProgress(err, startS, endS);
    }
}

package org.stromasim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stromasim.backend.BackendChoice;
import org.stromasim.batch.GracefulShutdown;
import org.stromasim.batch.RunDriver;
import org.stromasim.batch.RunStatus;
import org.stromasim.batch.SweepManifest;
import org.stromasim.batch.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stromasim sweep run-point}: run one point of an expanded sweep (what each Slurm array task does). */
@Command(name = "run-point", mixinStandardHelpOptions = true,
        description = {"Run point INDEX of the sweep in DIR (a Slurm array task runs this with $SLURM_ARRAY_TASK_ID).",
                "A completed point is left alone; a stopped one continues from its newest snapshot."})
final class SweepRunPointCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Sweep directory.")
    Path sweepDir;

    @Parameters(index = "1", paramLabel = "INDEX", description = "Point index, 0..N-1.")
    int index;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Java backend threads (default: one per processor).")
    int threads;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "Where the numerics run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    BackendChoice backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SweepManifest manifest;
        try {
            manifest = SweepManifest.read(sweepDir);
        } catch (IOException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        var point = manifest.point(index);
        RunStatus status;
        try (GracefulShutdown shutdown = GracefulShutdown.install(spec.commandLine().getErr())) {
            status = new SweepRunner(sweepDir, manifest, new RunDriver.Settings(backend, threads, null), shutdown)
                    .runPoint(index);
        }
        out.printf("%s %s: %s after %.3g s wall (%s)%s%n", sweepDir, point.runDir(), status.state().key(),
                status.wallS(), point.label(), status.error().isEmpty() ? "" : ": " + status.error());
        out.flush();
        return switch (status.state()) {
            case COMPLETED -> ExitCodes.OK;
            case STOPPED -> ExitCodes.STOPPED;
            default -> ExitCodes.RUNS_FAILED;
        };
    }
}
